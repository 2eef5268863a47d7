// The validated, resolved architecture: types looked up, defaults applied, list endpoints expanded.
// Built only from specs that passed validation, so it trusts the shape of its input.

import { basename, extname } from 'node:path';
import { type CatalogEntry, resolveType } from '../catalog/catalog.js';
import type {
  ArchitectureSpec,
  Arrangement,
  ArrowEnds,
  BorderSide,
  Direction,
  EdgeColor,
  EdgeStyle,
  NodeSpec,
  OverlayBorder,
} from './types.js';

export interface ModelNode {
  id: string;
  type: CatalogEntry;
  label: string;
  note: string | undefined;
  link: string | undefined;
  tooltip: string | undefined;
  parent: string | null;
  /** The side of the parent's border the node sits on. */
  border: BorderSide | undefined;
  /** The direction the group's children flow in, if the spec sets one for it. */
  direction: Direction | undefined;
  arrange: Arrangement | undefined;
  children: ModelNode[];
  /** Drawn as a container: every group type (an empty one is a placeholder box), and any other node
   *  with a `children:` key (e.g. an EKS cluster holding pods). */
  isGroup: boolean;
}

export interface ModelEdge {
  /** Stable and unique: `from->to`, with `#2`, `#3`… for repeated pairs. */
  id: string;
  from: string;
  to: string;
  label: string | undefined;
  style: EdgeStyle;
  step: number | undefined;
  arrow: ArrowEnds;
  /** A named colour, or undefined for the theme's line colour. */
  color: EdgeColor | undefined;
  sourceLabel: string | undefined;
  targetLabel: string | undefined;
}

export interface ModelOverlay {
  id: string;
  type: CatalogEntry;
  label: string;
  members: string[];
  /** The border's dash when the spec sets one, else undefined for the type's own. */
  border: OverlayBorder | undefined;
}

/** How a node or edge changed, in the merged model `refarch diff` draws. */
export interface DiffMark {
  kind: 'added' | 'removed' | 'changed';
  /** What changed, in words (the SVG's tooltip). */
  note: string;
}

export interface Step {
  number: number;
  text: string;
}

export interface Model {
  file: string;
  /** The title block's text; undefined draws none. */
  title: string | undefined;
  /** What the diagram is called where a short name is needed (accessible name, alt text, preview):
   *  the title, else the description, else the file's name. */
  name: string;
  description: string | undefined;
  source: string | undefined;
  direction: Direction;
  roots: ModelNode[];
  nodes: ReadonlyMap<string, ModelNode>;
  edges: ModelEdge[];
  overlays: ModelOverlay[];
  steps: Step[];
  legendTitle: string;
  /** Only in the model `refarch diff` draws: what changed, by node id and by edge id. */
  marks?: { nodes: ReadonlyMap<string, DiffMark>; edges: ReadonlyMap<string, DiffMark> };
}

/** Whether node `id` is inside group `ancestor`, at any depth. */
export function isInside(model: Model, id: string, ancestor: string): boolean {
  for (let n = model.nodes.get(id); n && n.parent !== null; n = model.nodes.get(n.parent))
    if (n.parent === ancestor) return true;
  return false;
}

function mustResolve(type: string): CatalogEntry {
  const entry = resolveType(type);
  if (!entry) throw new Error(`bug: unvalidated type '${type}' reached the model`);
  return entry;
}

function buildNodes(
  map: Record<string, NodeSpec>,
  parent: string | null,
  index: Map<string, ModelNode>,
): ModelNode[] {
  return Object.entries(map).map(([id, spec]) => {
    const type = mustResolve(spec.type);
    const node: ModelNode = {
      id,
      type,
      label: spec.label ?? type.name,
      note: spec.note,
      link: spec.link,
      tooltip: spec.tooltip,
      parent,
      border: spec.border,
      direction: spec.direction,
      arrange: spec.arrange,
      children: [],
      isGroup: false,
    };
    index.set(id, node);
    node.children = spec.children ? buildNodes(spec.children, id, index) : [];
    node.isGroup = spec.children !== undefined || type.category === 'group';
    return node;
  });
}

/** A text that draws nothing is no text: blank labels would draw empty background boxes. */
const drawn = (text: string | undefined): string | undefined => (text?.trim() ? text : undefined);

const asList = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

export function buildModel(spec: ArchitectureSpec, file: string): Model {
  const nodes = new Map<string, ModelNode>();
  const roots = buildNodes(spec.nodes, null, nodes);
  const seen = new Map<string, number>();
  const edges: ModelEdge[] = [];
  for (const edge of spec.edges ?? []) {
    for (const from of asList(edge.from)) {
      for (const to of asList(edge.to)) {
        const base = `${from}->${to}`;
        const count = (seen.get(base) ?? 0) + 1;
        seen.set(base, count);
        edges.push({
          id: count === 1 ? base : `${base}#${count}`,
          from,
          to,
          label: edge.label,
          style: edge.style ?? 'sync',
          step: edge.step,
          arrow: edge.arrow ?? 'end',
          color: edge.color,
          sourceLabel: drawn(edge.sourceLabel),
          targetLabel: drawn(edge.targetLabel),
        });
      }
    }
  }
  const overlays = Object.entries(spec.overlays ?? {}).map(([id, o]) => {
    const type = mustResolve(o.type);
    return { id, type, label: o.label ?? type.name, members: o.members, border: o.style };
  });
  const steps = Object.entries(spec.steps ?? {})
    .map(([n, text]) => ({ number: Number(n), text }))
    .sort((a, b) => a.number - b.number);
  return {
    file,
    title: spec.title,
    name: spec.title ?? spec.description ?? basename(file, extname(file)),
    description: spec.description,
    source: spec.source,
    direction: spec.direction ?? 'right',
    roots,
    nodes,
    edges,
    overlays,
    steps,
    legendTitle: spec.legendTitle ?? 'Steps',
  };
}
