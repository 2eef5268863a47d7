// Worker thread entry: loads ELK at once and warms it up on a tiny graph, then lays out the graphs
// the main thread sends (messages wait in the queue until the warm-up is done).

import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { serveRequests } from '../runtime/worker-client.js';
import { loadElk } from './elk-engine.js';
import { warmUpGraph } from './elk-options.js';

const elk = loadElk();
const warmedUp = elk.layout(warmUpGraph()).catch(() => undefined);

serveRequests((graph: ElkNode) => warmedUp.then(() => elk.layout(graph)));
