// Golden files: every valid fixture's SVG is committed under test/golden/, and every architecture's
// SVG under output/. A visual change therefore shows up in review as a changed file. Update them
// deliberately with `npm run golden:update` (fixtures) and `npm start` (output/).

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderModel } from '../../src/pipeline.js';
import { validateText } from '../../src/spec/validate.js';

const update = process.env.REFARCH_UPDATE_GOLDEN === '1';

function specsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

async function svgOf(file: string): Promise<string> {
  const { model } = validateText(readFileSync(file, 'utf8'), file);
  expect(model, `${file} must be valid`).not.toBeNull();
  return (await renderModel(model!, { format: 'svg', theme: 'light' })) as string;
}

const goldenName = (file: string) => `${path.basename(file).replace(/\.(ya?ml|json)$/, '')}.svg`;

describe('golden SVGs of the valid fixtures', () => {
  for (const file of specsIn('test/fixtures/valid')) {
    it(`${file} renders exactly as test/golden/${goldenName(file)}`, async () => {
      const golden = path.join('test/golden', goldenName(file));
      const svg = await svgOf(file);
      if (update) writeFileSync(golden, svg);
      expect(existsSync(golden), `${golden} is missing: run npm run golden:update`).toBe(true);
      expect(
        svg === readFileSync(golden, 'utf8'),
        `${golden} is stale: run npm run golden:update and review the diff`,
      ).toBe(true);
    });
  }
});

describe('committed output/ is what the current code renders', () => {
  for (const file of specsIn('architectures')) {
    it(`output/${goldenName(file)} is current`, async () => {
      const output = path.join('output', goldenName(file));
      expect(existsSync(output), `${output} is missing: run npm start`).toBe(true);
      expect((await svgOf(file)) === readFileSync(output, 'utf8'), `${output} is stale: run npm start`).toBe(
        true,
      );
    });
  }
});

describe('rendering is deterministic', () => {
  it('renders the first architecture twice to identical bytes', async () => {
    const [first] = specsIn('architectures');
    expect(first).toBeDefined();
    expect(await svgOf(first!)).toBe(await svgOf(first!));
  });
});

describe('the repository itself', () => {
  it('passes `refarch check`: output/ (SVG and PNG) and the README gallery are current', async () => {
    const { main } = await import('../../src/cli/program.js');
    const chunks: string[] = [];
    const output = {
      write: (s: string) => {
        chunks.push(s);
      },
      isTTY: false,
    };
    const code = await main(['check'], { stdout: output, stderr: output });
    const out = chunks.join('');
    expect(out).toMatch(/0 stale, 0 missing, 0 invalid/);
    expect(code).toBe(0);
  });
});
