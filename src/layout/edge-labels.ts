// Edge labels placed on routed lines: beside the longest straight stretch of their own line,
// where they cover no node, no group header, no other label, and cross no other line or group
// border; failing that, the rules loosen one at a time, so every label still lands near its line.

import type { Box, Point } from '../diagram/diagram.js';
import { boxesOverlap, roundPx } from '../diagram/geometry.js';

export interface LabelRequest {
  id: string;
  points: Point[];
  width: number;
  height: number;
}

export interface LabelObstacles {
  /** Nodes and group headers: never under a label. */
  solid: Box[];
  /** Group frames: a label sits inside or outside one, not across its border. */
  frames: Box[];
  /** Every routed line, by edge id. */
  lines: Map<string, Point[]>;
}

/** Space between a label and its own line. */
const GAP = 4;
/** Where along a stretch a label may go, most preferred first. */
const ALONG = [0.5, 0.35, 0.65, 0.2, 0.8];

interface Segment {
  a: Point;
  b: Point;
  length: number;
}

function segments(points: Point[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    out.push({ a, b, length: Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) });
  }
  // Longest first; the earlier stretch wins a tie, so the label stays near the source.
  return out
    .map((s, i) => ({ s, i }))
    .sort((p, q) => q.s.length - p.s.length || p.i - q.i)
    .map((p) => p.s);
}

/** Label boxes beside and on a stretch, at the preferred places along it. */
function candidates(segment: Segment, width: number, height: number): { box: Box; onLine: boolean }[] {
  const { a, b } = segment;
  const vertical = a[0] === b[0];
  const out: { box: Box; onLine: boolean }[] = [];
  for (const t of ALONG) {
    const x = a[0] + (b[0] - a[0]) * t;
    const y = a[1] + (b[1] - a[1]) * t;
    const beside: Box[] = vertical
      ? [
          { x: x + GAP, y: y - height / 2, width, height },
          { x: x - GAP - width, y: y - height / 2, width, height },
        ]
      : [
          { x: x - width / 2, y: y - GAP - height, width, height },
          { x: x - width / 2, y: y + GAP, width, height },
        ];
    for (const box of beside) out.push({ box, onLine: false });
    out.push({ box: { x: x - width / 2, y: y - height / 2, width, height }, onLine: true });
  }
  return out;
}

export function crossesLine(box: Box, points: Point[]): boolean {
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const span: Box = {
      x: Math.min(ax, bx),
      y: Math.min(ay, by),
      width: Math.abs(ax - bx),
      height: Math.abs(ay - by),
    };
    // A segment is a box of zero width or height: widen it by a hair so overlap can see it.
    if (boxesOverlap(box, { x: span.x - 1, y: span.y - 1, width: span.width + 2, height: span.height + 2 }))
      return true;
  }
  return false;
}

export function crossesFrame(box: Box, frame: Box): boolean {
  const inside =
    box.x >= frame.x &&
    box.y >= frame.y &&
    box.x + box.width <= frame.x + frame.width &&
    box.y + box.height <= frame.y + frame.height;
  return !inside && boxesOverlap(box, frame);
}

/** The rules a place must keep, strictest first: the first rule set any place keeps decides. */
type Rule = (box: Box, id: string, onLine: boolean) => boolean;

/** Places each label in turn (in the order given); returns each label's box by edge id. */
export function placeEdgeLabels(labels: LabelRequest[], obstacles: LabelObstacles): Map<string, Box> {
  const placed = new Map<string, Box>();
  const free = (box: Box) =>
    !obstacles.solid.some((o) => boxesOverlap(box, o)) &&
    ![...placed.values()].some((o) => boxesOverlap(box, o, -2));
  const otherLines = (box: Box, id: string) =>
    [...obstacles.lines].some(([other, points]) => other !== id && crossesLine(box, points));
  const frameFree = (box: Box) => !obstacles.frames.some((f) => crossesFrame(box, f));
  const rules: Rule[] = [
    (box, id, onLine) => !onLine && free(box) && frameFree(box) && !otherLines(box, id),
    // A label across another line reads better than one across a group's border.
    (box, _id, onLine) => !onLine && free(box) && frameFree(box),
    (box, id, onLine) => !onLine && free(box) && !otherLines(box, id),
    (box, _id, onLine) => !onLine && free(box),
    (box) => free(box),
  ];
  for (const label of labels) {
    const options = segments(label.points).flatMap((s) => candidates(s, label.width, label.height));
    let chosen: Box | undefined;
    for (const rule of rules) {
      chosen = options.find((o) => rule(o.box, label.id, o.onLine))?.box;
      if (chosen) break;
    }
    // Nowhere free: on the middle of the longest stretch, where the layout checks will report it.
    chosen ??= options.find((o) => o.onLine)?.box ?? { x: 0, y: 0, width: label.width, height: label.height };
    placed.set(label.id, { ...chosen, x: roundPx(chosen.x), y: roundPx(chosen.y) });
  }
  return placed;
}
