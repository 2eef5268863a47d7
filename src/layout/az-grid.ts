// AZ grids: a group that holds two or more Availability Zones draws them as AWS does, as equal
// columns side by side (equal rows in a left-right flow), and lines up what they hold: the k-th
// child of every AZ (its k-th subnet tier) shares one row, in the order the spec writes them.
// ELK cannot keep siblings that have arrows between them in one layer, so the grid is composed
// here from cells laid out on their own, and ELK places the whole grid as one box.

import type { Box } from '../diagram/diagram.js';
import { roundPx } from '../diagram/geometry.js';
import type { ModelNode } from '../spec/model.js';
import type { Direction } from '../spec/types.js';
import { groupFrame, nodeBox } from './boxes.js';
import { movedBoxes } from './elk-boxes.js';
import { GROUP_PADDING } from './metrics.js';

const AZ_TYPE = 'group.availability-zone';
/** Between AZ columns, and between tiers: room for a line and its label. */
const AZ_GAP = 48;
const TIER_GAP = 56;

export interface AzGrid {
  /** The group that holds the AZs (a VPC, usually). */
  parent: ModelNode;
  azs: ModelNode[];
}

/** A laid-out part: its size and the boxes of the nodes it holds, from its own top-left corner. */
export interface Piece {
  width: number;
  height: number;
  boxes: Map<string, Box>;
}

/** An AZ that holds something: a group with two or more of them lays them out as a grid. */
export function isAvailabilityZone(node: ModelNode): boolean {
  return node.isGroup && node.type.id === AZ_TYPE;
}

/** A leaf cell is just the node's own box. */
export function leafPiece(node: ModelNode): Piece {
  const { width, height } = nodeBox(node);
  return { width, height, boxes: new Map([[node.id, { x: 0, y: 0, width, height }]]) };
}

/** The cell's piece stretched to fill a slot: a group grows to the slot and what it holds is
 *  centred across the flow in it (ELK leaves it where the group's header made room), nodes on its
 *  border staying on their side; a leaf keeps its size, centred. */
export function fillSlot(
  cell: ModelNode,
  piece: Piece,
  slot: Box,
  across: boolean,
  into: Map<string, Box>,
): void {
  let dx = slot.x + (slot.width - piece.width) / 2;
  let dy = slot.y + (slot.height - piece.height) / 2;
  const onBorder = new Map(cell.children.filter((c) => c.border).map((c) => [c.id, c.border!]));
  if (cell.isGroup) {
    const inner = [...piece.boxes].filter(([id]) => id !== cell.id && !onBorder.has(id)).map(([, b]) => b);
    if (across) {
      const top = Math.min(...inner.map((b) => b.y));
      const bottom = Math.max(...inner.map((b) => b.y + b.height));
      dy = slot.y + slot.height / 2 - (top + bottom) / 2;
      // Stay below the header.
      dy = Math.max(dy, slot.y);
    } else {
      const left = Math.min(...inner.map((b) => b.x));
      const right = Math.max(...inner.map((b) => b.x + b.width));
      dx = slot.x + slot.width / 2 - (left + right) / 2;
    }
  }
  for (const [id, box] of movedBoxes(piece.boxes, dx, dy)) {
    const side = onBorder.get(id);
    const own = piece.boxes.get(id)!;
    // A border node keeps its distance to its own side of the group (at 0, 0 in the piece).
    if (side === 'top') box.y = roundPx(slot.y + own.y);
    if (side === 'bottom') box.y = roundPx(slot.y + slot.height - (piece.height - own.y));
    if (side === 'left') box.x = roundPx(slot.x + own.x);
    if (side === 'right') box.x = roundPx(slot.x + slot.width - (piece.width - own.x));
    into.set(id, box);
  }
  if (cell.isGroup) into.set(cell.id, { ...slot });
}

/**
 * Composes the grid from the pieces of every AZ's children (`cells`, by node id). Tiers run along
 * the flow: rows in a top-down flow, columns in a left-right one (reversed for up and left).
 */
export function composeGrid(grid: AzGrid, direction: Direction, cells: ReadonlyMap<string, Piece>): Piece {
  const across = direction === 'right' || direction === 'left';
  const reversed = direction === 'up' || direction === 'left';
  const piece = (n: ModelNode) => {
    const p = cells.get(n.id);
    if (!p) throw new Error(`bug: no laid-out cell for '${n.id}'`);
    return p;
  };
  const tierCount = Math.max(...grid.azs.map((az) => az.children.length));
  const tiers = Array.from({ length: tierCount }, (_, k) => k);
  if (reversed) tiers.reverse();
  // Along the flow each tier is as long as its longest cell; across it every cell is as wide as
  // the widest, so the AZs come out equal.
  const along = (p: Piece) => (across ? p.width : p.height);
  const wide = (p: Piece) => (across ? p.height : p.width);
  const tierLength = tiers.map((k) =>
    Math.max(0, ...grid.azs.flatMap((az) => (az.children[k] ? [along(piece(az.children[k]))] : []))),
  );
  const frames = grid.azs.map((az) => groupFrame(az));
  const headerHeight = Math.max(...frames.map((f) => f.paddingTop));
  const minWidth = Math.max(...frames.map((f) => f.minWidth));
  const tiersLength = tierLength.reduce((a, b) => a + b, 0) + TIER_GAP * Math.max(0, tierCount - 1);
  let cellWidth = Math.max(0, ...grid.azs.flatMap((az) => az.children.map((c) => wide(piece(c)))));
  const azWidth = across
    ? Math.max(minWidth, tiersLength + 2 * GROUP_PADDING)
    : Math.max(minWidth, cellWidth + 2 * GROUP_PADDING);
  if (!across) cellWidth = azWidth - 2 * GROUP_PADDING;
  const azHeight = across
    ? headerHeight + cellWidth + GROUP_PADDING
    : headerHeight + tiersLength + GROUP_PADDING;

  const boxes = new Map<string, Box>();
  grid.azs.forEach((az, i) => {
    const azBox: Box = across
      ? { x: 0, y: i * (azHeight + AZ_GAP), width: azWidth, height: azHeight }
      : { x: i * (azWidth + AZ_GAP), y: 0, width: azWidth, height: azHeight };
    boxes.set(az.id, azBox);
    // Tiers start after the padding; in a left-right flow they are centred if the header is wider.
    let cursor = across ? azBox.x + (azWidth - tiersLength) / 2 : azBox.y + headerHeight;
    tiers.forEach((k, t) => {
      const cell = az.children[k];
      const length = tierLength[t]!;
      if (cell) {
        const slot: Box = across
          ? { x: cursor, y: azBox.y + headerHeight, width: length, height: cellWidth }
          : { x: azBox.x + GROUP_PADDING, y: cursor, width: cellWidth, height: length };
        fillSlot(cell, piece(cell), slot, across, boxes);
      }
      cursor += length + TIER_GAP;
    });
  });
  const count = grid.azs.length;
  const width = across ? azWidth : count * azWidth + (count - 1) * AZ_GAP;
  const height = across ? count * azHeight + (count - 1) * AZ_GAP : azHeight;
  for (const [id, b] of boxes)
    boxes.set(id, { x: roundPx(b.x), y: roundPx(b.y), width: roundPx(b.width), height: roundPx(b.height) });
  return { width: Math.ceil(width), height: Math.ceil(height), boxes };
}
