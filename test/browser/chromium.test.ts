// Real-browser checks in Debian's Chromium (driven by playwright-core): each diagram loads without
// errors and no text is wider or taller than the box the layout measured for it. A PNG screenshot
// of each diagram is kept in test-artifacts/ for review. In CI a missing Chromium is a failure.

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box, Diagram } from '../../src/diagram/diagram.js';
import { diffModels } from '../../src/diff/changes.js';
import { mergedModel } from '../../src/diff/merge.js';
import { layoutModel } from '../../src/layout/layout.js';
import { renderSvg } from '../../src/render/svg.js';
import { validateText } from '../../src/spec/validate.js';
import { chromiumAvailable, launchChromium, requireChromiumInCi } from './launch.js';

const ARTIFACTS = 'test-artifacts/screenshots';

const specs = ['architectures', 'test/fixtures/valid'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f)),
);

interface ExpectedText {
  selector: string;
  box: Box;
}

/** The measured box of every text the layout placed, with a selector that finds it in the SVG. */
function expectedTexts(diagram: Diagram): ExpectedText[] {
  const texts: ExpectedText[] = [];
  for (const n of diagram.nodes) {
    const g = `g.${n.kind}[data-id="${n.id}"]`;
    texts.push({ selector: `${g} > text:not(.rf-muted)`, box: n.label });
    if (n.note) texts.push({ selector: `${g} > text.rf-muted`, box: n.note });
  }
  for (const e of diagram.edges) {
    const g = `g.edge[data-id="${e.id}"]`;
    if (e.label) texts.push({ selector: `${g} > text.rf-text`, box: e.label });
    for (const [end, label] of [
      ['source', e.sourceLabel],
      ['target', e.targetLabel],
    ] as const)
      if (label) texts.push({ selector: `${g} > g.end-label[data-end="${end}"] > text`, box: label.text });
  }
  for (const item of diagram.markLegend?.items ?? [])
    texts.push({ selector: `g.mark-legend g.mark[data-mark="${item.kind}"] > text.rf-text`, box: item.text });
  return texts;
}

requireChromiumInCi();

describe.skipIf(!chromiumAvailable)('diagrams in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const file of specs) {
    it(`${file}: loads without errors and every text fits its measured box`, async () => {
      const { model } = validateText(readFileSync(file, 'utf8'), file);
      await checkInBrowser(await layoutModel(model!), path.basename(file).replace(/\.\w+$/, ''));
    });
  }

  // The pictures `refarch diff` draws of the test pairs, marks and key included.
  const diffBase = readFileSync('test/fixtures/diff/base.yaml', 'utf8');
  for (const change of readdirSync('test/fixtures/diff')
    .filter((f) => f !== 'base.yaml')
    .sort()) {
    it(`the diff picture of ${change}: loads without errors and every text fits its measured box`, async () => {
      const base = validateText(diffBase, 'base.yaml').model!;
      const head = validateText(readFileSync(path.join('test/fixtures/diff', change), 'utf8'), change).model!;
      const merged = mergedModel(base, head, diffModels(base, head));
      await checkInBrowser(await layoutModel(merged), `diff-${change.replace(/\.yaml$/, '')}`);
    });
  }

  async function checkInBrowser(diagram: Diagram, name: string): Promise<void> {
    const svg = await renderSvg(diagram, { theme: 'light' });
    const page = await browser.newPage({ viewport: { width: diagram.width, height: diagram.height } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.evaluate(() => document.fonts.ready);
    const expected = expectedTexts(diagram);
    const measured = await page.evaluate((items) => {
      return items.map(({ selector }) => {
        const el = document.querySelector(selector) as SVGGraphicsElement | null;
        if (!el) return null;
        const b = el.getBBox();
        return { x: b.x, y: b.y, width: b.width, height: b.height };
      });
    }, expected);
    const fontsLoaded = await page.evaluate(
      () => [...document.fonts].filter((f) => f.status === 'loaded').length,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    await page.close();
    expect(errors).toEqual([]);
    expect(fontsLoaded).toBeGreaterThan(0);
    const overflows = expected.flatMap((item, i) => {
      const b = measured[i];
      if (!b) return [`${item.selector} not found`];
      const tol = 1;
      const inside =
        b.x >= item.box.x - tol &&
        b.y >= item.box.y - tol &&
        b.x + b.width <= item.box.x + item.box.width + tol &&
        b.y + b.height <= item.box.y + item.box.height + tol;
      return inside
        ? []
        : [`${item.selector}: drawn ${JSON.stringify(b)} outside measured ${JSON.stringify(item.box)}`];
    });
    expect(overflows).toEqual([]);
  }
});
