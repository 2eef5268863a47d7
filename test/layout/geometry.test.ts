import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLayoutDefects } from '../../src/layout/defects.js';
import { findHouseStyleIssues, findSizeIssues } from '../../src/layout/house-style.js';
import { layoutModel } from '../../src/layout/layout.js';
import { validateText } from '../../src/spec/validate.js';

const specFolders = ['test/fixtures/valid', 'architectures'];
const specFiles = specFolders.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => path.join(dir, f)),
);

describe('layout geometry of every valid fixture and architecture', () => {
  it('has specs to check', () => {
    expect(specFiles.length).toBeGreaterThan(0);
  });

  for (const file of specFiles) {
    it(`${file} lays out with no overlaps, spills, edges through nodes or misplaced labels, in AWS's house style`, async () => {
      const { model, diagnostics } = validateText(readFileSync(file, 'utf8'), file);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const diagram = await layoutModel(model!);
      expect(findLayoutDefects(diagram).map((d) => d.message)).toEqual([]);
      expect(findHouseStyleIssues(diagram, model!).map((d) => d.message)).toEqual([]);
      expect(diagram.nodes.length).toBe(model!.nodes.size);
    });
  }
});

describe('the default size', () => {
  for (const file of specFiles) {
    it(`${file} is at most 1600 px wide with an aspect between 0.5 and 2.5`, async () => {
      const { model } = validateText(readFileSync(file, 'utf8'), file);
      const diagram = await layoutModel(model!);
      expect(findSizeIssues(diagram).map((d) => d.message)).toEqual([]);
    });
  }
});

describe('AZ grids', () => {
  it('draw the two-AZ three-tier app as AZ columns with tiers lined up and the load balancer centred over its targets', async () => {
    const file = 'test/fixtures/valid/three-tier-web.yaml';
    const { model } = validateText(readFileSync(file, 'utf8'), file);
    const diagram = await layoutModel(model!);
    const box = (id: string) => diagram.nodes.find((n) => n.id === id)!.box;
    const [a, b] = [box('az-a'), box('az-b')];
    expect(a.y).toBe(b.y);
    expect(a.x + a.width).toBeLessThan(b.x);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    // Public, app and data tiers in spec order, each on one line.
    for (const [left, right] of [
      ['public-a', 'public-b'],
      ['app-a', 'app-b'],
      ['data-a', 'data-b'],
    ] as const)
      expect(box(left).y).toBe(box(right).y);
    expect(box('public-a').y).toBeLessThan(box('app-a').y);
    expect(box('app-a').y).toBeLessThan(box('data-a').y);
    const centre = (b: { x: number; width: number }) => b.x + b.width / 2;
    expect(
      Math.abs(centre(box('alb')) - (centre(box('web-a')) + centre(box('web-b'))) / 2),
    ).toBeLessThanOrEqual(2);
    // The Auto Scaling group is a band over the two web servers only.
    const asg = diagram.overlays.find((o) => o.id === 'web-asg')!;
    expect(asg.box.y).toBeGreaterThan(box('public-a').y + box('public-a').height);
  });
});
