// `refarch render`: progress on a terminal and a summary line for batches; `--watch` re-renders
// changed specs, prints their diagnostics as they appear, and stops cleanly on Ctrl-C.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RenderEngines, runRender } from '../../src/cli/render.js';
import { watchRender } from '../../src/cli/watch.js';
import { inProcessElk } from '../../src/layout/elk-engine.js';
import { inProcessRenderer } from '../../src/render/renderer.js';
import { CLI_FROM_SOURCE, REPO, recorder, run, SHOP, tempProject, UNKNOWN_TYPE, waitFor } from './project.js';

type Project = ReturnType<typeof tempProject>;

describe('refarch render batches', () => {
  let project: Project;
  beforeEach(() => {
    project = tempProject({ 'specs/a.yaml': SHOP, 'specs/b.yaml': SHOP.replace('Orders API', 'B API') });
  });
  afterEach(() => project.remove());

  it('shows [n/total] progress on a terminal, erases it, and ends with a summary line', async () => {
    const result = await run(['render', project.at('specs'), '--out', project.at('out')], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `\r\x1b[K[1/2] ${project.at('specs/a.yaml')}\r\x1b[K` +
        `\r\x1b[K[2/2] ${project.at('specs/b.yaml')}\r\x1b[K` +
        '2 specs: 2 rendered, 0 unchanged, 0 failed\n',
    );
  });

  it('prints only the summary when not on a terminal, counting unchanged and failed specs', async () => {
    await run(['render', project.at('specs'), '--out', project.at('out')]);
    project.write('specs/c.yaml', UNKNOWN_TYPE);
    const result = await run(['render', project.at('specs'), '--out', project.at('out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('[1/3]');
    expect(result.stderr).toContain(`${project.at('specs/c.yaml')}:5:16 error unknown-type`);
    expect(result.stderr.endsWith('3 specs: 0 rendered, 2 unchanged, 1 failed\n')).toBe(true);
  });
  it('writes draw.io files, warning about types draw.io has no shape for, and still exits 0', async () => {
    project.write('specs/c.yaml', 'refarch: 1\ntitle: Pods\nnodes:\n  pod: { type: generic.pod }\n');
    const result = await run([
      'render',
      project.at('specs'),
      '--out',
      project.at('out'),
      '--format',
      'drawio',
    ]);
    expect(result.code).toBe(0);
    expect(project.read('out/a.drawio')).toContain('resIcon=mxgraph.aws4.lambda;');
    expect(result.stderr).toContain(
      `${project.at('specs/c.yaml')} warning drawio-generic-shape: draw.io's AWS library has no shape for 1 type (generic.pod)`,
    );
    expect(result.stderr).not.toContain('a.yaml warning');
    expect(result.stderr.endsWith('3 specs: 3 rendered, 0 unchanged, 0 failed\n')).toBe(true);
  });

  // chmod 000 does not stop root (tests run as root in CI); a dangling symlink is unreadable for everyone.
  it('reports an unreadable spec as failed and still renders the rest', async () => {
    symlinkSync(project.at('gone.yaml'), project.at('specs/c.yaml'));
    const result = await run(['render', project.at('specs'), '--out', project.at('out')]);
    // An unreadable spec is an I/O problem: exit 2, as `check` and `validate` report it.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${project.at('specs/c.yaml')} error cannot-read: no such file or folder`,
    );
    expect(result.stderr.endsWith('3 specs: 2 rendered, 0 unchanged, 1 failed\n')).toBe(true);
    expect(existsSync(project.at('out/a.svg'))).toBe(true);
  });
});

const flags = (out: string) => ({
  out,
  format: 'svg' as const,
  theme: 'light' as const,
  quiet: false,
  layoutTimeout: 60,
  watch: true,
  maxBytes: 2 * 1024 * 1024,
  maxNodes: 5000,
  maxDepth: 64,
});

describe('runRender with engines it is given (watch mode)', () => {
  it('lays out and renders with them on every run and leaves them open', async () => {
    const project = tempProject({ 'specs/shop.yaml': SHOP });
    try {
      const elk = inProcessElk();
      const renderer = inProcessRenderer();
      let layouts = 0;
      let renders = 0;
      let closed = 0;
      const engines: RenderEngines = {
        elk: {
          layout: (graph) => {
            layouts++;
            return elk.layout(graph);
          },
          close: elk.close,
        },
        renderer: {
          render: (diagram, options) => {
            renders++;
            return renderer.render(diagram, options);
          },
          close: renderer.close,
        },
        close: async () => {
          closed++;
        },
      };
      const out = project.at('out');
      const err = recorder();
      expect(await runRender([project.at('specs')], flags(out), err, engines)).toBe(0);
      project.write('specs/shop.yaml', SHOP.replace('Orders API', 'Checkout API'));
      expect(await runRender([project.at('specs')], flags(out), err, engines)).toBe(0);
      expect([layouts, renders, closed]).toEqual([2, 2, 0]);
      expect(readFileSync(project.at('out/shop.svg'), 'utf8')).toContain('Checkout API');
    } finally {
      project.remove();
    }
  });
});

describe('refarch render --watch', () => {
  let project: Project;
  beforeEach(() => {
    project = tempProject({ 'specs/shop.yaml': SHOP });
  });
  afterEach(() => project.remove());

  it('renders at once, re-renders a changed spec, prints its diagnostics, and stops when told', async () => {
    const err = recorder();
    const stop = new AbortController();
    const out = project.at('out');
    const svg = path.join(out, 'shop.svg');
    const renders: string[][] = [];
    const watching = watchRender(
      [project.at('specs')],
      (files) => {
        renders.push(files);
        return runRender(files, flags(out), err);
      },
      err,
      { signal: stop.signal },
    );
    await waitFor('the first render and the watch to start', () => err.text.includes('press Ctrl-C to stop'));
    expect(readFileSync(svg, 'utf8')).toContain('Orders API');

    // An editor-style save: a new file renamed over the old one.
    writeFileSync(project.at('specs/.shop.yaml.tmp'), SHOP.replace('Orders API', 'Checkout API'));
    renameSync(project.at('specs/.shop.yaml.tmp'), project.at('specs/shop.yaml'));
    await waitFor('the changed diagram', () => readFileSync(svg, 'utf8').includes('Checkout API'));
    expect(renders.at(-1)).toEqual([project.at('specs/shop.yaml')]);

    writeFileSync(project.at('specs/shop.yaml'), UNKNOWN_TYPE);
    await waitFor('the diagnostic', () => err.text.includes('shop.yaml:5:16 error unknown-type'));
    expect(readFileSync(svg, 'utf8')).toContain('Checkout API');

    project.write('specs/new.yaml', SHOP);
    await waitFor('a new spec to render', () => existsSync(path.join(out, 'new.svg')));

    stop.abort();
    expect(await watching).toBe(0);
    expect(err.text.endsWith('stopped watching\n')).toBe(true);
  });

  it('debounces a burst of writes into one render', async () => {
    const err = recorder();
    const stop = new AbortController();
    let renders = 0;
    const watching = watchRender(
      [project.at('specs/shop.yaml')],
      async () => {
        renders++;
      },
      err,
      { signal: stop.signal, debounceMs: 100 },
    );
    await waitFor('the watch to start', () => err.text.includes('press Ctrl-C'));
    for (let i = 0; i < 5; i++) writeFileSync(project.at('specs/shop.yaml'), `${SHOP}# edit ${i}\n`);
    await waitFor('the re-render', () => renders === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(renders).toBe(2);
    stop.abort();
    await watching;
  });

  it('exits 2 for a path that does not exist', async () => {
    const err = recorder();
    expect(await watchRender([project.at('nope')], async () => {}, err)).toBe(2);
    expect(err.text).toContain('nope error cannot-read: no such file or folder');
  });

  it('stops cleanly with exit code 0 on Ctrl-C (SIGINT) in the real command', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [...CLI_FROM_SOURCE, 'render', '--watch', project.at('specs'), '--out', project.at('out')],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor('the watch to start', () => stderr.includes('press Ctrl-C to stop'));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toContain('stopped watching');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
