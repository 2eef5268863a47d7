// The layout time budget: every command that lays out (render, check, embed, serve) stops a layout
// that takes longer than --layout-timeout and reports its spec instead of hanging. Runs the built
// CLI, since the worker is the compiled one (`npm test` builds first). The budget is far from the
// specs: the large one takes about 25 s to lay out on a two-core EPYC, the small one well under a
// second even with a cold worker on a busy machine, so the outcome does not depend on the
// machine's speed.

import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM benchmark helper without types
import { awsLikeSpec } from '../../bench/aws-like.mjs';
import { DEFAULT_LAYOUT_TIMEOUT_SECONDS } from '../../src/layout/elk-engine.js';
import { run as runInProcess, waitFor } from './project.js';

const execFileAsync = promisify(execFile);
const BUILT_CLI = 'dist/cli/main.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runBuilt(argv: string[]): Promise<Run> {
  return execFileAsync(process.execPath, [BUILT_CLI, ...argv]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: Run) => e,
  );
}

let dir: string;
/** A spec whose layout takes far longer than a budget of 1 s. */
let big: string;
const at = (relative: string) => path.join(dir, relative);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'refarch-timeout-'));
  big = at('specs/big.json');
  mkdirSync(path.dirname(big), { recursive: true });
  writeFileSync(big, JSON.stringify(awsLikeSpec(4000)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--layout-timeout', () => {
  it('is offered with one default by every command that lays out', async () => {
    for (const command of ['render', 'check', 'embed', 'serve']) {
      const { stdout } = await runInProcess([command, '--help']);
      expect(stdout, command).toMatch(
        new RegExp(
          `--layout-timeout <seconds>\\s+[\\w ]+\\s+\\(default: ${DEFAULT_LAYOUT_TIMEOUT_SECONDS}\\)`,
        ),
      );
    }
  });
});

describe('render --layout-timeout', () => {
  it('stops a layout that exceeds the budget, reports it and writes nothing', async () => {
    const small = at('small.json');
    writeFileSync(small, JSON.stringify(awsLikeSpec(12)));
    const out = at('render-out');
    const result = await runBuilt(['render', big, small, '--out', out, '--layout-timeout', '5']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error layout-timeout: layout took longer than 5 s; nothing was written');
    expect(result.stderr).toContain('1 rendered, 0 unchanged, 1 failed');
    expect(existsSync(path.join(out, 'big.svg'))).toBe(false);
    expect(existsSync(path.join(out, 'small.svg'))).toBe(true);
  });
});

describe('check --layout-timeout', () => {
  it('stops a layout that exceeds the budget and reports the spec', async () => {
    // A committed output, so that check lays the spec out to compare it.
    const out = at('check-out');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'big.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const result = await runBuilt(['check', big, '--out', out, '--layout-timeout', '1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${big} error layout-timeout: layout took longer than 1 s; its outputs were not compared`,
    );
  });
});

describe('embed --layout-timeout', () => {
  it("stops a layout that exceeds the budget, reports it on the block's marker and writes nothing", async () => {
    const markdown = at('doc.md');
    const text = '# Doc\n\n<!-- refarch specs/big.json -->\n<!-- /refarch -->\n';
    writeFileSync(markdown, text);
    const result = await runBuilt(['embed', markdown, '--layout-timeout', '1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${markdown}:3:1 error layout-timeout: the layout of 'specs/big.json' took longer than 1 s, so this block was left as it was`,
    );
    expect(readFileSync(markdown, 'utf8')).toBe(text);
    expect(existsSync(at('diagrams'))).toBe(false);
  });
});

describe('serve --layout-timeout', () => {
  it('stops a layout that exceeds the budget and shows the diagnostic instead of a diagram', async () => {
    const child = spawn(
      process.execPath,
      [BUILT_CLI, 'serve', path.dirname(big), '--port', '0', '--layout-timeout', '1'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor('the URL on stdout', () => /http:\/\/127\.0\.0\.1:\d+\//.test(stdout));
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)![0];
      type State = { diagrams: { svg: string | null; diagnostics: { code: string; message: string }[] }[] };
      const state = async () => (await (await fetch(new URL('/api/diagrams', url))).json()) as State;
      const [listed] = (await state()).diagrams;
      expect(listed).toMatchObject({ diagnostics: [] });
      // What the page does: ask for the SVG, which lays the spec out.
      const svg = await fetch(new URL(listed!.svg!, url));
      expect(svg.status).toBe(404);
      expect((await state()).diagrams).toMatchObject([
        {
          svg: null,
          diagnostics: [
            { code: 'layout-timeout', message: 'layout took longer than 1 s; no diagram was drawn' },
          ],
        },
      ]);
      expect(stderr).toContain('error layout-timeout: layout took longer than 1 s; no diagram was drawn');
    } finally {
      child.kill('SIGINT');
      const code = await Promise.race([
        exited,
        new Promise((resolve) => setTimeout(() => resolve('timeout'), 60_000)),
      ]);
      child.kill('SIGKILL');
      expect(code, stderr).toBe(0);
    }
  });
});
