// The layout stage: Model -> Diagram. elkjs is loaded on first use only, so commands that never
// lay out (validate, types) do not pay for it.

import { createRequire } from 'node:module';
import type { ELKConstructorArguments, ELK as ElkEngine, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Model } from '../spec/model.js';
import type { Diagram } from './diagram.js';
import { buildElkGraph } from './elk-graph.js';
import { placeDiagram } from './place.js';

let engine: ElkEngine | undefined;

function elk(): ElkEngine {
  if (!engine) {
    const ELK = createRequire(import.meta.url)('elkjs/lib/elk.bundled.js') as new (
      args?: ELKConstructorArguments,
    ) => ElkEngine;
    engine = new ELK();
  }
  return engine;
}

export interface LayoutTiming {
  /** Milliseconds spent inside the ELK call alone. */
  elkMs: number;
}

async function runElk(graph: ElkNode, timing?: LayoutTiming): Promise<ElkNode> {
  const started = performance.now();
  try {
    return await elk().layout(graph);
  } finally {
    if (timing) timing.elkMs += performance.now() - started;
  }
}

export async function layoutModel(model: Model, timing?: LayoutTiming): Promise<Diagram> {
  const input = buildElkGraph(model, { keepModelOrder: true });
  try {
    return placeDiagram(model, input, await runElk(input.graph, timing));
  } catch {
    // elkjs 0.11 can fail inside its model-order crossing minimisation on nested graphs (a
    // TypeError deep in the compiled code); without model order it lays out. The spec's order is
    // then a preference ELK no longer sees, which is better than no diagram.
    const plain = buildElkGraph(model, { keepModelOrder: false });
    return placeDiagram(model, plain, await runElk(plain.graph, timing));
  }
}
