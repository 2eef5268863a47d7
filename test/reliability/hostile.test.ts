// Hostile and broken input: every spec of test/fixtures/hostile/ (which states its diagnostics with
// `# expect:` lines or a `.expect` file), inputs too big to commit (generated here), and paths that
// are not readable spec files. Each must give its diagnostic and exit 1 (2 for I/O), in bounded time,
// with no exception and no stack trace.

import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Diagnostic, type DiagnosticCode, formatText } from '../../src/diagnostics.js';
import { DEFAULT_LIMITS } from '../../src/spec/limits.js';
import { validateBytes } from '../../src/spec/validate.js';
import {
  INVALID_DIR,
  invalidFixtures,
  sidecarPath,
  specFiles,
  VALIDATION_CODES,
} from '../spec/fixture-files.js';
import { RAW_CONTROL, runCli, stackTraceLines } from './cli.js';

const HOSTILE_DIR = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));

const at = (d: { code: string; line: number; column: number }) => `${d.code} ${d.line}:${d.column}`;

/** No diagnostic may carry raw control or bidi characters, or break onto a second line. */
function expectPrintable(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    for (const text of [d.message, d.hint ?? '']) {
      expect(text, `${d.code} message`).not.toMatch(RAW_CONTROL);
      expect(text, `${d.code} message`).not.toContain('\n');
    }
  }
}

/** Validates in this process and through `refarch validate`, expecting exactly these diagnostics. */
async function expectRejected(
  file: string,
  expected: readonly { code: string; line: number; column: number }[],
  exitCode = 1,
): Promise<void> {
  const { model, diagnostics } = validateBytes(new Uint8Array(readFileSync(file)), file);
  expect(model).toBeNull();
  const got = diagnostics.map(at);
  for (const e of expected) expect(got).toContain(at(e));
  const codes = new Set(expected.map((e) => e.code));
  expect(diagnostics.filter((d) => !codes.has(d.code)).map(at)).toEqual([]);
  expectPrintable(diagnostics);

  const run = await runCli(['validate', file]);
  expect(run.code).toBe(exitCode);
  expect(stackTraceLines(run)).toEqual([]);
  expect(run.stdout).not.toMatch(RAW_CONTROL);
  for (const d of diagnostics) expect(run.stdout).toContain(formatText(d));
}

const fixtures = invalidFixtures(HOSTILE_DIR);

