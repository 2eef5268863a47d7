// The layout stage: Model -> Diagram. elkjs is loaded on first use only, so commands that never
// lay out (validate, types) do not pay for it.

import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Model } from '../spec/model.js';
import type { Diagram } from './diagram.js';
import { type ElkEngine, inProcessElk, LayoutTimeoutError } from './elk-engine.js';
import { buildElkGraph } from './elk-graph.js';
import { placeDiagram } from './place.js';

export interface LayoutTiming {
  /** Milliseconds spent inside the ELK call alone. */
  elkMs: number;
}

export interface LayoutOptions {
  /** Where ELK runs (default: on this thread). */
  engine?: ElkEngine;
  /** Adds the time spent inside ELK, for benchmarks. */
  timing?: LayoutTiming;
  /** Called once ELK has the graph: work to do while waiting for it (on a worker engine). */
  onElkStarted?: () => void;
}

async function runElk(
  graph: ElkNode,
  { engine = inProcessElk(), timing, onElkStarted }: LayoutOptions,
): Promise<ElkNode> {
  const started = performance.now();
  try {
    const result = engine.layout(graph);
    onElkStarted?.();
    return await result;
  } finally {
    if (timing) timing.elkMs += performance.now() - started;
  }
}

export async function layoutModel(model: Model, options: LayoutOptions = {}): Promise<Diagram> {
  const input = buildElkGraph(model, { keepModelOrder: true });
  try {
    return placeDiagram(model, input, await runElk(input.graph, options));
  } catch (e) {
    if (e instanceof LayoutTimeoutError) throw e;
    // elkjs 0.11 can fail inside its model-order crossing minimisation on nested graphs (a
    // TypeError deep in the compiled code); without model order it lays out. The spec's order is
    // then a preference ELK no longer sees, which is better than no diagram.
    const plain = buildElkGraph(model, { keepModelOrder: false });
    return placeDiagram(model, plain, await runElk(plain.graph, { ...options, onElkStarted: undefined }));
  }
}
