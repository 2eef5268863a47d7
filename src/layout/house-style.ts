// What AWS's own diagrams do, as checks on a laid-out diagram (beside findLayoutDefects, which
// finds what is wrong in any diagram): Availability Zones as equal columns or rows in the order the
// spec writes them, their subnet tiers lined up, overlays that hold only their members, and edge
// labels next to their own line. Given the model, also what the spec asked for: nodes on their
// group's border, groups flowing in their own direction, arranged groups in a row or a column.
// The geometry tests hold every spec to these.

import type { Box, Diagram, DiagramNode, Point } from '../diagram/diagram.js';
import type { Model } from '../spec/model.js';
import type { Direction } from '../spec/types.js';
import { findLineEndIssues } from './defects.js';
import { allAhead, fanCentre, findFans, inOneRank } from './fans.js';
import { flowOf } from './flow.js';

export interface StyleIssue {
  kind:
    | 'az-not-aligned'
    | 'tier-not-aligned'
    | 'overlay-holds-other'
    | 'label-far-from-edge'
    | 'end-label-far-from-end'
    | 'border-node-off-side'
    | 'direction-not-followed'
    | 'arrangement-not-followed'
    | 'fan-not-centred'
    | 'picture-out-of-proportion'
    | 'line-off-icon';
  message: string;
}

/** How far a fan's node may be from the middle of its children. */
const FAN_CENTRED = 2;

/** How far a border node's icon centre may be from its side. */
const ON_SIDE = 2;

/** Tolerance for "the same coordinate", in px. */
const SAME = 1;
/** How far an edge label may be from its own line. */
const LABEL_REACH = 12;
/** How far an end label may be from the end of its line: further, it reads as the middle's. */
const END_LABEL_REACH = 90;

