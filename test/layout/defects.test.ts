import { describe, expect, it } from 'vitest';
import type { Diagram, DiagramNode } from '../../src/diagram/diagram.js';
import { findLayoutDefects, findLineEndIssues } from '../../src/layout/defects.js';

const font = { size: 13, weight: 'regular' as const };

function node(id: string, x: number, y: number, parent: string | null = null, size = 60): DiagramNode {
  return {
    id,
    kind: 'node',
    parent,
    typeId: 'aws.lambda',
    typeName: 'AWS Lambda',
    box: { x, y, width: size, height: size },
    label: { x: x + 5, y: y + 40, width: 50, height: 16, lines: [id], font, lineHeight: 16, align: 'middle' },
    note: null,
    icon: null,
    border: null,
    link: undefined,
    tooltip: undefined,
  };
}

function diagram(nodes: DiagramNode[], edges: Diagram['edges'] = []): Diagram {
  const title = {
    x: 0,
    y: 0,
    width: 10,
    height: 10,
    lines: ['t'],
    font,
    lineHeight: 10,
    align: 'start' as const,
  };
  return {
    width: 1000,
    height: 1000,
    name: 't',
    title,
    source: null,
    description: undefined,
    nodes,
    edges,
    overlays: [],
    legend: null,
  };
}

describe('findLayoutDefects', () => {
  it('accepts nodes that only touch', () => {
    expect(findLayoutDefects(diagram([node('a', 0, 0), node('b', 60, 0)]))).toEqual([]);
  });

  it('reports overlapping siblings', () => {
    expect(findLayoutDefects(diagram([node('a', 0, 0), node('b', 30, 10)])).map((d) => d.kind)).toContain(
      'sibling-overlap',
    );
  });

  it('reports a child outside its parent group', () => {
    const group = { ...node('g', 0, 0, null, 100), kind: 'group' as const };
    expect(findLayoutDefects(diagram([group, node('c', 80, 80, 'g')])).map((d) => d.kind)).toContain(
      'child-outside-parent',
    );
  });

  it('reports an edge that runs through a node that is not its endpoint', () => {
    const edge = {
      id: 'a->c',
      from: 'a',
      to: 'c',
      points: [
        [60, 30],
        [400, 30],
      ] as [number, number][],
      style: 'sync' as const,
      step: undefined,
      label: null,
      labelBox: null,
      badge: null,
      arrow: 'end' as const,
      color: null,
      sourceLabel: null,
      targetLabel: null,
    };
    const defects = findLayoutDefects(
      diagram([node('a', 0, 0), node('b', 200, 0), node('c', 400, 0)], [edge]),
    );
    expect(defects.map((d) => d.message)).toEqual(["edge 'a->c' runs through 'b'"]);
  });

  it('reports an edge label lying on a node', () => {
    const edge = {
      id: 'a->c',
      from: 'a',
      to: 'c',
      points: [
        [60, 30],
        [400, 30],
      ] as [number, number][],
      style: 'sync' as const,
      step: undefined,
      label: null,
      labelBox: { x: 210, y: 100, width: 40, height: 20 },
      badge: null,
      arrow: 'end' as const,
      color: null,
      sourceLabel: null,
      targetLabel: null,
    };
    const defects = findLayoutDefects(
      diagram([node('a', 0, 0), node('b', 200, 90), node('c', 400, 0)], [edge]),
    );
    expect(defects.map((d) => d.kind)).toContain('edge-label-on-node');
  });

  it('reports a line that ends short of its node, and accepts one that ends on the box', () => {
    const edge = (end: [number, number]) => ({
      id: 'a->b',
      from: 'a',
      to: 'b',
      points: [[60, 30], end] as [number, number][],
      style: 'sync' as const,
      step: undefined,
      label: null,
      labelBox: null,
      badge: null,
      arrow: 'end' as const,
      color: null,
      sourceLabel: null,
      targetLabel: null,
    });
    const nodes = [node('a', 0, 0), node('b', 200, 0)];
    expect(findLayoutDefects(diagram(nodes, [edge([200, 30])]))).toEqual([]);
    expect(findLayoutDefects(diagram(nodes, [edge([190, 30])])).map((d) => d.message)).toEqual([
      "edge 'a->b' ends away from 'b'",
    ]);
  });

  it('wants a line into a side the icon touches to meet the icon, and one under the label to end under it', () => {
    // An 80-px node: the icon in the top middle (16..64), the label under it across the box.
    const withIcon = (id: string, x: number): DiagramNode => ({
      ...node(id, x, 0, null, 80),
      icon: { x: x + 16, y: 0, width: 48, height: 48, typeId: 'aws.lambda', ref: {} as never },
      label: { ...node(id, x, 0).label, x: x + 1, y: 50, width: 78, height: 30 },
    });
    const edge = (to: [number, number]) => ({
      id: 'a->b',
      from: 'a',
      to: 'b',
      points: [[40, 80], [40, 100], [to[0], 100], to] as [number, number][],
      style: 'sync' as const,
      step: undefined,
      label: null,
      labelBox: null,
      badge: null,
      arrow: 'end' as const,
      color: null,
      sourceLabel: null,
      targetLabel: null,
    });
    const nodes = [withIcon('a', 0), withIcon('b', 200)];
    const kinds = (to: [number, number]) => {
      const d = diagram(nodes, [edge(to)]);
      // On its box, so no defect; whether it meets the icon is house style.
      expect(findLayoutDefects(d)).toEqual([]);
      return findLineEndIssues(d).map((i) => i.kind);
    };
    // Into the top, which the icon touches: on the icon or just beside it, not over the label's ends.
    expect(kinds([240, 0])).toEqual([]);
    expect(kinds([210, 0])).toEqual([]);
    expect(kinds([202, 0])).toEqual(['line-off-icon']);
    // Into the bottom, under the label: anywhere under the label.
    expect(kinds([202, 80])).toEqual([]);
    // Into a side: level with the icon, not with the label.
    expect(kinds([200, 24])).toEqual([]);
    expect(kinds([200, 70])).toEqual(['line-off-icon']);
  });
});
