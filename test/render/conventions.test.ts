// What the spec's drawing conventions turn into: arrowheads, line colours, end labels, an optional
// title, empty groups and overlay borders, in the laid-out diagram and in the SVG.

import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Diagram } from '../../src/diagram/diagram.js';
import { findLayoutDefects } from '../../src/layout/defects.js';
import { findHouseStyleIssues } from '../../src/layout/house-style.js';
import { layout, renderDiagram } from '../../src/pipeline.js';
import { DARK, LIGHT } from '../../src/render/theme.js';
import { validateText } from '../../src/spec/validate.js';

async function laidOut(spec: string, file = 'conventions.yaml'): Promise<Diagram> {
  const { model, diagnostics } = validateText(spec, file);
  expect(diagnostics).toEqual([]);
  return layout(model!);
}

async function svgOf(diagram: Diagram, theme: 'light' | 'dark' | 'auto' = 'light'): Promise<Document> {
  const svg = (await renderDiagram(diagram, { format: 'svg', theme })) as string;
  const doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  return doc;
}

const LINES = `
refarch: 1
title: Lines
nodes:
  a: { type: aws.lambda, label: A }
  b: { type: aws.sqs, label: B }
  c: { type: aws.dynamodb, label: C }
  d: { type: aws.s3, label: D }
  e: { type: aws.sns, label: E }
edges:
  - { from: a, to: b }
  - { from: b, to: c, arrow: start, color: orange }
  - { from: c, to: d, arrow: both, color: orange }
  - { from: d, to: e, arrow: none, color: teal, style: async }
`;

describe('arrowheads and line colours', () => {
  it('put markers at the ends each arrow value names, in the colour of the line', async () => {
    const doc = await svgOf(await laidOut(LINES));
    const path = (id: string) => doc.querySelector(`g.edge[data-id="${id}"] path`)!;
    const markers = (id: string) => [
      path(id).getAttribute('marker-start'),
      path(id).getAttribute('marker-end'),
    ];
    expect(markers('a->b')).toEqual([null, 'url(#rf-arrow)']);
    expect(markers('b->c')).toEqual(['url(#rf-arrow-orange-start)', null]);
    expect(markers('c->d')).toEqual(['url(#rf-arrow-orange-start)', 'url(#rf-arrow-orange)']);
    expect(markers('d->e')).toEqual([null, null]);
    expect(path('a->b').getAttribute('stroke')).toBe(LIGHT.edge.toLowerCase());
    expect(path('b->c').getAttribute('stroke')).toBe(LIGHT.edgeColors.orange.toLowerCase());
    expect(path('d->e').getAttribute('stroke')).toBe(LIGHT.edgeColors.teal.toLowerCase());
    expect(path('d->e').getAttribute('stroke-dasharray')).toBe('6 4');
    // Each marker is defined once and filled with its line's colour; a start marker points back.
    const fill = (id: string) => doc.getElementById(id)?.querySelector('path')?.getAttribute('fill');
    expect(fill('rf-arrow-orange')).toBe(LIGHT.edgeColors.orange.toLowerCase());
    expect(fill('rf-arrow-orange-start')).toBe(LIGHT.edgeColors.orange.toLowerCase());
    expect(doc.getElementById('rf-arrow-orange-start')?.querySelector('path')?.getAttribute('d')).toBe(
      'M10 0 L0 5 L10 10 z',
    );
    expect(doc.getElementById('rf-arrow-teal')).toBeNull();
  });

  it('use the dark shades in the dark theme, and switch to them by CSS in auto', async () => {
    const diagram = await laidOut(LINES);
    const dark = await svgOf(diagram, 'dark');
    expect(dark.querySelector('g.edge[data-id="b->c"] path')?.getAttribute('stroke')).toBe(
      DARK.edgeColors.orange.toLowerCase(),
    );
    const css = (await svgOf(diagram, 'auto')).querySelector('style')?.textContent ?? '';
    expect(css).toContain(`.rf-edge-orange{stroke:${DARK.edgeColors.orange}}`);
    expect(css).toContain(`.rf-arrow-teal{fill:${DARK.edgeColors.teal}}`);
    // Only the colours the diagram uses.
    expect(css).not.toContain('rf-edge-purple');
  });

  it('keep every named colour, and the marks of a diff, at 3:1 or more against the background (WCAG for graphics)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    for (const palette of [LIGHT, DARK]) {
      for (const [name, colour] of [...Object.entries(palette.edgeColors), ...Object.entries(palette.marks)])
        expect(
          contrast(colour, palette.background),
          `${name} on ${palette.background}`,
        ).toBeGreaterThanOrEqual(3);
    }
  });
});

const END_LABELS = `
refarch: 1
title: Ports
direction: DIRECTION
nodes:
  users: { type: generic.users, label: Users }
  lb: { type: aws.alb, label: Load balancer }
  web: { type: aws.ec2, label: Web server }
  db: { type: aws.rds, label: Database }
edges:
  - { from: users, to: lb, sourceLabel: HTTPS, targetLabel: ":443" }
  - { from: lb, to: web, label: forward, targetLabel: ":8080" }
  - { from: web, to: db, sourceLabel: pool, targetLabel: ":5432" }
`;

