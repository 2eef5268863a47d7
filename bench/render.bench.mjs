// Render benchmark: generated AWS-like diagrams of 10-1000 nodes through the whole pipeline, with
// the time inside the ELK call shown apart; and cold CLI renders of a 30-node and a 300-node spec.
// Prints figures; targets are stated next to them, not asserted.
//   npm run bench            (builds first)

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyV8Flags } from '../dist/runtime/v8-flags.js';
import { awsLikeSpec, countNodes } from './aws-like.mjs';

// The CLI's V8 settings, so that WebAssembly (text measuring, font subsets) runs here as in the CLI.
// (--expose-gc, which `npm run bench` passes, makes V8 refuse the code caches: warm figures do not
// depend on them; the cold CLI runs below use them.)
applyV8Flags();
const { layoutModel } = await import('../dist/layout/layout.js');
const { renderSvg } = await import('../dist/render/svg.js');
const { validateText } = await import('../dist/spec/validate.js');

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sizes = (process.env.BENCH_SIZES ?? '10,100,300,1000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const ms = (n) => `${n.toFixed(0)} ms`;

async function renderOnce(text) {
  const started = performance.now();
  const { model, diagnostics } = validateText(text, 'bench.yaml', {
    maxBytes: 1e8,
    maxDepth: 64,
    maxAliasCount: 1000,
    maxNodes: 100000,
    maxEdges: 100000,
  });
  if (!model) throw new Error(`generated spec is invalid: ${JSON.stringify(diagnostics.slice(0, 3))}`);
  const timing = { elkMs: 0 };
  const diagram = await layoutModel(model, { timing });
  const svg = await renderSvg(diagram, { theme: 'light' });
  return {
    totalMs: performance.now() - started,
    elkMs: timing.elkMs,
    svgBytes: Buffer.byteLength(svg),
    edges: model.edges.length,
  };
}

console.log(`refarch render benchmark — node ${process.version}, ${runs} warm runs per size (best shown)\n`);
// Warm up the JIT, jsdom and the font subsetter once so per-size figures are steady-state.
await renderOnce(JSON.stringify(awsLikeSpec(10)));

console.log('nodes  edges  total      ELK        outside ELK  outside/ELK  peak RSS   SVG');
for (const size of sizes) {
  const spec = awsLikeSpec(size);
  const text = JSON.stringify(spec);
  let best;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const result = await renderOnce(text);
    if (!best || result.totalMs < best.totalMs) best = result;
  }
  const outside = best.totalMs - best.elkMs;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${String(countNodes(spec)).padEnd(6)} ${String(best.edges).padEnd(6)} ${ms(best.totalMs).padEnd(10)} ${ms(best.elkMs).padEnd(10)} ${ms(outside).padEnd(12)} ${`${((outside / best.elkMs) * 100).toFixed(0)}%`.padEnd(12)} ${`${rss.toFixed(0)} MB`.padEnd(10)} ${(best.svgBytes / 1024).toFixed(0)} KB`,
  );
}
console.log('target: outside ELK at most 25% of the ELK time at 300 and 1000 nodes\n');

const dir = mkdtempSync(path.join(tmpdir(), 'refarch-bench-'));
const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const coldRuns = Math.max(runs, 7);
const coldSpecs = [
  ['generated AWS-like, 30 nodes', awsLikeSpec(30), '< 1 s'],
  ['architectures/eks-networking.yaml, 25 nodes', null, '< 1 s'],
  ['generated AWS-like, 300 nodes', awsLikeSpec(300), '< 4 s'],
];
console.log(`cold CLI renders (a fresh \`node dist/cli/main.js render <spec>\` each, ${coldRuns} runs):`);
for (const [name, spec, target] of coldSpecs) {
  let file = path.join(root, 'architectures/eks-networking.yaml');
  if (spec) {
    file = path.join(dir, `aws-like-${countNodes(spec)}.json`);
    writeFileSync(file, JSON.stringify(spec));
  }
  const times = [];
  for (let i = 0; i < coldRuns; i++) {
    const started = performance.now();
    execFileSync(process.execPath, [path.join(root, 'dist/cli/main.js'), 'render', file, '--out', dir, '-q']);
    times.push(performance.now() - started);
  }
  readFileSync(path.join(dir, `${path.basename(file).replace(/\.(ya?ml|json)$/, '')}.svg`));
  console.log(
    `  ${name.padEnd(46)} median ${ms(median(times)).padEnd(8)} best ${ms(Math.min(...times)).padEnd(8)} (target ${target})`,
  );
}

// Batch: the CLI overlaps validation, ELK (worker) and rendering (worker) across specs; the
// baseline runs every stage on one thread. Both are cold processes over architectures/.
const batch = (args) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    execFileSync(process.execPath, args);
    times.push(performance.now() - started);
  }
  return Math.min(...times);
};
const specsDir = path.join(root, 'architectures');
const threaded = batch([
  path.join(root, 'dist/cli/main.js'),
  'render',
  specsDir,
  '--out',
  path.join(dir, 'batch-cli'),
  '-q',
]);
const single = batch([
  path.join(root, 'bench/batch-in-process.mjs'),
  specsDir,
  path.join(dir, 'batch-single'),
]);
console.log(
  `batch of architectures/: CLI with worker threads ${ms(threaded)}, one thread ${ms(single)} (${(single / threaded).toFixed(2)}x)`,
);
