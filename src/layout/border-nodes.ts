// Nodes on a group's border slide along it to face what they connect to inside the group: an
// internet gateway on the VPC's top edge sits over the load balancer it feeds, so the line between
// them is straight. ELK places a border node as a port wherever its ordering puts it; the diagram
// is routed after this, so moving it costs nothing.

import type { Box } from '../diagram/diagram.js';
import { boxesOverlap, roundPx } from '../diagram/geometry.js';
import { isInside, type Model, type ModelNode } from '../spec/model.js';
import { borderBox, groupFrame } from './boxes.js';
import { GROUP_PADDING } from './metrics.js';

/** Space kept between two nodes on one side. */
const GAP = 12;
/** The steps a node slides by, looking for a clear place. */
const STEP = 4;

/** Moves border nodes in `boxes` (in place), each along its side, where it stays on the side and clear of the others. */
export function alignBorderNodes(model: Model, boxes: Map<string, Box>): void {
  for (const node of model.nodes.values()) {
    if (!node.border || node.parent === null) continue;
    const box = boxes.get(node.id);
    const parent = boxes.get(node.parent);
    if (!box || !parent) continue;
    const horizontal = node.border === 'top' || node.border === 'bottom';
    const neighbours = model.edges
      .flatMap((e) => (e.from === node.id ? [e.to] : e.to === node.id ? [e.from] : []))
      .filter((id) => isInside(model, id, node.parent!))
      .map((id) => boxes.get(id))
      .filter((b): b is Box => b !== undefined);
    const mids = neighbours.map((b) => (horizontal ? b.x + b.width / 2 : b.y + b.height / 2));
    const centre = borderBox(node, node.border).centre;
    const here = horizontal ? box.x + centre.x : box.y + centre.y;
    const target = mids.length > 0 ? (Math.min(...mids) + Math.max(...mids)) / 2 : here;
    const [low, high] = sideRange(parent, horizontal);
    // Where it faces its neighbours, else the nearest place along the side that is clear.
    const wanted = Math.min(Math.max(target, low), high);
    const candidates = [wanted];
    for (let step = STEP; wanted - step >= low || wanted + step <= high; step += STEP)
      candidates.push(...[wanted - step, wanted + step].filter((at) => at >= low && at <= high));
    candidates.find((at) => slideOnSide(model, node, at, boxes));
  }
}

/** Where along a side a border node's icon centre may go: off the group's corners. */
function sideRange(parent: Box, horizontal: boolean): [number, number] {
  return horizontal
    ? [parent.x + GROUP_PADDING + 24, parent.x + parent.width - GROUP_PADDING - 24]
    : [parent.y + GROUP_PADDING + 24, parent.y + parent.height - GROUP_PADDING - 24];
}

/** Puts a border node's icon centre at `at` along its side, if that is on the side and clear of
 *  other nodes and of its group's header. Returns whether it moved there. */
export function slideOnSide(model: Model, node: ModelNode, at: number, boxes: Map<string, Box>): boolean {
  const box = boxes.get(node.id);
  const parent = boxes.get(node.parent!);
  if (!box || !parent || !node.border) return false;
  const horizontal = node.border === 'top' || node.border === 'bottom';
  const [low, high] = sideRange(parent, horizontal);
  if (at < low - 0.5 || at > high + 0.5) return false;
  const centre = borderBox(node, node.border).centre;
  const moved = horizontal ? { ...box, x: roundPx(at - centre.x) } : { ...box, y: roundPx(at - centre.y) };
  if (clashes(model, node, moved, parent, boxes)) return false;
  boxes.set(node.id, moved);
  return true;
}

/** Whether the node, moved, would touch another node or its group's header. */
function clashes(
  model: Model,
  node: ModelNode,
  moved: Box,
  parentBox: Box,
  boxes: Map<string, Box>,
): boolean {
  const parent = model.nodes.get(node.parent!)!;
  const frame = groupFrame(parent, parentBox.width);
  const header = [frame.label, frame.icon, frame.note].flatMap((part) =>
    part ? [{ ...part, x: parentBox.x + part.x, y: parentBox.y + part.y }] : [],
  );
  // Every other node, but for the groups it is in.
  const ancestors = new Set<string>();
  for (let n: ModelNode | undefined = parent; n; n = model.nodes.get(n.parent ?? '')) ancestors.add(n.id);
  const others = [...model.nodes.values()].filter((n) => n.id !== node.id && !ancestors.has(n.id));
  return [...header, ...others.map((n) => boxes.get(n.id))].some(
    (other) => other !== undefined && boxesOverlap(moved, other, -GAP),
  );
}
