// The neutral geometry export (`render --format json`): the positioned diagram with absolute
// coordinates (y down), the same data the SVG is drawn from.

import type { Box, Diagram } from '../diagram/diagram.js';

const box = (b: Box) => ({ x: b.x, y: b.y, width: b.width, height: b.height });

export function diagramGeometry(diagram: Diagram) {
  return {
    width: diagram.width,
    height: diagram.height,
    nodes: diagram.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      type: n.typeId,
      parent: n.parent,
      ...(n.border ? { border: n.border } : {}),
      ...box(n.box),
      label: box(n.label),
    })),
    edges: diagram.edges.map((e) => ({
      id: e.id,
      from: e.from,
      to: e.to,
      style: e.style,
      step: e.step ?? null,
      points: e.points,
      label: e.labelBox ? box(e.labelBox) : null,
      // Keys for what a spec may add to a line appear only when it does, so files from specs that
      // use none stay as they were.
      ...(e.arrow !== 'end' ? { arrow: e.arrow } : {}),
      ...(e.color ? { color: e.color } : {}),
      ...(e.sourceLabel ? { sourceLabel: box(e.sourceLabel.box) } : {}),
      ...(e.targetLabel ? { targetLabel: box(e.targetLabel.box) } : {}),
    })),
    overlays: diagram.overlays.map((o) => ({
      id: o.id,
      type: o.typeId,
      members: o.members,
      ...box(o.box),
      ...(o.border ? { border: o.border } : {}),
    })),
  };
}

export function renderGeometryJson(diagram: Diagram): string {
  return `${JSON.stringify(diagramGeometry(diagram), null, 2)}\n`;
}
