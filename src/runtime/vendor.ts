// The two heavy dependencies, elkjs and jsdom, loaded through `requireCached` with the code caches
// the build recorded in dist/vendor/ (see scripts/bundle-vendor.mjs) under the CLI's V8 flags
// (runtime/v8-flags.ts): a process with other flags compiles both as usual. jsdom is also bundled
// there into one file: as ~940 small modules it spent more time being found and read than compiled.
// Running from the TypeScript sources (tests) there is no dist/vendor and both load as usual.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ELKConstructorArguments, ELK as ElkApi } from 'elkjs/lib/elk-api.js';
import { requireCached } from './cached-require.js';

const require = createRequire(import.meta.url);
const vendorDir = fileURLToPath(new URL('../vendor/', import.meta.url));

/** Where the build puts the jsdom bundle and the code caches. */
const VENDOR_FILES = {
  jsdomBundle: `${vendorDir}jsdom.cjs`,
  jsdomCache: `${vendorDir}jsdom.cjs.cache`,
  elkCache: `${vendorDir}elk.bundled.js.cache`,
};

export type ElkConstructor = new (args?: ELKConstructorArguments) => ElkApi;

/** elkjs's bundled build, which runs ELK on the calling thread. */
export function loadElkConstructor(): ElkConstructor {
  return requireCached<ElkConstructor>(require.resolve('elkjs/lib/elk.bundled.js'), VENDOR_FILES.elkCache);
}

/** jsdom: the build's bundle when there is one, else the package. */
export function loadJsdom(): typeof import('jsdom') {
  if (existsSync(VENDOR_FILES.jsdomBundle))
    return requireCached<typeof import('jsdom')>(VENDOR_FILES.jsdomBundle, VENDOR_FILES.jsdomCache);
  return require('jsdom') as typeof import('jsdom');
}
