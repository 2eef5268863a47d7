// Small geometry shared by layout, its defect checks and the renderer.

import type { Box } from './diagram.js';

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
