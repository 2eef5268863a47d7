// Validation speed: 1000 AWS-like specs of about 50 nodes each, as YAML text, through validateText.
// The first spec pays for compiling the JSON Schema with ajv and indexing the catalog, so it is
// timed on its own. Target: the whole batch in 2 s or less. Prints figures; asserts nothing.
//
//   npm run bench:validate

import { stringify } from 'yaml';
import { validateText } from '../dist/spec/validate.js';
import { awsLikeSpec, countNodes } from './aws-like.mjs';

const SPECS = 1000;
const NODES = 50;

const specs = Array.from({ length: SPECS }, (_, i) => awsLikeSpec(NODES, i + 1));
const texts = specs.map((spec) => stringify(spec));
const nodes = specs.reduce((sum, spec) => sum + countNodes(spec), 0);
const edges = specs.reduce((sum, spec) => sum + spec.edges.length, 0);

const start = performance.now();
let invalid = 0;
let firstMs = 0;
for (const [i, text] of texts.entries()) {
  const { diagnostics } = validateText(text, `bench-${i + 1}.yaml`);
  if (diagnostics.some((d) => d.severity === 'error')) invalid++;
  if (i === 0) firstMs = performance.now() - start;
}
const totalMs = performance.now() - start;
const restMs = (totalMs - firstMs) / (SPECS - 1);

const kib = texts.reduce((sum, t) => sum + t.length, 0) / 1024;
console.log(
  `validate: ${SPECS} specs, ${(nodes / SPECS).toFixed(1)} nodes and ${(edges / SPECS).toFixed(1)} edges each, ${kib.toFixed(0)} KiB of YAML`,
);
console.log(`  first spec (ajv compile, catalog index): ${firstMs.toFixed(1)} ms`);
console.log(`  per spec after the first:               ${restMs.toFixed(2)} ms`);
console.log(`  total:                                  ${totalMs.toFixed(0)} ms (target <= 2000 ms)`);
if (invalid > 0)
  console.log(`  warning: ${invalid} generated specs had errors; the generator and the validator disagree`);
