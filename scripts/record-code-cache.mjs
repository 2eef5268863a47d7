// Run by scripts/bundle-vendor.mjs: lays out and renders two architectures (one left-to-right, one
// top-down) with the built modules, then writes the code caches of elkjs and jsdom.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderModel } from '../dist/pipeline.js';
import { cachedRequireStatus, writeCodeCaches } from '../dist/runtime/cached-require.js';
import { validateText } from '../dist/spec/validate.js';

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
