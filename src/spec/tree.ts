// A defensive walk over the (not yet validated) spec value, shared by the semantic rules, which
// must work even when the schema found problems elsewhere in the file.

import type { SpecPath } from './parse.js';

export interface NodeEntry {
  id: string;
  path: SpecPath;
  /** The type as written, if it is a string. */
  type: string | undefined;
  /** Ids of the enclosing nodes, outermost first. */
  ancestors: string[];
  depth: number;
  hasChildren: boolean;
  value: Record<string, unknown>;
}

export interface EdgeEntry {
  index: number;
  from: string[];
  to: string[];
  step: number | undefined;
  value: Record<string, unknown>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function collectNodes(spec: unknown, maxDepth: number): NodeEntry[] {
  const entries: NodeEntry[] = [];
  const visit = (map: unknown, path: SpecPath, ancestors: string[]) => {
    if (!isRecord(map) || ancestors.length >= maxDepth) return;
    for (const [id, value] of Object.entries(map)) {
      if (!isRecord(value)) continue;
      const nodePath = [...path, id];
      const children = value.children;
      entries.push({
        id,
        path: nodePath,
        type: typeof value.type === 'string' ? value.type : undefined,
        ancestors,
        depth: ancestors.length,
        hasChildren: isRecord(children) && Object.keys(children).length > 0,
        value,
      });
      visit(children, [...nodePath, 'children'], [...ancestors, id]);
    }
  };
  if (isRecord(spec)) visit(spec.nodes, ['nodes'], []);
  return entries;
}

function endpointList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function collectEdges(spec: unknown): EdgeEntry[] {
  if (!isRecord(spec) || !Array.isArray(spec.edges)) return [];
  return spec.edges.flatMap((value, index) =>
    isRecord(value)
      ? [
          {
            index,
            from: endpointList(value.from),
            to: endpointList(value.to),
            step: typeof value.step === 'number' ? value.step : undefined,
            value,
          },
        ]
      : [],
  );
}
