// Where text baselines go: a block's lines are centred in their line boxes using the font's own
// ascent and descent, so browsers and resvg put the glyphs where the layout measured them.

import type { TextBlock } from '../diagram/diagram.js';
import { roundPx } from '../diagram/geometry.js';

// Pretendard's hhea ascender and descender (1950 and 494 of 2048 units), from the font's hhea table.
const ASCENT = 0.952;
const DESCENT = 0.241;

export interface PlacedLine {
  text: string;
  x: number;
  y: number;
}

export function baselineOffset(size: number, lineHeight: number): number {
  return (lineHeight - (ASCENT + DESCENT) * size) / 2 + ASCENT * size;
}

export function placeLines(block: TextBlock): PlacedLine[] {
  const x = block.align === 'middle' ? block.x + block.width / 2 : block.x + 2;
  const first = block.y + baselineOffset(block.font.size, block.lineHeight);
  return block.lines.map((text, i) => ({ text, x: roundPx(x), y: roundPx(first + i * block.lineHeight) }));
}
