// The text a diagram draws, by weight: what the embedded font subset must cover.

import type { Diagram, TextBlock } from '../layout/diagram.js';
import type { Model } from '../spec/model.js';
import { fontFaceCss } from './font-embed.js';

export function diagramTexts(diagram: Diagram): { regular: string[]; semibold: string[] } {
  const regular: string[] = [];
  const semibold: string[] = [diagram.title.lines.join('')];
  const add = (block: TextBlock | null) => {
    if (block) (block.font.weight === 'semibold' ? semibold : regular).push(block.lines.join(''));
  };
  add(diagram.source);
  for (const n of diagram.nodes) {
    add(n.label);
    add(n.note);
  }
  for (const e of diagram.edges) {
    add(e.label);
    if (e.badge) semibold.push(String(e.badge.step));
  }
  for (const o of diagram.overlays) add(o.header?.label ?? null);
  if (diagram.legend) {
    add(diagram.legend.heading);
    for (const item of diagram.legend.items) {
      add(item.text);
      semibold.push(String(item.badge.step));
    }
  }
  return { regular, semibold };
}

/** @font-face rules with just the glyphs this diagram draws. */
export function diagramFontCss(diagram: Diagram): Promise<string> {
  return fontFaceCss(diagramTexts(diagram));
}

/**
 * The same texts as `diagramTexts` will find, read from the spec before layout: group and overlay
 * names, the title and the legend heading are semibold, everything else regular (see metrics.ts).
 */
export function modelTexts(model: Model): { regular: string[]; semibold: string[] } {
  const regular: string[] = [];
  const semibold: string[] = [model.title];
  if (model.source) regular.push(model.source);
  for (const node of model.nodes.values()) {
    (node.isGroup ? semibold : regular).push(node.label);
    if (node.note) regular.push(node.note);
  }
  for (const edge of model.edges) {
    if (edge.label?.trim()) regular.push(edge.label);
    if (edge.step !== undefined) semibold.push(String(edge.step));
  }
  for (const overlay of model.overlays) semibold.push(overlay.label);
  if (model.steps.length > 0) {
    semibold.push(model.legendTitle);
    for (const step of model.steps) {
      regular.push(step.text);
      semibold.push(String(step.number));
    }
  }
  return { regular, semibold };
}

/**
 * Starts making the font subsets for a spec's diagram while it is still being laid out. Nothing
 * depends on it: rendering asks for the diagram's own subsets, and gets these if the characters
 * are the same (they are, unless the layout drops a text, such as an overlay label with no room).
 */
export function prepareModelFont(model: Model): void {
  fontFaceCss(modelTexts(model)).catch(() => {});
}