describe('end labels', () => {
  for (const direction of ['right', 'down']) {
    it(`sit beside their own end of the line, on no node and no other label (${direction})`, async () => {
      const diagram = await laidOut(END_LABELS.replace('DIRECTION', direction));
      expect(findLayoutDefects(diagram)).toEqual([]);
      expect(findHouseStyleIssues(diagram)).toEqual([]);
      const edge = (id: string) => diagram.edges.find((e) => e.id === id)!;
      const near = (box: { x: number; y: number; width: number; height: number }, [x, y]: [number, number]) =>
        Math.hypot(
          Math.max(box.x - x, 0, x - box.x - box.width),
          Math.max(box.y - y, 0, y - box.y - box.height),
        );
      const users = edge('users->lb');
      expect(users.sourceLabel?.text.lines).toEqual(['HTTPS']);
      expect(users.targetLabel?.text.lines).toEqual([':443']);
      // Each nearer its own end than the other.
      const [start, end] = [users.points[0]!, users.points.at(-1)!];
      expect(near(users.sourceLabel!.box, start)).toBeLessThan(near(users.sourceLabel!.box, end));
      expect(near(users.targetLabel!.box, end)).toBeLessThan(near(users.targetLabel!.box, start));
      // A line with a middle label keeps it, and gains the end label beside it.
      expect(edge('lb->web').labelBox).not.toBeNull();
      expect(edge('lb->web').sourceLabel).toBeNull();
    });
  }

  it('are drawn as text with a background in the edge group, and reported as such by the checks', async () => {
    const diagram = await laidOut(END_LABELS.replace('DIRECTION', 'right'));
    const doc = await svgOf(diagram);
    const ends = [...doc.querySelectorAll('g.edge[data-id="users->lb"] g.end-label')];
    expect(ends.map((g) => [g.getAttribute('data-end'), g.textContent])).toEqual([
      ['source', 'HTTPS'],
      ['target', ':443'],
    ]);
    // Moved onto a node, an end label is a defect; moved away from its end, a house-style issue.
    const web = diagram.nodes.find((n) => n.id === 'web')!;
    const onNode = structuredClone(diagram);
    const target = onNode.edges.find((e) => e.id === 'users->lb')!.targetLabel!;
    target.box = { ...target.box, x: web.box.x, y: web.box.y };
    expect(findLayoutDefects(onNode).map((d) => d.kind)).toContain('edge-label-on-node');
    const astray = structuredClone(diagram);
    const source = astray.edges.find((e) => e.id === 'users->lb')!.sourceLabel!;
    source.box = { ...source.box, y: source.box.y + 200 };
    expect(findHouseStyleIssues(astray).map((i) => i.kind)).toContain('end-label-far-from-end');
  });
});

describe('a diagram without a title', () => {
  const SPEC = `
refarch: 1
description: Two functions and a queue
nodes:
  a: { type: aws.lambda }
  q: { type: aws.sqs }
edges:
  - { from: a, to: q }
`;

  it('draws no title block and starts the graph at the margin', async () => {
    const titled = await laidOut(SPEC.replace('refarch: 1', 'refarch: 1\ntitle: Functions'));
    const plain = await laidOut(SPEC);
    expect(plain.title).toBeNull();
    const top = (d: Diagram) => Math.min(...d.nodes.map((n) => n.box.y));
    expect(top(plain)).toBeLessThan(top(titled));
    expect(plain.height).toBeLessThan(titled.height);
    const doc = await svgOf(plain);
    expect(doc.querySelector('g.title')).toBeNull();
  });

  it('takes its accessible name from the description, else from the file name', async () => {
    const described = await svgOf(await laidOut(SPEC));
    expect(described.getElementById('rf-title')?.textContent).toBe('Two functions and a queue');
    // The description is the name: it is not repeated as the description.
    expect(described.getElementById('rf-desc')).toBeNull();
    expect(described.documentElement.getAttribute('aria-labelledby')).toBe('rf-title');
    const bare = await svgOf(await laidOut(SPEC.replace(/description:.*\n/, ''), 'specs/order-flow.yaml'));
    expect(bare.getElementById('rf-title')?.textContent).toBe('order-flow');
  });
});

describe('empty groups and overlay borders', () => {
  const SPEC = `
refarch: 1
title: Planned
nodes:
  vpc:
    type: group.vpc
    children:
      app:
        type: group.private-subnet
        children:
          fn: { type: aws.lambda }
      data: { type: group.private-subnet, label: Data (planned), children: {} }
      spare: { type: group.public-subnet, label: Spare }
  cluster: { type: aws.eks, label: Cluster, children: {} }
edges:
  - { from: fn, to: data }
  - { from: fn, to: cluster }
overlays:
  sg: { type: group.security-group, members: [fn], style: dashed }
  asg: { type: group.auto-scaling-group, members: [fn], style: solid }
`;

  it('draws a group type with no children, or children: {}, as an empty group box', async () => {
    const diagram = await laidOut(SPEC);
    expect(findLayoutDefects(diagram)).toEqual([]);
    const node = (id: string) => diagram.nodes.find((n) => n.id === id)!;
    for (const id of ['data', 'spare', 'cluster']) {
      expect(node(id).kind, id).toBe('group');
      // Room below the header for what will go in it.
      expect(
        node(id).box.height - (node(id).label.y + node(id).label.height - node(id).box.y),
      ).toBeGreaterThan(48);
    }
    expect(node('fn').kind).toBe('node');
    const doc = await svgOf(diagram);
    expect(doc.querySelector('g.group[data-id="data"] rect')).not.toBeNull();
  });

  it("draws an overlay's border dashed or solid as the spec says, whatever its type's own", async () => {
    const doc = await svgOf(await laidOut(SPEC));
    const dash = (id: string) =>
      doc.querySelector(`g.overlay[data-id="${id}"] rect`)?.getAttribute('stroke-dasharray') ?? null;
    // A security group is solid and an Auto Scaling group dashed by default.
    expect(dash('sg')).toBe('6 4');
    expect(dash('asg')).toBeNull();
  });
});
