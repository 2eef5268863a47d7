// Lines through group headers. In top-down layouts a line entering a group from above often
// passes the header band, and ELK does not know where the header text is. Not a defect the
// geometry tests refuse: the SVG renderer keeps the header legible by masking lines under it, and
// the benchmarks count these to compare layouts.

import type { Box, Diagram } from './diagram.js';
import { pathCrossesBox } from './geometry.js';

/** A group header part (label, note or corner icon) that an edge runs through. */
export interface HeaderCrossing {
  edge: string;
  group: string;
  part: Box;
}

export function headerCrossings(diagram: Diagram): HeaderCrossing[] {
  const crossings: HeaderCrossing[] = [];
  for (const group of diagram.nodes) {
    if (group.kind !== 'group') continue;
    for (const part of [group.icon, group.label, group.note]) {
      if (!part) continue;
      for (const edge of diagram.edges)
        if (pathCrossesBox(edge.points, part)) crossings.push({ edge: edge.id, group: group.id, part });
    }
  }
  return crossings;
}
