import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Box, Diagram, DiagramNode } from '../../src/diagram/diagram.js';
import { findHouseStyleIssues, findSizeIssues } from '../../src/layout/house-style.js';
import { layoutModel } from '../../src/layout/layout.js';
import type { Model } from '../../src/spec/model.js';
import { validateText } from '../../src/spec/validate.js';

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
    border: null,
    link: undefined,
    tooltip: undefined,
  };
}

const az = (id: string, b: Box) => box(id, 'vpc', b, 'group', 'group.availability-zone');

function diagram(nodes: DiagramNode[], extra: Partial<Diagram> = {}): Diagram {
  return {
    width: 2000,
    height: 2000,
    name: 't',
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
      border: null,
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
      arrow: 'end' as const,
      color: null,
      sourceLabel: null,
      targetLabel: null,
    });
    expect(kinds(diagram([], { edges: [edge(104)] }))).toEqual([]);
    expect(kinds(diagram([], { edges: [edge(140)] }))).toEqual(['label-far-from-edge']);
  });
});

describe('what the spec asks of the layout', () => {
  const laidOut = async (file: string) => {
    const { model } = validateText(readFileSync(file, 'utf8'), file);
    return { model: model!, diagram: await layoutModel(model!) };
  };
  const moved = (diagram: Diagram, id: string, dx: number, dy: number): Diagram => ({
    ...diagram,
    nodes: diagram.nodes.map((n) =>
      n.id === id
        ? {
            ...n,
            box: { ...n.box, x: n.box.x + dx, y: n.box.y + dy },
            icon: n.icon && { ...n.icon, x: n.icon.x + dx, y: n.icon.y + dy },
          }
        : n,
    ),
  });
  const kinds = (diagram: Diagram, model: Model) => findHouseStyleIssues(diagram, model).map((i) => i.kind);

  it('puts border nodes on their side, centred, and notices one moved off it', async () => {
    const { model, diagram } = await laidOut('test/fixtures/valid/hybrid-vpn.yaml');
    expect(kinds(diagram, model)).toEqual([]);
    const vgw = diagram.nodes.find((n) => n.id === 'vgw')!;
    const vpc = diagram.nodes.find((n) => n.id === 'vpc')!;
    expect(vgw.border).toBe('left');
    expect(vgw.icon!.x + vgw.icon!.width / 2).toBeCloseTo(vpc.box.x, 0);
    expect(kinds(moved(diagram, 'vgw', 3, 0), model)).toEqual(['border-node-off-side']);
  });

  it('lays groups out in their own direction, and notices a child out of order', async () => {
    const { model, diagram } = await laidOut('test/fixtures/valid/pipeline-stages.yaml');
    expect(kinds(diagram, model)).toEqual([]);
    const box = (id: string) => diagram.nodes.find((n) => n.id === id)!.box;
    // The ingest stage runs down inside a left-to-right pipeline.
    expect(box('firehose').y).toBeGreaterThan(box('stream').y + box('stream').height);
    expect(box('raw').y).toBeGreaterThan(box('firehose').y + box('firehose').height);
    expect(box('ingest').x).toBeGreaterThan(box('producers').x + box('producers').width);
    expect(kinds(moved(diagram, 'raw', 0, -400), model)).toContain('direction-not-followed');
  });

  it('keeps arranged children in a column in spec order, and notices them swapped', async () => {
    const { model, diagram } = await laidOut('test/fixtures/valid/vpc-arrange.yaml');
    expect(kinds(diagram, model)).toEqual([]);
    const box = (id: string) => diagram.nodes.find((n) => n.id === id)!.box;
    expect(box('private').y).toBeGreaterThan(box('public').y + box('public').height);
    expect(box('private').x).toBe(box('public').x);
    const shift = box('private').y - box('public').y + 10;
    expect(kinds(moved(diagram, 'public', 0, shift), model)).toContain('arrangement-not-followed');
  });

  it('centres a fan over the nodes it alone feeds, and notices one left off the middle', async () => {
    const { model, diagram } = await laidOut('test/fixtures/valid/transit-hub.yaml');
    expect(kinds(diagram, model)).toEqual([]);
    const middle = (id: string) => {
      const icon = diagram.nodes.find((n) => n.id === id)!.icon!;
      return icon.x + icon.width / 2;
    };
    const spokes = ['prod-att', 'staging-att', 'shared-att'].map(middle);
    expect(Math.abs(middle('tgw') - (Math.min(...spokes) + Math.max(...spokes)) / 2)).toBeLessThanOrEqual(2);
    expect(kinds(moved(diagram, 'tgw', 20, 0), model)).toEqual(['fan-not-centred']);
  });

  it('holds the picture to the default size, and notices one far too wide', async () => {
    const { diagram } = await laidOut('test/fixtures/valid/transit-hub.yaml');
    expect(findSizeIssues(diagram)).toEqual([]);
    expect(findSizeIssues({ ...diagram, width: diagram.height * 3 }).map((i) => i.kind)).toEqual([
      'picture-out-of-proportion',
    ]);
  });
});
