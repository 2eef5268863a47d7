// Small geometry shared by layout, its defect checks and the renderers.

import type { Box, Point } from './diagram.js';

/** Coordinates are written with at most two decimals: stable bytes, no visible difference. */
export function roundPx(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Do the boxes overlap by more than `margin` on both axes? (Touching boxes do not.) */
export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return (
    a.x + margin < b.x + b.width &&
    b.x + margin < a.x + a.width &&
    a.y + margin < b.y + b.height &&
    b.y + margin < a.y + a.height
  );
}

/** Does the axis-parallel segment a-b pass through the interior of the box? */
function segmentCrossesBox([ax, ay]: Point, [bx, by]: Point, box: Box): boolean {
  const left = box.x + 1;
  const right = box.x + box.width - 1;
  const top = box.y + 1;
  const bottom = box.y + box.height - 1;
  if (ay === by) return ay > top && ay < bottom && Math.max(ax, bx) > left && Math.min(ax, bx) < right;
  if (ax === bx) return ax > left && ax < right && Math.max(ay, by) > top && Math.min(ay, by) < bottom;
  // Not orthogonal: test the bounding box of the segment, which is conservative.
  return boxesOverlap(
    { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(ax - bx), height: Math.abs(ay - by) },
    box,
    1,
  );
}

/** Does a polyline pass through the interior of the box? */
export function pathCrossesBox(points: readonly Point[], box: Box): boolean {
  return points.some((point, i) => i > 0 && segmentCrossesBox(points[i - 1]!, point, box));
}

/** The point a fraction of the way along a line, by length (the start for a line of no length). */
export function pointAlongLine(points: readonly Point[], fraction: number): Point {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p[0] - points[i]![0], p[1] - points[i]![1]));
  let left = lengths.reduce((a, b) => a + b, 0) * fraction;
  for (const [i, length] of lengths.entries()) {
    if (left <= length && length > 0) {
      const t = left / length;
      const [ax, ay] = points[i]!;
      const [bx, by] = points[i + 1]!;
      return [ax + (bx - ax) * t, ay + (by - ay) * t];
    }
    left -= length;
  }
  return points[0]!;
}
