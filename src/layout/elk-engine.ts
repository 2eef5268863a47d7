// Where ELK runs. In-process for the library and tests; on a worker thread for the CLI, which
// gains two things: a layout time budget (a worker can be stopped, a synchronous ELK call cannot)
// and ELK loading and warming up while the main thread validates and measures.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ELKConstructorArguments, ELK as ElkApi, ElkNode } from 'elkjs/lib/elk-api.js';

export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
  close(): Promise<void>;
}

/** The layout took longer than the budget; the worker running it was stopped. */
export class LayoutTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`layout took longer than ${budgetMs / 1000} s`);
  }
}

let shared: ElkApi | undefined;

/** Loads elkjs's bundled build (which runs ELK on the calling thread) once per thread. */
export function loadElk(): ElkApi {
  if (!shared) {
    const ELK = createRequire(import.meta.url)('elkjs/lib/elk.bundled.js') as new (
      args?: ELKConstructorArguments,
    ) => ElkApi;
    shared = new ELK();
  }
  return shared;
}

export function inProcessElk(): ElkEngine {
  return { layout: (graph) => loadElk().layout(graph), close: async () => {} };
}

interface Reply {
  id: number;
  result?: ElkNode;
  error?: string;
}

/** ELK on a worker thread, stopped when a layout exceeds `budgetMs`; in-process from TypeScript sources. */
export function workerElk(budgetMs: number): ElkEngine {
  if (import.meta.url.endsWith('.ts')) return inProcessElk();
  const script = new URL('./elk-worker.js', import.meta.url);
  let worker: Worker | undefined;
  let nextId = 0;
  const start = (): Worker => {
    const w = new Worker(script);
    w.unref();
    return w;
  };
  worker = start(); // load and warm ELK while the caller validates and measures
  return {
    layout(graph) {
      const w = worker ?? start();
      worker = w;
      const id = nextId++;
      w.ref();
      return new Promise<ElkNode>((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          worker = undefined;
          void w.terminate();
          reject(new LayoutTimeoutError(budgetMs));
        }, budgetMs);
        const onMessage = (reply: Reply) => {
          if (reply.id !== id) return;
          cleanup();
          if (reply.result) resolve(reply.result);
          else reject(new Error(reply.error ?? 'ELK worker failed'));
        };
        const onError = (e: Error) => {
          cleanup();
          worker = undefined;
          reject(e);
        };
        const cleanup = () => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          w.unref();
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.postMessage({ id, graph });
      });
    },
    async close() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
