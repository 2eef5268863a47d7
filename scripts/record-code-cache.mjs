// Run by scripts/bundle-vendor.mjs: lays out and renders two architectures (one left-to-right, one
// top-down) with the built modules, then writes the code caches of elkjs and jsdom. Under the CLI's
// V8 flags, set before anything is compiled: V8 takes a cache only under the flags it was made with.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyV8Flags } from '../dist/runtime/v8-flags.js';

applyV8Flags();
const { renderModel } = await import('../dist/pipeline.js');
const { cachedRequireStatus, writeCodeCaches } = await import('../dist/runtime/cached-require.js');
const { validateText } = await import('../dist/spec/validate.js');

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
for (const spec of ['tada-event-flow.yaml', 'eks-networking.yaml']) {
  const file = path.join(root, 'architectures', spec);
  const { model } = validateText(readFileSync(file, 'utf8'), file);
  if (!model) throw new Error(`record-code-cache: ${spec} does not validate`);
  await renderModel(model, { format: 'svg', theme: 'light' });
}
const loaded = cachedRequireStatus().length;
if (loaded !== 2)
  throw new Error(`record-code-cache: expected elkjs and jsdom to be loaded, found ${loaded}`);
for (const file of writeCodeCaches()) console.log(`code cache: ${path.relative(root, file)}`);
