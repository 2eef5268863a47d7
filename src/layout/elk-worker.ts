// Worker thread entry: loads ELK at once and warms it up on a tiny graph, then lays out the graphs
// the main thread sends (messages wait in the queue until the warm-up is done).

import { parentPort } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { loadElk } from './elk-engine.js';
import { warmUpGraph } from './elk-options.js';

const elk = loadElk();
const warmedUp = elk.layout(warmUpGraph()).catch(() => undefined);

parentPort?.on('message', ({ id, graph }: { id: number; graph: ElkNode }) => {
  warmedUp
    .then(() => elk.layout(graph))
    .then(
      (result) => parentPort?.postMessage({ id, result }),
      (e: unknown) =>
        parentPort?.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
});
