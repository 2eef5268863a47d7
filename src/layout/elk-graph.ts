// Model -> ELK graph: one compound node per group, edges at the root (ELK routes them across
// group boundaries in one pass with INCLUDE_CHILDREN), edge labels sized from measured text.

import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api.js';
import type { Box, TextBlock } from '../diagram/diagram.js';
import { isInside, type Model, type ModelEdge, type ModelNode } from '../spec/model.js';
import type { BorderSide, Direction } from '../spec/types.js';
import { borderBox, type GroupFrame, groupFrame, type LocalBox, leafBox, textBlock } from './boxes.js';
import { LARGE_GRAPH, levelOptions, type NodePlacement } from './elk-options.js';
import {
  BADGE_RADIUS,
  EDGE_LABEL_FONT,
  EDGE_LABEL_MAX_WIDTH,
  EDGE_LABEL_PADDING,
  END_LABEL_FONT,
  END_LABEL_MAX_WIDTH,
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

/** The size of a group with nothing in it yet: at least this wide, and this much below its header. */
const EMPTY_GROUP_WIDTH = 160;
const EMPTY_GROUP_BODY = ICON_SIZE + 2 * GROUP_PADDING;

/** A label at one end of a line: its size with padding, and its text relative to that box. */
export interface EndLabelContent {
  width: number;
  height: number;
  text: TextBlock;
}

export type LineEnd = 'source' | 'target';

function endLabelContent(text: string): EndLabelContent {
  const block = textBlock(
    text,
    END_LABEL_FONT,
    END_LABEL_MAX_WIDTH,
    EDGE_LABEL_PADDING,
    EDGE_LABEL_PADDING,
    'start',
  );
  return {
    width: Math.ceil(2 * EDGE_LABEL_PADDING + block.width),
    height: Math.ceil(2 * EDGE_LABEL_PADDING + block.height),
    text: block,
  };
}

/** The end labels of an edge, measured; empty when it has none. */
export function endLabelContents(edge: ModelEdge): Map<LineEnd, EndLabelContent> {
  const out = new Map<LineEnd, EndLabelContent>();
  if (edge.sourceLabel) out.set('source', endLabelContent(edge.sourceLabel));
  if (edge.targetLabel) out.set('target', endLabelContent(edge.targetLabel));
  return out;
}

/** ELK's name for where an end label goes. */
const ELK_END: Record<LineEnd, string> = { source: 'TAIL', target: 'HEAD' };

export interface ElkInput {
  graph: ElkNode;
  leaves: Map<string, LocalBox>;
  /** Leaves whose ELK node is just the icon, with the text as an outside label. */
  iconAnchored: Set<string>;
  groups: Map<string, GroupFrame>;
  labels: Map<string, EdgeLabelContent>;
  /** Labels at the ends of lines, by edge id. */
  endLabels: Map<string, Map<LineEnd, EndLabelContent>>;
  /** Nodes on a group's border, laid out as ports of the group: where the icon's centre is in
   *  the node's box (ELK gives the port's centre). */
  borders: Map<string, { x: number; y: number }>;
}

/** Part of the diagram laid out before ELK runs (the AZs of an AZ grid, a group with its own
 *  direction): ELK sees it as one box of this size, in place of `replaces`, and every edge that
 *  reaches inside it ends at that box. */
export interface SealedBlock {
  id: string;
  /** The group whose children the block is among; null for the top level of the run. */
  holder: string | null;
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
  /** The direction of this run (default: the diagram's). */
  direction?: Direction;
  /** Blocks laid out beforehand. */
  blocks?: readonly SealedBlock[];
  /** How ELK places nodes in their layers (default: by the graph's size). */
  nodePlacement?: NodePlacement;
}

const PORT_SIDE: Record<BorderSide, string> = { top: 'NORTH', bottom: 'SOUTH', left: 'WEST', right: 'EAST' };

/** Space between the inner half of a border node's icon and what the group holds. */
const BORDER_INNER_GAP = 16;

/** A border node as a port of its group, as large as the node with the icon at its centre, half
 *  outside the group, so ELK keeps room for it on both sides of the border. */
function borderPort(
  node: ModelNode,
  side: BorderSide,
  local: { width: number; height: number; centre: { x: number; y: number } },
): ElkPort {
  const width = 2 * Math.max(local.centre.x, local.width - local.centre.x);
  const height = 2 * Math.max(local.centre.y, local.height - local.centre.y);
  const depth = side === 'top' || side === 'bottom' ? height : width;
  return {
    id: node.id,
    width,
    height,
    layoutOptions: { 'elk.port.side': PORT_SIDE[side], 'elk.port.borderOffset': String(-depth / 2) },
  };
}

export function buildElkGraph(
  model: Model,
  {
    keepModelOrder,
    roots = model.roots,
    blocks = [],
    direction = model.direction,
    nodePlacement,
  }: ElkGraphOptions,
): ElkInput {
  const options = levelOptions(direction, model.nodes.size > LARGE_GRAPH, nodePlacement);
  const leaves = new Map<string, LocalBox>();
  const groups = new Map<string, GroupFrame>();
  const labels = new Map<string, EdgeLabelContent>();
  const endLabels = new Map<string, Map<LineEnd, EndLabelContent>>();
  const borders = new Map<string, { x: number; y: number }>();

  // A line between a node on a group's border and a node inside that group, unless it runs with
  // the flow (in from a border node on the side the flow enters, out to one on the side it
  // leaves): elkjs 0.11 sizes the group after it has packed the level around it (so the group
  // overlaps its neighbours), or loses the hierarchical port. Left out of ELK's graph, such a line
  // is routed with the others after layout (libavoid routes every diagram with border nodes); a
  // large diagram keeps ELK's routes, so ELK keeps the line.
  const FLOW_SIDES: Record<Direction, { in: BorderSide; out: BorderSide }> = {
    down: { in: 'top', out: 'bottom' },
    up: { in: 'bottom', out: 'top' },
    right: { in: 'left', out: 'right' },
    left: { in: 'right', out: 'left' },
  };
  /** Whether a line between border node `border` and `other` is one ELK cannot lay out. */
  const againstOwnBorder = (border: string, other: string, borderIsSource: boolean) => {
    const node = model.nodes.get(border);
    if (node?.border === undefined || node.parent === null || !isInside(model, other, node.parent))
      return false;
    const sides = FLOW_SIDES[direction];
    return !(borderIsSource ? node.border === sides.in : node.border === sides.out);
  };
  const intoOwnBorder = (a: string, b: string) =>
    againstOwnBorder(a, b, true) || againstOwnBorder(b, a, false);
  /** Room each side of a group keeps for the labels of lines between its border nodes there and
   *  what it holds, which ELK does not see: the label's extent along the line, and two gaps each
   *  side of it. Keyed by group id and side; found in one pass over the lines. */
  const inwardLabelRoom = new Map<string, number>();
  for (const edge of model.edges) {
    const content = edgeLabelContent(edge);
    if (!content || !intoOwnBorder(edge.from, edge.to)) continue;
    for (const end of [edge.from, edge.to]) {
      const border = model.nodes.get(end);
      if (border?.border === undefined || border.parent === null) continue;
      const key = `${border.parent}:${border.border}`;
      const along = border.border === 'top' || border.border === 'bottom' ? content.height : content.width;
      inwardLabelRoom.set(key, Math.max(inwardLabelRoom.get(key) ?? 0, along + 4 * BORDER_INNER_GAP));
    }
  }
  const anchorOnIcons = iconAnchoredEdges(direction);
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
          layoutOptions: {
            'elk.alignment': 'TOP',
            // Lines meet the icon, not the label beside it: ports gather at the middle of a side.
            'elk.portAlignment.default': 'CENTER',
            'elk.spacing.portPort': '8',
          },
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
    if (node.children.length === 0) {
      // A placeholder: the header over a body about one node high, so it reads as a box to fill.
      return {
        id: node.id,
        width: Math.max(frame.minWidth, EMPTY_GROUP_WIDTH),
        height: frame.paddingTop + EMPTY_GROUP_BODY,
        layoutOptions: { 'elk.alignment': 'TOP' },
      };
    }
    const ports = node.children.flatMap((child) => {
      if (!child.border) return [];
      const local = borderBox(child, child.border);
      leaves.set(child.id, local);
      borders.set(child.id, local.centre);
      return [borderPort(child, child.border, local)];
    });
    /** How long a side must be for the border nodes on it, side by side. */
    const along = (side: BorderSide) =>
      ports
        .filter((p) => node.children.find((c) => c.id === p.id)!.border === side)
        .reduce(
          (sum, p) => sum + (side === 'top' || side === 'bottom' ? p.width! : p.height!) + BORDER_INNER_GAP,
          0,
        );
    /** The same, for sides with two or more (one sits anywhere on its side, see groupFrame). */
    const alongMany = (side: BorderSide) =>
      node.children.filter((c) => c.border === side).length >= 2 ? along(side) : 0;
    if (ports.length === node.children.length) {
      // Only border nodes: a placeholder's box, long enough on each side for the ports on it
      // (ELK sizes such a group for its ports wrongly in top-down flows).
      return {
        id: node.id,
        width: Math.max(frame.minWidth, EMPTY_GROUP_WIDTH, along('top'), along('bottom')),
        height: Math.max(
          frame.paddingTop + EMPTY_GROUP_BODY,
          frame.paddingTop + Math.max(along('left'), along('right')),
        ),
        ports,
        layoutOptions: { 'elk.alignment': 'TOP', 'elk.portConstraints': 'FIXED_SIDE' },
      };
    }
    // ELK keeps children clear of the padding, not of ports: a side with a node on it keeps them
    // clear of its icon's inner half too.
    const pad = (side: BorderSide) =>
      node.children.some((c) => c.border === side)
        ? Math.max(
            side === 'top' ? frame.paddingTop : GROUP_PADDING,
            ICON_SIZE / 2 + Math.max(BORDER_INNER_GAP, inwardLabelRoom.get(`${node.id}:${side}`) ?? 0),
          )
        : side === 'top'
          ? frame.paddingTop
          : GROUP_PADDING;
    return {
      id: node.id,
      ...(ports.length > 0 ? { ports } : {}),
      layoutOptions: {
        ...(ports.length > 0 ? { 'elk.portConstraints': 'FIXED_SIDE' } : {}),
        ...options,
        'elk.padding': `[top=${pad('top')},left=${pad('left')},bottom=${pad('bottom')},right=${pad('right')}]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        // Long enough on each side for its border nodes side by side: ELK places ports along a
        // side without growing the group for them.
        'elk.nodeSize.minimum': minimumSize(
          direction,
          Math.max(frame.minWidth, alongMany('top'), alongMany('bottom')),
          Math.max(frame.paddingTop + GROUP_PADDING, alongMany('left'), alongMany('right')),
        ),
        // A group its header makes wider than its content holds the content in its middle.
        'elk.contentAlignment': 'H_CENTER V_TOP',
      },
      children: childrenOf(node),
    };
  };
  const blocksIn = (holder: string | null) => blocks.filter((b) => b.holder === holder);
  /** A level's nodes for ELK: those no block stands for, then the blocks. Border nodes are ports. */
  const level = (holder: string | null, children: ModelNode[]): ElkNode[] => {
    const sealed = blocksIn(holder);
    const rest = children.filter((c) => !c.border && !sealed.some((b) => b.replaces.has(c.id)));
    return [
      ...rest.map(toElk),
      ...sealed.map((block) => ({
        id: block.id,
        width: block.width,
        height: block.height,
        ports: blockPorts.get(block.id) ?? [],
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      })),
    ];
  };
  const childrenOf = (node: ModelNode): ElkNode[] => level(node.id, node.children);

  const present = new Set<string>();
  const collect = (node: ModelNode) => {
    present.add(node.id);
    node.children.forEach(collect);
  };
  roots.forEach(collect);
  const blockOf = new Map<string, SealedBlock>();
  for (const block of blocks) for (const id of block.holds.keys()) blockOf.set(id, block);
  const sides = BLOCK_SIDES[direction];
  const blockPorts = new Map<string, ElkPort[]>();
  const port = (block: SealedBlock, side: string, id: string, node: string): string => {
    blockPorts.set(block.id, [...(blockPorts.get(block.id) ?? []), blockPort(block, side, id, node)]);
    return id;
  };
  const large = model.nodes.size > LARGE_GRAPH;
  // An edge into a block ends at a port on the block; an edge within one is the block's own business.
  const ends = model.edges.flatMap((edge) => {
    if (!present.has(edge.from) || !present.has(edge.to)) return [];
    if (!large && intoOwnBorder(edge.from, edge.to)) return [];
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
    const atEnds = endLabelContents(edge);
    if (atEnds.size > 0) endLabels.set(edge.id, atEnds);
  }
  const edges: ElkExtendedEdge[] = ends.map(({ edge, from, to }) => {
    const content = labels.get(edge.id);
    // End labels are placed after routing, as all labels of routed lines are; given to ELK at
    // their ends, they make it keep room for them there.
    const elkLabels = [
      ...(content
        ? [
            {
              id: `${edge.id}:label`,
              text: edge.label?.trim() || edge.id,
              width: content.width,
              height: content.height,
            },
          ]
        : []),
      ...[...(endLabels.get(edge.id) ?? [])].map(([end, c]) => ({
        id: `${edge.id}:${end}`,
        text: c.text.lines.join(' '),
        width: c.width,
        height: c.height,
        layoutOptions: { 'elk.edgeLabels.placement': ELK_END[end] },
      })),
    ];
    return {
      id: edge.id,
      sources: [from],
      targets: [to],
      ...(elkLabels.length > 0 ? { labels: elkLabels } : {}),
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
    children: level(null, roots),
    edges,
  };
  return { graph, leaves, iconAnchored, groups, labels, endLabels, borders };
}