/** The distance from a point to the nearest point of a box (0 inside it). */
function distanceToBox([x, y]: Point, b: Box): number {
  const dx = Math.max(b.x - x, 0, x - (b.x + b.width));
  const dy = Math.max(b.y - y, 0, y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

const same = (a: number, b: number) => Math.abs(a - b) <= SAME;

/** The AZs side by side (same y and height, x increasing) or stacked (same x and width, y increasing). */
function azIssues(parent: DiagramNode, azs: DiagramNode[]): StyleIssue[] {
  const boxes = azs.map((az) => az.box);
  const first = boxes[0]!;
  const row = boxes.every((b) => same(b.y, first.y) && same(b.height, first.height));
  const column = boxes.every((b) => same(b.x, first.x) && same(b.width, first.width));
  const ordered = boxes.every(
    (b, i) =>
      i === 0 ||
      (row ? b.x > boxes[i - 1]!.x + boxes[i - 1]!.width : b.y > boxes[i - 1]!.y + boxes[i - 1]!.height),
  );
  const equal = boxes.every((b) => same(b.width, first.width) && same(b.height, first.height));
  if ((row || column) && ordered && equal) return [];
  return [
    {
      kind: 'az-not-aligned',
      message: `the AZs of '${parent.id}' (${azs.map((a) => a.id).join(', ')}) are not equal columns or rows in spec order`,
    },
  ];
}

/** The k-th child of every AZ on one line across the AZs, when they hold as many children. */
function tierIssues(azs: DiagramNode[], childrenOf: (id: string) => DiagramNode[]): StyleIssue[] {
  const tiers = azs.map((az) => childrenOf(az.id));
  const count = tiers[0]!.length;
  if (!tiers.every((t) => t.length === count)) return [];
  const row = azs.every((az) => same(az.box.y, azs[0]!.box.y));
  const issues: StyleIssue[] = [];
  for (let k = 0; k < count; k++) {
    const cells = tiers.map((t) => t[k]!.box);
    const lined = cells.every((b) =>
      row
        ? same(b.y, cells[0]!.y) && same(b.height, cells[0]!.height)
        : same(b.x, cells[0]!.x) && same(b.width, cells[0]!.width),
    );
    if (!lined)
      issues.push({
        kind: 'tier-not-aligned',
        message: `tier ${k + 1} (${tiers.map((t) => t[k]!.id).join(', ')}) is not lined up across the AZs`,
      });
  }
  return issues;
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x - SAME &&
    inner.y >= outer.y - SAME &&
    inner.x + inner.width <= outer.x + outer.width + SAME &&
    inner.y + inner.height <= outer.y + outer.height + SAME
  );
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Distance from a box to an axis-parallel polyline (0 where they touch). */
function distanceToLine(box: Box, points: Point[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const dx = Math.max(0, Math.min(ax, bx) - (box.x + box.width), box.x - Math.max(ax, bx));
    const dy = Math.max(0, Math.min(ay, by) - (box.y + box.height), box.y - Math.max(ay, by));
    best = Math.min(best, Math.hypot(dx, dy));
  }
  return best;
}

/** The icon of a border node centred on its side of the parent, within the side's length. */
function borderIssues(diagram: Diagram, byId: Map<string, DiagramNode>): StyleIssue[] {
  const issues: StyleIssue[] = [];
  for (const node of diagram.nodes) {
    if (!node.border || node.parent === null) continue;
    const parent = byId.get(node.parent)!.box;
    const mark = node.icon ?? node.box;
    const cx = mark.x + mark.width / 2;
    const cy = mark.y + mark.height / 2;
    const line = {
      top: [cy, parent.y],
      bottom: [cy, parent.y + parent.height],
      left: [cx, parent.x],
      right: [cx, parent.x + parent.width],
    }[node.border];
    const along = node.border === 'top' || node.border === 'bottom';
    const [low, high, at] = along
      ? [parent.x, parent.x + parent.width, cx]
      : [parent.y, parent.y + parent.height, cy];
    if (Math.abs(line[0]! - line[1]!) > ON_SIDE || at < low || at > high)
      issues.push({
        kind: 'border-node-off-side',
        message: `'${node.id}' is not centred on the ${node.border} side of '${node.parent}'`,
      });
  }
  return issues;
}

/** Whether `b` comes after `a` in the direction (wholly past it). */
function follows(a: Box, b: Box, direction: Direction): boolean {
  switch (direction) {
    case 'down':
      return b.y >= a.y + a.height - SAME;
    case 'up':
      return b.y + b.height <= a.y + SAME;
    case 'right':
      return b.x >= a.x + a.width - SAME;
    case 'left':
      return b.x + b.width <= a.x + SAME;
  }
}

/** Groups with their own direction: every edge between two of their children runs that way. */
function directionIssues(model: Model, byId: Map<string, DiagramNode>): StyleIssue[] {
  const issues: StyleIssue[] = [];
  for (const group of model.nodes.values()) {
    if (!group.direction || !group.isGroup) continue;
    const children = new Set(group.children.filter((c) => !c.border).map((c) => c.id));
    for (const edge of model.edges) {
      if (!children.has(edge.from) || !children.has(edge.to)) continue;
      if (!follows(byId.get(edge.from)!.box, byId.get(edge.to)!.box, group.direction))
        issues.push({
          kind: 'direction-not-followed',
          message: `in '${group.id}' (direction ${group.direction}) '${edge.to}' does not follow '${edge.from}'`,
        });
    }
  }
  return issues;
}

/** Arranged groups: their children (but for border nodes) one after another in spec order, on one line. */
function arrangementIssues(model: Model, byId: Map<string, DiagramNode>): StyleIssue[] {
  const issues: StyleIssue[] = [];
  for (const group of model.nodes.values()) {
    if (!group.arrange || !group.isGroup) continue;
    const boxes = group.children.filter((c) => !c.border).map((c) => byId.get(c.id)!.box);
    const row = group.arrange === 'row';
    const ordered = boxes.every((b, i) => i === 0 || follows(boxes[i - 1]!, b, row ? 'right' : 'down'));
    // On one line: every child crosses the line through the first one's middle.
    const first = boxes[0]!;
    const mid = row ? first.y + first.height / 2 : first.x + first.width / 2;
    const lined = boxes.every((b) =>
      row ? b.y <= mid && mid <= b.y + b.height : b.x <= mid && mid <= b.x + b.width,
    );
    if (!ordered || !lined)
      issues.push({
        kind: 'arrangement-not-followed',
        message: `the children of '${group.id}' are not in one ${group.arrange} in spec order`,
      });
  }
  return issues;
}

/** A node fed by one node and feeding several that only it feeds sits midway across them, when
 *  they lie side by side ahead of it in the flow (the load balancer over its instances). */
function fanIssues(model: Model, byId: Map<string, DiagramNode>): StyleIssue[] {
  const issues: StyleIssue[] = [];
  for (const fan of findFans(model)) {
    const node = byId.get(fan.node)!;
    const children = fan.children.map((id) => byId.get(id)!);
    const direction = flowOf(model, model.nodes.get(fan.node)!.parent);
    const boxes = children.map((c) => c.box);
    if (!allAhead(node.box, boxes, direction) || !inOneRank(boxes, direction)) continue;
    const across = (n: DiagramNode) => {
      const b = n.icon ?? n.box;
      return direction === 'down' || direction === 'up' ? b.x + b.width / 2 : b.y + b.height / 2;
    };
    const off = across(node) - fanCentre(children.map(across));
    if (Math.abs(off) > FAN_CENTRED)
      issues.push({
        kind: 'fan-not-centred',
        message: `'${fan.node}' is ${Math.abs(off).toFixed(1)} px off the middle of ${fan.children.map((c) => `'${c}'`).join(', ')}`,
      });
  }
  return issues;
}

/** The default size a README shows at a readable scale: at most this wide, with an aspect ratio
 *  (width / height) in this range. */
export const PICTURE_MAX_WIDTH = 1600;
export const PICTURE_ASPECT: readonly [number, number] = [0.5, 2.5];

/** The size rule for diagrams of up to ~40 nodes: a picture far too wide or too tall is shown
 *  shrunk, text and all. Not part of findHouseStyleIssues: a spec may ask for a long chain. */
export function findSizeIssues(diagram: Diagram): StyleIssue[] {
  const aspect = diagram.width / diagram.height;
  const [low, high] = PICTURE_ASPECT;
  if (diagram.width <= PICTURE_MAX_WIDTH && aspect >= low && aspect <= high) return [];
  return [
    {
      kind: 'picture-out-of-proportion',
      message: `the picture is ${diagram.width} x ${diagram.height} px (aspect ${aspect.toFixed(2)}); the default size is at most ${PICTURE_MAX_WIDTH} px wide with an aspect between ${low} and ${high}`,
    },
  ];
}

export function findHouseStyleIssues(diagram: Diagram, model?: Model): StyleIssue[] {
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  const children = new Map<string, DiagramNode[]>();
  for (const n of diagram.nodes) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const childrenOf = (id: string) => children.get(id) ?? [];
  const issues: StyleIssue[] = [];
  for (const parent of diagram.nodes) {
    const azs = childrenOf(parent.id).filter(
      (c) => c.kind === 'group' && c.typeId === 'group.availability-zone',
    );
    if (azs.length < 2) continue;
    const az = azIssues(parent, azs);
    issues.push(...az);
    if (az.length === 0) issues.push(...tierIssues(azs, childrenOf));
  }
  const leaves = diagram.nodes.filter((n) => n.kind === 'node');
  for (const overlay of diagram.overlays) {
    for (const leaf of leaves) {
      if (overlay.members.includes(leaf.id) || !overlaps(leaf.box, overlay.box)) continue;
      // A member's descendants belong to it (the pods of a node in a node group).
      const memberHolds = overlay.members.some((m) =>
        inside(leaf.box, diagram.nodes.find((n) => n.id === m)!.box),
      );
      if (!memberHolds)
        issues.push({
          kind: 'overlay-holds-other',
          message: `overlay '${overlay.id}' covers '${leaf.id}', which is not one of its members`,
        });
    }
  }
  for (const edge of diagram.edges) {
    if (edge.labelBox && distanceToLine(edge.labelBox, edge.points) > LABEL_REACH)
      issues.push({
        kind: 'label-far-from-edge',
        message: `the label of '${edge.id}' is more than ${LABEL_REACH} px from its line`,
      });
    for (const [end, label, point] of [
      ['source', edge.sourceLabel, edge.points[0]],
      ['target', edge.targetLabel, edge.points.at(-1)],
    ] as const) {
      if (!label || !point) continue;
      if (
        distanceToLine(label.box, edge.points) > LABEL_REACH ||
        distanceToBox(point, label.box) > END_LABEL_REACH
      )
        issues.push({
          kind: 'end-label-far-from-end',
          message: `the ${end} label of '${edge.id}' is not beside the ${end} end of its line`,
        });
    }
  }
  issues.push(...borderIssues(diagram, byId), ...findLineEndIssues(diagram));
  if (model)
    issues.push(
      ...directionIssues(model, byId),
      ...arrangementIssues(model, byId),
      ...fanIssues(model, byId),
    );
  return issues;
}
