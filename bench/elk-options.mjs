// ELK option variants compared on quality and time together, on the architectures, the valid test
// fixtures and generated AWS-like graphs of 10-100 nodes: edge crossings (and on how many graphs a
// variant has more than the current options), bends, edge length, area, layout defects, edges
// through group headers, warm ELK time, and the time of a first layout in a fresh process (ELK
// loaded with its code cache, then run with a cold JIT), which is what a CLI run pays.
//   npm run bench:elk [-- variant ...]      (VERBOSE=1 for figures per diagram)
// Prints figures; it decides nothing. The variants are the option sets worth comparing.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { headerCrossings } from '../dist/diagram/header-crossings.js';
import { findLayoutDefects } from '../dist/layout/defects.js';
import { elkBoxes } from '../dist/layout/elk-boxes.js';
import { loadElk } from '../dist/layout/elk-engine.js';
import { buildElkGraph } from '../dist/layout/elk-graph.js';
import { placeDiagram } from '../dist/layout/place.js';
import { applyV8Flags } from '../dist/runtime/v8-flags.js';
import { validateText } from '../dist/spec/validate.js';
import { awsLikeSpec } from './aws-like.mjs';
import { lineQuality } from './diagram-quality.mjs';

// The CLI's V8 settings (ELK's code cache applies only under them); nothing has loaded ELK yet.
applyV8Flags();

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Overrides applied to every level's layoutOptions. */
export const VARIANTS = {
  current: {},
  'thoroughness-3': { 'elk.layered.thoroughness': '3' },
  'thoroughness-2': { 'elk.layered.thoroughness': '2' },
  'thoroughness-1': { 'elk.layered.thoroughness': '1' },
  'brandes-koepf': { 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF' },
  'bk-t3': { 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.layered.thoroughness': '3' },
  'no-model-order': { 'elk.layered.considerModelOrder.strategy': 'NONE' },
  'favor-straight': { 'elk.layered.nodePlacement.favorStraightEdges': 'true' },
  'node-flexibility': { 'elk.layered.nodePlacement.networkSimplex.nodeFlexibility.default': 'NODE_SIZE' },
  'port-position': { 'elk.layered.nodePlacement.networkSimplex.nodeFlexibility.default': 'PORT_POSITION' },
  'bk-balanced': {
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  },
  'bk-straighten': {
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.edgeStraightening': 'IMPROVE_STRAIGHTNESS',
  },
  'linear-segments': { 'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS' },
};

/** The architectures, the valid test fixtures and generated AWS-like graphs of 10 to 100 nodes. */
function inputs() {
  const specs = [];
  for (const dir of ['architectures', 'test/fixtures/valid'])
    for (const f of readdirSync(path.join(root, dir)).filter((f) => /\.(ya?ml|json)$/.test(f)))
      specs.push([f.replace(/\.(ya?ml|json)$/, ''), readFileSync(path.join(root, dir, f), 'utf8')]);
  for (const size of [10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 100])
    specs.push([`aws-like-${size}`, JSON.stringify(awsLikeSpec(size))]);
  return specs.map(([name, text]) => {
    const { model, diagnostics } = validateText(text, `${name}.yaml`);
    if (!model) throw new Error(`${name}: ${JSON.stringify(diagnostics[0])}`);
    return { name, model };
  });
}

function withVariant(graph, overrides) {
  const copy = structuredClone(graph);
  const visit = (node) => {
    if (node.layoutOptions?.['elk.algorithm']) Object.assign(node.layoutOptions, overrides);
    for (const child of node.children ?? []) visit(child);
  };
  visit(copy);
  return copy;
}

function quality(diagram) {
  const { crossings, bends, length } = lineQuality(diagram.edges, diagram.width, diagram.height);
  return {
    crossings,
    bends,
    length,
    area: Math.round((diagram.width * diagram.height) / 1000),
    defects: findLayoutDefects(diagram).length,
    headers: headerCrossings(diagram).length,
  };
}

async function measure(variantName, specs) {
  const elk = loadElk();
  const overrides = VARIANTS[variantName];
  const totals = { crossings: 0, bends: 0, length: 0, area: 0, defects: 0, headers: 0, warmMs: 0 };
  const rows = [];
  for (const { name, model } of specs) {
    const input = buildElkGraph(model, { keepModelOrder: true });
    const graph = withVariant(input.graph, overrides);
    let result;
    try {
      result = await elk.layout(structuredClone(graph));
    } catch {
      rows.push({ name, failed: true });
      continue;
    }
    const times = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await elk.layout(structuredClone(graph));
      times.push(performance.now() - started);
    }
    const warmMs = times.sort((a, b) => a - b)[2];
    // Every variant is judged on ELK's own routes over one ELK run (AZ grids and libavoid aside).
    const laid = { input, result, boxes: elkBoxes(input, result) };
    const q = quality(await placeDiagram(model, laid, { route: false }));
    rows.push({ name, ...q, warmMs });
    for (const key of Object.keys(totals)) totals[key] += key === 'warmMs' ? warmMs : q[key];
  }
  return { rows, totals };
}

/** A fresh process: load ELK and lay out one graph, as a CLI run does. */
function coldMs(variantName, specName) {
  const out = execFileSync(process.execPath, [
    fileURLToPath(import.meta.url),
    '--cold',
    variantName,
    specName,
  ]);
  return Number(out.toString().trim());
}

if (process.argv[2] === '--cold') {
  const [, , , variantName, specName] = process.argv;
  const spec = inputs().find((s) => s.name === specName);
  const graph = withVariant(buildElkGraph(spec.model, { keepModelOrder: true }).graph, VARIANTS[variantName]);
  const elk = loadElk();
  const loaded = performance.now();
  await elk.layout(graph);
  console.log(performance.now() - loaded);
} else {
  const specs = inputs();
  const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(VARIANTS);
  const verbose = process.env.VERBOSE === '1';
  console.log(`${specs.length} graphs; "worse" counts the graphs with more edge crossings than \`current\``);
  console.log(
    'variant            crossings  worse  bends  length   area(k)  defects  headers  warm ELK  cold first layout (aws-like-30, tada-event-flow)',
  );
  const baseline = new Map((await measure('current', specs)).rows.map((r) => [r.name, r.crossings]));
  for (const variant of chosen) {
    const { rows, totals } = await measure(variant, specs);
    const worse = rows.filter((r) => !r.failed && r.crossings > baseline.get(r.name)).length;
    const cold = ['aws-like-30', 'tada-event-flow']
      .map((s) => `${coldMs(variant, s).toFixed(0)} ms`)
      .join(', ');
    const failed = rows.filter((r) => r.failed).map((r) => r.name);
    console.log(
      `${variant.padEnd(18)} ${String(totals.crossings).padEnd(10)} ${String(worse).padEnd(6)} ${String(totals.bends).padEnd(6)} ${String(totals.length).padEnd(8)} ${String(totals.area).padEnd(8)} ${String(totals.defects).padEnd(8)} ${String(totals.headers).padEnd(8)} ${`${totals.warmMs.toFixed(0)} ms`.padEnd(9)} ${cold}${failed.length ? `  FAILED: ${failed.join(' ')}` : ''}`,
    );
    if (verbose)
      for (const r of rows)
        console.log(
          `   ${r.name.padEnd(34)} ${r.failed ? 'failed' : `x${r.crossings} b${r.bends} L${r.length} A${r.area} d${r.defects} h${r.headers} ${r.warmMs.toFixed(0)}ms`}`,
        );
  }
}
