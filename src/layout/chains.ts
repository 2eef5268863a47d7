// Straight chains: where one node's only line goes to a node that only it feeds (a user to the
// load balancer, a repository to a registry, a customer gateway to the transit gateway), the first
// slides across the flow to line up with the second, so the line between them is straight. Runs
// after fans are centred, from the end of the flow back, so a chain follows the fan it leads into.

import type { Box } from '../diagram/diagram.js';
import type { Model } from '../spec/model.js';
import type { Direction } from '../spec/types.js';
import { slideOnSide } from './border-nodes.js';
import { allAhead, crossAnchor, slideAcross } from './fans.js';
import { neighboursOf } from './neighbours.js';

/** The links of chains: [from, to] where `from` feeds only `to` and `to` is fed only by `from`. */
function chainLinks(model: Model): [string, string][] {
  const { sources, targets } = neighboursOf(model);
  return [...targets].flatMap(([from, to]): [string, string][] => {
    const [next] = to;
    return to.size === 1 && sources.get(next!)!.size === 1 ? [[from, next!]] : [];
  });
}

/** Moves nodes in `boxes` (in place); `fixed` nodes (laid out in a grid) stay where they are. */
export function straightenChains(
  model: Model,
  direction: Direction,
  boxes: Map<string, Box>,
  fixed: ReadonlySet<string>,
): void {
  const vertical = direction === 'down' || direction === 'up';
  const forward = direction === 'down' || direction === 'right';
  const along = (id: string) => (vertical ? boxes.get(id)!.y : boxes.get(id)!.x);
  const links = chainLinks(model).filter(([from, to]) => {
    const node = model.nodes.get(from)!;
    return !node.isGroup && !fixed.has(from) && boxes.has(from) && boxes.has(to);
  });
  links.sort(([a], [b]) => (along(b) - along(a)) * (forward ? 1 : -1));
  for (const [from, to] of links) {
    const [box, next] = [boxes.get(from)!, boxes.get(to)!];
    if (!allAhead(box, [next], direction)) continue;
    const target = crossAnchor(model, to, next, direction);
    const node = model.nodes.get(from)!;
    if (!node.border) {
      slideAcross(model, from, target - crossAnchor(model, from, box, direction), direction, boxes);
      continue;
    }
    // A node on a border slides along its side, when that side runs across the flow.
    const acrossSide = vertical === (node.border === 'top' || node.border === 'bottom');
    if (acrossSide) slideOnSide(model, node, target, boxes);
  }
}
