// Where ELK runs. In-process for the build's code-cache recording, benchmarks and tests; on a worker
// thread for the command line and the public library, which gains two things: a layout time budget
// (a worker can be stopped, a synchronous ELK call cannot) and ELK loading and warming up while the
// main thread validates and measures.

import type { Worker } from 'node:worker_threads';
import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk-api.js';
import { loadElkConstructor } from '../runtime/vendor.js';
import { startWorker, type WorkerClient, workerClient } from '../runtime/worker-client.js';

export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
  close(): Promise<void>;
}

/**
 * Seconds one layout may take unless the caller says otherwise: the default of `--layout-timeout`
 * on every command that lays out, and of the library's `layoutTimeout`.
 */
export const DEFAULT_LAYOUT_TIMEOUT_SECONDS = 60;

/** The layout took longer than the budget; the worker running it was stopped. */
export class LayoutTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`layout took longer than ${budgetMs / 1000} s`);
    this.name = 'LayoutTimeoutError';
  }
}

/** The file elkjs's compiled code runs from, in-process and on the worker alike. */
const ELK_BUNDLE = 'elk.bundled.js';

/**
 * Whether `e` is a TypeError thrown inside elkjs's compiled code, as 0.11 throws in its model-order
 * crossing minimisation on some nested graphs (a Java null dereference, unchecked in the compiled
 * JavaScript). The top frame of its stack must be in elkjs: a TypeError of ours, a timeout or any
 * other ELK failure is not one. From the worker an error arrives as an Error whose message is the
 * worker's stack, so there the TypeError is known by that message.
 */
export function isElkTypeError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const stack =
    e instanceof TypeError ? e.stack : e.message.startsWith('TypeError: ') ? e.message : undefined;
  const topFrame = stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  return topFrame?.includes(ELK_BUNDLE) ?? false;
}

/**
 * elkjs 0.11's network-simplex node placement refuses some graphs with a node on a group's border
 * (a port) and a line into the group from outside: "Network simplex does not support self-loops",
 * or "NEdge must have a source and target NNode specified" when the group is nested. Brandes-Koepf
 * placement lays the same graphs out. Known by the message, which is the same on this thread and
 * from the worker.
 */
export function isNetworkSimplexRefusal(e: unknown): boolean {
  return (
    e instanceof Error &&
    (e.message.includes('Network simplex does not support self-loops') ||
      e.message.includes('NEdge must have a source and target NNode'))
  );
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

/** ELK on this thread: no budget can stop it. */
export function inProcessElk(): ElkEngine {
  return { layout: (graph) => loadElk().layout(graph), close: async () => {} };
}

const fromSources = import.meta.url.endsWith('.ts');
const ELK_WORKER = new URL('./elk-worker.js', import.meta.url);

/** setTimeout fires at once for a delay over 2^31 - 1 ms (about 24.8 days); a longer budget is this. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

let early: Worker | undefined;

/**
 * Starts the ELK worker now, before the command line is parsed, so that ELK is loaded and warmed
 * up by the time the first graph is ready; the next `workerElk` adopts it. An unused early worker
 * does not keep the process alive.
 */
export function startElkWorkerEarly(): void {
  if (!fromSources) early ??= startWorker(ELK_WORKER);
}

function newClient(): WorkerClient<ElkNode, ElkNode> {
  const client = workerClient<ElkNode, ElkNode>(ELK_WORKER, early);
  early = undefined;
  return client;
}

/**
 * Layouts on `client`, one at a time: the worker takes one graph at a time anyway, and a budget then
 * runs from when ELK starts on the graph, not while it waits behind another (a preview asks for
 * several diagrams at once). A layout over budget stops the worker; the next one starts another.
 */
function budgetedLayouts(client: WorkerClient<ElkNode, ElkNode>) {
  /** Settles when the last layout asked for has; undefined when none is under way. */
  let last: Promise<unknown> | undefined;
  return (graph: ElkNode, budgetMs: number): Promise<ElkNode> => {
    const timeout = {
      ms: Math.min(budgetMs, LONGEST_TIMER_MS),
      error: () => new LayoutTimeoutError(budgetMs),
    };
    const send = () => client.request(graph, timeout);
    // With none under way, sent at once: the caller's work while it waits (`onElkStarted`) then
    // runs beside ELK, not before it.
    const layout = last ? last.then(send) : send();
    const settled = layout.catch(() => undefined);
    last = settled;
    void settled.then(() => {
      if (last === settled) last = undefined;
    });
    return layout;
  };
}

/**
 * ELK on a worker thread of its own, stopped when a layout exceeds `budgetMs`; the caller closes it.
 * In-process from TypeScript sources (tests), where there is no compiled worker and so no budget.
 */
export function workerElk(budgetMs: number): ElkEngine {
  if (fromSources) return inProcessElk();
  // Load and warm ELK while the caller validates and measures.
  const client = newClient();
  const layout = budgetedLayouts(client);
  return { layout: (graph) => layout(graph, budgetMs), close: () => client.close() };
}

let sharedLayout: ReturnType<typeof budgetedLayouts> | undefined;

/**
 * ELK on the one worker thread shared by every library call that brings no engine of its own, each
 * layout stopped when it exceeds `budgetMs`. Idle, the worker does not keep the process alive, so
 * there is nothing to close. In-process from TypeScript sources, like `workerElk`.
 */
export function sharedWorkerElk(budgetMs: number): ElkEngine {
  if (fromSources) return inProcessElk();
  sharedLayout ??= budgetedLayouts(newClient());
  const layout = sharedLayout;
  return { layout: (graph) => layout(graph, budgetMs), close: async () => {} };
}
