// The texts a spec's diagram will draw, each in the font layout gives it (metrics.ts), read from
// the model before layout: font subsets for them can be made while ELK runs.

import type { FontWeight, TextStyle } from '../diagram/diagram.js';
import type { Model } from '../spec/model.js';
import {
  EDGE_LABEL_FONT,
  END_LABEL_FONT,
  GROUP_LABEL_FONT,
  LABEL_FONT,
  LEGEND_FONT,
  LEGEND_HEADING_FONT,
  NOTE_FONT,
  SOURCE_FONT,
  TITLE_FONT,
} from './metrics.js';

/** Step numbers in badges are drawn semibold (render/svg.ts). */
const BADGE_WEIGHT: FontWeight = 'semibold';

/** The same texts as render's `diagramTexts` will find in the laid-out diagram. */
export function modelTexts(model: Model): { regular: string[]; semibold: string[] } {
  const texts = { regular: [] as string[], semibold: [] as string[] };
  const add = (text: string, style: TextStyle) => texts[style.weight].push(text);
  if (model.title !== undefined) add(model.title, TITLE_FONT);
  if (model.source) add(model.source, SOURCE_FONT);
  for (const node of model.nodes.values()) {
    add(node.label, node.isGroup ? GROUP_LABEL_FONT : LABEL_FONT);
    if (node.note) add(node.note, NOTE_FONT);
  }
  for (const edge of model.edges) {
    if (edge.label?.trim()) add(edge.label, EDGE_LABEL_FONT);
    if (edge.sourceLabel) add(edge.sourceLabel, END_LABEL_FONT);
    if (edge.targetLabel) add(edge.targetLabel, END_LABEL_FONT);
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
