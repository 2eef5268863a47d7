// Which way a node's neighbours flow: the direction of the nearest group around it that sets
// one, else the diagram's.

import type { Model } from '../spec/model.js';
import type { Direction } from '../spec/types.js';

/** The direction the children of `groupId` flow in (the diagram's for null: the top level). */
export function flowOf(model: Model, groupId: string | null): Direction {
  for (
    let g = groupId === null ? undefined : model.nodes.get(groupId);
    g;
    g = g.parent ? model.nodes.get(g.parent) : undefined
  )
    if (g.direction) return g.direction;
  return model.direction;
}

/** The direction a line between two nodes follows: that of the innermost group holding both. */
export function edgeFlow(model: Model, from: string, to: string): Direction {
  const ancestors = (id: string) => {
    const out: string[] = [];
    for (let n = model.nodes.get(id); n?.parent; n = model.nodes.get(n.parent)) out.push(n.parent);
    return out;
  };
  const around = new Set(ancestors(to));
  return flowOf(model, ancestors(from).find((g) => around.has(g)) ?? null);
}
