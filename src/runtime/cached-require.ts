// Loading a large CommonJS file (elkjs's bundle, the jsdom bundle) with a V8 code cache. A cold
// `refarch render` used to spend most of its time compiling these two; with the bytecode the
// build step recorded (`scripts/bundle-vendor.mjs`), V8 skips parsing and compiling them.
//
// A cache is only a shortcut: it is used when it was recorded from this very file (same size and
// modification time) and V8 accepts it (same V8 version and flags); otherwise the file is compiled
// as usual and behaves the same, only slower.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Header of a cache file: which source file state the bytecode after it was recorded from. */
interface CacheStamp {
  size: number;
  mtimeMs: number;
}

const STAMP_BYTES = 16;

function stampOf(file: string): CacheStamp {
  const { size, mtimeMs } = statSync(file);
  return { size, mtimeMs };
}

function readCache(cacheFile: string, stamp: CacheStamp): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (data.length <= STAMP_BYTES) return undefined;
  if (data.readDoubleLE(0) !== stamp.size || data.readDoubleLE(8) !== stamp.mtimeMs) return undefined;
  return data.subarray(STAMP_BYTES);
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

/**
 * `require(file)`, compiled with the bytecode in `cacheFile` when it fits. The module is evaluated
 * once per thread; `require` inside it resolves from the file's own folder.
 */
export function requireCached<T>(file: string, cacheFile: string): T {
  const known = loaded.get(file);
  if (known) return known.exports as T;
  const source = readFileSync(file, 'utf8');
  const cachedData = readCache(cacheFile, stampOf(file));
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
    const stamp = Buffer.alloc(STAMP_BYTES);
    const { size, mtimeMs } = stampOf(file);
    stamp.writeDoubleLE(size, 0);
    stamp.writeDoubleLE(mtimeMs, 8);
    writeFileSync(cacheFile, Buffer.concat([stamp, script.createCachedData()]));
    written.push(cacheFile);
  }
  return written;
}
