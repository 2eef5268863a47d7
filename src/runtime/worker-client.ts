// Request and reply over a worker thread, for the ELK and render workers: each request gets an id,
// the worker answers `{ id, result }` or `{ id, error }`. A worker that dies (or is stopped because
// a request ran out of time) fails what was pending and is replaced on the next request. An idle
// worker does not keep the process alive.

import { parentPort, Worker } from 'node:worker_threads';
import { WORKER_OPTIONS } from './worker-options.js';

interface Reply<R> {
  id: number;
  result?: R;
  error?: string;
}

interface Pending<R> {
  resolve: (result: R) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
}

export interface WorkerClient<P, R> {
  /** Sends `payload`; with `timeout`, a request still running after `timeout.ms` stops the worker
   *  and rejects with `timeout.error()`. */
  request(payload: P, timeout?: { ms: number; error: () => Error }): Promise<R>;
  close(): Promise<void>;
}

/** Starts a worker for `script` now (loading what it needs at once), unreferenced. */
export function startWorker(script: URL): Worker {
  const worker = new Worker(script, WORKER_OPTIONS);
  worker.unref();
  return worker;
}

/** A client for `script`; `started` is a worker for it started earlier, to adopt. */
export function workerClient<P, R>(script: URL, started?: Worker): WorkerClient<P, R> {
  const pending = new Map<number, Pending<R>>();
  let nextId = 0;
  let worker: Worker | undefined;

  const settle = (id: number): Pending<R> | undefined => {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    clearTimeout(p.timer);
    if (pending.size === 0) worker?.unref();
    return p;
  };
  const drop = (w: Worker, e: Error) => {
    if (worker !== w) return;
    worker = undefined;
    for (const id of [...pending.keys()]) settle(id)?.reject(e);
  };
  const adopt = (w: Worker): Worker => {
    w.on('message', (reply: Reply<R>) => {
      const p = settle(reply.id);
      if (!p) return;
      if (reply.error === undefined) p.resolve(reply.result as R);
      else p.reject(new Error(reply.error));
    });
    w.on('error', (e) => drop(w, e));
    w.on('exit', (code) => drop(w, new Error(`worker exited with code ${code}`)));
    worker = w;
    return w;
  };
  adopt(started ?? startWorker(script));

  return {
    request(payload, timeout) {
      const w = worker ?? adopt(startWorker(script));
      const id = nextId++;
      w.ref();
      return new Promise<R>((resolve, reject) => {
        const p: Pending<R> = { resolve, reject };
        if (timeout) {
          p.timer = setTimeout(() => {
            drop(w, timeout.error());
            void w.terminate();
          }, timeout.ms);
        }
        pending.set(id, p);
        w.postMessage({ id, payload });
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}

/** The worker side: answers each request with `handle`'s result, or its error's stack. */
export function serveRequests<P, R>(handle: (payload: P) => Promise<R>): void {
  parentPort?.on('message', ({ id, payload }: { id: number; payload: P }) => {
    handle(payload).then(
      (result) => parentPort?.postMessage({ id, result }),
      (e: unknown) =>
        parentPort?.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
}