describe('the hostile corpus', () => {
  it('holds at least 60 specs, in YAML and JSON', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
    expect(fixtures.some((f) => f.name.endsWith('.json'))).toBe(true);
    expect(fixtures.some((f) => f.name.endsWith('.yaml'))).toBe(true);
  });

  it('repeats no fixture of test/fixtures/invalid, by name or by content', () => {
    const invalid = specFiles(INVALID_DIR);
    const invalidBytes = new Set(
      invalid.map((name) => readFileSync(join(INVALID_DIR, name)).toString('base64')),
    );
    for (const f of fixtures) {
      expect(invalid).not.toContain(f.name);
      expect(invalidBytes.has(Buffer.from(f.bytes).toString('base64')), f.name).toBe(false);
    }
  });

  it('has distinct base names, so each sidecar belongs to one spec', () => {
    const bases = fixtures.map((f) => basename(f.name, extname(f.name)));
    expect(new Set(bases).size).toBe(bases.length);
  });

  it('has a spec for every sidecar .expect file', () => {
    const bases = new Set(fixtures.map((f) => basename(f.name, extname(f.name))));
    const orphans = readdirSync(HOSTILE_DIR)
      .filter((name) => name.endsWith('.expect'))
      .filter((name) => !bases.has(basename(name, '.expect')));
    expect(orphans).toEqual([]);
  });

  describe.each(fixtures)('$name', (fixture) => {
    it('states its expected diagnostics, with known codes', () => {
      expect(fixture.malformed, `malformed expectation lines in ${fixture.name}`).toEqual([]);
      expect(
        fixture.expected.length,
        `${fixture.name}: start it with "# expect: <code> <line>:<column>" or add ${basename(sidecarPath(fixture.path))}`,
      ).toBeGreaterThan(0);
      for (const e of fixture.expected) expect(VALIDATION_CODES, fixture.name).toContain(e.code);
    });

    it('is rejected with exactly its expected diagnostics, by validateBytes and by `refarch validate`', async () => {
      await expectRejected(fixture.path, fixture.expected);
    });
  });

  it('leaves Object.prototype unpolluted after every fixture', () => {
    for (const f of fixtures) validateBytes(f.bytes, f.name);
    const probe: Record<string, unknown> = {};
    for (const key of ['polluted', 'isAdmin', 'x']) expect(probe[key], key).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
      [
        '__defineGetter__',
        '__defineSetter__',
        '__lookupGetter__',
        '__lookupSetter__',
        '__proto__',
        'constructor',
        'hasOwnProperty',
        'isPrototypeOf',
        'propertyIsEnumerable',
        'toLocaleString',
        'toString',
        'valueOf',
      ].sort(),
    );
  });

  it('makes `refarch render` of the whole folder exit 1, write nothing and print no stack trace', async () => {
    const out = mkdtempSync(join(tmpdir(), 'refarch-hostile-out-'));
    try {
      const run = await runCli(['render', HOSTILE_DIR, '--out', out]);
      expect(run.code).toBe(1);
      expect(stackTraceLines(run)).toEqual([]);
      expect(readdirSync(out)).toEqual([]);
      expect(run.stderr).toContain(
        `${fixtures.length} specs: 0 rendered, 0 unchanged, ${fixtures.length} failed`,
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

// --- inputs too large to commit

const MB = 1024 * 1024;
const HEADER = 'refarch: 1\ntitle: Generated\n';

interface Generated {
  name: string;
  text: () => string;
  expected: { code: DiagnosticCode; line: number; column: number }[];
}

const serviceLines = (n: number, type = 'aws.lambda') =>
  Array.from({ length: n }, (_, i) => `  n${i}: { type: ${type} }\n`).join('');

const GENERATED: Generated[] = [
  {
    name: 'label-1mb.yaml',
    text: () => `${HEADER}nodes:\n  fn: { type: aws.lambda, label: "${'x'.repeat(MB)}" }\n`,
    expected: [{ code: 'too-long', line: 4, column: 34 }],
  },
  {
    name: 'nodes-5001.yaml',
    text: () => `${HEADER}nodes:\n${serviceLines(DEFAULT_LIMITS.maxNodes + 1)}`,
    expected: [{ code: 'too-many-nodes', line: 3, column: 1 }],
  },
  {
    name: 'edges-20001.yaml',
    text: () =>
      `${HEADER}nodes:\n  a: { type: aws.lambda }\n  b: { type: aws.sqs }\nedges:\n${'  - { from: a, to: b }\n'.repeat(DEFAULT_LIMITS.maxEdges + 1)}`,
    expected: [{ code: 'too-many-edges', line: 6, column: 1 }],
  },
  {
    name: 'edge-lists-10000.yaml',
    text: () =>
      `${HEADER}nodes:\n${serviceLines(4)}edges:\n${'  - { from: [n0, n1], to: [n2, n3] }\n'.repeat(10_000)}`,
    expected: [{ code: 'too-many-edges', line: 8, column: 1 }],
  },
  {
    name: 'endpoint-list-10000.yaml',
    text: () =>
      `${HEADER}nodes:\n${serviceLines(4)}edges:\n  - { from: n0, to: [${Array.from({ length: 10_000 }, () => 'n1').join(', ')}] }\n`,
    expected: [{ code: 'too-long', line: 9, column: 21 }],
  },
  {
    name: 'unknown-types-4999.yaml',
    text: () => `${HEADER}nodes:\n${serviceLines(DEFAULT_LIMITS.maxNodes - 1, 'aws.lambdda')}`,
    expected: [
      { code: 'unknown-type', line: 4, column: 15 },
      { code: 'too-many-problems', line: 0, column: 0 },
    ],
  },
  {
    name: 'one-line-60000-nodes.json',
    text: () =>
      `{"refarch":1,"title":"One line","nodes":{${Array.from({ length: 60_000 }, (_, i) => `"n${i}":{"type":"aws.lambda"}`).join(',')}}}`,
    expected: [{ code: 'too-many-nodes', line: 1, column: 33 }],
  },
  {
    name: 'comments-2mb.yaml',
    text: () => '# just a comment, over and over\n'.repeat(Math.floor((2 * MB - 1) / 32)),
    expected: [{ code: 'empty-file', line: 1, column: 1 }],
  },
  {
    name: 'long-line-2mb.yaml',
    text: () => 'a'.repeat(2 * MB - 1),
    expected: [{ code: 'wrong-type', line: 1, column: 1 }],
  },
  {
    name: 'brackets-100000.yaml',
    text: () => '['.repeat(100_000),
    expected: [{ code: 'nesting-too-deep', line: 1, column: DEFAULT_LIMITS.maxDepth + 1 }],
  },
  {
    name: 'three-mb.yaml',
    text: () => `${HEADER}description: "${'x'.repeat(3 * MB)}"\n`,
    expected: [{ code: 'file-too-large', line: 0, column: 0 }],
  },
];

describe('generated hostile inputs', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'refarch-generated-'));
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  // The bound is generous for a loaded two-core machine; test/reliability/measure-worst-case.mjs
  // measures the real times (a few seconds at most for a 2 MB spec).
  it.each(GENERATED)('$name is rejected with its diagnostic, in bounded time', async (input) => {
    const file = join(folder, input.name);
    writeFileSync(file, input.text());
    await expectRejected(file, input.expected);
  });
});

describe('the invalid, hostile and generated specs together', () => {
  it('expect every code that validation reports, so no code goes untested', () => {
    const expected = new Set(
      [...invalidFixtures(), ...fixtures, ...GENERATED].flatMap((f) => f.expected.map((e) => e.code)),
    );
    expect([...VALIDATION_CODES].filter((code) => !expected.has(code))).toEqual([]);
  });
});

// --- paths that are not readable spec files

describe('paths that are not spec files', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'refarch-paths-'));
    mkdirSync(join(folder, 'folder.yaml'));
    execFileSync('mkfifo', [join(folder, 'fifo.yaml')]);
    symlinkSync('loop.yaml', join(folder, 'loop.yaml'));
    symlinkSync('nowhere.yaml', join(folder, 'dangling.yaml'));
    symlinkSync('/dev/zero', join(folder, 'zero.yaml'));
    writeFileSync(join(folder, 'plain-file'), 'not a folder');
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** What, the path in the folder, the code when named directly, the code when found in the folder. */
  const cases: [string, string, string, string | null][] = [
    ['a folder named like a spec', 'folder.yaml', 'no-specs', 'not-a-file'],
    ['a FIFO (reading it would wait forever)', 'fifo.yaml', 'not-a-file', 'not-a-file'],
    ['a symbolic link to itself', 'loop.yaml', 'cannot-read', 'cannot-read'],
    ['a dangling symbolic link', 'dangling.yaml', 'cannot-read', 'cannot-read'],
    ['a link to a character device', 'zero.yaml', 'not-a-file', 'not-a-file'],
    ['a path through a file', 'plain-file/spec.yaml', 'cannot-read', null],
  ];

  it.each(cases)('%s exits 2 with %s', async (_what, relative, code) => {
    const file = join(folder, relative);
    const run = await runCli(['validate', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${file} error ${code}:`);
    expect(stackTraceLines(run)).toEqual([]);
  });

  it('a folder holding all of them exits 2 with one diagnostic for each', async () => {
    const run = await runCli(['validate', folder]);
    expect(run.code).toBe(2);
    for (const [, relative, , code] of cases)
      if (code) expect(run.stdout).toContain(`${join(folder, relative)} error ${code}:`);
    expect(stackTraceLines(run)).toEqual([]);
  });
});
