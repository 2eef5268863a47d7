// The font files: Pretendard (OFL, Latin and Hangul) in two weights. The same files are measured
// for layout, embedded as subsets in SVGs and given to resvg for PNGs. A module of its own so the
// renderer can find them without loading the shaping engine.

import { createRequire } from 'node:module';

export type FontWeight = 'regular' | 'semibold';

const FONT_FILES: Record<FontWeight, string> = {
  regular: 'pretendard/dist/public/static/Pretendard-Regular.otf',
  semibold: 'pretendard/dist/public/static/Pretendard-SemiBold.otf',
};

/** Absolute path of the OTF file for a weight. */
export function fontFile(weight: FontWeight): string {
  return createRequire(import.meta.url).resolve(FONT_FILES[weight]);
}
