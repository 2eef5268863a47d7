// Even fans: a node fed by one node whose lines go out to several nodes that only it feeds is
// centred over them (a load balancer over its instances), where it can move there without leaving
// its group or covering a sibling. The house-style check holds every diagram to the same rule.
// The mirror case lives here too: entry points that feed one node gather round it (centreFeeders).

import type { Box } from '../diagram/diagram.js';
import { boxesOverlap, roundPx } from '../diagram/geometry.js';
import type { Model } from '../spec/model.js';
import type { Direction } from '../spec/types.js';
import { groupFrame, nodeAnchor } from './boxes.js';
import { GROUP_PADDING } from './metrics.js';
import { neighboursOf } from './neighbours.js';

/** Space kept between a moved node and its siblings. */
const SIBLING_GAP = 12;

/** A node fed by exactly one node, with lines out to several nodes that it alone feeds. */
export interface Fan {
  node: string;
  children: string[];
}

export function findFans(model: Model): Fan[] {
  const { sources, targets } = neighboursOf(model);
  const fans: Fan[] = [];
  for (const node of model.nodes.values()) {
    if (node.isGroup || sources.get(node.id)?.size !== 1) continue;
    const children = [...(targets.get(node.id) ?? [])].filter((t) => sources.get(t)!.size === 1);
    if (children.length >= 2) fans.push({ node: node.id, children });
  }
  return fans;
}

const isVertical = (direction: Direction) => direction === 'down' || direction === 'up';

/** Where lines meet a node, across the flow (x in a vertical flow, y in a horizontal one): its
 *  icon's centre. */
export function crossAnchor(model: Model, id: string, box: Box, direction: Direction): number {
  const anchor = nodeAnchor(model.nodes.get(id)!, box);
  return isVertical(direction) ? box.x + anchor.x : box.y + anchor.y;
}

/** Whether the boxes share one rank: some line across the flow runs through all of them. Lines to
 *  nodes at different depths of the flow are separate ways, not a fan. */
export function inOneRank(boxes: readonly Box[], direction: Direction): boolean {
  const vertical = isVertical(direction);
  const start = Math.max(...boxes.map((b) => (vertical ? b.y : b.x)));
  const end = Math.min(...boxes.map((b) => (vertical ? b.y + b.height : b.x + b.width)));
  return start < end;
}

/** Whether every one of `children` lies wholly further along the flow than `box`. */
export function allAhead(box: Box, children: readonly Box[], direction: Direction): boolean {
  const vertical = isVertical(direction);
  const start = (b: Box) => (vertical ? b.y : b.x);
  const end = (b: Box) => (vertical ? b.y + b.height : b.x + b.width);
  const forward = direction === 'down' || direction === 'right';
  return children.every((t) => (forward ? start(t) >= end(box) : end(t) <= start(box)));
}

/** Where a fan's node belongs across the flow: midway between its outermost children's anchors. */
export function fanCentre(anchors: readonly number[]): number {
  return (Math.min(...anchors) + Math.max(...anchors)) / 2;
}

/** How far a fan's node is from where it belongs (null when its children are not all ahead of it). */
function fanOffset(model: Model, fan: Fan, direction: Direction, boxes: Map<string, Box>): number | null {
  const box = boxes.get(fan.node);
  const children = fan.children.filter((id) => boxes.has(id));
  const childBoxes = children.map((id) => boxes.get(id)!);
  if (
    !box ||
    children.length < 2 ||
    !allAhead(box, childBoxes, direction) ||
    !inOneRank(childBoxes, direction)
  )
    return null;
  const anchors = children.map((id) => crossAnchor(model, id, boxes.get(id)!, direction));
  return fanCentre(anchors) - crossAnchor(model, fan.node, box, direction);
}

/** Whether some fan's node is off the middle of its children (by more than `tolerance` px). */
export function hasUnevenFan(
  model: Model,
  direction: Direction,
  boxes: Map<string, Box>,
  tolerance = 2,
): boolean {
  return findFans(model).some((fan) => Math.abs(fanOffset(model, fan, direction, boxes) ?? 0) > tolerance);
}

/** Moves fan nodes in `boxes` (in place); `fixed` nodes (laid out in a grid) stay where they are.
 *  The fans furthest along the flow go first, so a fan whose children are fans centres over
 *  where they end up. */
