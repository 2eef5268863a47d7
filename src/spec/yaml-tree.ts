// One pass over the composed YAML tree before it becomes plain values: duplicate keys (in linear
// time; yaml's own check compares every key with every other), aliases that name no anchor or the
// collection they sit in, and how many nodes the aliases add when expanded (the "billion laughs"
// and "wide" alias bombs).

import { type Document, isAlias, isCollection, isMap, isPair, isScalar, type Node } from 'yaml';

export type TreeProblem =
  | { kind: 'duplicate-key'; offset: number }
  | { kind: 'unknown-alias'; offset: number; name: string }
  | { kind: 'alias-cycle'; offset: number; name: string };

export interface TreeReport {
  problems: TreeProblem[];
  /** YAML nodes (scalars and collections) the aliases add to the document when expanded. */
  aliasNodes: number;
}

function offsetOf(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}

export function inspectYamlTree(doc: Document.Parsed): TreeReport {
  const problems: TreeProblem[] = [];
  // As in yaml's Alias.resolve: an alias means the last node before it with that anchor.
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  const sizes = new Map<Node, number>();
  let aliasNodes = 0;

  const size = (value: unknown): number => {
    if (isAlias(value)) {
      const target = anchors.get(value.source);
      if (!target) {
        problems.push({ kind: 'unknown-alias', offset: offsetOf(value), name: value.source });
        return 1;
      }
      if (open.has(target)) {
        problems.push({ kind: 'alias-cycle', offset: offsetOf(value), name: value.source });
        return 1;
      }
      const added = sizes.get(target) ?? 1;
      aliasNodes += added;
      return added;
    }
    if (!isScalar(value) && !isCollection(value)) return 0;
    if (value.anchor) anchors.set(value.anchor, value);
    if (isScalar(value)) return 1;
    open.add(value);
    let total = 1;
    const seen = new Set<string>();
    for (const item of value.items) {
      if (!isPair(item)) {
        total += size(item);
        continue;
      }
      const key = item.key;
      if (isMap(value) && isScalar(key)) {
        // As plain values keys are strings: `1:` and `"1":` name the same step.
        const name = String(key.value);
        if (seen.has(name)) problems.push({ kind: 'duplicate-key', offset: offsetOf(key) });
        seen.add(name);
      }
      total += size(key) + size(item.value);
    }
    open.delete(value);
    sizes.set(value, total);
    return total;
  };

  size(doc.contents);
  return { problems, aliasNodes };
}
