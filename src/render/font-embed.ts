// The Pretendard font for rendered output: WOFF2 subsets embedded as @font-face rules so an SVG looks
// the same everywhere, and the OTF files that resvg draws PNGs with (resvg ignores @font-face).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type FontWeight, fontFile } from '../layout/measure.js';

/** The `font-family` to put on text elements; the fallbacks have similar metrics if the font is refused. */
export const FONT_FAMILY = 'Pretendard, Inter, "Helvetica Neue", Arial, sans-serif';

/** Text to be drawn in each weight; a weight with no text gets no @font-face rule. */
export type FontTexts = Partial<Record<FontWeight, Iterable<string>>>;

const CSS_WEIGHT: Record<FontWeight, number> = { regular: 400, semibold: 600 };
const WEIGHTS: readonly FontWeight[] = ['regular', 'semibold'];

// Always included, so a count or a version number edited into the SVG by hand still renders.
const ALWAYS_INCLUDED = ' 0123456789';

// The OpenType features that browsers and resvg apply by default (kerning, contextual alternates such as
// '->' becoming an arrow, Hangul jamo composition). Keeping only these, not Pretendard's stylistic sets
// and case/fraction forms, leaves shaping unchanged and makes a subset about 30-50% smaller.
const DEFAULT_SHAPING_FEATURES = [
  'ccmp',
  'locl',
  'rlig',
  'liga',
  'clig',
  'calt',
  'rclt',
  'kern',
  'mark',
  'mkmk',
  'ljmo',
  'vjmo',
  'tjmo',
];

// subset-font ships no types; this is the part of its API used here.
type SubsetFont = (
  font: Buffer,
  text: string,
  options: { targetFormat: 'woff2'; keepFeatures: string[] },
) => Promise<Buffer>;
const subsetFont = createRequire(import.meta.url)('subset-font') as SubsetFont;

/** The OTF files, for resvg's `font.fontFiles`. */
export function fontFilePaths(): string[] {
  return WEIGHTS.map(fontFile);
}

/**
 * The code points drawn, sorted so that the subset depends only on the set of characters and not on
 * the order the texts came in. Control characters (newlines) draw nothing and are left out.
 */
function characterSet(texts: Iterable<string>): string | undefined {
  const codePoints = new Set<number>();
  for (const text of texts) {
    for (const character of text) {
      const codePoint = character.codePointAt(0)!;
      if (codePoint >= 0x20 && (codePoint < 0x7f || codePoint > 0x9f)) codePoints.add(codePoint);
    }
  }
  if (codePoints.size === 0) return undefined;
  for (const character of ALWAYS_INCLUDED) codePoints.add(character.codePointAt(0)!);
  return [...codePoints]
    .sort((a, b) => a - b)
    .map((codePoint) => String.fromCodePoint(codePoint))
    .join('');
}

async function fontFaceRule(weight: FontWeight, characters: string): Promise<string> {
  const subset = await subsetFont(await readFile(fontFile(weight)), characters, {
    targetFormat: 'woff2',
    keepFeatures: DEFAULT_SHAPING_FEATURES,
  });
  return (
    `@font-face{font-family:"Pretendard";font-style:normal;font-weight:${CSS_WEIGHT[weight]};` +
    `src:url(data:font/woff2;base64,${subset.toString('base64')}) format('woff2')}`
  );
}

/**
 * @font-face rules (one per line, regular before semibold) for family "Pretendard" holding just the
 * characters in `texts` for each weight, plus space and digits. Same characters in, same bytes out.
 * Empty when no weight has anything to draw.
 */
export async function fontFaceCss(texts: FontTexts): Promise<string> {
  const rules = WEIGHTS.flatMap((weight) => {
    const characters = characterSet(texts[weight] ?? []);
    return characters === undefined ? [] : [fontFaceRule(weight, characters)];
  });
  return (await Promise.all(rules)).join('\n');
}
