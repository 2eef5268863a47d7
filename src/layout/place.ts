// ELK result -> Diagram: moves every node's parts to absolute coordinates, reads edge routes and
// label positions, and frames the graph with the title, the source credit and the steps legend.

import type { ElkEdgeSection, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Model, ModelNode } from '../spec/model.js';
import { type GroupFrame, groupFrame, type LocalBox, textBlock } from './boxes.js';
import type {
  Badge,
  Box,
  Diagram,
  DiagramEdge,
  DiagramNode,
  DiagramOverlay,
  Legend,
  Point,
  TextBlock,
} from './diagram.js';
import type { ElkInput } from './elk-graph.js';
import { boxesOverlap, roundPx } from './geometry.js';
import {
  BADGE_RADIUS,
  GROUP_LABEL_FONT,
  GROUP_LABEL_MAX_WIDTH,
  LEGEND_FONT,
  LEGEND_HEADING_FONT,
  LEGEND_TEXT_MAX_WIDTH,
  MARGIN,
  SOURCE_FONT,
  TITLE_FONT,
  TITLE_GAP,
} from './metrics.js';

function shift<T extends Box>(box: T, dx: number, dy: number): T {
  return { ...box, x: roundPx(box.x + dx), y: roundPx(box.y + dy) };
}

function indexElkNodes(root: ElkNode): Map<string, ElkNode> {
  const index = new Map<string, ElkNode>();
  const visit = (n: ElkNode) => {
    for (const child of n.children ?? []) {
      index.set(child.id, child);
      visit(child);
    }
  };
  visit(root);
  return index;
}

function elkBox(e: ElkNode, dx: number, dy: number): Box {
  return {
    x: roundPx((e.x ?? 0) + dx),
    y: roundPx((e.y ?? 0) + dy),
    width: roundPx(e.width ?? 0),
    height: roundPx(e.height ?? 0),
  };
}

/** ELK laid out only the icon (see elk-graph.ts); the node's box is placed around it, label below. */
function aroundIcon(leaf: LocalBox, e: ElkNode, dx: number, dy: number): Box {
  const icon = leaf.icon!;
  return {
    x: roundPx((e.x ?? 0) + dx - icon.x),
    y: roundPx((e.y ?? 0) + dy - icon.y),
    width: leaf.width,
    height: leaf.height,
  };
}

function placeNodes(
  model: Model,
  input: ElkInput,
  elk: Map<string, ElkNode>,
  dx: number,
  dy: number,
): DiagramNode[] {
  const nodes: DiagramNode[] = [];
  const visit = (node: ModelNode) => {
    const e = elk.get(node.id);
    if (!e) throw new Error(`bug: ELK lost node '${node.id}'`);
    const leaf = input.leaves.get(node.id);
    const box = leaf && input.iconAnchored.has(node.id) ? aroundIcon(leaf, e, dx, dy) : elkBox(e, dx, dy);
    // Centred header parts depend on the final width, so group frames are computed again here.
    const local: LocalBox | GroupFrame = leaf ?? groupFrame(node, box.width);
    nodes.push({
      id: node.id,
      kind: leaf ? 'node' : 'group',
      parent: node.parent,
      typeId: node.type.id,
      typeName: node.type.name,
      box,
      label: shift(local.label, box.x, box.y),
      note: local.note ? shift(local.note, box.x, box.y) : null,
      icon: local.icon ? shift(local.icon, box.x, box.y) : null,
      link: node.link,
      tooltip: node.tooltip,
    });
    if (!leaf) for (const child of node.children) visit(child);
  };
  for (const root of model.roots) visit(root);
  return nodes;
}

function sectionPoints(section: ElkEdgeSection, dx: number, dy: number): Point[] {
  const raw = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
  return raw.map((p): Point => [roundPx(p.x + dx), roundPx(p.y + dy)]);
}

