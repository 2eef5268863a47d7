// Cold `refarch render` from the repository and from a copy installed the way users get it: the
// `npm pack` tarball installed into another project, where every file has a new modification time.
// Shows whether the code caches the build recorded (dist/vendor/*.cache) still pay off there.
// Prints figures, asserts nothing.
//   npm run bench:installed            (builds first)
// BENCH_RUNS (default 7) timed runs per copy, alternating, each in a fresh process; the median is
// shown. Dependencies of the installed copy come from the npm cache (`--offline`); if something is
// missing there, the install falls back to `--prefer-offline`, which asks the registry.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const spec = path.join(root, 'architectures/eks-networking.yaml');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const work = mkdtempSync(path.join(tmpdir(), 'refarch-installed-'));
// Before this benchmark adds its own load: other work on the machine skews the figures.
const loadBefore = loadavg()[0];

/** Packs the built repository (no prepare script: `npm run bench:installed` has just built it). */
function pack() {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
  });
  const [{ filename, size, entryCount }] = JSON.parse(out);
  return { tarball: path.join(work, filename), size, entryCount };
}

/** Installs the tarball into a new project; returns the npm mode that worked. */
function install(tarball) {
  const project = path.join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'refarch-installed-bench', private: true }),
  );
  for (const mode of ['--offline', '--prefer-offline']) {
    const child = spawnSync(
      'npm',
      ['install', tarball, mode, '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: project,
        encoding: 'utf8',
      },
    );
    if (child.status === 0) return { project, mode };
    console.log(`npm install ${mode} failed:\n${child.stderr.trim().split('\n').slice(0, 5).join('\n')}`);
  }
  throw new Error('could not install the packed tarball');
}

/** One cold render in a fresh node, run from `cwd`; `debug` asks the loader what it did with each cache. */
function render({ cli, cwd, out }, debug = false) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [cli, 'render', spec, '--out', out, '-q'], {
    cwd,
    encoding: 'utf8',
    env: debug ? { ...process.env, NODE_DEBUG: 'refarch-code-cache' } : process.env,
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`${cli} render failed (${child.status}):\n${child.stderr}`);
  return { ms, stderr: child.stderr };
}

/** The loader's debug lines ("REFARCH-CODE-CACHE <pid>: <cache file>: used"), shortened. */
function cacheReport(stderr) {
  const lines = stderr
    .split('\n')
    .filter((l) => l.startsWith('REFARCH-CODE-CACHE'))
    .map((l) => l.replace(/^REFARCH-CODE-CACHE \d+: /, '').replace(/^.*[\\/]dist[\\/]vendor[\\/]/, ''));
  return lines.length > 0
    ? [...new Set(lines)].sort().join('; ')
    : 'no report (loader without the debug hook?)';
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

try {
  const packed = pack();
  console.log(
    `packed ${path.basename(packed.tarball)}: ${packed.entryCount} files, ${(packed.size / 1e6).toFixed(1)} MB`,
  );
  const { project, mode } = install(packed.tarball);
  console.log(`installed into ${project} (npm install ${mode})\n`);

  // What the caches are worth: the installed package once more, beside it, without them.
  const installed = path.join(project, 'node_modules/refarch');
  const uncached = path.join(project, 'node_modules/refarch-uncached');
  cpSync(installed, uncached, { recursive: true });
  for (const cache of ['elk.bundled.js.cache', 'jsdom.cjs.cache'])
    rmSync(path.join(uncached, 'dist/vendor', cache));

  const copies = [
    { name: 'repository', cli: path.join(root, 'dist/cli/main.js'), cwd: root, times: [] },
    { name: 'installed', cli: path.join(installed, 'dist/cli/main.js'), cwd: project, times: [] },
    { name: 'installed, no caches', cli: path.join(uncached, 'dist/cli/main.js'), cwd: project, times: [] },
  ];
  for (const copy of copies) {
    copy.out = path.join(work, `out-${copies.indexOf(copy)}`);
    // Untimed: fills the OS file cache and reports what the loader did with each code cache.
    copy.caches = cacheReport(render(copy, true).stderr);
  }
  for (let i = 0; i < runs; i++) for (const copy of copies) copy.times.push(render(copy).ms);

  const svg = (copy) => readFileSync(path.join(copy.out, 'eks-networking.svg'), 'utf8');
  console.log(
    `cold \`refarch render architectures/eks-networking.yaml\`, node ${process.version}, median of ${runs}` +
      ` (load average ${loadBefore.toFixed(1)} before the benchmark):`,
  );
  for (const copy of copies) {
    const range = `${s(Math.min(...copy.times))}–${s(Math.max(...copy.times))}`;
    console.log(
      `  ${copy.name.padEnd(20)}  ${s(median(copy.times))}  (${range})  code caches: ${copy.caches}`,
    );
  }
  console.log(`  same SVG from all: ${copies.every((c) => svg(c) === svg(copies[0])) ? 'yes' : 'NO'}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
