// Where ELK runs. In-process for the library and tests; on a worker thread for the CLI, which
// gains two things: a layout time budget (a worker can be stopped, a synchronous ELK call cannot)
// and ELK loading and warming up while the main thread validates and measures.

import type { Worker } from 'node:worker_threads';
import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk-api.js';
import { loadElkConstructor } from '../runtime/vendor.js';
import { startWorker, workerClient } from '../runtime/worker-client.js';

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

const fromSources = import.meta.url.endsWith('.ts');
const ELK_WORKER = new URL('./elk-worker.js', import.meta.url);

let early: Worker | undefined;

/**
 * Starts the ELK worker now, before the command line is parsed, so that ELK is loaded and warmed
 * up by the time the first graph is ready; the next `workerElk` adopts it. An unused early worker
 * does not keep the process alive.
 */
export function startElkWorkerEarly(): void {
  if (!fromSources) early ??= startWorker(ELK_WORKER);
}

/** ELK on a worker thread, stopped when a layout exceeds `budgetMs`; in-process from TypeScript sources. */
export function workerElk(budgetMs: number): ElkEngine {
  if (fromSources) return inProcessElk();
  // Load and warm ELK while the caller validates and measures.
  const client = workerClient<ElkNode, ElkNode>(ELK_WORKER, early);
  early = undefined;
  return {
    layout: (graph) => client.request(graph, { ms: budgetMs, error: () => new LayoutTimeoutError(budgetMs) }),
    close: () => client.close(),
  };
}
