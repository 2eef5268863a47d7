// Laid-out boxes -> Diagram: moves every node's parts to absolute coordinates, takes the edges'
// routes and labels from ELK or routes them with libavoid, and frames the graph with the title,
// the source credit and the steps legend.

import type { ElkEdgeSection, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type {
  Badge,
  Box,
  Diagram,
  DiagramEdge,
  DiagramNode,
  DiagramOverlay,
  DiffMark,
  EndLabel,
  Legend,
  MarkLegend,
  Point,
  TextBlock,
} from '../diagram/diagram.js';
import { boxesOverlap, roundPx } from '../diagram/geometry.js';
import type { Model, ModelEdge, ModelNode } from '../spec/model.js';
import { type GroupFrame, groupFrame, type LocalBox, nodeBox, textBlock } from './boxes.js';
import { placeEdgeLabels } from './edge-labels.js';
import type { EdgeLabelContent, ElkInput, LineEnd } from './elk-graph.js';
import { type EndLabelRequest, placeEndLabels } from './end-labels.js';
import { edgeFlow } from './flow.js';
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
import { type RoutedNode, routeEdges, type Side } from './route.js';

function shift<T extends Box>(box: T, dx: number, dy: number): T {
  return { ...box, x: roundPx(box.x + dx), y: roundPx(box.y + dy) };
}

function placeNodes(
  model: Model,
  input: ElkInput,
  boxes: ReadonlyMap<string, Box>,
  dx: number,
  dy: number,
): DiagramNode[] {
  const nodes: DiagramNode[] = [];
  const visit = (node: ModelNode) => {
    const at = boxes.get(node.id);
    if (!at) throw new Error(`bug: layout lost node '${node.id}'`);
    const box = shift(at, dx, dy);
    // Centred header parts depend on the final width, so group frames are computed again here.
    const local: LocalBox | GroupFrame = node.isGroup
      ? groupFrame(node, box.width)
      : (input.leaves.get(node.id) ?? nodeBox(node));
    nodes.push({
      id: node.id,
      kind: node.isGroup ? 'group' : 'node',
      parent: node.parent,
      typeId: node.type.id,
      typeName: node.type.name,
      box,
      label: shift(local.label, box.x, box.y),
      note: local.note ? shift(local.note, box.x, box.y) : null,
      icon: local.icon ? shift(local.icon, box.x, box.y) : null,
      border: node.border ?? null,
      link: node.link,
      tooltip: node.tooltip,
      ...markOf(model.marks?.nodes, node.id),
    });
    for (const child of node.children) visit(child);
  };
  for (const root of model.roots) visit(root);
  return nodes;
}

/** `{ mark }` for a marked node or edge of a diff's model, else nothing (so no key appears). */
function markOf(marks: ReadonlyMap<string, DiffMark> | undefined, id: string): { mark?: DiffMark } {
  const mark = marks?.get(id);
  return mark ? { mark } : {};
}

function sectionPoints(section: ElkEdgeSection, dx: number, dy: number): Point[] {
  const raw = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
  return raw.map((p): Point => [roundPx(p.x + dx), roundPx(p.y + dy)]);
}

/** An edge with its line and, if it has one, its label box (text and step badge inside). */
function diagramEdge(
  edge: ModelEdge,
  points: Point[],
  content: EdgeLabelContent | undefined,
  at: Box | null,
): DiagramEdge {
  let labelBox: Box | null = null;
  let label: TextBlock | null = null;
  let badge: Badge | null = null;
  if (content && at) {
    labelBox = { x: at.x, y: at.y, width: content.width, height: content.height };
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
    points,
    style: edge.style,
    step: edge.step,
    label,
    labelBox,
    badge,
    arrow: edge.arrow,
    color: edge.color ?? null,
    // Placed once every line and middle label is (withEndLabels).
    sourceLabel: null,
    targetLabel: null,
  };
}

/** Edges as ELK routed them, with ELK's label positions (diagrams without AZ grids). */
function elkEdges(
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
    const elkLabel = e.labels?.find((l) => l.id === `${edge.id}:label`);
    const at = elkLabel
      ? { x: roundPx((elkLabel.x ?? 0) + dx), y: roundPx((elkLabel.y ?? 0) + dy), width: 0, height: 0 }
      : null;
    return diagramEdge(edge, sectionPoints(section, dx, dy), input.labels.get(edge.id), at);
  });
}

/** The parts of a group's header that lines and labels keep clear of. */
function headerParts(node: DiagramNode): Box[] {
  return [node.label, node.icon, node.note].filter((b): b is NonNullable<typeof b> => b !== null);
}

/** Where lines attach to a node. The whole node (icon and text) is the shape lines keep clear of,
 *  with a pin in the middle of each side, level with the icon's centre; route.ts then carries each
 *  line on to the icon where that crosses no text (libavoid lets a line out of the shape it starts
 *  in, so the node's own text could not be a separate obstacle). */
