// refarch's layout against Graphviz dot on the same graphs: the architectures and the valid test
// fixtures, each drawn by refarch (as `render` does) and by dot (clusters for groups, orthogonal
// lines, the same node sizes, the spec's direction), counted the same way: line crossings, bends,
// and the size of the graph (no title or legend). Graphviz runs as WebAssembly
// (@hpcc-js/wasm-graphviz, a dev dependency).
//   npm run bench:graphviz            (VERBOSE=1 for figures per diagram)
// Prints figures; it decides nothing.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { nodeBox } from '../dist/layout/boxes.js';
import { layoutModel } from '../dist/layout/layout.js';
import { validateText } from '../dist/spec/validate.js';
import { graphExtent, lineQuality } from './diagram-quality.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RANKDIR = { right: 'LR', left: 'RL', down: 'TB', up: 'BT' };
/** Graphviz sizes nodes in inches; refarch's px are taken as points (72 per inch), so both
 *  drawings are in the same unit. */
const inches = (px) => (px / 72).toFixed(3);
const quote = (s) => `"${String(s).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

function specs() {
  const out = [];
  for (const dir of ['architectures', 'test/fixtures/valid'])
    for (const f of readdirSync(path.join(root, dir)).filter((f) => /\.(ya?ml|json)$/.test(f))) {
      const file = path.join(dir, f);
      const { model } = validateText(readFileSync(path.join(root, file), 'utf8'), file);
      if (model) out.push({ name: f, model });
    }
  return out;
}

/** The model as DOT: groups as clusters, leaves as boxes of refarch's size, labelled edges. */
function toDot(model) {
  const lines = [
    'digraph G {',
    `  rankdir=${RANKDIR[model.direction]}; splines=ortho; nodesep=0.5; ranksep=0.78; compound=true;`,
    '  node [shape=box, fixedsize=true, label=""]; edge [fontsize=12, fontname="Helvetica"];',
  ];
  const visit = (node, indent) => {
    if (node.isGroup) {
      lines.push(
        `${indent}subgraph ${quote(`cluster_${node.id}`)} {`,
        `${indent}  label=${quote(node.label)};`,
      );
      for (const child of node.children) visit(child, `${indent}  `);
      lines.push(`${indent}}`);
    } else {
      const box = nodeBox(node);
      lines.push(`${indent}${quote(node.id)} [width=${inches(box.width)}, height=${inches(box.height)}];`);
    }
  };
  for (const root of model.roots) visit(root, '  ');
  // An edge to a group ends at its cluster (via its first leaf, clipped at the cluster's border).
  const firstLeaf = (node) => (node.isGroup ? firstLeaf(node.children[0]) : node);
  for (const edge of model.edges) {
    const [from, to] = [model.nodes.get(edge.from), model.nodes.get(edge.to)];
    const attrs = [];
    if (edge.label) attrs.push(`xlabel=${quote(edge.label)}`);
    if (from.isGroup) attrs.push(`ltail=${quote(`cluster_${from.id}`)}`);
    if (to.isGroup) attrs.push(`lhead=${quote(`cluster_${to.id}`)}`);
    lines.push(`  ${quote(firstLeaf(from).id)} -> ${quote(firstLeaf(to).id)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** Graphviz's drawing read back: each edge's line as points, and the size of the graph. */
function dotQuality(json) {
  const [, , width, height] = json.bb.split(',').map(Number);
  const lines = (json.edges ?? []).map((edge, i) => {
    // `pos` is "e,x,y s,x,y x,y x,y ...": cubic Bezier control points; with splines=ortho their
    // ends lie on the line's straight stretches, so the points at 0, 3, 6, ... are its corners.
    const coords = edge.pos
      .split(' ')
      .filter((part) => !part.startsWith('e,') && !part.startsWith('s,'))
      .map((part) => part.split(',').map(Number));
    const points = coords.filter((_, k) => k % 3 === 0);
    return { id: String(i), points };
  });
  return lineQuality(lines, Math.round(width), Math.round(height));
}

const graphviz = await Graphviz.load();
const rows = [];
for (const { name, model } of specs()) {
  const diagram = await layoutModel(model);
  const extent = graphExtent(diagram);
  const ours = lineQuality(diagram.edges, extent.width, extent.height);
  const theirs = dotQuality(JSON.parse(graphviz.layout(toDot(model), 'json', 'dot')));
  rows.push({ name, ours, theirs });
}

const sum = (side, key) => rows.reduce((total, row) => total + row[side][key], 0);
const size = (q) => `${q.width}x${q.height}`;
if (process.env.VERBOSE)
  for (const { name, ours, theirs } of rows)
    console.log(
      `${name.padEnd(36)} crossings ${String(ours.crossings).padStart(3)} / ${String(theirs.crossings).padEnd(3)}  bends ${String(ours.bends).padStart(3)} / ${String(theirs.bends).padEnd(3)}  size ${size(ours).padStart(9)} / ${size(theirs)}`,
    );
const wider = rows.filter((r) => r.ours.width > 1600).length;
const badAspect = rows.filter((r) => {
  const aspect = r.ours.width / r.ours.height;
  return aspect < 0.5 || aspect > 2.5;
}).length;
console.log(`Graphviz ${graphviz.version()} dot vs refarch, ${rows.length} diagrams (refarch / dot)`);
console.log(`  crossings  ${sum('ours', 'crossings')} / ${sum('theirs', 'crossings')}`);
console.log(
  `  bends      ${sum('ours', 'bends')} / ${sum('theirs', 'bends')}  (${(sum('ours', 'bends') / sum('theirs', 'bends')).toFixed(2)}x)`,
);
console.log(`  length     ${sum('ours', 'length')} / ${sum('theirs', 'length')} px`);
console.log(
  `  area       ${Math.round(rows.reduce((a, r) => a + r.ours.width * r.ours.height, 0) / 1000)}k / ${Math.round(rows.reduce((a, r) => a + r.theirs.width * r.theirs.height, 0) / 1000)}k px²`,
);
console.log(`  refarch graphs wider than 1600 px: ${wider}; aspect outside 0.5-2.5: ${badAspect}`);
