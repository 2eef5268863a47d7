// The Pretendard font for rendered output: WOFF2 subsets embedded as @font-face rules so an SVG looks
// the same everywhere, and the OTF files that resvg draws PNGs with (resvg ignores @font-face).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type FontWeight, fontFile } from '../diagram/font-files.js';
import { woff2FromOtf } from './woff2.js';

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
  options: { targetFormat: 'sfnt'; keepFeatures: string[] },
) => Promise<Buffer>;
let subsetFont: SubsetFont | undefined;
/** subset-font loads HarfBuzz's subsetter and a WOFF2 encoder: only when a subset is made. */
function loadSubsetFont(): SubsetFont {
  subsetFont ??= createRequire(import.meta.url)('subset-font') as SubsetFont;
  return subsetFont;
}

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

async function makeFontFaceRule(weight: FontWeight, characters: string): Promise<string> {
  const subset = await loadSubsetFont()(await readFile(fontFile(weight)), characters, {
    targetFormat: 'sfnt',
    keepFeatures: DEFAULT_SHAPING_FEATURES,
  });
  const woff2 = woff2FromOtf(subset);
  return (
    `@font-face{font-family:"Pretendard";font-style:normal;font-weight:${CSS_WEIGHT[weight]};` +
    `src:url(data:font/woff2;base64,${woff2.toString('base64')}) format('woff2')}`
  );
}

// Rules already made or being made, by weight and characters: the CLI starts a diagram's subsets
// from its spec while ELK lays it out (see diagram-font.ts), and watch mode re-renders unchanged
// text. Bounded, oldest out first; a failed subset is not kept.
const MAX_REMEMBERED_RULES = 32;
const rules = new Map<string, Promise<string>>();

function fontFaceRule(weight: FontWeight, characters: string): Promise<string> {
  const key = `${weight}\n${characters}`;
  let rule = rules.get(key);
  if (!rule) {
    rule = makeFontFaceRule(weight, characters);
    rule.catch(() => rules.delete(key));
    rules.set(key, rule);
    if (rules.size > MAX_REMEMBERED_RULES) rules.delete(rules.keys().next().value!);
  }
  return rule;
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
