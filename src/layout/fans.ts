// Even fans: a node fed by one node whose lines go out to several nodes further along the flow is
// centred over them (a load balancer over its instances), where it can move there without leaving its group or
// covering a sibling. Only for diagrams routed after placement: ELK's own routes would not follow.

import type { Model } from '../spec/model.js';
import type { Direction } from '../spec/types.js';
import type { Box } from './diagram.js';
import { boxesOverlap, roundPx } from './geometry.js';
import { GROUP_PADDING } from './metrics.js';

/** Space kept between a moved node and its siblings. */
const SIBLING_GAP = 12;

/** Moves such nodes in `boxes` (in place); `fixed` nodes (laid out in a grid) stay where they are. */
export function centreFans(
  model: Model,
  direction: Direction,
  boxes: Map<string, Box>,
  fixed: ReadonlySet<string>,
): void {
  const vertical = direction === 'down' || direction === 'up';
  const forward = direction === 'down' || direction === 'right';
  const cross = (b: Box) => (vertical ? b.x + b.width / 2 : b.y + b.height / 2);
  const start = (b: Box) => (vertical ? b.y : b.x);
  const end = (b: Box) => (vertical ? b.y + b.height : b.x + b.width);
  for (const node of model.nodes.values()) {
    if (node.isGroup || fixed.has(node.id)) continue;
    const box = boxes.get(node.id);
    if (!box) continue;
    const targets = [...new Set(model.edges.filter((e) => e.from === node.id).map((e) => e.to))]
      .map((id) => boxes.get(id))
      .filter((b): b is Box => b !== undefined);
    const sources = new Set(model.edges.filter((e) => e.to === node.id).map((e) => e.from));
    if (targets.length < 2 || sources.size !== 1) continue;
    // All targets further along the flow than the node.
    const ahead = targets.every((t) => (forward ? start(t) >= end(box) : end(t) <= start(box)));
    if (!ahead) continue;
    const centre = (Math.min(...targets.map(cross)) + Math.max(...targets.map(cross))) / 2;
    const shift = centre - cross(box);
    if (Math.abs(shift) < 0.5) continue;
    const moved = vertical ? { ...box, x: roundPx(box.x + shift) } : { ...box, y: roundPx(box.y + shift) };
    const parent = node.parent === null ? undefined : boxes.get(node.parent);
    const inside =
      !parent ||
      (moved.x >= parent.x + GROUP_PADDING - 0.5 &&
        moved.y >= parent.y - 0.5 &&
        moved.x + moved.width <= parent.x + parent.width - GROUP_PADDING + 0.5 &&
        moved.y + moved.height <= parent.y + parent.height - GROUP_PADDING + 0.5);
    const siblings = model.nodes.get(node.parent ?? '')?.children ?? model.roots;
    const clear = siblings.every((s) => {
      const other = s.id === node.id ? undefined : boxes.get(s.id);
      return !other || !boxesOverlap(moved, other, -SIBLING_GAP);
    });
    if (inside && clear) boxes.set(node.id, moved);
  }
}
