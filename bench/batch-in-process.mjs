// The same batch as `refarch render <dir>`, but every stage on one thread: the baseline the
// render benchmark compares the CLI's worker threads against. Usage: node batch-in-process.mjs DIR OUT

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderModel } from '../dist/pipeline.js';
import { applyV8Flags } from '../dist/runtime/v8-flags.js';
import { validateText } from '../dist/spec/validate.js';

applyV8Flags(); // as the CLI does, before anything is compiled (pipeline.js loads ELK and jsdom lazily)
const [dir, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
for (const name of readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort()) {
  const file = path.join(dir, name);
  const { model } = validateText(readFileSync(file, 'utf8'), file);
  if (!model) continue;
  const svg = await renderModel(model, { format: 'svg', theme: 'light' });
  writeFileSync(path.join(out, name.replace(/\.(ya?ml|json)$/, '.svg')), svg);
}
