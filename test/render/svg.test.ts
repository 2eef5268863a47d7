import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderModel } from '../../src/pipeline.js';
import { validateText } from '../../src/spec/validate.js';

const SPEC = `
refarch: 1
title: 'Ride "requests" & <matching>'
description: The rider app queues a ride request; a worker matches a driver.
nodes:
  rider: { type: generic.mobile-client, label: "</text><script>alert(1)</script>", tooltip: "x\\" onload=\\"alert(1)" }
  aws:
    type: group.aws-cloud
    children:
      queue: { type: aws.sqs, label: Ride requests, note: "FIFO & <ordered>", link: "https://example.com/?a=1&b=<2>" }
      worker: { type: aws.lambda, label: Matcher }
edges:
  - { from: rider, to: queue, label: "request <ride>", step: 1 }
  - { from: queue, to: worker, style: async }
steps:
  1: "The rider <app> requests a ride & waits."
`;

async function render(theme: 'light' | 'dark' | 'auto' = 'light'): Promise<string> {
  const { model, diagnostics } = validateText(SPEC, 'test.yaml');
  expect(diagnostics).toEqual([]);
  return (await renderModel(model!, { format: 'svg', theme })) as string;
}

function parseXml(svg: string): Document {
  const { window } = new JSDOM(svg, { contentType: 'image/svg+xml' });
  const doc = window.document;
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  return doc;
}

function allElements(doc: Document): Element[] {
  return [...doc.getElementsByTagName('*')];
}

