import { describe, expect, it } from 'vitest';
import type { Box, Diagram, DiagramNode } from '../../src/layout/diagram.js';
import { findHouseStyleIssues } from '../../src/layout/house-style.js';

const font = { size: 13, weight: 'regular' as const };
const text = (b: Box) => ({ ...b, lines: ['x'], font, lineHeight: 16, align: 'start' as const });

function box(
  id: string,
  parent: string | null,
  b: Box,
  kind: DiagramNode['kind'] = 'group',
  typeId = 'group.private-subnet',
): DiagramNode {
  return {
    id,
    kind,
    parent,
    typeId,
    typeName: typeId,
    box: b,
    label: text({ x: b.x + 4, y: b.y + 4, width: 10, height: 10 }),
    note: null,
    icon: null,
    link: undefined,
    tooltip: undefined,
  };
}

const az = (id: string, b: Box) => box(id, 'vpc', b, 'group', 'group.availability-zone');

function diagram(nodes: DiagramNode[], extra: Partial<Diagram> = {}): Diagram {
  return {
    width: 2000,
    height: 2000,
    title: text({ x: 0, y: 0, width: 10, height: 10 }),
    source: null,
    description: undefined,
    nodes: [box('vpc', null, { x: 0, y: 0, width: 1900, height: 1900 }, 'group', 'group.vpc'), ...nodes],
    edges: [],
    overlays: [],
    legend: null,
    ...extra,
  };
}

const kinds = (d: Diagram) => findHouseStyleIssues(d).map((i) => i.kind);

describe('house-style checks', () => {
  it('accept AZs as equal columns in spec order with their tiers lined up', () => {
    const d = diagram([
      az('a', { x: 10, y: 10, width: 300, height: 500 }),
      box('a1', 'a', { x: 20, y: 50, width: 280, height: 100 }),
      box('a2', 'a', { x: 20, y: 200, width: 280, height: 100 }),
      az('b', { x: 400, y: 10, width: 300, height: 500 }),
      box('b1', 'b', { x: 410, y: 50, width: 280, height: 100 }),
      box('b2', 'b', { x: 410, y: 200, width: 280, height: 100 }),
    ]);
    expect(kinds(d)).toEqual([]);
  });

  it('refuse AZs stacked one under the other with different heights', () => {
    const d = diagram([
      az('a', { x: 10, y: 600, width: 300, height: 500 }),
      az('b', { x: 200, y: 10, width: 400, height: 200 }),
    ]);
    expect(kinds(d)).toEqual(['az-not-aligned']);
  });

  it('refuse equal AZs out of spec order', () => {
    const d = diagram([
      az('a', { x: 400, y: 10, width: 300, height: 500 }),
      az('b', { x: 10, y: 10, width: 300, height: 500 }),
    ]);
    expect(kinds(d)).toEqual(['az-not-aligned']);
  });

  it('refuse a tier that is not on one line across the AZs', () => {
    const d = diagram([
      az('a', { x: 10, y: 10, width: 300, height: 500 }),
      box('a1', 'a', { x: 20, y: 50, width: 280, height: 100 }),
      az('b', { x: 400, y: 10, width: 300, height: 500 }),
      box('b1', 'b', { x: 410, y: 80, width: 280, height: 100 }),
    ]);
    expect(kinds(d)).toEqual(['tier-not-aligned']);
  });

  it('refuse an overlay that covers a node that is not its member', () => {
    const leaf = (id: string, x: number) =>
      box(id, 'vpc', { x, y: 100, width: 60, height: 60 }, 'node', 'aws.ec2');
    const overlay = {
      id: 'asg',
      typeId: 'group.auto-scaling-group',
      name: 'ASG',
      box: { x: 90, y: 90, width: 400, height: 80 },
      header: null,
      members: ['web-a', 'web-b'],
    };
    const d = diagram([leaf('web-a', 100), leaf('nat', 250), leaf('web-b', 400)], { overlays: [overlay] });
    expect(findHouseStyleIssues(d).map((i) => i.message)).toEqual([
      "overlay 'asg' covers 'nat', which is not one of its members",
    ]);
  });

  it('refuse an edge label far from its own line', () => {
    const edge = (labelX: number): Diagram['edges'][number] => ({
      id: 'a->b',
      from: 'a',
      to: 'b',
      points: [
        [100, 100],
        [100, 400],
      ],
      style: 'sync',
      step: undefined,
      label: null,
      labelBox: { x: labelX, y: 200, width: 40, height: 18 },
      badge: null,
    });
    expect(kinds(diagram([], { edges: [edge(104)] }))).toEqual([]);
    expect(kinds(diagram([], { edges: [edge(140)] }))).toEqual(['label-far-from-edge']);
  });
});
