// The golden forms (golden-format.ts) keep a small layout change small in review: one pixel in one
// element is one changed line. Checked on a fixture laid out for real, then moved by hand.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layout, renderDiagram } from '../../src/pipeline.js';
import { validateText } from '../../src/spec/validate.js';
import { changedLines, formatLayoutJson, formatSvg } from './golden-format.js';

type Diagram = Awaited<ReturnType<typeof layout>>;
type DiagramNode = Diagram['nodes'][number];

describe('formatSvg', () => {
  it('puts every start tag, end tag and childless element on its own line, attributes unchanged', () => {
    const svg =
      '<svg width="10"><g class="a b"><rect x="1" y="2"/><text x="3"><tspan x="3" y="4">Hi &amp; bye</tspan></text><title>t</title></g><g class="empty"></g></svg>';
    expect(formatSvg(svg)).toBe(
      [
        '<svg width="10">',
        '  <g class="a b">',
        '    <rect x="1" y="2"/>',
        '    <text x="3">',
        '      <tspan x="3" y="4">Hi &amp; bye</tspan>',
        '    </text>',
        '    <title>t</title>',
        '  </g>',
        '  <g class="empty"></g>',
        '</svg>',
        '',
      ].join('\n'),
    );
  });

  it('keeps a ">" inside a quoted attribute value in its tag', () => {
    expect(formatSvg('<svg><g data-id="a->b"><path d="M0 0"/></g></svg>').split('\n')[1]).toBe(
      '  <g data-id="a->b">',
    );
  });

  it('replaces each embedded font by its size and hash, so another subset is another line', () => {
    const face = (bytes: string) =>
      `@font-face{src:url(data:font/woff2;base64,${Buffer.from(bytes).toString('base64')}) format('woff2')}`;
    const one = formatSvg(`<svg><style>${face('font one')}</style></svg>`);
    const other = formatSvg(`<svg><style>${face('font two')}</style></svg>`);
    expect(one).toMatch(/^ {2}<style>@font-face\{src:url\(font:woff2;bytes=8;sha256=[0-9a-f]{12}\) format/m);
    expect(one).not.toContain('base64');
    expect(changedLines(one, other).removed).toHaveLength(1);
  });
});

describe('formatLayoutJson', () => {
  const geometry = {
    width: 100,
    height: 50,
    nodes: [
      { id: 'a', x: 1, y: 2, label: { x: 0, y: 40 } },
      { id: 'b', x: 60, y: 2, label: { x: 59, y: 40 } },
    ],
    edges: [
      {
        id: 'a->b',
        points: [
          [49, 26],
          [60, 26],
        ],
        label: null,
      },
    ],
    overlays: [],
  };
  const printed = formatLayoutJson(JSON.stringify(geometry, null, 2));

  it('prints each node and each edge, points included, on one line', () => {
    expect(printed).toBe(
      [
        '{',
        '  "width": 100,',
        '  "height": 50,',
        '  "nodes": [',
        '    {"id": "a", "x": 1, "y": 2, "label": {"x": 0, "y": 40}},',
        '    {"id": "b", "x": 60, "y": 2, "label": {"x": 59, "y": 40}}',
        '  ],',
        '  "edges": [',
        '    {"id": "a->b", "points": [[49, 26], [60, 26]], "label": null}',
        '  ],',
        '  "overlays": []',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('is JSON that reads back as the same geometry', () => {
    expect(JSON.parse(printed)).toEqual(geometry);
  });
});

describe('a one-pixel change in a layout is a one-line diff in its goldens', () => {
  // vpc-arrange: small, with a line that bends and nodes whose labels sit apart from their icons.
  const FIXTURE = 'test/fixtures/valid/vpc-arrange.yaml';
  let diagram: Diagram;
  let golden: { svg: string; json: string };

  const formsOf = async (d: Diagram) => ({
    svg: formatSvg(await renderDiagram(d, { format: 'svg', theme: 'light' })),
    json: formatLayoutJson(await renderDiagram(d, { format: 'json', theme: 'light' })),
  });
  const nodeOf = (id: string): DiagramNode => {
    const node = diagram.nodes.find((n) => n.id === id);
    expect(node, `${FIXTURE} has a node ${id}`).toBeDefined();
    return node!;
  };
  const withNode = (moved: DiagramNode): Diagram => ({
    ...diagram,
    nodes: diagram.nodes.map((n) => (n.id === moved.id ? moved : n)),
  });
  const right = <T extends { x: number }>(box: T): T => ({ ...box, x: box.x + 1 });
  /** The one changed line of each side; fails unless exactly one line changed. */
  const oneLineChanged = (before: string, after: string): { removed: string; added: string } => {
    const { removed, added } = changedLines(before, after);
    expect({ removed: removed.length, added: added.length }).toEqual({ removed: 1, added: 1 });
    return { removed: removed[0]!, added: added[0]! };
  };

  beforeAll(async () => {
    const { model } = validateText(readFileSync(FIXTURE, 'utf8'), FIXTURE);
    diagram = await layout(model!);
    golden = await formsOf(diagram);
  });

  it('moving a node (its box and icon) 1 px right changes its one line in each golden', async () => {
    const node = nodeOf('workers');
    const icon = node.icon!;
    const moved = await formsOf(withNode({ ...node, box: right(node.box), icon: right(icon) }));

    const json = oneLineChanged(golden.json, moved.json);
    expect(json.removed).toMatch(/^ {4}\{"id": "workers", /);
    expect(json.added).toBe(json.removed.replace(`"x": ${node.box.x},`, `"x": ${node.box.x + 1},`));

    const svg = oneLineChanged(golden.svg, moved.svg);
    expect(svg.removed.trim()).toMatch(/^<use href="#icon-aws_ec2-auto-scaling" /);
    expect(svg.added).toBe(svg.removed.replace(`x="${icon.x}"`, `x="${icon.x + 1}"`));
  });

  it('moving one bend of a line 1 px right changes its one line in each golden', async () => {
    const edge = diagram.edges.find((e) => e.id === 'workers->endpoint');
    expect(edge?.points.length).toBeGreaterThan(3);
    const [x, y] = edge!.points[2]!;
    const points = edge!.points.map((p, i): [number, number] => (i === 2 ? [x + 1, y] : p));
    const moved = await formsOf({
      ...diagram,
      edges: diagram.edges.map((e) => (e === edge ? { ...e, points } : e)),
    });

    const json = oneLineChanged(golden.json, moved.json);
    expect(json.removed).toMatch(/^ {4}\{"id": "workers->endpoint", /);
    expect(json.added).toBe(json.removed.replace(`[${x}, ${y}]`, `[${x + 1}, ${y}]`));

    const svg = oneLineChanged(golden.svg, moved.svg);
    expect(svg.removed).toMatch(/^ *<path d="M[^"]*" [^>]*class="rf-edge"\/>$/);
    expect(svg.added).toBe(svg.removed.replace(`L${x} ${y}`, `L${x + 1} ${y}`));
  });

  it('moving a whole node 1 px (label too) is its one line of layout and two elements of SVG', async () => {
    // The layout golden holds a node and its label box on one line; the SVG draws the icon (<use>)
    // and the label (<tspan>) as two elements, each on its own line, with the unchanged <text>
    // that holds the label between them.
    const node = nodeOf('workers');
    const moved = await formsOf(
      withNode({ ...node, box: right(node.box), icon: right(node.icon!), label: right(node.label) }),
    );

    const json = oneLineChanged(golden.json, moved.json);
    expect(json.removed).toMatch(/^ {4}\{"id": "workers", /);

    const before = golden.svg.split('\n');
    const after = moved.svg.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]).map((line) => line.trim());
    expect(changed).toHaveLength(2);
    expect(changed[0]).toMatch(/^<use href="#icon-aws_ec2-auto-scaling" /);
    expect(changed[1]).toMatch(/^<tspan [^>]*>Workers<\/tspan>$/);
  });
});