function placeEdges(
  model: Model,
  input: ElkInput,
  elkEdges: ElkExtendedEdge[],
  dx: number,
  dy: number,
): DiagramEdge[] {
  const byId = new Map(elkEdges.map((e) => [e.id, e]));
  return model.edges.map((edge) => {
    const e = byId.get(edge.id);
    const section = e?.sections?.[0];
    if (!e || !section) throw new Error(`bug: ELK returned no route for edge '${edge.id}'`);
    const content = input.labels.get(edge.id);
    const elkLabel = e.labels?.[0];
    let labelBox: Box | null = null;
    let label: TextBlock | null = null;
    let badge: Badge | null = null;
    if (content && elkLabel) {
      labelBox = {
        x: roundPx((elkLabel.x ?? 0) + dx),
        y: roundPx((elkLabel.y ?? 0) + dy),
        width: content.width,
        height: content.height,
      };
      label = content.text ? shift(content.text, labelBox.x, labelBox.y) : null;
      if (content.hasBadge && edge.step !== undefined) {
        badge = {
          cx: roundPx(labelBox.x + 3 + BADGE_RADIUS),
          cy: roundPx(labelBox.y + labelBox.height / 2),
          r: BADGE_RADIUS,
          step: edge.step,
        };
      }
    }
    return {
      id: edge.id,
      from: edge.from,
      to: edge.to,
      points: sectionPoints(section, dx, dy),
      style: edge.style,
      step: edge.step,
      label,
      labelBox,
      badge,
    };
  });
}

const OVERLAY_PADDING = 8;
const OVERLAY_ICON = 24;

/** The plate's x: centred on the border, else flush left, else flush right; null if all would cover a node. */
function plateX(
  left: number,
  right: number,
  width: number,
  y: number,
  height: number,
  obstacles: Box[],
): number | null {
  const candidates = [(left + right) / 2 - width / 2, left, right - width];
  return candidates.find((x) => !obstacles.some((o) => boxesOverlap({ x, y, width, height }, o))) ?? null;
}

/**
 * An overlay is drawn after layout around members that sit in different branches of the tree (an
 * Auto Scaling group across AZs). Its header cannot have space reserved in the layout, so it is a
 * compact icon-and-label plate centred on the bottom border, with a background that keeps the
 * borders it crosses from running through the text.
 */
function placeOverlays(model: Model, nodes: DiagramNode[]): DiagramOverlay[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const obstacles = nodes.filter((n) => n.kind === 'node').map((n) => n.box);
  return model.overlays.map((overlay) => {
    const boxes = overlay.members.map((m) => byId.get(m)!.box);
    const left = Math.min(...boxes.map((b) => b.x)) - OVERLAY_PADDING;
    const right = Math.max(...boxes.map((b) => b.x + b.width)) + OVERLAY_PADDING;
    const top = Math.min(...boxes.map((b) => b.y)) - OVERLAY_PADDING;
    const label = textBlock(overlay.label, GROUP_LABEL_FONT, GROUP_LABEL_MAX_WIDTH, 0, 0, 'start');
    const iconWidth = overlay.type.icon ? OVERLAY_ICON + 4 : 0;
    const headerHeight = Math.max(OVERLAY_ICON, label.height) + 4;
    // The plate straddles the bottom border: keep its upper half clear of the members.
    const bottom =
      Math.max(...boxes.map((b) => b.y + b.height)) + Math.max(OVERLAY_PADDING, headerHeight / 2 + 4);
    const headerY = roundPx(bottom - headerHeight / 2);
    const box = {
      x: roundPx(left),
      y: roundPx(top),
      width: roundPx(right - left),
      height: roundPx(bottom - top),
    };
    // A full plate where it covers no node; else the icon alone; else only the border (the
    // overlay's name stays in its <title>).
    const plates = [
      { width: 6 + iconWidth + label.width + 6, withLabel: true },
      ...(overlay.type.icon ? [{ width: 6 + OVERLAY_ICON + 6, withLabel: false }] : []),
    ];
    const placed = (x: number, width: number, withLabel: boolean): DiagramOverlay['header'] => ({
      box: { x: roundPx(x), y: headerY, width: roundPx(width), height: roundPx(headerHeight) },
      label: withLabel
        ? {
            ...label,
            x: roundPx(x + 6 + iconWidth),
            y: roundPx(headerY + (headerHeight - label.height) / 2),
          }
        : null,
      icon: overlay.type.icon
        ? {
            x: roundPx(x + 6),
            y: roundPx(headerY + (headerHeight - OVERLAY_ICON) / 2),
            width: OVERLAY_ICON,
            height: OVERLAY_ICON,
            typeId: overlay.type.id,
            ref: overlay.type.icon,
          }
        : null,
    });
    let header: DiagramOverlay['header'] = null;
    for (const { width, withLabel } of plates) {
      const x = plateX(left, right, width, headerY, headerHeight, obstacles);
      if (x !== null) {
        header = placed(x, width, withLabel);
        break;
      }
    }
    return {
      id: overlay.id,
      typeId: overlay.type.id,
      name: overlay.label,
      box,
      header,
      members: overlay.members,
    };
  });
}

