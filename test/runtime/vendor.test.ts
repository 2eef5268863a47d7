// The build's vendor step (scripts/bundle-vendor.mjs): jsdom bundled into one file, V8 code caches
// for it and for elkjs, and the loader that uses a cache only when it was made from those contents.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderModel } from '../../src/pipeline.js';
import { bytecodeFor, stampedCache } from '../../src/runtime/cached-require.js';
import { validateText } from '../../src/spec/validate.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CACHED_REQUIRE = path.join(REPO, 'dist/runtime/cached-require.js');

/** Runs an ES module snippet in a fresh node (a fresh V8, as a CLI run gets) and parses its JSON output. */
function inFreshNode<T>(script: string): T {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO,
    encoding: 'utf8',
  });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as T;
}

describe('the built vendor files (npm test builds first)', () => {
  /** Loads both libraries in a fresh node, uses each once, and says whether their caches were taken. */
  const loadVendor = (withCliFlags: boolean) =>
    inFreshNode<{ file: string; cacheUsed: boolean }[]>(`
      ${withCliFlags ? `(await import(${JSON.stringify(path.join(REPO, 'dist/runtime/v8-flags.js'))})).applyV8Flags();` : ''}
      const { loadElkConstructor, loadJsdom } = await import(${JSON.stringify(path.join(REPO, 'dist/runtime/vendor.js'))});
      const { cachedRequireStatus } = await import(${JSON.stringify(CACHED_REQUIRE)});
      const ELK = loadElkConstructor();
      const { JSDOM } = loadJsdom();
      const layout = await new ELK().layout({ id: 'r', children: [{ id: 'a', width: 10, height: 10 }] });
      const svg = new JSDOM('<svg xmlns="http://www.w3.org/2000/svg"/>', { contentType: 'image/svg+xml' });
      if (layout.children[0].x === undefined || !svg.window.document.documentElement) throw new Error('not working');
      process.stdout.write(JSON.stringify(cachedRequireStatus()));
    `);

  it('load jsdom from the bundle and both libraries with code caches that V8 accepts', () => {
    // Under the flags the CLI sets first thing, as the build recorded the caches.
    const status = loadVendor(true);
    expect(status).toHaveLength(2);
    expect(status.some((s) => s.file === path.join(REPO, 'dist/vendor/jsdom.cjs'))).toBe(true);
    expect(status.some((s) => s.file.endsWith(path.join('node_modules/elkjs/lib/elk.bundled.js')))).toBe(
      true,
    );
    expect(status.every((s) => s.cacheUsed)).toBe(true);
  });

  it('still load and work under other V8 flags (a library caller), compiling without the caches', () => {
    expect(loadVendor(false).map((s) => s.cacheUsed)).toEqual([false, false]);
  });

  it('render every architecture, through the CLI and its workers, exactly as the library does', async () => {
    // The CLI's path (bundle, code caches, workers, font made during layout) against the in-process
    // one (plain jsdom from the package). Compared with each other, not with output/: that output/
    // is current is tested once, by `refarch check` in test/golden.
    const out = mkdtempSync(path.join(tmpdir(), 'refarch-vendor-'));
    try {
      const child = spawnSync(
        process.execPath,
        [path.join(REPO, 'dist/cli/main.js'), 'render', 'architectures', '--out', out, '-q'],
        { cwd: REPO, encoding: 'utf8' },
      );
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const specs = readdirSync(path.join(REPO, 'architectures'))
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort();
      const svgName = (spec: string) => spec.replace(/\.(ya?ml|json)$/, '.svg');
      expect(readdirSync(out).sort()).toEqual(specs.map(svgName).sort());
      for (const spec of specs) {
        const file = path.join('architectures', spec);
        const { model } = validateText(readFileSync(path.join(REPO, file), 'utf8'), file);
        const svg = await renderModel(model!, { format: 'svg', theme: 'light' });
        expect(
          readFileSync(path.join(out, svgName(spec)), 'utf8') === svg,
          `${file} renders differently through the CLI and through the library`,
        ).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('requireCached', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'refarch-cached-require-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const source = path.join(dir, 'lib.cjs');
  const cache = path.join(dir, 'lib.cjs.cache');

  /** Loads lib.cjs through requireCached in a fresh node; optionally records its code cache. */
  const load = (record: boolean) =>
    inFreshNode<{ value: string; status: { cacheUsed: boolean }[] }>(`
      const { requireCached, cachedRequireStatus, writeCodeCaches } = await import(${JSON.stringify(CACHED_REQUIRE)});
      const lib = requireCached(${JSON.stringify(source)}, ${JSON.stringify(cache)});
      const value = lib.greet('cache');
      ${record ? 'writeCodeCaches();' : ''}
      process.stdout.write(JSON.stringify({ value, status: cachedRequireStatus() }));
    `);

  it('compiles without a cache, then uses the cache it recorded', () => {
    writeFileSync(
      source,
      "const { join } = require('node:path');\nexports.greet = (n) => join('hello', n);\n",
    );
    const first = load(true);
    expect(first).toEqual({
      value: path.join('hello', 'cache'),
      status: [{ file: source, cacheUsed: false }],
    });
    expect(load(false)).toEqual({
      value: path.join('hello', 'cache'),
      status: [{ file: source, cacheUsed: true }],
    });
  });

  it('ignores a cache recorded from other contents of the same size and modification time', () => {
    const recorded = new Date('2026-01-02T03:04:05Z');
    writeFileSync(source, "exports.greet = (n) => 'hi ' + n;\n");
    utimesSync(source, recorded, recorded);
    load(true);
    // Same length, other code: V8 alone would accept the cache (it checks only the length).
    writeFileSync(source, "exports.greet = (n) => 'yo ' + n;\n");
    utimesSync(source, recorded, recorded);
    expect(load(false)).toEqual({ value: 'yo cache', status: [{ file: source, cacheUsed: false }] });
  });

  it('uses a cache recorded from the same contents after the file got a new modification time', () => {
    // As after `npm pack` and `npm install`, which give every file a new mtime.
    writeFileSync(source, "exports.greet = (n) => 'hello ' + n;\n");
    load(true);
    utimesSync(source, new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(load(false)).toEqual({ value: 'hello cache', status: [{ file: source, cacheUsed: true }] });
  });

  it('ignores a truncated or foreign cache file', () => {
    writeFileSync(source, "exports.greet = (n) => 'hey ' + n;\n");
    writeFileSync(cache, Buffer.from('not a cache'));
    expect(load(false)).toEqual({ value: 'hey cache', status: [{ file: source, cacheUsed: false }] });
  });
});

describe('a code cache file', () => {
  const bytecode = Buffer.from('bytecode as V8 wrote it');

  it('gives back its bytecode for the contents it was recorded from', () => {
    const source = Buffer.from('exports.a = 1;\n');
    expect(bytecodeFor(Buffer.from(source), stampedCache(source, bytecode))).toEqual(bytecode);
  });

  it('gives nothing for other contents of the same length', () => {
    const cache = stampedCache(Buffer.from('exports.a = 1;\n'), bytecode);
    expect(bytecodeFor(Buffer.from('exports.b = 1;\n'), cache)).toBeUndefined();
  });

  it('gives nothing when it is too short to hold a stamp and bytecode', () => {
    const source = Buffer.from('exports.a = 1;\n');
    expect(bytecodeFor(source, stampedCache(source, Buffer.alloc(0)))).toBeUndefined();
    expect(bytecodeFor(source, Buffer.from('not a cache'))).toBeUndefined();
  });
});
