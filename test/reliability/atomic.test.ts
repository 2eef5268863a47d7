// Output is atomic: a write that fails part-way (disk full, I/O error, failed rename) or a render
// killed at any moment never leaves a truncated file or removes the previous good one; temporary
// files of killed renders are cleaned by the next render; output names cannot leave --out.
// Failures are injected by wrapping node:fs/promises, since permissions do not stop root.

import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outputName, readSpecFile, removeStaleTempFiles, writeFileAtomic } from '../../src/cli/files.js';
import { REPO, runBuiltCli, runCli, stackTraceLines, startBuiltCli } from './cli.js';
import { svgViolations } from './svg-safety.js';

type Fault = 'none' | 'half-write' | 'sync' | 'rename' | 'read-permission';

const faults = vi.hoisted(() => ({ now: 'none' as Fault }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const errno = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });
  const open = (async (...args: Parameters<typeof real.open>) => {
    const [file] = args;
    if (faults.now === 'read-permission' && String(file).endsWith('.yaml'))
      throw errno('EACCES', `permission denied, open '${String(file)}'`);
    const handle = await real.open(...args);
    if (!String(file).endsWith('.tmp')) return handle;
    return new Proxy(handle, {
      get(target, property) {
        if (property === 'writeFile' && faults.now === 'half-write') {
          return async (data: string | Uint8Array) => {
            const bytes = Buffer.from(data);
            await target.write(bytes.subarray(0, bytes.length >> 1));
            throw errno('ENOSPC', 'no space left on device, write');
          };
        }
        if (property === 'sync' && faults.now === 'sync')
          return async () => Promise.reject(errno('EIO', 'i/o error, fsync'));
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }) as typeof real.open;
  const rename = (async (from: Parameters<typeof real.rename>[0], to: Parameters<typeof real.rename>[1]) => {
    if (faults.now === 'rename') throw errno('EXDEV', 'cross-device link not permitted, rename');
    return real.rename(from, to);
  }) as typeof real.rename;
  return { ...real, open, rename, default: { ...real, open, rename } };
});

const SPEC = `refarch: 1
title: Orders
nodes:
  api: { type: aws.api-gateway, label: Orders API }
  fn: { type: aws.lambda, label: Handler }
  table: { type: aws.dynamodb, label: Orders }
edges:
  - { from: api, to: fn }
  - { from: fn, to: table, label: write }
`;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'refarch-atomic-'));
  faults.now = 'none';
});

afterEach(() => {
  faults.now = 'none';
  rmSync(dir, { recursive: true, force: true });
});

const tempFiles = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.tmp'));