function routedNode(node: DiagramNode): RoutedNode {
  const { box, icon } = node;
  const ix = icon ? icon.x + icon.width / 2 : box.x + box.width / 2;
  const iy = icon ? icon.y + icon.height / 2 : box.y + box.height / 2;
  const side = textSide(node);
  return {
    id: node.id,
    anchor: box,
    pins: {
      top: [ix, box.y],
      bottom: [ix, box.y + box.height],
      left: [box.x, iy],
      right: [box.x + box.width, iy],
    },
    icon,
    text: [node.label, ...(node.note ? [node.note] : [])],
    ...(side ? { textSide: side } : {}),
  };
}

/** The side of its icon a node's text sits on: beside it for a border node (right of it on a top
 *  or bottom border, above it on a left or right one), under it for any other. */
function textSide(node: DiagramNode): Side | null {
  if (node.border) return node.border === 'top' || node.border === 'bottom' ? 'right' : 'top';
  return node.icon ? 'bottom' : null;
}

/** Edges routed with libavoid over the placed nodes, labels placed beside their lines. */
async function routedEdges(model: Model, input: ElkInput, nodes: DiagramNode[]): Promise<DiagramEdge[]> {
  const leaves = nodes.filter((n) => n.kind === 'node');
  const groups = nodes.filter((n) => n.kind === 'group');
  const routes = await routeEdges({
    direction: model.direction,
    nodes: leaves.map(routedNode),
    groups: groups.map((g) => ({ id: g.id, box: g.box, header: headerParts(g) })),
    edges: model.edges.map((e) => ({ ...e, flow: edgeFlow(model, e.from, e.to) })),
  });
  const points = (id: string) => {
    const route = routes.get(id);
    if (!route) throw new Error(`bug: no route for edge '${id}'`);
    return route;
  };
  const labelBoxes = placeEdgeLabels(
    model.edges.flatMap((edge) => {
      const content = input.labels.get(edge.id);
      return content
        ? [{ id: edge.id, points: points(edge.id), width: content.width, height: content.height }]
        : [];
    }),
    {
      solid: [...leaves.map((n) => n.box), ...groups.flatMap(headerParts)],
      frames: groups.map((g) => g.box),
      lines: routes,
    },
  );
  return model.edges.map((edge) =>
    diagramEdge(edge, points(edge.id), input.labels.get(edge.id), labelBoxes.get(edge.id) ?? null),
  );
}

