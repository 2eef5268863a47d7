// An ELK result read back as boxes: every node's whole box (icon and label) in the coordinates of
// the run, whether ELK saw the whole box or only the icon (see elk-graph.ts).

import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Box } from '../diagram/diagram.js';
import { roundPx } from '../diagram/geometry.js';
import type { ElkInput } from './elk-graph.js';

export function elkBoxes(input: ElkInput, result: ElkNode): Map<string, Box> {
  const boxes = new Map<string, Box>();
  const visit = (n: ElkNode) => {
    for (const port of n.ports ?? []) {
      // A node on the border: ELK placed it as a port, with the icon at the port's centre.
      const centre = input.borders.get(port.id);
      const leaf = input.leaves.get(port.id);
      if (!centre || !leaf) continue;
      boxes.set(port.id, {
        x: roundPx((port.x ?? 0) + (port.width ?? 0) / 2 - centre.x),
        y: roundPx((port.y ?? 0) + (port.height ?? 0) / 2 - centre.y),
        width: leaf.width,
        height: leaf.height,
      });
    }
    for (const e of n.children ?? []) {
      const leaf = input.leaves.get(e.id);
      // ELK laid out only the icon: the node's box is placed around it, label below.
      const icon = leaf && input.iconAnchored.has(e.id) ? leaf.icon : null;
      boxes.set(e.id, {
        x: roundPx((e.x ?? 0) - (icon?.x ?? 0)),
        y: roundPx((e.y ?? 0) - (icon?.y ?? 0)),
        width: leaf && icon ? leaf.width : roundPx(e.width ?? 0),
        height: leaf && icon ? leaf.height : roundPx(e.height ?? 0),
      });
      visit(e);
    }
  };
  visit(result);
  return boxes;
}

/** The boxes moved by (dx, dy). */
export function movedBoxes(boxes: ReadonlyMap<string, Box>, dx: number, dy: number): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const [id, b] of boxes) out.set(id, { ...b, x: roundPx(b.x + dx), y: roundPx(b.y + dy) });
  return out;
}