function placeLegend(model: Model, x: number, y: number): Legend | null {
  if (model.steps.length === 0) return null;
  const pad = 12;
  const heading = textBlock(
    model.legendTitle,
    LEGEND_HEADING_FONT,
    LEGEND_TEXT_MAX_WIDTH,
    x + pad,
    y + pad,
    'start',
  );
  let cursor = heading.y + heading.height + 6;
  let width = heading.width;
  const items = model.steps.map((step) => {
    const textX = x + pad + 2 * BADGE_RADIUS + 8;
    const text = textBlock(step.text, LEGEND_FONT, LEGEND_TEXT_MAX_WIDTH, textX, cursor, 'start');
    const rowHeight = Math.max(text.height, 2 * BADGE_RADIUS);
    text.y = cursor + (rowHeight - text.height) / 2;
    const badge: Badge = {
      cx: x + pad + BADGE_RADIUS,
      cy: roundPx(cursor + Math.min(rowHeight / 2, text.lineHeight / 2)),
      r: BADGE_RADIUS,
      step: step.number,
    };
    width = Math.max(width, 2 * BADGE_RADIUS + 8 + text.width);
    cursor += rowHeight + 6;
    return { badge, text };
  });
  return {
    box: { x, y, width: Math.ceil(width + 2 * pad), height: Math.ceil(cursor - y + pad - 6) },
    heading,
    items,
  };
}

export function placeDiagram(model: Model, input: ElkInput, result: ElkNode): Diagram {
  const title = textBlock(model.title, TITLE_FONT, 900, MARGIN, MARGIN, 'start');
  const source = model.source
    ? textBlock(model.source, SOURCE_FONT, 900, MARGIN, title.y + title.height + 2, 'start')
    : null;
  const headerBottom = (source ?? title).y + (source ?? title).height;
  const dx = MARGIN;
  const dy = Math.ceil(headerBottom + TITLE_GAP);
  const nodes = placeNodes(model, input, indexElkNodes(result), dx, dy);
  const edges = placeEdges(model, input, result.edges ?? [], dx, dy);
  const overlays = placeOverlays(model, nodes);
  const graphBottom = Math.max(
    dy + (result.height ?? 0),
    ...overlays.map((o) => (o.header ? o.header.box.y + o.header.box.height : o.box.y + o.box.height)),
  );
  const legend = placeLegend(model, MARGIN, Math.ceil(graphBottom + TITLE_GAP));
  const contentRight = Math.max(
    dx + (result.width ?? 0),
    title.x + title.width,
    source ? source.x + source.width : 0,
    legend ? legend.box.x + legend.box.width : 0,
  );
  const contentBottom = legend ? legend.box.y + legend.box.height : graphBottom;
  return {
    width: Math.ceil(contentRight + MARGIN),
    height: Math.ceil(contentBottom + MARGIN),
    title,
    source,
    description: model.description,
    nodes,
    edges,
    overlays,
    legend,
  };
}
