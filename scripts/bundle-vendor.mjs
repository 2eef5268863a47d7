// Build step after `tsc`: bundles jsdom into dist/vendor/jsdom.cjs and records V8 code caches for it
// and for elkjs's bundle, so a cold `refarch render` does not spend a second finding, reading and
// compiling them (see src/runtime/vendor.ts). Plain node, no TypeScript: it runs in `npm ci`.
//   node scripts/bundle-vendor.mjs

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const vendor = path.join(root, 'dist/vendor');

/**
 * jsdom reads two files relative to its own sources, which a bundle elsewhere cannot: its default
 * style sheet (inlined here) and the sync-XHR worker script (resolved from the package instead).
 * css-tree's ES build finds its data through createRequire(import.meta.url); its CommonJS build
 * requires the JSON directly, which esbuild inlines. Each patch must apply, or the build fails:
 * a jsdom update that moves these gets noticed here, not in a user's render.
 */
const jsdomFiles = {
  name: 'jsdom-files',
  setup(b) {
    b.onResolve({ filter: /^css-tree$/ }, (args) => ({
      path: createRequire(args.importer).resolve('css-tree'), // the "require" export: the CommonJS build
    }));
    const patch = (filter, from, to) =>
      b.onLoad({ filter }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const patched = source.replace(from, to(args.path));
        if (patched === source) throw new Error(`bundle-vendor: ${args.path} no longer has ${from}`);
        return { contents: patched, loader: 'js' };
      });
    patch(
      /jsdom[\\/]lib[\\/]jsdom[\\/]living[\\/]css[\\/]helpers[\\/]computed-style\.js$/,
      /fs\.readFileSync\(\s*path\.resolve\(__dirname, "\.\.\/\.\.\/\.\.\/browser\/default-stylesheet\.css"\),\s*\{ encoding: "utf-8" \}\s*\)/,
      (file) =>
        JSON.stringify(
          readFileSync(path.resolve(path.dirname(file), '../../../browser/default-stylesheet.css'), 'utf8'),
        ),
    );
    patch(
      /jsdom[\\/]lib[\\/]jsdom[\\/]living[\\/]xhr[\\/]XMLHttpRequest-impl\.js$/,
      'require.resolve("./xhr-sync-worker.js")',
      () => 'require.resolve("jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js")',
    );
  },
};

rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });
await build({
  entryPoints: [require.resolve('jsdom')],
  outfile: path.join(vendor, 'jsdom.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Whitespace and syntax only: half the bytes to read and hash, names kept for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js'],
  plugins: [jsdomFiles],
  logLevel: 'error',
  legalComments: 'eof',
});

// The caches are recorded in a separate process that loads the built modules and renders, so they
// hold the functions a render compiles too, not just the top level.
execFileSync(process.execPath, [path.join(root, 'scripts/record-code-cache.mjs')], { stdio: 'inherit' });