export function centreFans(
  model: Model,
  direction: Direction,
  boxes: Map<string, Box>,
  fixed: ReadonlySet<string>,
): void {
  const forward = direction === 'down' || direction === 'right';
  const along = (b: Box) => (isVertical(direction) ? b.y : b.x);
  const fans = findFans(model)
    .filter((fan) => !fixed.has(fan.node) && boxes.has(fan.node))
    .sort((a, b) => (along(boxes.get(b.node)!) - along(boxes.get(a.node)!)) * (forward ? 1 : -1));
  for (const fan of fans) {
    const shift = fanOffset(model, fan, direction, boxes);
    if (shift !== null) slideAcross(model, fan.node, shift, direction, boxes);
  }
}

/** Entry points (nodes fed by none) that each feed one node only and sit side by side behind it
 *  slide together so that node sits midway across them: the rider and driver apps before the
 *  load balancer they both reach. */
export function centreFeeders(
  model: Model,
  direction: Direction,
  boxes: Map<string, Box>,
  fixed: ReadonlySet<string>,
): void {
  const { sources, targets } = neighboursOf(model);
  for (const [node, from] of sources) {
    const feeders = [...from].filter((id) => {
      const n = model.nodes.get(id)!;
      return !n.isGroup && !n.border && !fixed.has(id) && !sources.has(id) && targets.get(id)!.size === 1;
    });
    const box = boxes.get(node);
    if (feeders.length < 2 || !box) continue;
    const feederBoxes = feeders.map((id) => boxes.get(id)!);
    if (!inOneRank(feederBoxes, direction) || !feederBoxes.every((b) => allAhead(b, [box], direction)))
      continue;
    // As far as their group lets them go, if not all the way.
    const wanted =
      crossAnchor(model, node, box, direction) -
      fanCentre(feeders.map((id) => crossAnchor(model, id, boxes.get(id)!, direction)));
    const low = Math.max(...feeders.map((id) => room(model, id, direction, boxes)[0]));
    const high = Math.min(...feeders.map((id) => room(model, id, direction, boxes)[1]));
    const shift = Math.min(Math.max(wanted, low), high);
    // The one furthest the way they go moves first, so none moves onto another.
    const order = [...feeders].sort(
      (a, b) =>
        (crossAnchor(model, b, boxes.get(b)!, direction) - crossAnchor(model, a, boxes.get(a)!, direction)) *
        Math.sign(shift),
    );
    const before = new Map(order.map((id) => [id, boxes.get(id)!]));
    if (!order.every((id) => slideAcross(model, id, shift, direction, boxes)))
      for (const [id, b] of before) boxes.set(id, b);
  }
}

/** How far a node may move across the flow, either way, and stay inside its group (below its
 *  header, off its sides by the group padding). */
function room(model: Model, id: string, direction: Direction, boxes: Map<string, Box>): [number, number] {
  const node = model.nodes.get(id)!;
  const box = boxes.get(id)!;
  const parent = node.parent === null ? undefined : boxes.get(node.parent);
  if (!parent) return [-Infinity, Infinity];
  if (isVertical(direction))
    return [parent.x + GROUP_PADDING - box.x, parent.x + parent.width - GROUP_PADDING - box.x - box.width];
  const top = parent.y + groupFrame(model.nodes.get(node.parent!)!, parent.width).paddingTop;
  return [top - box.y, parent.y + parent.height - GROUP_PADDING - box.y - box.height];
}

/** Moves a node across the flow by `shift` if it stays inside its group, clear of its siblings.
 *  Returns whether it moved. */
export function slideAcross(
  model: Model,
  id: string,
  shift: number,
  direction: Direction,
  boxes: Map<string, Box>,
): boolean {
  const box = boxes.get(id)!;
  if (Math.abs(shift) < 0.5) return false;
  const moved = isVertical(direction)
    ? { ...box, x: roundPx(box.x + shift) }
    : { ...box, y: roundPx(box.y + shift) };
  const node = model.nodes.get(id)!;
  const [low, high] = room(model, id, direction, boxes);
  const inside = shift >= low - 0.5 && shift <= high + 0.5;
  const siblings = model.nodes.get(node.parent ?? '')?.children ?? model.roots;
  const clear = siblings.every((s) => {
    const other = s.id === id ? undefined : boxes.get(s.id);
    return !other || !boxesOverlap(moved, other, -SIBLING_GAP);
  });
  if (inside && clear) boxes.set(id, moved);
  return inside && clear;
}
