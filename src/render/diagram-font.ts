// The text a diagram draws, by weight: what the embedded font subset must cover.

import type { Diagram, TextBlock } from '../layout/diagram.js';
import type { FontWeight, TextStyle } from '../layout/measure.js';
import {
  EDGE_LABEL_FONT,
  GROUP_LABEL_FONT,
  LABEL_FONT,
  LEGEND_FONT,
  LEGEND_HEADING_FONT,
  NOTE_FONT,
  SOURCE_FONT,
  TITLE_FONT,
} from '../layout/metrics.js';
import type { Model } from '../spec/model.js';
import { fontFaceCss } from './font-embed.js';

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
  return texts;
}

/** @font-face rules with just the glyphs this diagram draws. */
export function diagramFontCss(diagram: Diagram): Promise<string> {
  return fontFaceCss(diagramTexts(diagram));
}

/**
 * The same texts as `diagramTexts` will find, read from the spec before layout, each in the font
 * the layout gives it (metrics.ts).
 */
export function modelTexts(model: Model): { regular: string[]; semibold: string[] } {
  const texts = { regular: [] as string[], semibold: [] as string[] };
  const add = (text: string, style: TextStyle) => texts[style.weight].push(text);
  add(model.title, TITLE_FONT);
  if (model.source) add(model.source, SOURCE_FONT);
  for (const node of model.nodes.values()) {
    add(node.label, node.isGroup ? GROUP_LABEL_FONT : LABEL_FONT);
    if (node.note) add(node.note, NOTE_FONT);
  }
  for (const edge of model.edges) {
    if (edge.label?.trim()) add(edge.label, EDGE_LABEL_FONT);
    if (edge.step !== undefined) texts[BADGE_WEIGHT].push(String(edge.step));
  }
  for (const overlay of model.overlays) add(overlay.label, GROUP_LABEL_FONT);
  if (model.steps.length > 0) {
    add(model.legendTitle, LEGEND_HEADING_FONT);
    for (const step of model.steps) {
      add(step.text, LEGEND_FONT);
      texts[BADGE_WEIGHT].push(String(step.number));
    }
  }
  return texts;
}

/**
 * Starts making the font subsets for a spec's diagram while it is still being laid out. Nothing
 * depends on it: rendering asks for the diagram's own subsets, and gets these if the characters
 * are the same (they are, unless the layout drops a text, such as an overlay label with no room).
 */
export function prepareModelFont(model: Model): void {
  fontFaceCss(modelTexts(model)).catch(() => {});
}
