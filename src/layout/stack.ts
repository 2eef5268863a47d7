// Arranged groups (`arrange: row | column`): children that no arrows order, laid out on their own
// and put in one row or one column in the order the spec writes them (awsdac's stacks). Groups in
// the stack are stretched to one width (or height), as subnets drawn one over another are.

import type { Box } from '../diagram/diagram.js';
import { roundPx } from '../diagram/geometry.js';
import type { ModelNode } from '../spec/model.js';
import type { Arrangement } from '../spec/types.js';
import type { Piece } from './az-grid.js';
import { fillSlot } from './az-grid.js';

/** Between the children of an arranged group. */
const STACK_GAP = 40;

export function composeStack(
  members: readonly ModelNode[],
  arrange: Arrangement,
  pieces: ReadonlyMap<string, Piece>,
): Piece {
  const row = arrange === 'row';
  const piece = (n: ModelNode) => {
    const p = pieces.get(n.id);
    if (!p) throw new Error(`bug: no laid-out piece for '${n.id}'`);
    return p;
  };
  const along = (p: Piece) => (row ? p.width : p.height);
  const across = Math.max(...members.map((m) => (row ? piece(m).height : piece(m).width)));
  const boxes = new Map<string, Box>();
  let cursor = 0;
  for (const member of members) {
    const p = piece(member);
    const length = along(p);
    const slot: Box = row
      ? { x: cursor, y: 0, width: length, height: member.isGroup ? across : p.height }
      : { x: 0, y: cursor, width: member.isGroup ? across : p.width, height: length };
    // Leaves are centred across the stack; groups fill it.
    if (!member.isGroup) {
      if (row) slot.y = (across - p.height) / 2;
      else slot.x = (across - p.width) / 2;
    }
    fillSlot(member, p, slot, row, boxes);
    cursor += length + STACK_GAP;
  }
  for (const [id, b] of boxes)
    boxes.set(id, { x: roundPx(b.x), y: roundPx(b.y), width: roundPx(b.width), height: roundPx(b.height) });
  const length = Math.max(0, cursor - STACK_GAP);
  return row
    ? { width: Math.ceil(length), height: Math.ceil(across), boxes }
    : { width: Math.ceil(across), height: Math.ceil(length), boxes };
}
