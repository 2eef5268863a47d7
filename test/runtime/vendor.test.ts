// The build's vendor step (scripts/bundle-vendor.mjs): jsdom bundled into one file, V8 code caches
// for it and for elkjs, and the loader that uses a cache only when it was made from that file.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

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

  it('render every architecture, through the CLI and its workers, exactly as output/ has it', () => {
    // output/ is checked against the in-process renderer (plain jsdom from the package) in
    // test/golden; this is the other path: bundle, code caches, workers, font made during layout.
    const out = mkdtempSync(path.join(tmpdir(), 'refarch-vendor-'));
    try {
      const child = spawnSync(
        process.execPath,
        [path.join(REPO, 'dist/cli/main.js'), 'render', 'architectures', '--out', out, '-q'],
        { cwd: REPO, encoding: 'utf8' },
      );
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const rendered = readdirSync(out).sort();
      expect(rendered).toEqual(
        readdirSync(path.join(REPO, 'output'))
          .filter((f) => f.endsWith('.svg'))
          .sort(),
      );
      for (const file of rendered) {
        expect(
          readFileSync(path.join(out, file), 'utf8') ===
            readFileSync(path.join(REPO, 'output', file), 'utf8'),
          `${file} differs between the CLI and output/`,
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

  it('ignores a cache recorded from another state of the file, even one of the same size', () => {
    writeFileSync(source, "exports.greet = (n) => 'hi ' + n;\n");
    load(true);
    // Same length, other code, other mtime: V8 alone would accept the cache (it checks the length).
    writeFileSync(source, "exports.greet = (n) => 'yo ' + n;\n");
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    expect(load(false)).toEqual({ value: 'yo cache', status: [{ file: source, cacheUsed: false }] });
  });

  it('ignores a truncated or foreign cache file', () => {
    writeFileSync(source, "exports.greet = (n) => 'hey ' + n;\n");
    writeFileSync(cache, Buffer.from('not a cache'));
    expect(load(false)).toEqual({ value: 'hey cache', status: [{ file: source, cacheUsed: false }] });
  });
});
