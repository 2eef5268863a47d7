// One model for the picture of a change: the head spec's nodes and edges, with what the base had
// and the head dropped put back where it was (a removed node in its old group, if that group is
// still there), each marked added, removed or changed with words saying what changed. Laid out
// like any model, so unchanged parts sit where a reader of the head diagram expects them.

import type { DiffMark, Model, ModelEdge, ModelNode } from '../spec/model.js';
import type { ModelChanges } from './changes.js';

function describe(value: unknown): string {
  return value === undefined || value === null ? 'none' : `'${String(value)}'`;
}

/** Words for a changed node: "moved from 'a' to 'b'; label 'x' → 'y'". */
export function nodeNote(before: ModelNode, after: ModelNode, fields: string[]): string {
  return fields
    .map((field) => {
      if (field === 'parent')
        return `moved from ${before.parent ? `'${before.parent}'` : 'the top level'} to ${after.parent ? `'${after.parent}'` : 'the top level'}`;
      const read = (n: ModelNode) =>
        field === 'type' ? n.type.id : (n as unknown as Record<string, unknown>)[field];
      return `${field} ${describe(read(before))} → ${describe(read(after))}`;
    })
    .join('; ');
}

export function edgeNote(before: ModelEdge, after: ModelEdge, fields: string[]): string {
  return fields
    .map((field) => {
      const read = (e: ModelEdge) => (e as unknown as Record<string, unknown>)[field];
      return `${field} ${describe(read(before))} → ${describe(read(after))}`;
    })
    .join('; ');
}

function copyTree(node: ModelNode, parent: string | null, index: Map<string, ModelNode>): ModelNode {
  const copy: ModelNode = { ...node, parent, children: [] };
  index.set(copy.id, copy);
  copy.children = node.children.map((child) => copyTree(child, copy.id, index));
  return copy;
}

export function mergedModel(base: Model, head: Model, changes: ModelChanges): Model {
  const nodes = new Map<string, ModelNode>();
  const roots = head.roots.map((root) => copyTree(root, null, nodes));
  // Base order puts a group before what it holds, so a removed group is back before its children.
  const removed = new Set(changes.nodes.removed);
  for (const [id, node] of base.nodes) {
    if (!removed.has(id)) continue;
    const holder = node.parent ? nodes.get(node.parent) : undefined;
    const copy: ModelNode = {
      ...node,
      parent: holder ? holder.id : null,
      children: [],
      border: holder ? node.border : undefined,
    };
    nodes.set(id, copy);
    if (holder) {
      holder.children.push(copy);
      holder.isGroup = true;
    } else roots.push(copy);
  }
  const marks = new Map<string, DiffMark>();
  for (const id of changes.nodes.added) marks.set(id, { kind: 'added', note: 'added' });
  for (const id of changes.nodes.removed) marks.set(id, { kind: 'removed', note: 'removed' });
  for (const [id, fields] of Object.entries(changes.nodes.changed))
    marks.set(id, { kind: 'changed', note: nodeNote(base.nodes.get(id)!, head.nodes.get(id)!, fields) });
  const baseEdges = new Map(base.edges.map((e) => [e.id, e]));
  const headIds = new Set(head.edges.map((e) => e.id));
  const edges = [...head.edges, ...base.edges.filter((e) => !headIds.has(e.id))];
  const edgeMarks = new Map<string, DiffMark>();
  for (const edge of edges) {
    const before = baseEdges.get(edge.id);
    if (!headIds.has(edge.id)) edgeMarks.set(edge.id, { kind: 'removed', note: 'removed' });
    else if (!before) edgeMarks.set(edge.id, { kind: 'added', note: 'added' });
    else if (changes.edges.changed[edge.id])
      edgeMarks.set(edge.id, {
        kind: 'changed',
        note: edgeNote(before, edge, changes.edges.changed[edge.id]!),
      });
  }
  return {
    ...head,
    roots,
    nodes,
    edges,
    // Overlays of the head only: their members are all still there.
    marks: { nodes: marks, edges: edgeMarks },
  };
}
