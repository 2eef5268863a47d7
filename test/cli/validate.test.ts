import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun as Run, runCli } from '../reliability/cli.js';
import { specFiles } from '../spec/fixture-files.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (path: string) => join(repoRoot, 'test/fixtures', path);
const VALID = fixture('valid');
const UNKNOWN_TYPE = fixture('invalid/unknown-type.yaml');
const WARNING_ONLY = fixture('invalid/self-edge.yaml');

const run = (...argv: string[]) => runCli(argv);

let temp: string;

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'refarch-validate-'));
});

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

function noStackTrace(r: Run): void {
  expect(r.stdout).not.toContain('    at ');
  expect(r.stderr).not.toContain('    at ');
}

describe('refarch validate exit codes', () => {
  it('exits 0 for a folder of valid specs', async () => {
    const r = await run('validate', VALID);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    noStackTrace(r);
  });

  it('exits 0 for a spec with warnings only', async () => {
    const r = await run('validate', WARNING_ONLY);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning self-edge');
  });

  it('exits 1 for an invalid spec and prints file:line:col, the code and a hint', async () => {
    const r = await run('validate', UNKNOWN_TYPE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${UNKNOWN_TYPE}:6:11 error unknown-type: unknown type 'aws.lamda'`);
    expect(r.stdout).toContain('  hint: ');
    noStackTrace(r);
  });

  it('exits 1 when one spec of several is invalid', async () => {
    const r = await run('validate', VALID, UNKNOWN_TYPE);
    expect(r.code).toBe(1);
  });

  it('exits 1 for every invalid fixture, and never prints a stack trace', async () => {
    const r = await run('validate', fixture('invalid'));
    expect(r.code).toBe(1);
    noStackTrace(r);
  });

  it('exits 1 for a 10 MB file, judging it by its size', async () => {
    const big = join(temp, 'big.yaml');
    writeFileSync(big, Buffer.alloc(10 * 1024 * 1024, 0x61));
    const r = await run('validate', big);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error file-too-large: the file is 10.0 MiB');
  });

  it('exits 2 for a missing file', async () => {
    const r = await run('validate', join(temp, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('error cannot-read: no such file or folder');
    noStackTrace(r);
  });

  it('exits 2 for a folder with no specs', async () => {
    const empty = join(temp, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'not a spec');
    const r = await run('validate', empty);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('error no-specs');
  });

  it('exits 2 for a FIFO given as a file, without waiting on it', async () => {
    const fifo = join(temp, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = await run('validate', fifo);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('error not-a-file');
  });

  it('exits 2 for an unknown option, and says how to get help', async () => {
    const r = await run('validate', '--bogus', VALID);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stderr).toContain('--help');
    noStackTrace(r);
  });

  it('exits 2 for an unknown format', async () => {
    expect((await run('validate', '--format', 'xml', VALID)).code).toBe(2);
  });

  it('exits 0 for --help', async () => {
    const r = await run('validate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 valid');
  });
});

describe('refarch validate output', () => {
  it('summarises on stderr, keeping stdout for diagnostics', async () => {
    const r = await run('validate', VALID, UNKNOWN_TYPE);
    const valid = specFiles(VALID).length;
    expect(r.stderr).toBe(`${valid + 1} specs checked: ${valid} valid, 1 invalid (1 error, 0 warnings)\n`);
    expect(r.stdout.split('\n')[0]).toMatch(/unknown-type\.yaml:6:11 error unknown-type/);
  });

  it('prints parseable JSON with --format json, and nothing else on stdout', async () => {
    const r = await run('validate', '--format', 'json', UNKNOWN_TYPE, WARNING_ONLY);
    const parsed = JSON.parse(r.stdout) as { file: string; line: number; code: string; severity: string }[];
    expect(parsed.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['unknown-type', 'error', 6],
      ['self-edge', 'warning', 7],
    ]);
    expect(r.stderr).toBe('');
  });

  it('prints an empty JSON list for valid specs', async () => {
    const r = await run('validate', '-f', 'json', VALID);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('includes file problems in the JSON list', async () => {
    const r = await run('validate', '-f', 'json', join(temp, 'missing.yaml'));
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ code: 'cannot-read', line: 0 })]);
  });

  it('prints GitHub workflow commands with --format github', async () => {
    const r = await run(
      'validate',
      '--format',
      'github',
      UNKNOWN_TYPE,
      fixture('invalid/duplicate-key.yaml'),
    );
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.startsWith('::error file=')).toBe(true);
    expect(lines[0]).toContain(',line=6,col=11,title=refarch unknown-type::');
  });

  it('hides warnings and the summary with --quiet', async () => {
    const r = await run('validate', '--quiet', WARNING_ONLY, VALID);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('still prints errors with --quiet', async () => {
    const r = await run('validate', '-q', UNKNOWN_TYPE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error unknown-type');
    expect(r.stderr).toBe('');
  });

  it('applies --max-nodes', async () => {
    const r = await run('validate', '--max-nodes', '5', fixture('valid/three-tier-web.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error too-many-nodes');
  });

  it('rejects a --max-nodes that is not a positive whole number', async () => {
    const r = await run('validate', '--max-nodes', '-3', VALID);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected a positive whole number');
  });

  it('says which folder it looked for when run with no paths', () => {
    // A child process, so the test needs no process.chdir (which worker threads forbid).
    const child = spawnSync(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'validate'], {
      cwd: temp,
      encoding: 'utf8',
    });
    expect(child.status).toBe(2);
    expect(child.stdout).toContain('hint: with no paths, validate reads architectures/');
  });
});

describe('refarch validate from the built package', () => {
  const program = join(repoRoot, 'dist/cli/program.js');

  /**
   * Runs some code in a fresh node and lists the CommonJS packages it loaded on this thread: those
   * in the require cache, and elkjs and jsdom, which load through `requireCached`
   * (dist/vendor/jsdom.cjs is jsdom).
   */
  function packagesLoadedBy(code: string): string[] {
    const script = `
      import { createRequire } from 'node:module';
      const { cachedRequireStatus } = await import(${JSON.stringify(join(repoRoot, 'dist/runtime/cached-require.js'))});
      ${code}
      const files = [...Object.keys(createRequire(import.meta.url).cache), ...cachedRequireStatus().map((s) => s.file)];
      const names = files.map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)|dist\\/vendor\\/(\\w+)/.exec(f)).filter(Boolean);
      process.stdout.write(JSON.stringify([...new Set(names.map((m) => m[1] ?? m[2]))]));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    return JSON.parse(child.stdout) as string[];
  }

  it('exists (npm test builds it first; run `npm run build` otherwise)', () => {
    expect(existsSync(program)).toBe(true);
  });

  it('does not load elkjs or jsdom to validate', () => {
    const loaded = packagesLoadedBy(`
      const { main } = await import(${JSON.stringify(program)});
      const quiet = { write() {}, isTTY: false };
      await main(['validate', ${JSON.stringify(VALID)}], { stdout: quiet, stderr: quiet });
    `);
    expect(loaded).toContain('yaml'); // the probe sees CommonJS packages at all
    expect(loaded).not.toContain('elkjs');
    expect(loaded).not.toContain('jsdom');
  });

  it('sees elkjs and jsdom when a render loads them (the probe works)', () => {
    // The pipeline's own renderModel, which lays out on this thread (the library's uses a worker).
    const loaded = packagesLoadedBy(`
      const { readFileSync } = await import('node:fs');
      const { validate: validateText } = await import(${JSON.stringify(join(repoRoot, 'dist/index.js'))});
      const { renderModel } = await import(${JSON.stringify(join(repoRoot, 'dist/pipeline.js'))});
      const spec = ${JSON.stringify(join(repoRoot, 'architectures/tada-logging.yaml'))};
      const { model } = validateText(readFileSync(spec, 'utf8'), spec);
      await renderModel(model, { format: 'svg', theme: 'light' });
    `);
    expect(loaded).toContain('elkjs');
    expect(loaded).toContain('jsdom');
  });

  it('runs as an executable and exits 1 for an invalid spec without a stack trace', () => {
    const child = spawnSync(
      process.execPath,
      [join(repoRoot, 'dist/cli/main.js'), 'validate', UNKNOWN_TYPE],
      {
        encoding: 'utf8',
      },
    );
    expect(child.status).toBe(1);
    expect(child.stdout).toContain('error unknown-type');
    expect(`${child.stdout}${child.stderr}`).not.toContain('    at ');
  });
});
