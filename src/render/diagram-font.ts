// The text a diagram draws, by weight: what the embedded font subset must cover.

import type { Diagram, TextBlock } from '../layout/diagram.js';
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