describe('writeFileAtomic when the write fails part-way', () => {
  it.each([
    ['the disk fills up half-way through the data', 'half-write'],
    ['flushing to disk fails', 'sync'],
    ['the final rename fails', 'rename'],
  ] as const)(
    'when %s, keeps the previous file byte for byte and leaves no temporary file',
    async (_what, fault) => {
      const target = join(dir, 'out.svg');
      writeFileSync(target, 'previous good output');
      faults.now = fault;
      await expect(writeFileAtomic(target, 'x'.repeat(100_000))).rejects.toThrow();
      expect(readFileSync(target, 'utf8')).toBe('previous good output');
      expect(tempFiles(dir)).toEqual([]);
    },
  );

  it('writes the whole file once nothing fails', async () => {
    const target = join(dir, 'out.svg');
    writeFileSync(target, 'previous good output');
    await writeFileAtomic(target, 'x'.repeat(100_000));
    expect(readFileSync(target, 'utf8')).toBe('x'.repeat(100_000));
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('refarch render when writing fails', () => {
  it('reports cannot-write, exits 2, keeps the previous output and leaves no temporary file', async () => {
    writeFileSync(join(dir, 'orders.yaml'), SPEC);
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'orders.svg'), 'previous good output');
    faults.now = 'half-write';
    const run = await runCli(['render', join(dir, 'orders.yaml'), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error cannot-write: ENOSPC');
    expect(stackTraceLines(run)).toEqual([]);
    expect(readFileSync(join(out, 'orders.svg'), 'utf8')).toBe('previous good output');
    expect(tempFiles(out)).toEqual([]);
  });

  it('reports a folder where the output file should be, and exits 2', async () => {
    writeFileSync(join(dir, 'orders.yaml'), SPEC);
    mkdirSync(join(dir, 'out', 'orders.svg'), { recursive: true });
    const run = await runCli(['render', join(dir, 'orders.yaml'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error cannot-write');
    expect(stackTraceLines(run)).toEqual([]);
    expect(tempFiles(join(dir, 'out'))).toEqual([]);
  });

  it('replaces a FIFO where the output file should be instead of waiting on it', async () => {
    writeFileSync(join(dir, 'orders.yaml'), SPEC);
    mkdirSync(join(dir, 'out'));
    execFileSync('mkfifo', [join(dir, 'out', 'orders.svg')]);
    const run = await runCli(['render', join(dir, 'orders.yaml'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(0);
    expect(statSync(join(dir, 'out', 'orders.svg')).isFile()).toBe(true);
  });

  it('reports --out naming a file, and exits 2', async () => {
    writeFileSync(join(dir, 'orders.yaml'), SPEC);
    writeFileSync(join(dir, 'out'), 'a file, not a folder');
    const run = await runCli(['render', join(dir, 'orders.yaml'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error cannot-write');
    expect(stackTraceLines(run)).toEqual([]);
  });
});

describe('reading a spec that cannot be read', () => {
  it('reports permission denied as cannot-read (exit 2)', async () => {
    writeFileSync(join(dir, 'locked.yaml'), SPEC);
    faults.now = 'read-permission';
    const read = await readSpecFile(join(dir, 'locked.yaml'), 1024 * 1024);
    expect(read.ok ? 'read' : read.diagnostic.code).toBe('cannot-read');
    const run = await runCli(['validate', join(dir, 'locked.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('error cannot-read: permission denied');
  });
});

describe('a render of a spec that has become invalid', () => {
  it('leaves the previous output byte-identical and untouched', async () => {
    const spec = join(dir, 'orders.yaml');
    const out = join(dir, 'out');
    writeFileSync(spec, SPEC);
    expect((await runCli(['render', spec, '--out', out])).code).toBe(0);
    const before = readFileSync(join(out, 'orders.svg'));
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(out, 'orders.svg'), old, old);
    writeFileSync(spec, SPEC.replace('aws.lambda', 'aws.lamda'));
    const run = await runCli(['render', spec, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error unknown-type');
    expect(readFileSync(join(out, 'orders.svg')).equals(before)).toBe(true);
    expect(statSync(join(out, 'orders.svg')).mtime.getTime()).toBe(old.getTime());
  });
});

describe('output names', () => {
  it.each([
    ['../../escape.yaml', 'escape.svg'],
    ['/etc/passwd.yaml', 'passwd.svg'],
    ['.hidden.yaml', '_hidden.svg'],
    ['.yaml', '_.svg'],
    ['...yaml', '_.svg'],
    ['a b;rm -rf $HOME.yaml', 'a_b_rm_-rf__HOME.svg'],
    ['주문.yaml', '__.svg'],
    ['x\\..\\..\\y.json', 'x_.._.._y.svg'],
    ['UPPER.YML', 'UPPER.svg'],
  ])('%s writes %s inside --out', (spec, name) => {
    expect(outputName(spec, 'svg')).toBe(name);
  });

  it('keeps every output of oddly named specs inside --out, and refuses two specs that would share one', async () => {
    const specs = join(dir, 'specs');
    mkdirSync(specs);
    const names = [
      '.hidden.yaml',
      'a b.yaml',
      'a_b.yaml',
      'x.json',
      'x.yaml',
      'semi;colon.yaml',
      '주문.yaml',
    ];
    for (const name of names)
      writeFileSync(
        join(specs, name),
        name.endsWith('.json')
          ? JSON.stringify({ refarch: 1, title: 'x', nodes: { a: { type: 'aws.lambda' } } })
          : SPEC,
      );
    const out = join(dir, 'out');
    const run = await runCli(['render', specs, '--out', out]);
    expect(stackTraceLines(run)).toEqual([]);
    expect(run.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['__.svg', '_hidden.svg', 'a_b.svg', 'semi_colon.svg', 'x.svg']);
    expect(run.stderr).toContain(
      `${join(specs, 'a_b.yaml')} error output-clash: would write ${join(out, 'a_b.svg')}, which ${join(specs, 'a b.yaml')} writes`,
    );
    expect(run.stderr).toContain(`${join(specs, 'x.yaml')} error output-clash`);
    expect(readdirSync(dir).sort()).toEqual(['out', 'specs']);
  });
});

describe('temporary files of killed renders', () => {
  const deadPid = () => {
    // A process that has exited: its pid is free (until reused, which the 30 s age rule covers).
    const pid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    return pid;
  };

  it('are removed once their writer is gone and they are older than 30 s', async () => {
    const stale = join(dir, `.orders.svg.${deadPid()}.0badf00d.tmp`);
    writeFileSync(stale, 'half a diagram');
    const old = new Date(Date.now() - 60_000);
    utimesSync(stale, old, old);
    expect(await removeStaleTempFiles(dir)).toEqual([stale]);
    expect(existsSync(stale)).toBe(false);
  });

  it('are kept while their writer runs, or while young, and other files are never touched', async () => {
    const live = join(dir, `.orders.svg.${process.pid}.0badf00d.tmp`);
    const young = join(dir, `.orders.svg.${deadPid()}.0badf00d.tmp`);
    const others = ['orders.svg', '.orders.svg.tmp', `.x.${deadPid()}.nothex!!.tmp`, 'notes.tmp'].map((n) =>
      join(dir, n),
    );
    for (const file of [live, young, ...others]) writeFileSync(file, 'x');
    const old = new Date(Date.now() - 60_000);
    for (const file of [live, ...others]) utimesSync(file, old, old);
    expect(await removeStaleTempFiles(dir)).toEqual([]);
    for (const file of [live, young, ...others]) expect(existsSync(file)).toBe(true);
  });

  it('are cleaned by the next render of the folder', async () => {
    writeFileSync(join(dir, 'orders.yaml'), SPEC);
    const out = join(dir, 'out');
    mkdirSync(out);
    const stale = join(out, `.orders.svg.${deadPid()}.0badf00d.tmp`);
    writeFileSync(stale, 'half a diagram');
    const old = new Date(Date.now() - 60_000);
    utimesSync(stale, old, old);
    expect((await runCli(['render', join(dir, 'orders.yaml'), '--out', out])).code).toBe(0);
    expect(readdirSync(out)).toEqual(['orders.svg']);
  });
});

describe('a render killed at random moments (SIGKILL)', () => {
  it('never leaves a partial output: each file is absent, the previous one, or the new one', async () => {
    const { awsLikeSpec } = (await import(join(REPO, 'bench/aws-like.mjs'))) as {
      awsLikeSpec: (size: number, seed?: number) => object;
    };
    const specs = join(dir, 'specs');
    mkdirSync(specs);
    for (let i = 0; i < 4; i++)
      writeFileSync(join(specs, `big-${i}.json`), JSON.stringify(awsLikeSpec(120, i + 1)));
    // The complete outputs, from one undisturbed render.
    const reference = join(dir, 'reference');
    expect((await runBuiltCli(['render', specs, '--out', reference])).code).toBe(0);
    const complete = new Map(
      readdirSync(reference).map((name) => [name, readFileSync(join(reference, name))]),
    );
    const out = join(dir, 'out');
    for (let attempt = 0; attempt < 6; attempt++) {
      const { child, done } = startBuiltCli(['render', specs, '--out', out]);
      setTimeout(() => child.kill('SIGKILL'), 300 + ((attempt * 397) % 1500));
      await done;
      if (!existsSync(out)) continue;
      for (const name of readdirSync(out)) {
        if (name.endsWith('.tmp')) continue; // a killed writer's; cleaned by the next render
        const bytes = readFileSync(join(out, name));
        expect(bytes.equals(complete.get(name)!), `${name} after kill ${attempt}`).toBe(true);
      }
    }
    const last = await runBuiltCli(['render', specs, '--out', out]);
    expect(last.code).toBe(0);
    for (const [name, bytes] of complete) expect(readFileSync(join(out, name)).equals(bytes)).toBe(true);
    for (const name of readdirSync(out).filter((n) => n.endsWith('.svg')))
      expect(svgViolations(readFileSync(join(out, name), 'utf8'))).toEqual([]);
    // Eight renders of four 120-node specs, two of them whole: within 180 s beside two CPU hogs,
    // over 180 s beside two hogs and a benchmark on a 2-core machine. Sized for the busier case.
  }, 600_000);
});
