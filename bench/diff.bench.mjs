// `refarch diff` on two 300-node specs: the base an AWS-like spec, the head the same with about a
// tenth of it changed (labels edited, services removed with their lines, services added, lines
// made asynchronous). Times the comparison, the merged layout and the SVG, median of 5 in this
// process (the first run, which loads ELK and jsdom, is reported apart). Prints figures; asserts
// nothing.
//
//   npm run bench:diff

import { stringify } from 'yaml';
import { diffModels } from '../dist/diff/changes.js';
import { mergedModel } from '../dist/diff/merge.js';
import { layout, renderDiagram } from '../dist/pipeline.js';
import { validateText } from '../dist/spec/validate.js';
import { awsLikeSpec, countNodes } from './aws-like.mjs';

const NODES = 300;
const RUNS = 5;

const base = awsLikeSpec(NODES, 7);
const head = structuredClone(base);
/** Every service of the tree, with the map that holds it. */
const services = [];
const walk = (map) => {
  for (const [id, node] of Object.entries(map)) {
    if (node.children) walk(node.children);
    else services.push({ id, node, map });
  }
};
walk(head.nodes);
services.forEach(({ id, node, map }, i) => {
  if (i % 20 === 3) node.label = `${node.label} (v2)`;
  if (i % 25 === 7) {
    delete map[id];
    head.edges = head.edges.filter((e) => e.from !== id && e.to !== id);
  }
  if (i % 30 === 11) map[`${id}-new`] = { type: 'aws.lambda', label: 'New function' };
});
head.edges.forEach((e, i) => {
  if (i % 15 === 2) e.style = 'async';
});

const model = (spec, file) => {
  const { model, diagnostics } = validateText(stringify(spec), file);
  if (!model) throw new Error(`${file}: ${diagnostics.map((d) => d.message).join('; ')}`);
  return model;
};
const baseModel = model(base, 'base.yaml');
const headModel = model(head, 'head.yaml');

const runs = [];
let changes;
for (let i = 0; i <= RUNS; i++) {
  const t0 = performance.now();
  changes = diffModels(baseModel, headModel);
  const t1 = performance.now();
  const diagram = await layout(mergedModel(baseModel, headModel, changes));
  const t2 = performance.now();
  await renderDiagram(diagram, { format: 'svg', theme: 'light' });
  const t3 = performance.now();
  runs.push({ compare: t1 - t0, layout: t2 - t1, svg: t3 - t2, total: t3 - t0 });
}
const [first, ...rest] = runs;
const median = (key) => rest.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(rest.length / 2)];
const count = (c) => `+${c.added.length} −${c.removed.length} ~${Object.keys(c.changed).length}`;
console.log(
  `diff: base ${countNodes(base)} nodes / ${base.edges.length} edges, head ${countNodes(head)} nodes / ${head.edges.length} edges; nodes ${count(changes.nodes)}, edges ${count(changes.edges)}`,
);
console.log(`  first run (loads ELK and jsdom): ${first.total.toFixed(0)} ms`);
console.log(
  `  median of ${RUNS}: compare ${median('compare').toFixed(1)} ms, merged layout ${median('layout').toFixed(0)} ms, SVG ${median('svg').toFixed(0)} ms, total ${median('total').toFixed(0)} ms`,
);
