// Measures how long the built command line takes on the worst inputs we know, end to end (a child
// process per run, so Node's start-up is included). The figures back the time bounds stated in
// the README's "Guarantees and limits". Run after `npx tsc -p tsconfig.build.json`:
//   node test/reliability/measure-worst-case.mjs            # validate cases, renders up to 2000 nodes
//   node test/reliability/measure-worst-case.mjs --big      # also renders of 3000 and 5000 nodes

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { awsLikeSpec } from '../../bench/aws-like.mjs';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const MB = 1024 * 1024;
const HEADER = 'refarch: 1\ntitle: Worst case\n';
const fill = (line, bytes) => line.repeat(Math.floor(bytes / line.length));
const nodeLines = (n, type = 'aws.lambda') =>
  Array.from({ length: n }, (_, i) => `  n${i}: { type: ${type} }\n`).join('');

/** Inputs just under the 2 MiB limit that make each stage work hardest. */
const VALIDATE_CASES = {
  '2 MB of flow-style JSON nodes (55 000 nodes)': () =>
    `{"refarch":1,"title":"x","nodes":{${Array.from({ length: 55_000 }, (_, i) => `"n${i}":{"type":"aws.lambda","x":1}`).join(',')}}}`,
  '2 MB of block nodes with unknown types (62 000 nodes)': () =>
    `${HEADER}nodes:\n${nodeLines(62_000, 'aws.lamdba')}`,
  '2 MB of edges (95 000)': () =>
    `${HEADER}nodes:\n  a: { type: aws.lambda }\nedges:\n${fill('  - {from: a, to: a}\n', 2 * MB - 100)}`,
  '2 MB of edges with 100-id lists (25 M expanded)': () => {
    const ids = `[${Array.from({ length: 100 }, (_, i) => `x${i}`).join(',')}]`;
    return `${HEADER}nodes:\n  a: { type: aws.lambda }\nedges:\n${fill(`  - {from: ${ids}, to: ${ids}}\n`, 2 * MB - 100)}`;
  },
  '2 MB of invalid legend keys': () =>
    `${HEADER}nodes:\n  a: { type: aws.lambda }\nsteps:\n${Array.from(
      { length: 150_000 },
      (_, i) => `  s${i}: x\n`,
    )
      .join('')
      .slice(0, 2 * MB - 200)}`,
  '4 999 nodes with unknown types (within the node limit)': () =>
    `${HEADER}nodes:\n${nodeLines(4999, 'aws.lamdba')}`,
  '4 999 nodes, 20 000 edges to unknown nodes': () =>
    `${HEADER}nodes:\n${nodeLines(4999)}edges:\n${Array.from({ length: 20_000 }, (_, i) => `  - {from: n${i % 4999}, to: zz${i}}\n`).join('')}`,
  'wide alias bomb (60 nodes x 29 aliases)': () => {
    let t = `${HEADER}nodes:\n  g0:\n    type: group.generic\n    children: &kids\n${Array.from({ length: 60 }, (_, i) => `      n${i}: { type: aws.lambda }\n`).join('')}`;
    for (let j = 1; j < 30; j++) t += `  g${j}: { type: group.generic, children: *kids }\n`;
    return t;
  },
  'random YAML punctuation (2 MB)': () => {
    let seed = 7;
    const rnd = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 4294967296;
    };
    const alphabet = 'ab: -{}[]"\n';
    let t = '';
    while (t.length < 2 * MB - 10) t += alphabet[Math.floor(rnd() * alphabet.length)];
    return t;
  },
  '100 000 nested brackets': () => '['.repeat(100_000),
  '3 MB file (refused by its size)': () => `${HEADER}description: "${'x'.repeat(3 * MB)}"\n`,
  '1 MB label': () => `${HEADER}nodes:\n  fn: { type: aws.lambda, label: "${'x'.repeat(MB)}" }\n`,
};

function time(argv) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...argv], { encoding: 'utf8', maxBuffer: 64 * MB });
  const ms = performance.now() - started;
  const stackTrace = /^\s+at /m.test(`${run.stdout}${run.stderr}`);
  return { ms, code: run.status, stackTrace, firstLine: (run.stdout || run.stderr).split('\n')[0] };
}

const dir = mkdtempSync(join(tmpdir(), 'refarch-worst-'));
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
try {
  console.log('refarch validate, end to end (Node start-up included)\n');
  let worst = 0;
  for (const [name, make] of Object.entries(VALIDATE_CASES)) {
    const file = join(dir, 'case.yaml');
    const text = make();
    writeFileSync(file, text);
    const r = time(['validate', file]);
    worst = Math.max(worst, r.ms);
    console.log(
      `${seconds(r.ms).padStart(8)}  exit ${r.code}${r.stackTrace ? ' STACK TRACE' : ''}  ${name} (${(text.length / MB).toFixed(2)} MB): ${r.firstLine.replace(file, '…').slice(0, 90)}`,
    );
  }
  console.log(`\nworst validate: ${seconds(worst)}\n`);

  console.log('refarch render of generated AWS-like specs (cloud > region > VPC > AZ > subnets)\n');
  const sizes = process.argv.includes('--big') ? [100, 500, 1000, 2000, 3000, 5000] : [100, 500, 1000, 2000];
  for (const size of sizes) {
    const spec = awsLikeSpec(size, 1);
    const file = join(dir, `aws-${size}.json`);
    writeFileSync(file, JSON.stringify(spec));
    const r = time(['render', file, '--out', join(dir, 'out'), '--layout-timeout', '600']);
    console.log(`${seconds(r.ms).padStart(8)}  exit ${r.code}  ${size} nodes, ${spec.edges.length} edges`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
