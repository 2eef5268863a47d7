// Text metrics for layout: advance widths from the same Pretendard files that the renderer embeds
// and resvg draws with, and greedy line wrapping on top of them.

import { readFileSync } from 'node:fs';
import * as hb from 'harfbuzzjs';
import type { TextStyle } from '../diagram/diagram.js';
import { type FontWeight, fontFile } from '../diagram/font-files.js';

export type { FontWeight, TextStyle };

export interface WrappedText {
  lines: string[];
  /** Widest line, in px. */
  width: number;
  /** `lines.length * lineHeight`, in px. */
  height: number;
  lineHeight: number;
}

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT_RATIO = 1.25;

// Fonts are package assets, not user input: loading them once on first use keeps the stage pure in
// every way that matters (same input, same output) without making callers pass font objects around.
// Shaping uses HarfBuzz (the engine browsers use), compiled to WebAssembly: about 0.1 ms per label
// cold, some 7x faster than fontkit on this font, with identical advance widths.
interface ShapingFont {
  font: hb.Font;
  unitsPerEm: number;
}

const fonts = new Map<FontWeight, ShapingFont>();

function loadFont(weight: FontWeight): ShapingFont {
  let loaded = fonts.get(weight);
  if (!loaded) {
    const face = new hb.Face(new hb.Blob(readFileSync(fontFile(weight))), 0);
    loaded = { font: new hb.Font(face), unitsPerEm: face.upem };
    fonts.set(weight, loaded);
  }
  return loaded;
}

// Widths are cached in em, so one entry serves every font size: shaped advance widths (kerning and
// contextual alternates included) scale linearly with size. It is bounded for long-lived
// processes such as watch mode.
const MAX_CACHED_WIDTHS = 100_000;
const widthCache: Record<FontWeight, Map<string, number>> = { regular: new Map(), semibold: new Map() };

let shapingBuffer: hb.Buffer | undefined;

function shapedAdvance(text: string, { font }: ShapingFont): number {
  shapingBuffer ??= new hb.Buffer();
  shapingBuffer.reset();
  shapingBuffer.addText(text);
  shapingBuffer.guessSegmentProperties();
  hb.shape(font, shapingBuffer);
  let advance = 0;
  for (const position of shapingBuffer.getGlyphPositions()) advance += position.xAdvance;
  return advance;
}

function advanceInEm(text: string, weight: FontWeight): number {
  const cache = widthCache[weight];
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const font = loadFont(weight);
  const em = text === '' ? 0 : shapedAdvance(text, font) / font.unitsPerEm;
  if (cache.size >= MAX_CACHED_WIDTHS) cache.clear();
  cache.set(text, em);
  return em;
}

/**
 * Advance width in px of `text` set on one line, shaped as browsers and resvg shape it (kerning,
 * contextual alternates). Whitespace is measured as given; `wrapText` handles newlines and collapsing.
 */
export function measureText(text: string, style: TextStyle): number {
  return advanceInEm(text, style.weight) * style.size;
}

/** A piece of a paragraph that may start a line, and what joins it to the piece before it. */
interface Piece {
  text: string;
  joiner: '' | ' ';
}

// A line may break after these, as after a space: "ap-northeast-", "10.0.0.0/", "Web·".
// Only after a run that follows some other character, so "-5" or "//" never break apart.
const BREAK_AFTER = /(?<=[^/\-·][/\-·]+)(?=[^/\-·])/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function piecesOf(paragraph: string): Piece[] {
  return paragraph
    .split(' ')
    .flatMap((word, wordIndex) =>
      word.split(BREAK_AFTER).map((text, i) => ({ text, joiner: wordIndex > 0 && i === 0 ? ' ' : '' })),
    );
}

function charactersOf(word: string): Piece[] {
  return Array.from(graphemes.segment(word), ({ segment }) => ({ text: segment, joiner: '' }));
}

function joinPieces(pieces: readonly Piece[], start: number, end: number): string {
  let text = pieces[start]?.text ?? '';
  for (let i = start + 1; i < end; i++) text += pieces[i]!.joiner + pieces[i]!.text;
  return text;
}

/**
 * How many pieces from `start` fit on one line (0 if not even the first one does). A line never gets
 * narrower by adding to it, so this gallops (1, 2, 4, ... pieces) and then bisects: shaping costs time
 * per character, and this only ever shapes candidates up to about twice the line's length.
 */
function fittingCount(pieces: readonly Piece[], start: number, fits: (line: string) => boolean): number {
  const available = pieces.length - start;
  let low = 0;
  let high = 1;
  while (high <= available && fits(joinPieces(pieces, start, start + high))) {
    low = high;
    high *= 2;
  }
  high = Math.min(high - 1, available);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(joinPieces(pieces, start, start + mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Greedy line filling. A piece too wide for a line of its own is replaced by its characters, so it
 * breaks between them and its last characters can share a line with the words after it.
 */
function fillLines(paragraph: readonly Piece[], fits: (line: string) => boolean, lines: string[]): void {
  const pieces = [...paragraph];
  let start = 0;
  while (start < pieces.length) {
    const count = fittingCount(pieces, start, fits);
    if (count > 0) {
      lines.push(joinPieces(pieces, start, start + count));
      start += count;
      continue;
    }
    const piece = pieces[start]!;
    const characters = charactersOf(piece.text);
    if (characters.length <= 1) {
      // A single character wider than the line still has to go somewhere.
      lines.push(piece.text);
      start += 1;
    } else {
      pieces.splice(start, 1, ...characters);
    }
  }
}

/**
 * Wraps `text` into lines no wider than `maxWidth` px. Lines break at spaces and after '/', '-' and
 * '·'; a word that does not fit on a line of its own (a Korean phrase without spaces, a long ARN) is
 * broken between characters, so Hangul breaks between syllables. '\n' always breaks. Runs of spaces
 * and tabs collapse to one space and lines are trimmed, as SVG itself renders them. A line is wider
 * than `maxWidth` only when it is a single character wider than `maxWidth`.
 */
export function wrapText(text: string, style: TextStyle, maxWidth: number): WrappedText {
  const fits = (line: string): boolean => measureText(line, style) <= maxWidth;
  const lines: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const paragraph = raw.replace(/[ \t]+/g, ' ').trim();
    if (paragraph === '' || fits(paragraph)) lines.push(paragraph);
    else fillLines(piecesOf(paragraph), fits, lines);
  }
  const width = lines.reduce((widest, line) => Math.max(widest, measureText(line, style)), 0);
  const lineHeight = style.size * LINE_HEIGHT_RATIO;
  return { lines, width, height: lines.length * lineHeight, lineHeight };
}
