// The layout time budget: ELK runs on a worker thread that `render` stops when a layout takes
// longer than --layout-timeout, reporting the spec instead of hanging. Runs the built CLI, since
// the worker is the compiled one (`npm test` builds first). The budget is far from both specs: the
// large one takes about 25 s to lay out on a two-core EPYC, the small one well under a second even
// with a cold worker on a busy machine, so the outcome does not depend on the machine's speed.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM benchmark helper without types
import { awsLikeSpec } from '../../bench/aws-like.mjs';

const run = promisify(execFile);

describe('render --layout-timeout', () => {
  it('stops a layout that exceeds the budget, reports it and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'refarch-timeout-'));
    const spec = path.join(dir, 'big.json');
    writeFileSync(spec, JSON.stringify(awsLikeSpec(4000)));
    const small = path.join(dir, 'small.json');
    writeFileSync(small, JSON.stringify(awsLikeSpec(12)));
    const out = path.join(dir, 'out');
    const result = await run(process.execPath, [
      'dist/cli/main.js',
      'render',
      spec,
      small,
      '--out',
      out,
      '--layout-timeout',
      '5',
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error layout-timeout: layout took longer than 5 s; nothing was written');
    expect(result.stderr).toContain('1 rendered, 0 unchanged, 1 failed');
    expect(existsSync(path.join(out, 'big.svg'))).toBe(false);
    expect(existsSync(path.join(out, 'small.svg'))).toBe(true);
  });
});