/** The same edges with their end labels placed beside the ends of their lines. */
function withEndLabels(input: ElkInput, nodes: DiagramNode[], edges: DiagramEdge[]): DiagramEdge[] {
  if (input.endLabels.size === 0) return edges;
  const groups = nodes.filter((n) => n.kind === 'group');
  const requests: EndLabelRequest[] = edges.flatMap((edge) =>
    [...(input.endLabels.get(edge.id) ?? [])].map(([end, content]) => ({
      key: `${edge.id}:${end}`,
      edgeId: edge.id,
      fromEnd: end === 'source' ? edge.points : [...edge.points].reverse(),
      width: content.width,
      height: content.height,
    })),
  );
  const boxes = placeEndLabels(
    requests,
    {
      solid: [...nodes.filter((n) => n.kind === 'node').map((n) => n.box), ...groups.flatMap(headerParts)],
      frames: groups.map((g) => g.box),
      lines: new Map(edges.map((e) => [e.id, e.points])),
    },
    edges.flatMap((e) => (e.labelBox ? [e.labelBox] : [])),
  );
  return edges.map((edge) => {
    const at = (end: LineEnd): EndLabel | null => {
      const content = input.endLabels.get(edge.id)?.get(end);
      const box = boxes.get(`${edge.id}:${end}`);
      return content && box ? { box, text: shift(content.text, box.x, box.y) } : null;
    };
    return { ...edge, sourceLabel: at('source'), targetLabel: at('target') };
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
      border: overlay.border ?? null,
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

const MARK_WORDS: Record<DiffMark['kind'], string> = {
  added: 'added',
  removed: 'removed (faded, dashed)',
  changed: 'changed (hover for what)',
};

/** The key to a diff's marks: a badge and its words for each kind of change. */
function placeMarkLegend(x: number, y: number): MarkLegend {
  const pad = 12;
  let cursor = y + pad;
  let width = 0;
  const items = (['added', 'removed', 'changed'] as const).map((kind) => {
    const text = textBlock(
      MARK_WORDS[kind],
      LEGEND_FONT,
      LEGEND_TEXT_MAX_WIDTH,
      x + pad + 2 * BADGE_RADIUS + 8,
      cursor,
      'start',
    );
    const rowHeight = Math.max(text.height, 2 * BADGE_RADIUS);
    text.y = cursor + (rowHeight - text.height) / 2;
    const item = {
      kind,
      cx: x + pad + BADGE_RADIUS,
      cy: roundPx(cursor + rowHeight / 2),
      r: BADGE_RADIUS,
      text,
    };
    width = Math.max(width, 2 * BADGE_RADIUS + 8 + text.width);
    cursor += rowHeight + 6;
    return item;
  });
  return { box: { x, y, width: Math.ceil(width + 2 * pad), height: Math.ceil(cursor - y + pad - 6) }, items };
}

/** Moves boxes, lines and labels by (dx, dy). */
function moveAll(nodes: DiagramNode[], edges: DiagramEdge[], dx: number, dy: number): void {
  const move = <T extends Box>(b: T): T => shift(b, dx, dy);
  nodes.forEach((n, i) => {
    nodes[i] = {
      ...n,
      box: move(n.box),
      label: move(n.label),
      note: n.note ? move(n.note) : null,
      icon: n.icon ? move(n.icon) : null,
    };
  });
  edges.forEach((e, i) => {
    edges[i] = {
      ...e,
      points: e.points.map(([x, y]): Point => [roundPx(x + dx), roundPx(y + dy)]),
      label: e.label ? move(e.label) : null,
      labelBox: e.labelBox ? move(e.labelBox) : null,
      sourceLabel: e.sourceLabel ? { box: move(e.sourceLabel.box), text: move(e.sourceLabel.text) } : null,
      targetLabel: e.targetLabel ? { box: move(e.targetLabel.box), text: move(e.targetLabel.text) } : null,
      badge: e.badge ? { ...e.badge, cx: roundPx(e.badge.cx + dx), cy: roundPx(e.badge.cy + dy) } : null,
    };
  });
}

/** The smallest box around every node, line and label. */
function extent(nodes: DiagramNode[], edges: DiagramEdge[]): Box {
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (b: Box) => {
    xs.push(b.x, b.x + b.width);
    ys.push(b.y, b.y + b.height);
  };
  for (const n of nodes) add(n.box);
  for (const e of edges) {
    for (const [x, y] of e.points) add({ x, y, width: 0, height: 0 });
    if (e.labelBox) add(e.labelBox);
    if (e.sourceLabel) add(e.sourceLabel.box);
    if (e.targetLabel) add(e.targetLabel.box);
  }
  if (xs.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export interface PlaceOptions {
  /** Route edges with libavoid and place their labels (else ELK's routes and labels are used). */
  route: boolean;
}

/** What layout worked out before placing: the main ELK run and every node's box in its coordinates
 *  (also those of blocks laid out on their own). */
export interface Laid {
  input: ElkInput;
  result: ElkNode;
  boxes: Map<string, Box>;
}

export async function placeDiagram(
  model: Model,
  { input, result, boxes }: Laid,
  { route }: PlaceOptions,
): Promise<Diagram> {
  const title =
    model.title === undefined ? null : textBlock(model.title, TITLE_FONT, 900, MARGIN, MARGIN, 'start');
  const sourceY = title ? title.y + title.height + 2 : MARGIN;
  const source = model.source ? textBlock(model.source, SOURCE_FONT, 900, MARGIN, sourceY, 'start') : null;
  const header = source ?? title;
  const dx = MARGIN;
  // Without a title block the graph starts at the margin.
  const dy = header ? Math.ceil(header.y + header.height + TITLE_GAP) : MARGIN;
  const nodes = placeNodes(model, input, boxes, dx, dy);
  const edges = withEndLabels(
    input,
    nodes,
    route ? await routedEdges(model, input, nodes) : elkEdges(model, input, result.edges ?? [], dx, dy),
  ).map((edge) => ({ ...edge, ...markOf(model.marks?.edges, edge.id) }));
  // Lines may run round the outermost boxes: keep them clear of the margin and the title.
  const drawn = extent(nodes, edges);
  if (drawn.x < dx || drawn.y < dy)
    moveAll(nodes, edges, Math.max(0, dx - drawn.x), Math.max(0, dy - drawn.y));
  const overlays = placeOverlays(model, nodes);
  const graph = extent(nodes, edges);
  const graphBottom = Math.max(
    dy + (result.height ?? 0),
    graph.y + graph.height,
    ...overlays.map((o) => (o.header ? o.header.box.y + o.header.box.height : o.box.y + o.box.height)),
  );
  const legend = placeLegend(model, MARGIN, Math.ceil(graphBottom + TITLE_GAP));
  const markLegend = model.marks
    ? placeMarkLegend(
        MARGIN,
        Math.ceil((legend ? legend.box.y + legend.box.height : graphBottom) + TITLE_GAP),
      )
    : undefined;
  const contentRight = Math.max(
    dx + (result.width ?? 0),
    graph.x + graph.width,
    ...overlays.map((o) => o.box.x + o.box.width),
    title ? title.x + title.width : 0,
    source ? source.x + source.width : 0,
    legend ? legend.box.x + legend.box.width : 0,
    markLegend ? markLegend.box.x + markLegend.box.width : 0,
  );
  const contentBottom = markLegend
    ? markLegend.box.y + markLegend.box.height
    : legend
      ? legend.box.y + legend.box.height
      : graphBottom;
  return {
    width: Math.ceil(contentRight + MARGIN),
    height: Math.ceil(contentBottom + MARGIN),
    name: model.name,
    title,
    source,
    description: model.description,
    nodes,
    edges,
    overlays,
    legend,
    ...(markLegend ? { markLegend } : {}),
  };
}
