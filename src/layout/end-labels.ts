// Labels at the ends of lines (a port next to a listener, a protocol next to a client): beside the
// line, a few px out from the node it meets, on whichever side is free. Placed after the labels in
// the middle of lines, under the same rules: never on a node, a group header or another label;
// rather not across another line or a group's border, nor across its own line where it bends.

import type { Box, Point } from '../diagram/diagram.js';
import { boxesOverlap, roundPx } from '../diagram/geometry.js';
import { crossesFrame, crossesLine, type LabelObstacles } from './edge-labels.js';

export interface EndLabelRequest {
  /** Unique among requests: the edge id and the end. */
  key: string;
  edgeId: string;
  /** The line, from the end the label belongs to. */
  fromEnd: Point[];
  width: number;
  height: number;
}

/** Space between a label and its line. */
const GAP = 4;
/** How far along the line, from its end, a label's near edge may start, nearest first. */
const ALONG = [8, 14, 22, 32, 46, 62, 80];

/** The point `distance` along the line and the direction the line runs there (unit, axis-aligned). */
function pointAlong(points: Point[], distance: number): { at: Point; dx: number; dy: number } | null {
  let left = distance;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const length = Math.abs(bx - ax) + Math.abs(by - ay);
    if (length === 0) continue;
    const dx = Math.sign(bx - ax);
    const dy = Math.sign(by - ay);
    if (left <= length) return { at: [ax + dx * left, ay + dy * left], dx, dy };
    left -= length;
  }
  return null;
}

/** How many label heights (or widths) further out from the line a crowded end may push a label. */
const STACK = 3;

/** Boxes beside the line whose near edge is at each distance along it: above then below a
 *  horizontal stretch, right then left of a vertical one; then, where lines crowd an end, the
 *  same a label's height (or width) further out each time. */
function candidates(request: EndLabelRequest): { box: Box; stacked: boolean }[] {
  const { width, height } = request;
  const out: { box: Box; stacked: boolean }[] = [];
  const add = (stacked: boolean, ...boxes: Box[]) => {
    for (const box of boxes) out.push({ box, stacked });
  };
  for (let k = 0; k <= STACK; k++) {
    for (const distance of ALONG) {
      const along = pointAlong(request.fromEnd, distance);
      if (!along) break;
      const [x, y] = along.at;
      if (along.dy === 0) {
        const left = along.dx > 0 ? x : x - width;
        const out1 = GAP + k * (height + GAP);
        add(k > 0, { x: left, y: y - out1 - height, width, height }, { x: left, y: y + out1, width, height });
      } else {
        const top = along.dy > 0 ? y : y - height;
        const out1 = GAP + k * (width + GAP);
        add(k > 0, { x: x + out1, y: top, width, height }, { x: x - out1 - width, y: top, width, height });
      }
    }
  }
  return out;
}

/** Places each end label in turn; `taken` are label boxes already placed (the middle labels). */
export function placeEndLabels(
  requests: EndLabelRequest[],
  obstacles: LabelObstacles,
  taken: Box[],
): Map<string, Box> {
  const placed = new Map<string, Box>();
  const free = (box: Box) =>
    !obstacles.solid.some((o) => boxesOverlap(box, o)) &&
    ![...taken, ...placed.values()].some((o) => boxesOverlap(box, o, -2));
  const frameFree = (box: Box) => !obstacles.frames.some((f) => crossesFrame(box, f));
  const ownLine = (box: Box, r: EndLabelRequest) => crossesLine(box, obstacles.lines.get(r.edgeId) ?? []);
  const otherLines = (box: Box, r: EndLabelRequest) =>
    [...obstacles.lines].some(([id, points]) => id !== r.edgeId && crossesLine(box, points));
  // Beside the line first, keeping ever fewer rules; pushed out from it only when nothing beside
  // it is free of nodes and labels.
  const rules: ((box: Box, r: EndLabelRequest, stacked: boolean) => boolean)[] = [
    (box, r, stacked) => !stacked && free(box) && !ownLine(box, r) && frameFree(box) && !otherLines(box, r),
    (box, r, stacked) => !stacked && free(box) && !ownLine(box, r) && frameFree(box),
    (box, r, stacked) => !stacked && free(box) && !ownLine(box, r),
    (box, r) => free(box) && !ownLine(box, r),
    (box) => free(box),
  ];
  for (const request of requests) {
    const options = candidates(request);
    let chosen: Box | undefined;
    for (const rule of rules) {
      chosen = options.find((o) => rule(o.box, request, o.stacked))?.box;
      if (chosen) break;
    }
    // Nowhere free: beside the end, where the layout checks will report it.
    chosen ??= options[0]?.box ?? {
      x: request.fromEnd[0]![0],
      y: request.fromEnd[0]![1],
      width: request.width,
      height: request.height,
    };
    placed.set(request.key, { ...chosen, x: roundPx(chosen.x), y: roundPx(chosen.y) });
  }
  return placed;
}
