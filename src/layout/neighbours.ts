// Who feeds whom: each node's distinct sources and targets along the spec's lines. The passes that
// move nodes before routing (fans, chains, entry points) decide from these.

import type { Model } from '../spec/model.js';

export interface Neighbours {
  /** The nodes with a line into each node. */
  sources: Map<string, Set<string>>;
  /** The nodes each node has a line to. */
  targets: Map<string, Set<string>>;
}

export function neighboursOf(model: Model): Neighbours {
  const sources = new Map<string, Set<string>>();
  const targets = new Map<string, Set<string>>();
  for (const { from, to } of model.edges) {
    if (!sources.has(to)) sources.set(to, new Set());
    sources.get(to)!.add(from);
    if (!targets.has(from)) targets.set(from, new Set());
    targets.get(from)!.add(to);
  }
  return { sources, targets };
}
