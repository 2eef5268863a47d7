// Model -> ELK graph: one compound node per group, edges at the root (ELK routes them across
// group boundaries in one pass with INCLUDE_CHILDREN), edge labels sized from measured text.

import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Model, ModelEdge, ModelNode } from '../spec/model.js';
import type { Direction } from '../spec/types.js';
import { type GroupFrame, groupFrame, type LocalBox, leafBox, textBlock } from './boxes.js';
import type { TextBlock } from './diagram.js';
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

export interface ElkGraphOptions {
  /** Ask ELK to keep the spec's order of nodes and edges where it can (authors control the layout). */
  keepModelOrder: boolean;
}

export function buildElkGraph(model: Model, { keepModelOrder }: ElkGraphOptions): ElkInput {
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
      children: node.children.map(toElk),
    };
  };

  const edges: ElkExtendedEdge[] = model.edges.map((edge) => {
    const content = edgeLabelContent(edge);
    if (content) labels.set(edge.id, content);
    return {
      id: edge.id,
      sources: [edge.from],
      targets: [edge.to],
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
    children: model.roots.map(toElk),
    edges,
  };
  return { graph, leaves, iconAnchored, groups, labels };
}
