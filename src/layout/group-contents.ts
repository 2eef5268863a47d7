// Contents in the middle: a group that its header (or a node on its border) makes wider than what
// it holds keeps that in its middle across the flow, as a person drawing it would, instead of
// where ELK leaves it (against the start). Only for diagrams routed after placement.

import type { Box } from '../diagram/diagram.js';
import { roundPx } from '../diagram/geometry.js';
import type { Model, ModelNode } from '../spec/model.js';
import type { Direction } from '../spec/types.js';
import { GROUP_PADDING } from './metrics.js';

function descendants(node: ModelNode): ModelNode[] {
  return node.children.flatMap((child) => [child, ...descendants(child)]);
}

/** Moves the contents of groups in `boxes` (in place), outer groups first. A grid's or a stack's
 *  parts move as one, so what they line up stays lined up. */
export function centreGroupContents(model: Model, direction: Direction, boxes: Map<string, Box>): void {
  const vertical = direction === 'down' || direction === 'up';
  const visit = (group: ModelNode) => {
    const inner = group.children.filter((c) => !c.border);
    const box = boxes.get(group.id);
    if (box && inner.length > 0 && inner.every((c) => boxes.has(c.id))) {
      const held = inner.map((c) => boxes.get(c.id)!);
      const [start, end] = vertical
        ? [Math.min(...held.map((b) => b.x)), Math.max(...held.map((b) => b.x + b.width))]
        : [Math.min(...held.map((b) => b.y)), Math.max(...held.map((b) => b.y + b.height))];
      // Across a horizontal flow the header sits above the contents: centre in what is below it.
      const from = vertical ? box.x + GROUP_PADDING : start;
      const to = vertical ? box.x + box.width - GROUP_PADDING : box.y + box.height - GROUP_PADDING;
      let shift = roundPx((from + to) / 2 - (start + end) / 2);
      // Never towards a side with a node on it: layout kept the contents clear of its icon (and
      // of the labels of lines to it) there.
      const onSide = (side: string) => group.children.some((c) => c.border === side);
      if (onSide(vertical ? 'left' : 'top')) shift = Math.max(shift, 0);
      if (onSide(vertical ? 'right' : 'bottom')) shift = Math.min(shift, 0);
      if (Math.abs(shift) >= 1)
        for (const node of inner.flatMap((c) => [c, ...descendants(c)])) {
          const b = boxes.get(node.id)!;
          boxes.set(node.id, vertical ? { ...b, x: b.x + shift } : { ...b, y: b.y + shift });
        }
    }
    for (const child of group.children) if (child.isGroup) visit(child);
  };
  for (const root of model.roots) if (root.isGroup) visit(root);
}
