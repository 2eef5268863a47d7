// Injection-safe output: specs whose every text tries to break out of the SVG (markup, entities,
// CDATA ends, comments, event handlers, script and data URLs, bidi and joiners) render to SVG that
// parses as XML and holds only allowed elements, attributes and references; the texts come out as
// text, unchanged.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderModel } from '../../src/pipeline.js';
import type { Model } from '../../src/spec/model.js';
import { validateText } from '../../src/spec/validate.js';
import { runCli, stackTraceLines } from './cli.js';
import { svgViolations } from './svg-safety.js';

const RENDERS_DIR = fileURLToPath(new URL('../fixtures/hostile/renders/', import.meta.url));
const specs = readdirSync(RENDERS_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

function load(name: string): Model {
  const { model, diagnostics } = validateText(readFileSync(join(RENDERS_DIR, name), 'utf8'), name);
  expect(diagnostics).toEqual([]);
  return model!;
}

function parse(svg: string): Document {
  return new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
}

describe.each(specs)('%s', (name) => {
  it.each(['light', 'dark', 'auto'] as const)(
    'renders in the %s theme to SVG with only allowed elements, attributes and references',
    async (theme) => {
      const svg = (await renderModel(load(name), { format: 'svg', theme })) as string;
      expect(svgViolations(svg)).toEqual([]);
    },
  );

  it('keeps every text of the spec as text, unchanged', async () => {
    const model = load(name);
    const doc = parse((await renderModel(model, { format: 'svg', theme: 'light' })) as string);
    expect(doc.getElementById('rf-title')?.textContent).toBe(model.title);
    if (model.description) expect(doc.getElementById('rf-desc')?.textContent).toBe(model.description);
    for (const node of model.nodes.values()) {
      const g = doc.querySelector(`g[data-id="${node.id}"]`);
      expect(g, node.id).not.toBeNull();
      // Labels wrap onto lines (long words too), so compare the characters, not the spacing.
      const shown = [...(g?.querySelectorAll('tspan') ?? [])].map((t) => t.textContent).join('');
      expect(shown.replace(/\s+/g, ''), node.id).toContain(node.label.replace(/\s+/g, ''));
      // XML reads a carriage return as a line feed (the serializer writes it raw, not as &#xD;).
      if (node.tooltip)
        expect(g?.querySelector('title')?.textContent).toBe(node.tooltip.replace(/\r\n?/g, '\n'));
    }
  });

  it('links exactly the http(s) URLs the spec gives, and nothing else', async () => {
    const model = load(name);
    const doc = parse((await renderModel(model, { format: 'svg', theme: 'light' })) as string);
    const links = [...doc.getElementsByTagName('a')].map((a) => a.getAttribute('href')).sort();
    const given = [...model.nodes.values()].flatMap((n) => (n.link ? [n.link] : [])).sort();
    expect(links).toEqual(given);
  });

  it('exports the texts unchanged in the JSON geometry', async () => {
    const model = load(name);
    const json = JSON.parse((await renderModel(model, { format: 'json', theme: 'light' })) as string) as {
      nodes: { id: string }[];
    };
    expect(json.nodes.map((n) => n.id).sort()).toEqual([...model.nodes.keys()].sort());
  });

  it('draws a PNG without failing', async () => {
    const png = (await renderModel(load(name), { format: 'png', theme: 'dark' })) as Uint8Array;
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });
});

describe('`refarch render` of the hostile-but-valid specs', () => {
  it('exits 0 and writes one safe SVG for each', async () => {
    const out = mkdtempSync(join(tmpdir(), 'refarch-injection-'));
    try {
      const run = await runCli(['render', RENDERS_DIR, '--out', out, '--theme', 'auto']);
      expect(run.code).toBe(0);
      expect(stackTraceLines(run)).toEqual([]);
      expect(readdirSync(out).sort()).toEqual(specs.map((s) => s.replace(/\.yaml$/, '.svg')));
      for (const file of readdirSync(out))
        expect(svgViolations(readFileSync(join(out, file), 'utf8'))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the SVG safety check itself', () => {
  const wrap = (inner: string, rootAttributes = '') =>
    `<svg xmlns="http://www.w3.org/2000/svg"${rootAttributes}>${inner}</svg>`;

  it('passes a plain drawing', () => {
    expect(
      svgViolations(
        wrap('<g class="node"><rect x="1" y="1" width="2" height="2"/><text>a &lt; b</text></g>'),
      ),
    ).toEqual([]);
  });

  it.each([
    ['a script element', wrap('<script>alert(1)</script>')],
    ['an event handler', wrap('<rect onclick="alert(1)"/>')],
    ['an external reference', wrap('<use href="https://evil.example/s.svg#x"/>')],
    ['a script link', wrap('<a href="javascript:alert(1)"><text>x</text></a>')],
    ['a foreign element', wrap('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>')],
    ['an external url() in a paint', wrap('<rect fill="url(https://evil.example/p)"/>')],
    ['an @import in a style', wrap('<style>@import url(https://evil.example/x.css);</style>')],
    ['a comment', wrap('<!-- hidden -->')],
    ['a DOCTYPE', `<!DOCTYPE svg [<!ENTITY e "x">]>${wrap('<text>&e;</text>')}`],
    ['ill-formed XML', wrap('<text>a < b</text>')],
    ['an unknown attribute', wrap('<rect style="background:url(https://evil.example/)"/>')],
  ])('flags %s', (_what, svg) => {
    expect(svgViolations(svg)).not.toEqual([]);
  });
});
