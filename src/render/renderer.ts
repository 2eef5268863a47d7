// Where SVG rendering runs. Loading jsdom costs ~0.6 s, more than laying out a typical diagram,
// so the CLI renders in a worker thread that starts loading jsdom at once, in parallel with
// validation and the ELK layout on the main thread; batches then overlap layout and rendering.
// Library callers and tests render in-process.

import { Worker } from 'node:worker_threads';
import type { Diagram } from '../layout/diagram.js';
import { WORKER_OPTIONS } from '../runtime/worker-options.js';
import { diagramFontCss } from './diagram-font.js';
import type { RenderOptions } from './svg.js';

export interface SvgRenderer {
  render(diagram: Diagram, options: RenderOptions): Promise<string>;
  close(): Promise<void>;
}

export function inProcessRenderer(): SvgRenderer {
  return {
    async render(diagram, options) {
      const { renderSvg } = await import('./svg.js');
      return renderSvg(diagram, options);
    },
    async close() {},
  };
}

interface WorkerReply {
  id: number;
  svg?: string;
  error?: string;
}

/**
 * A renderer on a worker thread; in-process when running from TypeScript sources (tests). A worker
 * that died (it should not) is replaced on the next render, so a long watch session goes on.
 */
export function workerRenderer(): SvgRenderer {
  const script = new URL('./render-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.ts')) return inProcessRenderer();
  const pending = new Map<number, { resolve: (svg: string) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = (): Worker => {
    const w = new Worker(script, WORKER_OPTIONS);
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.svg !== undefined) p.resolve(reply.svg);
      else p.reject(new Error(reply.error ?? 'render worker failed'));
    });
    w.on('error', failAll);
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`render worker exited with code ${code}`));
    });
    return w;
  };
  let worker: Worker | undefined = start();
  return {
    async render(diagram, options) {
      const id = nextId++;
      const w = worker ?? start();
      worker = w;
      w.ref();
      // The font subset is made here while the worker is still loading jsdom.
      const fontCss = options.embedFont === false ? '' : (options.fontCss ?? (await diagramFontCss(diagram)));
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, diagram, options: { ...options, fontCss } });
      }).finally(() => {
        if (pending.size === 0) w.unref();
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
