// Goldens: for every valid fixture, test/golden/ holds its SVG and its layout (the `--format json`
// geometry), stored in forms made for review (golden-format.ts): the SVG one element per line with
// each embedded font replaced by its size and hash, the layout one node or edge per line. A visual
// change is then a short diff: update deliberately with `npm run golden:update` and read
// `git diff test/golden` before committing. That output/ and the README gallery are current is
// asserted here once, by running `refarch check` on the repository.

import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layout, renderDiagram, renderModel } from '../../src/pipeline.js';
import { validateText } from '../../src/spec/validate.js';
import { changedLines, formatLayoutJson, formatSvg } from './golden-format.js';

const update = process.env.REFARCH_UPDATE_GOLDEN === '1';
const GOLDEN_DIR = 'test/golden';

function specsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function modelOf(file: string) {
  const { model } = validateText(readFileSync(file, 'utf8'), file);
  expect(model, `${file} must be valid`).not.toBeNull();
  return model!;
}

const baseName = (file: string) => path.basename(file).replace(/\.(ya?ml|json)$/, '');
const goldenFiles = (file: string) => ({
  svg: path.join(GOLDEN_DIR, `${baseName(file)}.svg`),
  json: path.join(GOLDEN_DIR, `${baseName(file)}.layout.json`),
});

/** Both golden forms of a fixture, from one layout. */
const forms = new Map<string, Promise<{ svg: string; json: string }>>();
function formsOf(file: string): Promise<{ svg: string; json: string }> {
  let made = forms.get(file);
  if (!made) {
    made = layout(modelOf(file)).then(async (diagram) => ({
      svg: formatSvg(await renderDiagram(diagram, { format: 'svg', theme: 'light' })),
      json: formatLayoutJson(await renderDiagram(diagram, { format: 'json', theme: 'light' })),
    }));
    forms.set(file, made);
  }
  return made;
}

const clip = (line: string | undefined) =>
  line === undefined ? '(nothing)' : line.length > 160 ? `${line.slice(0, 160)}…` : line;

/** Writes the golden in update mode; otherwise fails with where it first differs. */
function expectGolden(golden: string, actual: string): void {
  if (update) writeFileSync(golden, actual);
  expect(existsSync(golden), `${golden} is missing: run npm run golden:update`).toBe(true);
  const expected = readFileSync(golden, 'utf8');
  if (actual === expected) return;
  const { line, removed, added } = changedLines(expected, actual);
  expect.fail(
    [
      `${golden} is stale from line ${line} on:`,
      `  golden: ${clip(removed[0])}`,
      `  now:    ${clip(added[0])}`,
      'run `npm run golden:update` and review `git diff test/golden`',
    ].join('\n'),
  );
}

const fixtures = specsIn('test/fixtures/valid');

describe('goldens of the valid fixtures', () => {
  for (const file of fixtures) {
    const golden = goldenFiles(file);
    it(`${file} renders exactly as ${golden.svg}`, async () => {
      expectGolden(golden.svg, (await formsOf(file)).svg);
    });
    it(`${file} lays out exactly as ${golden.json}`, async () => {
      expectGolden(golden.json, (await formsOf(file)).json);
    });
  }

  it('test/golden holds no golden without a fixture', () => {
    const wanted = new Set(fixtures.flatMap((f) => Object.values(goldenFiles(f))));
    const orphans = readdirSync(GOLDEN_DIR)
      .filter((f) => f.endsWith('.svg') || f.endsWith('.layout.json'))
      .map((f) => path.join(GOLDEN_DIR, f))
      .filter((f) => !wanted.has(f));
    if (update) for (const orphan of orphans) unlinkSync(orphan);
    else expect(orphans, 'goldens of removed fixtures: run npm run golden:update').toEqual([]);
  });
});

describe('rendering is deterministic', () => {
  it('renders the first architecture twice to identical bytes', async () => {
    const [first] = specsIn('architectures');
    expect(first).toBeDefined();
    const svgOf = async () => renderModel(modelOf(first!), { format: 'svg', theme: 'light' });
    expect(await svgOf()).toBe(await svgOf());
  });
});

describe('the repository itself', () => {
  // The one test that output/ is current: the real `check`, as CI runs it.
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
