// Model -> ELK graph: one compound node per group, edges at the root (ELK routes them across
// group boundaries in one pass with INCLUDE_CHILDREN), edge labels sized from measured text.

import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api.js';
import type { Model, ModelEdge, ModelNode } from '../spec/model.js';
import type { Direction } from '../spec/types.js';
import { type GroupFrame, groupFrame, type LocalBox, leafBox, textBlock } from './boxes.js';
import type { Box, TextBlock } from './diagram.js';
import { LARGE_GRAPH, levelOptions } from './elk-options.js';
import {
  BADGE_RADIUS,
  EDGE_LABEL_FONT,
  EDGE_LABEL_MAX_WIDTH,
  EDGE_LABEL_PADDING,
  GROUP_PADDING,
  ICON_LABEL_GAP,
  ICON_SIZE,
} from './metrics.js';

/**
 * elkjs 0.11 with INCLUDE_CHILDREN applies a compound node's minimum size transposed when the
 * layout runs down or up (measured: a (200, 80) minimum gives a 90 x 200 group), so it is given
 * transposed for those directions.
 */
function minimumSize(direction: Direction, width: number, height: number): string {
  return direction === 'down' || direction === 'up' ? `(${height}, ${width})` : `(${width}, ${height})`;
}

/**
 * In left-right flows edges meet the icon itself, with the label hanging below. In top-down flows
 * they would run through that label, so there the whole box (icon and label) is the node.
 */
export function iconAnchoredEdges(direction: Direction): boolean {
  return direction === 'right' || direction === 'left';
}

export interface EdgeLabelContent {
  /** Size of the whole label box: padding, optional step badge, text. */
  width: number;
  height: number;
  text: TextBlock | null;
  hasBadge: boolean;
}

/** Lays out an edge label relative to its own box: badge on the left, text beside it. */
export function edgeLabelContent(edge: ModelEdge): EdgeLabelContent | null {
  // A blank label is no label: it would only draw an empty background box.
  const label = edge.label?.trim() ? edge.label : undefined;
  if (label === undefined && edge.step === undefined) return null;
  const badgeWidth = edge.step !== undefined ? 2 * BADGE_RADIUS + (label ? 4 : 0) : 0;
  const text = label
    ? textBlock(
        label,
        EDGE_LABEL_FONT,
        EDGE_LABEL_MAX_WIDTH,
        EDGE_LABEL_PADDING + badgeWidth,
        EDGE_LABEL_PADDING,
        'start',
      )
    : null;
  const innerHeight = Math.max(text?.height ?? 0, edge.step !== undefined ? 2 * BADGE_RADIUS : 0);
  if (text) text.y = EDGE_LABEL_PADDING + (innerHeight - text.height) / 2;
  return {
    width: Math.ceil(2 * EDGE_LABEL_PADDING + badgeWidth + (text?.width ?? 0)),
    height: Math.ceil(2 * EDGE_LABEL_PADDING + innerHeight),
    text,
    hasBadge: edge.step !== undefined,
  };
}

export interface ElkInput {
  graph: ElkNode;
  leaves: Map<string, LocalBox>;
  /** Leaves whose ELK node is just the icon, with the text as an outside label. */
  iconAnchored: Set<string>;
  groups: Map<string, GroupFrame>;
  labels: Map<string, EdgeLabelContent>;
}

/** Part of a group laid out before ELK runs (the AZs of an AZ grid): ELK sees it as one box of
 *  this size, in place of `replaces`, and every edge that reaches inside it ends at that box. */
export interface SealedBlock {
  id: string;
  width: number;
  height: number;
  /** The group's children the block stands for. */
  replaces: ReadonlySet<string>;
  /** Every node inside the block, at any depth, with its box in the block. */
  holds: ReadonlyMap<string, Box>;
}

/** The side of a block where lines into it arrive, and the side where lines out of it leave. */
const BLOCK_SIDES: Record<Direction, { in: string; out: string }> = {
  down: { in: 'NORTH', out: 'SOUTH' },
  up: { in: 'SOUTH', out: 'NORTH' },
  right: { in: 'WEST', out: 'EAST' },
  left: { in: 'EAST', out: 'WEST' },
};

/** A port on the block's side, level with the node inside that the line leads to, so that ELK
 *  places the node outside where the line will really go (a load balancer over its targets). */
function blockPort(block: SealedBlock, side: string, id: string, node: string): ElkPort {
  const box = block.holds.get(node)!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const at: Record<string, [number, number]> = {
    NORTH: [cx, 0],
    SOUTH: [cx, block.height],
    WEST: [0, cy],
    EAST: [block.width, cy],
  };
  const [x, y] = at[side]!;
  return { id, x, y, width: 0, height: 0, layoutOptions: { 'elk.port.side': side } };
}

export interface ElkGraphOptions {
  /** Ask ELK to keep the spec's order of nodes and edges where it can (authors control the layout). */
  keepModelOrder: boolean;
  /** Lay out only these top-level nodes and the edges among their descendants (default: all). */
  roots?: ModelNode[];
  /** Blocks laid out beforehand, by the id of the group that holds them. */
  blocks?: ReadonlyMap<string, SealedBlock>;
}

