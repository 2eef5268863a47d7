// Loading a large CommonJS file (elkjs's bundle, the jsdom bundle) with a V8 code cache. A cold
// `refarch render` used to spend most of its time compiling these two; with the bytecode the
// build step recorded (`scripts/bundle-vendor.mjs`), V8 skips parsing and compiling them.
//
// A cache is only a shortcut: it is used when it was recorded from these very bytes and V8 accepts
// it (same V8 version and flags); otherwise the file is compiled as usual and behaves the same, only
// slower. `NODE_DEBUG=refarch-code-cache` prints, for each cache, whether it was used and if not why.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { debuglog } from 'node:util';
import vm from 'node:vm';

const debug = debuglog('refarch-code-cache');

/**
 * What a cache file starts with: the SHA-256 of the source file's bytes it was recorded from.
 * Content, not size and modification time: `npm pack` and `npm install` give every file a new
 * mtime, and V8's own check compares only the source's length. Hashing the 8 MB jsdom bundle and
 * elkjs's 1.6 MB took ~12 ms in a fresh process (x86 with SHA extensions); without the caches a
 * cold render takes ~0.5 s longer (`npm run bench:installed`).
 */
function stampOf(source: Buffer): Buffer {
  return createHash('sha256').update(source).digest();
}

const STAMP_BYTES = 32;

/** A cache file's contents: the stamp of `source`, then V8's bytecode. */
export function stampedCache(source: Buffer, bytecode: Buffer): Buffer {
  return Buffer.concat([stampOf(source), bytecode]);
}

/** The bytecode in `cache` if it was recorded from `source`, else undefined. */
export function bytecodeFor(source: Buffer, cache: Buffer): Buffer | undefined {
  if (cache.length <= STAMP_BYTES) return undefined;
  if (!cache.subarray(0, STAMP_BYTES).equals(stampOf(source))) return undefined;
  return cache.subarray(STAMP_BYTES);
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

interface LoadedScript {
  script: vm.Script;
  cacheFile: string;
  /** Did V8 take the recorded bytecode? */
  cacheUsed: boolean;
  exports: unknown;
}

/** Files loaded on this thread, by path. */
const loaded = new Map<string, LoadedScript>();

/** For NODE_DEBUG: what became of a cache. */
function outcome(cache: Buffer | undefined, bytecode: Buffer | undefined, script: vm.Script): string {
  if (!cache) return 'none';
  if (!bytecode) return 'not used: recorded from other contents';
  if (script.cachedDataRejected) return 'not used: rejected by V8 (other V8 version or flags)';
  return 'used';
}

/**
 * `require(file)`, compiled with the bytecode in `cacheFile` when it fits. The module is evaluated
 * once per thread; `require` inside it resolves from the file's own folder.
 */
export function requireCached<T>(file: string, cacheFile: string): T {
  const known = loaded.get(file);
  if (known) return known.exports as T;
  const bytes = readFileSync(file);
  const cache = readCache(cacheFile);
  const cachedData = cache && bytecodeFor(bytes, cache);
  const source = bytes.toString('utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // A bundle may contain import(); let it load modules as ordinary code would.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, path.dirname(file));
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  debug('%s: %s', cacheFile, outcome(cache, cachedData, script));
  loaded.set(file, { script, cacheFile, cacheUsed, exports: module.exports });
  return module.exports as T;
}

/** For tests and diagnostics: the files loaded so far and whether their code cache was used. */
export function cachedRequireStatus(): { file: string; cacheUsed: boolean }[] {
  return [...loaded].map(([file, { cacheUsed }]) => ({ file, cacheUsed }));
}

/**
 * Records the bytecode of every file loaded so far, including the functions compiled since it was
 * loaded, so run this after exercising the code paths a render takes. Build step only.
 */
export function writeCodeCaches(): string[] {
  const written: string[] = [];
  for (const [file, { script, cacheFile }] of loaded) {
    writeFileSync(cacheFile, stampedCache(readFileSync(file), script.createCachedData()));
    written.push(cacheFile);
  }
  return written;
}
