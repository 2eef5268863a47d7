// Two renders of the same folder into the same output folder at once (two `node dist/cli/main.js
// render` processes, as two terminals or CI jobs would run them) leave valid, complete files: each
// parses as XML, passes the SVG safety check and is byte-identical to a single render's.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runBuiltCli, stackTraceLines } from './cli.js';
import { svgViolations } from './svg-safety.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'refarch-concurrent-'));
  cpSync(join(REPO, 'test/fixtures/valid'), join(dir, 'specs'), { recursive: true });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('two renders of one folder at the same time', () => {
  it.each([1, 2, 3])('leave complete, valid files identical to a single render (round %i)', async (round) => {
    const specs = join(dir, 'specs');
    const single = join(dir, `single-${round}`);
    const shared = join(dir, `shared-${round}`);
    const alone = await runBuiltCli(['render', specs, '--out', single]);
    expect(alone.code).toBe(0);
    const [a, b] = await Promise.all([
      runBuiltCli(['render', specs, '--out', shared]),
      runBuiltCli(['render', specs, '--out', shared]),
    ]);
    for (const run of [a, b]) {
      expect(run.code, run.stderr).toBe(0);
      expect(stackTraceLines(run)).toEqual([]);
    }
    const expected = readdirSync(single).sort();
    expect(readdirSync(shared).sort()).toEqual(expected); // and no temporary files
    for (const name of expected) {
      const bytes = readFileSync(join(shared, name));
      expect(bytes.equals(readFileSync(join(single, name))), name).toBe(true);
      expect(svgViolations(bytes.toString('utf8')), name).toEqual([]);
    }
  });
});
