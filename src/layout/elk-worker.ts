// Worker thread entry: loads ELK at once, then lays out the graphs the main thread sends.

import { parentPort } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { loadElk } from './elk-engine.js';

const elk = loadElk();

parentPort?.on('message', ({ id, graph }: { id: number; graph: ElkNode }) => {
  elk.layout(graph).then(
    (result) => parentPort?.postMessage({ id, result }),
    (e: unknown) =>
      parentPort?.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