export function buildElkGraph(
  model: Model,
  { keepModelOrder, roots = model.roots, blocks = new Map() }: ElkGraphOptions,
): ElkInput {
  const options = levelOptions(model.direction, model.nodes.size > LARGE_GRAPH);
  const leaves = new Map<string, LocalBox>();
  const groups = new Map<string, GroupFrame>();
  const labels = new Map<string, EdgeLabelContent>();

  const anchorOnIcons = iconAnchoredEdges(model.direction);
  const iconAnchored = new Set<string>();
  const toElk = (node: ModelNode): ElkNode => {
    if (!node.isGroup) {
      const box = leafBox(node);
      leaves.set(node.id, box);
      if (!anchorOnIcons || !box.icon) {
        // Top-down: align boxes by their tops so icons in a row line up whatever their labels.
        return {
          id: node.id,
          width: box.width,
          height: box.height,
          layoutOptions: { 'elk.alignment': 'TOP' },
        };
      }
      iconAnchored.add(node.id);
      // ELK sees the icon as the node and the text under it as an outside label, so edges meet
      // the icon and icons in a row line up; the label still takes its space in the layout.
      return {
        id: node.id,
        width: ICON_SIZE,
        height: ICON_SIZE,
        layoutOptions: { 'elk.nodeLabels.placement': 'OUTSIDE V_BOTTOM H_CENTER' },
        labels: [
          {
            id: `${node.id}:label`,
            // ELK ignores labels with empty text (and reserves no space); the size is what counts.
            text: node.label.trim() || node.id,
            width: box.width,
            height: box.height - ICON_SIZE - ICON_LABEL_GAP,
          },
        ],
      };
    }
    const frame = groupFrame(node);
    groups.set(node.id, frame);
    return {
      id: node.id,
      layoutOptions: {
        ...options,
        'elk.padding': `[top=${frame.paddingTop},left=${GROUP_PADDING},bottom=${GROUP_PADDING},right=${GROUP_PADDING}]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': minimumSize(
          model.direction,
          frame.minWidth,
          frame.paddingTop + GROUP_PADDING,
        ),
      },
      children: childrenOf(node),
    };
  };
  const childrenOf = (node: ModelNode): ElkNode[] => {
    const block = blocks.get(node.id);
    if (!block) return node.children.map(toElk);
    const rest = node.children.filter((c) => !block.replaces.has(c.id)).map(toElk);
    return [
      ...rest,
      {
        id: block.id,
        width: block.width,
        height: block.height,
        ports: blockPorts.get(block.id) ?? [],
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      },
    ];
  };

  const present = new Set<string>();
  const collect = (node: ModelNode) => {
    present.add(node.id);
    node.children.forEach(collect);
  };
  roots.forEach(collect);
  const blockOf = new Map<string, SealedBlock>();
  for (const block of blocks.values()) for (const id of block.holds.keys()) blockOf.set(id, block);
  const sides = BLOCK_SIDES[model.direction];
  const blockPorts = new Map<string, ElkPort[]>();
  const port = (block: SealedBlock, side: string, id: string, node: string): string => {
    blockPorts.set(block.id, [...(blockPorts.get(block.id) ?? []), blockPort(block, side, id, node)]);
    return id;
  };
  // An edge into a block ends at a port on the block; an edge within one is the block's own business.
  const ends = model.edges.flatMap((edge) => {
    if (!present.has(edge.from) || !present.has(edge.to)) return [];
    const fromBlock = blockOf.get(edge.from);
    const toBlock = blockOf.get(edge.to);
    if (fromBlock && fromBlock === toBlock) return [];
    const from = fromBlock ? port(fromBlock, sides.out, `${edge.id}:out`, edge.from) : edge.from;
    const to = toBlock ? port(toBlock, sides.in, `${edge.id}:in`, edge.to) : edge.to;
    return [{ edge, from, to }];
  });

  // Every edge's label is measured, also those ELK does not see: they are placed after routing.
  for (const edge of model.edges) {
    const content = edgeLabelContent(edge);
    if (content) labels.set(edge.id, content);
  }
  const edges: ElkExtendedEdge[] = ends.map(({ edge, from, to }) => {
    const content = labels.get(edge.id);
    return {
      id: edge.id,
      sources: [from],
      targets: [to],
      ...(content
        ? {
            labels: [
              {
                id: `${edge.id}:label`,
                text: edge.label?.trim() || edge.id,
                width: content.width,
                height: content.height,
              },
            ],
          }
        : {}),
    };
  });

  const graph: ElkNode = {
    id: '__root',
    layoutOptions: {
      ...options,
      // Model order on the root steers the whole INCLUDE_CHILDREN layout; set on compound nodes
      // too, it made elkjs 0.11 fail inside crossing minimisation on most of our specs.
      ...(keepModelOrder ? { 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' } : {}),
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
    },
    children: roots.map(toElk),
    edges,
  };
  return { graph, leaves, iconAnchored, groups, labels };
}
