// Where ELK runs. In-process for the library and tests; on a worker thread for the CLI, which
// gains two things: a layout time budget (a worker can be stopped, a synchronous ELK call cannot)
// and ELK loading and warming up while the main thread validates and measures.

import { Worker } from 'node:worker_threads';
import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk-api.js';
import { loadElkConstructor } from '../runtime/vendor.js';
import { WORKER_OPTIONS } from '../runtime/worker-options.js';

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
    const ELK = loadElkConstructor();
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

const fromSources = import.meta.url.endsWith('.ts');

function startWorker(): Worker {
  const worker = new Worker(new URL('./elk-worker.js', import.meta.url), WORKER_OPTIONS);
  worker.unref();
  return worker;
}

let early: Worker | undefined;

/**
 * Starts the ELK worker now, before the command line is parsed, so that ELK is loaded and warmed
 * up by the time the first graph is ready; the next `workerElk` adopts it. An unused early worker
 * does not keep the process alive.
 */
export function startElkWorkerEarly(): void {
  if (!fromSources) early ??= startWorker();
}

/** ELK on a worker thread, stopped when a layout exceeds `budgetMs`; in-process from TypeScript sources. */
export function workerElk(budgetMs: number): ElkEngine {
  if (fromSources) return inProcessElk();
  let nextId = 0;
  // Load and warm ELK while the caller validates and measures.
  let worker: Worker | undefined = early ?? startWorker();
  early = undefined;
  return {
    layout(graph) {
      const w = worker ?? startWorker();
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
