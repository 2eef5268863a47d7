// What changed between two versions of a spec, by id: nodes and edges added, removed, or changed
// in one of their fields. An edge is known by its ends after list expansion (`from->to`, with `#2`
// for a repeated pair, as the model names it). A node that moved to another group is one changed
// node (`parent`), not a removal and an addition; a renamed id is a removal and an addition, since
// ids are what a spec's edges and overlays refer to.

import type { Model, ModelEdge, ModelNode } from '../spec/model.js';

export interface ModelChanges {
  nodes: { added: string[]; removed: string[]; changed: Record<string, string[]> };
  edges: { added: [string, string][]; removed: [string, string][]; changed: Record<string, string[]> };
}

/** The node fields a diff compares, by their spec key; `parent` is the group a node sits in. */
const NODE_FIELDS: readonly { key: string; value: (n: ModelNode) => unknown }[] = [
  { key: 'type', value: (n) => n.type.id },
  // The label as written: a node without one is labelled with its type's name, which is no change.
  { key: 'label', value: (n) => (n.label === n.type.name ? undefined : n.label) },
  { key: 'note', value: (n) => n.note },
  { key: 'link', value: (n) => n.link },
  { key: 'tooltip', value: (n) => n.tooltip },
  { key: 'parent', value: (n) => n.parent },
  { key: 'border', value: (n) => n.border },
  { key: 'direction', value: (n) => n.direction },
  { key: 'arrange', value: (n) => n.arrange },
];

const EDGE_FIELDS: readonly { key: string; value: (e: ModelEdge) => unknown }[] = [
  { key: 'label', value: (e) => e.label },
  { key: 'style', value: (e) => e.style },
  { key: 'step', value: (e) => e.step },
  { key: 'arrow', value: (e) => e.arrow },
  { key: 'color', value: (e) => e.color },
  { key: 'sourceLabel', value: (e) => e.sourceLabel },
  { key: 'targetLabel', value: (e) => e.targetLabel },
];

function changedFields<T>(
  fields: readonly { key: string; value: (x: T) => unknown }[],
  a: T,
  b: T,
): string[] {
  return fields.filter((f) => f.value(a) !== f.value(b)).map((f) => f.key);
}

export function diffModels(base: Model, head: Model): ModelChanges {
  const changes: ModelChanges = {
    nodes: { added: [], removed: [], changed: {} },
    edges: { added: [], removed: [], changed: {} },
  };
  for (const [id, node] of head.nodes) {
    const before = base.nodes.get(id);
    if (!before) changes.nodes.added.push(id);
    else {
      const fields = changedFields(NODE_FIELDS, before, node);
      if (fields.length > 0) changes.nodes.changed[id] = fields;
    }
  }
  for (const id of base.nodes.keys()) if (!head.nodes.has(id)) changes.nodes.removed.push(id);
  const baseEdges = new Map(base.edges.map((e) => [e.id, e]));
  const headEdges = new Map(head.edges.map((e) => [e.id, e]));
  for (const [id, edge] of headEdges) {
    const before = baseEdges.get(id);
    if (!before) changes.edges.added.push([edge.from, edge.to]);
    else {
      const fields = changedFields(EDGE_FIELDS, before, edge);
      if (fields.length > 0) changes.edges.changed[id] = fields;
    }
  }
  for (const [id, edge] of baseEdges)
    if (!headEdges.has(id)) changes.edges.removed.push([edge.from, edge.to]);
  return changes;
}

export function isUnchanged(changes: ModelChanges): boolean {
  return (
    changes.nodes.added.length === 0 &&
    changes.nodes.removed.length === 0 &&
    Object.keys(changes.nodes.changed).length === 0 &&
    changes.edges.added.length === 0 &&
    changes.edges.removed.length === 0 &&
    Object.keys(changes.edges.changed).length === 0
  );
}

/**
 * Removed and added nodes that look like one node renamed: same type, label and group. The diff
 * still shows them as a removal and an addition (edges and overlays name nodes by id), and the
 * summary says which they probably are.
 */
export function likelyRenames(base: Model, head: Model, changes: ModelChanges): [string, string][] {
  const pairs: [string, string][] = [];
  const taken = new Set<string>();
  for (const oldId of changes.nodes.removed) {
    const old = base.nodes.get(oldId)!;
    const match = changes.nodes.added.find((newId) => {
      const node = head.nodes.get(newId)!;
      return (
        !taken.has(newId) &&
        node.type.id === old.type.id &&
        node.label === old.label &&
        (node.parent === old.parent ||
          (node.parent !== null && pairs.some(([o, n]) => o === old.parent && n === node.parent)))
      );
    });
    if (match) {
      taken.add(match);
      pairs.push([oldId, match]);
    }
  }
  return pairs;
}
