// The text a diagram draws, by weight: what the embedded font subset must cover.

import type { Diagram, FontWeight, TextBlock } from '../diagram/diagram.js';
import { type FontTexts, fontFaceCss } from './font-embed.js';

/** Step numbers in badges are drawn semibold (svg.ts). */
const BADGE_WEIGHT: FontWeight = 'semibold';

export function diagramTexts(diagram: Diagram): { regular: string[]; semibold: string[] } {
  const texts = { regular: [] as string[], semibold: [] as string[] };
  const add = (block: TextBlock | null) => {
    if (block) texts[block.font.weight].push(block.lines.join(''));
  };
  add(diagram.title);
  add(diagram.source);
  for (const n of diagram.nodes) {
    add(n.label);
    add(n.note);
  }
  for (const e of diagram.edges) {
    add(e.label);
    add(e.sourceLabel?.text ?? null);
    add(e.targetLabel?.text ?? null);
    if (e.badge) texts[BADGE_WEIGHT].push(String(e.badge.step));
  }
  for (const o of diagram.overlays) add(o.header?.label ?? null);
  if (diagram.legend) {
    add(diagram.legend.heading);
    for (const item of diagram.legend.items) {
      add(item.text);
      texts[BADGE_WEIGHT].push(String(item.badge.step));
    }
  }
  if (diagram.markLegend) for (const item of diagram.markLegend.items) add(item.text);
  // A diff's mark badges (+, −, ~) are drawn semibold (svg.ts).
  const marked = [...diagram.nodes, ...diagram.edges].some((x) => x.mark) || diagram.markLegend;
  if (marked) texts[BADGE_WEIGHT].push('+−~');
  return texts;
}

/** @font-face rules with just the glyphs this diagram draws. */
export function diagramFontCss(diagram: Diagram): Promise<string> {
  return fontFaceCss(diagramTexts(diagram));
}

/**
 * Starts making the font subsets for texts a diagram will draw (layout's `modelTexts`, read from
 * the spec while it is still being laid out). Nothing depends on it: rendering asks for the
 * diagram's own subsets, and gets these if the characters are the same (they are, unless the
 * layout drops a text, such as an overlay label with no room).
 */
export function prepareFont(texts: FontTexts): void {
  fontFaceCss(texts).catch(() => {});
}