describe('SVG rendering', () => {
  it('gives byte-identical output for the same spec', async () => {
    expect(await render()).toBe(await render());
  });

  it('is well-formed XML whose root is an accessible image with title and description', async () => {
    const doc = parseXml(await render());
    const root = doc.documentElement;
    expect(root.tagName).toBe('svg');
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-labelledby')).toBe('rf-title rf-desc');
    expect(doc.getElementById('rf-title')?.textContent).toBe('Ride "requests" & <matching>');
    expect(doc.getElementById('rf-desc')?.textContent).toContain('matches a driver');
  });

  it('keeps hostile label text as text: no script element, no event-handler attribute', async () => {
    const svg = await render();
    const doc = parseXml(svg);
    expect(doc.getElementsByTagName('script').length).toBe(0);
    for (const el of allElements(doc)) {
      for (const attr of [...el.attributes]) expect(attr.name.toLowerCase().startsWith('on')).toBe(false);
    }
    const rider = doc.querySelector('g.node[data-id="rider"]');
    expect(rider?.textContent).toContain('</text><script>alert(1)</script>'.slice(0, 10));
    expect(svg).toContain('&lt;script&gt;');
  });

  it('references nothing outside the file except the links the spec gives', async () => {
    const doc = parseXml(await render());
    const links: string[] = [];
    for (const el of allElements(doc)) {
      for (const attr of [...el.attributes]) {
        if (attr.localName === 'href') {
          if (el.localName === 'a') links.push(attr.value);
          else expect(attr.value.startsWith('#')).toBe(true);
        }
        expect(attr.value).not.toMatch(/url\((?!#|data:)/);
      }
    }
    expect(links).toEqual(['https://example.com/?a=1&b=<2>']);
    for (const style of doc.getElementsByTagName('style'))
      expect(style.textContent).not.toMatch(/url\((?!data:)/);
  });

  it('follows the markup contract: node, group and edge groups with data attributes', async () => {
    const doc = parseXml(await render());
    expect([...doc.querySelectorAll('g.node')].map((g) => g.getAttribute('data-id'))).toEqual([
      'rider',
      'queue',
      'worker',
    ]);
    expect([...doc.querySelectorAll('g.group')].map((g) => g.getAttribute('data-id'))).toEqual(['aws']);
    const edges = [...doc.querySelectorAll('g.edge')].map(
      (g) => `${g.getAttribute('data-from')}>${g.getAttribute('data-to')}`,
    );
    expect(edges).toEqual(['rider>queue', 'queue>worker']);
  });

  it('gives every node a title for tooltips and wraps linked nodes in an anchor', async () => {
    const doc = parseXml(await render());
    for (const g of doc.querySelectorAll('g.node'))
      expect(g.querySelector('title')?.textContent).toBeTruthy();
    expect(doc.querySelector('a > g.node')?.getAttribute('data-id')).toBe('queue');
  });

  it('inlines each icon once as a symbol and places it with use', async () => {
    const doc = parseXml(await render());
    const symbols = [...doc.getElementsByTagName('symbol')].map((s) => s.getAttribute('id'));
    expect(new Set(symbols).size).toBe(symbols.length);
    expect(symbols.length).toBeGreaterThanOrEqual(3);
    for (const s of doc.getElementsByTagName('symbol'))
      expect(s.getElementsByTagName('title').length).toBe(0);
    expect(doc.getElementsByTagName('use').length).toBeGreaterThanOrEqual(3);
  });

  it('draws async edges dashed and sync edges solid', async () => {
    const doc = parseXml(await render());
    const path = (id: string) => doc.querySelector(`g.edge[data-id="${id}"] path`);
    expect(path('queue->worker')?.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(path('rider->queue')?.getAttribute('stroke-dasharray')).toBeNull();
  });

  it('embeds the measuring font as a WOFF2 subset and uses no foreignObject', async () => {
    const svg = await render();
    expect(svg).toMatch(
      /@font-face\{font-family:"Pretendard";[^}]*font-weight:400;src:url\(data:font\/woff2;base64,/,
    );
    expect(svg).not.toContain('foreignObject');
  });

  it('switches to dark colours inside the SVG with theme auto, and draws dark directly with theme dark', async () => {
    const auto = await render('auto');
    expect(auto).toContain('@media (prefers-color-scheme: dark)');
    const dark = parseXml(await render('dark'));
    expect(dark.querySelector('rect.rf-bg')?.getAttribute('fill')?.toUpperCase()).toBe('#161D26');
    expect(
      parseXml(await render('light'))
        .querySelector('rect.rf-bg')
        ?.getAttribute('fill')
        ?.toUpperCase(),
    ).toBe('#FFFFFF');
  });

  it('shows the step as a badge on the edge and lists it in the legend', async () => {
    const doc = parseXml(await render());
    expect(doc.querySelector('g.edge[data-id="rider->queue"] circle.rf-badge')).not.toBeNull();
    expect(doc.querySelector('g.legend g.step[data-step="1"]')?.textContent).toContain(
      'The rider <app> requests a ride & waits.',
    );
  });
});

describe('SVG rendering of a hand-built diagram (library callers skip validation)', () => {
  it('stays well-formed XML when labels hold characters XML cannot carry', async () => {
    const { model } = validateText(SPEC, 'test.yaml');
    const { layoutModel } = await import('../../src/layout/layout.js');
    const { renderSvg } = await import('../../src/render/svg.js');
    const diagram = await layoutModel(model!);
    const node = diagram.nodes.find((n) => n.id === 'worker')!;
    node.label = { ...node.label, lines: ['bell\u0007 and lone \ud800 surrogate'] };
    node.tooltip = 'line one\r\nline two\rthree';
    const doc = parseXml(await renderSvg(diagram, { theme: 'light', embedFont: false }));
    const g = doc.querySelector('g.node[data-id="worker"]');
    expect(g?.querySelector('text')?.textContent).toBe('bell\uFFFD and lone \uFFFD surrogate');
    expect(g?.querySelector('title')?.textContent).toBe('line one\nline two\nthree');
  });
});

describe('edges through group headers', () => {
  // Top-down, a single column: the edge from the client enters the account and the VPC straight
  // through their header labels, which sit across the middle of these narrow groups.
  const THROUGH_HEADERS = `
refarch: 1
title: Headers
direction: down
nodes:
  client: { type: generic.users, label: Operator }
  account:
    type: group.aws-account
    label: AWS-managed account
    children:
      vpc:
        type: group.vpc
        label: EKS VPC
        children:
          nlb: { type: aws.nlb, label: Network Load Balancer }
edges:
  - { from: client, to: nlb }
`;

  async function diagramAndSvg(text: string) {
    const { model } = validateText(text, 'headers.yaml');
    const { layoutModel } = await import('../../src/layout/layout.js');
    const diagram = await layoutModel(model!);
    return { diagram, svg: (await renderModel(model!, { format: 'svg', theme: 'light' })) as string };
  }

  it('are masked under every header part they cross, so the header stays legible', async () => {
    const { headerCrossings } = await import('../../src/diagram/header-crossings.js');
    const { diagram, svg } = await diagramAndSvg(THROUGH_HEADERS);
    const crossings = headerCrossings(diagram);
    expect(crossings.map((c) => c.group).sort()).toEqual(['account', 'vpc']);
    const doc = parseXml(svg);
    const mask = doc.getElementById('rf-header-gaps')!;
    expect(mask.tagName).toBe('mask');
    const holes = [...mask.getElementsByTagName('rect')].slice(1).map((r) => ({
      x: Number(r.getAttribute('x')),
      y: Number(r.getAttribute('y')),
      width: Number(r.getAttribute('width')),
      height: Number(r.getAttribute('height')),
    }));
    expect(holes).toHaveLength(new Set(crossings.map((c) => c.part)).size);
    for (const { part } of crossings) {
      // Each crossed part lies inside a hole of the mask.
      expect(
        holes.some(
          (h) =>
            h.x <= part.x &&
            h.y <= part.y &&
            h.x + h.width >= part.x + part.width &&
            h.y + h.height >= part.y + part.height,
        ),
      ).toBe(true);
    }
    expect(doc.querySelector('g.edges')?.getAttribute('mask')).toBe('url(#rf-header-gaps)');
  });

  it('leave no mask when no edge crosses a header', async () => {
    const { svg } = await diagramAndSvg(THROUGH_HEADERS.replace('direction: down', 'direction: right'));
    const doc = parseXml(svg);
    expect(doc.getElementById('rf-header-gaps')).toBeNull();
    expect(doc.querySelector('g.edges')?.hasAttribute('mask')).toBe(false);
  });
});
