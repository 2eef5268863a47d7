// The editable export (`--format drawio`): the laid-out diagram as an uncompressed draw.io file
// (mxGraph XML) that diagrams.net opens as it is. Every AWS node is draw.io's own AWS shape (see
// catalog/drawio-shapes.generated.ts), groups are containers whose children sit relative to them
// (moving the VPC in draw.io moves what it holds), and lines keep refarch's routes: their bends as
// waypoints, their ends pinned where refarch ended them. Labels are plain text (no `html=1`), so a
// label is never read as markup. Deterministic: the same diagram gives the same bytes.

import { DRAWIO_SHAPES } from '../catalog/drawio-shapes.generated.js';
import { groupStyleFor } from '../catalog/group-styles.js';
import type { Box, Diagram, DiagramEdge, DiagramNode, Point, TextBlock } from '../diagram/diagram.js';
import { pointAlongLine, roundPx } from '../diagram/geometry.js';
import { NOT_XML_GLOBAL } from '../xml-chars.js';
import { LIGHT } from './theme.js';

/** An attribute value: escaped, line breaks kept as character references (draw.io reads them). */
function attr(value: string | number): string {
  return String(value)
    .replace(NOT_XML_GLOBAL, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r\n?|\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** A draw.io style string from key/value pairs, in the order given; an empty value names a base
 *  style (`text`, `ellipse`). Values here are ours (names, numbers, colours), never user text, so
 *  they need no escaping beyond the attribute's. */
function style(pairs: Record<string, string | number>): string {
  return `${Object.entries(pairs)
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join(';')};`;
}

/** The icons draw.io's AWS library draws group headers with, by refarch group type. */
const GROUP_ICONS: Readonly<Record<string, string>> = {
  'group.aws-cloud': 'group_aws_cloud_alt',
  'group.region': 'group_region',
  'group.vpc': 'group_vpc',
  'group.public-subnet': 'group_security_group',
  'group.private-subnet': 'group_security_group',
  'group.auto-scaling-group': 'group_auto_scaling_group',
  'group.corporate-data-center': 'group_corporate_data_center',
  'group.ec2-instance-contents': 'group_ec2_instance_contents',
  'group.spot-fleet': 'group_spot_fleet',
  'group.server-contents': 'group_on_premise',
};

/** Every draw.io stencil name this writer can emit for groups (for the test against draw.io). */
export const DRAWIO_GROUP_ICONS: readonly string[] = [...new Set(Object.values(GROUP_ICONS))];

const TEXT = LIGHT.text;

function groupStyle(typeId: string, dash: 'solid' | 'dashed' | 'dotted', filled: boolean): string {
  const look = groupStyleFor(typeId);
  const icon = GROUP_ICONS[typeId];
  const centred = look.header === 'center-icon' || look.header === 'center-label';
  const shape: Record<string, string | number> = icon
    ? {
        shape: centred ? 'mxgraph.aws4.groupCenter' : 'mxgraph.aws4.group',
        grIcon: `mxgraph.aws4.${icon}`,
        // Without it draw.io's AWS group draws only the header icon, no border.
        grStroke: 1,
      }
    : { rounded: 0 };
  return style({
    ...shape,
    container: 1,
    collapsible: 0,
    recursiveResize: 0,
    pointerEvents: 0,
    strokeColor: look.stroke,
    strokeWidth: 1.5,
    fillColor: filled && look.fill ? look.fill : 'none',
    fontColor: look.labelColor,
    fontSize: 13,
    fontStyle: 1,
    dashed: dash === 'solid' ? 0 : 1,
    ...(dash === 'dotted' ? { dashPattern: '1 4' } : {}),
    verticalAlign: 'top',
    align: centred ? 'center' : 'left',
    ...(centred ? { spacingTop: icon ? 25 : 4 } : { spacingLeft: icon ? 36 : 8, spacingTop: 6 }),
  });
}

/** An overlay: a border around members elsewhere in the tree, its name on a plate across the
 *  bottom border as refarch draws it; not a container (its members belong to their own groups). */
function overlayStyle(typeId: string, border: 'solid' | 'dashed' | null): string {
  const look = groupStyleFor(typeId);
  const dash = border ?? look.dash;
  return style({
    rounded: 0,
    fillColor: 'none',
    pointerEvents: 0,
    strokeColor: look.stroke,
    strokeWidth: 1.5,
    dashed: dash === 'solid' ? 0 : 1,
    ...(dash === 'dotted' ? { dashPattern: '1 4' } : {}),
    fontColor: look.labelColor,
    fontSize: 13,
    fontStyle: 1,
    verticalAlign: 'bottom',
    align: 'center',
    spacingBottom: -9,
    labelBackgroundColor: LIGHT.background,
    labelBorderColor: look.stroke,
  });
}

/** A node's shape, or null when draw.io's AWS library has none for its type. */
function nodeShape(node: DiagramNode): string | null {
  const shape = DRAWIO_SHAPES[node.typeId];
  if (!shape) return null;
  const label: Record<string, string | number> =
    node.border === 'top' || node.border === 'bottom'
      ? { labelPosition: 'right', verticalLabelPosition: 'middle', align: 'left', verticalAlign: 'middle' }
      : node.border
        ? { labelPosition: 'center', verticalLabelPosition: 'top', align: 'center', verticalAlign: 'bottom' }
        : { labelPosition: 'center', verticalLabelPosition: 'bottom', align: 'center', verticalAlign: 'top' };
  const look: Record<string, string> =
    shape.kind === 'icon'
      ? {
          shape: 'mxgraph.aws4.resourceIcon',
          resIcon: `mxgraph.aws4.${shape.name}`,
          fillColor: shape.color,
          strokeColor: '#FFFFFF',
        }
      : { shape: `mxgraph.aws4.${shape.name}`, fillColor: shape.color, strokeColor: 'none' };
  return style({
    ...look,
    outlineConnect: 0,
    aspect: 'fixed',
    ...label,
    fontColor: TEXT,
    fontSize: 13,
  });
}

const FALLBACK_NODE = style({
  rounded: 1,
  arcSize: 12,
  fillColor: '#F2F3F3',
  strokeColor: '#7D8998',
  labelPosition: 'center',
  verticalLabelPosition: 'bottom',
  align: 'center',
  verticalAlign: 'top',
  fontColor: TEXT,
  fontSize: 13,
});

/** The types of a diagram's nodes that draw.io's AWS library has no shape for: drawn as plain
 *  rounded boxes, which the command line lists as a warning. */
export function drawioFallbackTypes(diagram: Diagram): string[] {
  const types = diagram.nodes
    .filter((n) => n.kind === 'node' && !DRAWIO_SHAPES[n.typeId])
    .map((n) => n.typeId);
  return [...new Set(types)].sort();
}

const text = (block: TextBlock) => block.lines.join('\n');

/** The cell id of a node or group: spec ids are unique among nodes, edges get another prefix. */
const nodeCell = (id: string) => `n:${id}`;
const edgeCell = (id: string) => `e:${id}`;

class CellWriter {
  readonly lines: string[] = [];
  private readonly boxes = new Map<string, Box>();

  constructor(diagram: Diagram) {
    for (const n of diagram.nodes) this.boxes.set(n.id, n.kind === 'node' && n.icon ? n.icon : n.box);
  }

  /** The box of the node's cell: the icon for a node (its label hangs under it), the frame for a group. */
  cellBox(id: string): Box {
    const box = this.boxes.get(id);
    if (!box) throw new Error(`bug: no cell for node '${id}'`);
    return box;
  }

  private geometry(box: Box, parent: string | null): string {
    const origin = parent ? this.cellBox(parent) : { x: 0, y: 0 };
    return `<mxGeometry x="${roundPx(box.x - origin.x)}" y="${roundPx(box.y - origin.y)}" width="${roundPx(box.width)}" height="${roundPx(box.height)}" as="geometry"/>`;
  }

  vertex(
    id: string,
    value: string,
    cellStyle: string,
    box: Box,
    parent: string | null,
    extra: { link?: string | undefined; tooltip?: string | undefined } = {},
  ): void {
    const parentCell = parent ? nodeCell(parent) : '1';
    const geometry = this.geometry(box, parent);
    if (extra.link || extra.tooltip) {
      // draw.io keeps links and tooltips on a UserObject around the cell.
      const props = [
        `label="${attr(value)}"`,
        ...(extra.tooltip ? [`tooltip="${attr(extra.tooltip)}"`] : []),
        ...(extra.link ? [`link="${attr(extra.link)}"`] : []),
      ];
      this.lines.push(
        `<UserObject ${props.join(' ')} id="${attr(id)}"><mxCell style="${attr(cellStyle)}" vertex="1" parent="${attr(parentCell)}">${geometry}</mxCell></UserObject>`,
      );
      return;
    }
    this.lines.push(
      `<mxCell id="${attr(id)}" value="${attr(value)}" style="${attr(cellStyle)}" vertex="1" parent="${attr(parentCell)}">${geometry}</mxCell>`,
    );
  }

  textCell(id: string, block: TextBlock, color: string): void {
    const cellStyle = style({
      text: '',
      align: block.align === 'middle' ? 'center' : 'left',
      verticalAlign: 'top',
      spacing: 0,
      fontSize: block.font.size,
      fontStyle: block.font.weight === 'semibold' ? 1 : 0,
      fontColor: color,
    });
    this.vertex(id, text(block), cellStyle, block, null);
  }

  node(node: DiagramNode): void {
    const value = [text(node.label), ...(node.note ? [text(node.note)] : [])].join('\n');
    const extra = { link: node.link, tooltip: node.tooltip };
    if (node.kind === 'group') {
      this.vertex(
        nodeCell(node.id),
        value,
        groupStyle(node.typeId, groupStyleFor(node.typeId).dash, true),
        node.box,
        node.parent,
        extra,
      );
      return;
    }
    this.vertex(
      nodeCell(node.id),
      value,
      nodeShape(node) ?? FALLBACK_NODE,
      this.cellBox(node.id),
      node.parent,
      extra,
    );
  }

  /** Where a line leaves or meets a cell, as a fraction of its box (draw.io's exit/entry). */
  private constraint(id: string, [x, y]: Point): { x: number; y: number } {
    const box = this.cellBox(id);
    const fraction = (v: number, size: number) => (size > 0 ? Math.round((v / size) * 10000) / 10000 : 0.5);
    return { x: fraction(x - box.x, box.width), y: fraction(y - box.y, box.height) };
  }

  edge(edge: DiagramEdge): void {
    const first = edge.points[0]!;
    const last = edge.points.at(-1)!;
    const exit = this.constraint(edge.from, first);
    const entry = this.constraint(edge.to, last);
    const head = { block: 'block', fill: 1 };
    const colour = edge.color ? LIGHT.edgeColors[edge.color] : LIGHT.edge;
    const cellStyle = style({
      edgeStyle: 'none',
      rounded: 0,
      strokeColor: colour,
      strokeWidth: 1.5,
      endArrow: edge.arrow === 'end' || edge.arrow === 'both' ? head.block : 'none',
      endFill: head.fill,
      startArrow: edge.arrow === 'start' || edge.arrow === 'both' ? head.block : 'none',
      startFill: head.fill,
      dashed: edge.style === 'async' ? 1 : 0,
      exitX: exit.x,
      exitY: exit.y,
      exitPerimeter: 0,
      entryX: entry.x,
      entryY: entry.y,
      entryPerimeter: 0,
      fontSize: 12,
      fontColor: TEXT,
      labelBackgroundColor: LIGHT.labelBackground,
    });
    const bends = edge.points.slice(1, -1);
    const offset = edge.label ? labelOffset(edge.points, centre(edge.label)) : null;
    const id = edgeCell(edge.id);
    this.lines.push(
      `<mxCell id="${attr(id)}" value="${attr(edge.label ? text(edge.label) : '')}" style="${attr(cellStyle)}" edge="1" parent="1" source="${attr(nodeCell(edge.from))}" target="${attr(nodeCell(edge.to))}">` +
        `<mxGeometry relative="1" as="geometry">${
          bends.length > 0
            ? `<Array as="points">${bends.map(([x, y]) => `<mxPoint x="${x}" y="${y}"/>`).join('')}</Array>`
            : ''
        }${offset ? `<mxPoint x="${offset[0]}" y="${offset[1]}" as="offset"/>` : ''}</mxGeometry></mxCell>`,
    );
    for (const [end, label, x] of [
      ['source', edge.sourceLabel, -1],
      ['target', edge.targetLabel, 1],
    ] as const) {
      if (!label) continue;
      const at = end === 'source' ? first : last;
      const c = centre(label.text);
      const labelStyle = style({
        edgeLabel: '',
        resizable: 0,
        fontSize: label.text.font.size,
        fontColor: TEXT,
        labelBackgroundColor: LIGHT.labelBackground,
      });
      this.lines.push(
        `<mxCell id="${attr(`${id}:${end}`)}" value="${attr(text(label.text))}" style="${attr(labelStyle)}" vertex="1" connectable="0" parent="${attr(id)}">` +
          `<mxGeometry x="${x}" relative="1" as="geometry"><mxPoint x="${roundPx(c[0] - at[0])}" y="${roundPx(c[1] - at[1])}" as="offset"/></mxGeometry></mxCell>`,
      );
    }
    if (edge.badge) this.badge(`${id}:step`, edge.badge);
  }

  badge(id: string, badge: { cx: number; cy: number; r: number; step: number }): void {
    const cellStyle = style({
      ellipse: '',
      fillColor: LIGHT.badge,
      strokeColor: 'none',
      fontColor: LIGHT.badgeText,
      fontSize: 11,
      fontStyle: 1,
      resizable: 0,
    });
    const d = 2 * badge.r;
    this.vertex(
      id,
      String(badge.step),
      cellStyle,
      { x: badge.cx - badge.r, y: badge.cy - badge.r, width: d, height: d },
      null,
    );
  }
}

function centre(box: Box): Point {
  return [box.x + box.width / 2, box.y + box.height / 2];
}

/** draw.io puts an edge's label at the middle of its length; the offset moves it to refarch's place. */
function labelOffset(points: Point[], at: Point): Point {
  const [x, y] = pointAlongLine(points, 0.5);
  return [roundPx(at[0] - x), roundPx(at[1] - y)];
}

export function renderDrawio(diagram: Diagram): string {
  const cells = new CellWriter(diagram);
  if (diagram.title) cells.textCell('title', diagram.title, TEXT);
  if (diagram.source) cells.textCell('source', diagram.source, LIGHT.mutedText);
  // Paint order: every group before what it holds, overlays over the groups, lines, then nodes.
  for (const n of diagram.nodes) if (n.kind === 'group') cells.node(n);
  for (const o of diagram.overlays)
    cells.vertex(`o:${o.id}`, o.name, overlayStyle(o.typeId, o.border), o.box, null);
  for (const e of diagram.edges) cells.edge(e);
  for (const n of diagram.nodes) if (n.kind === 'node') cells.node(n);
  if (diagram.legend) {
    const legend = diagram.legend;
    cells.vertex(
      'legend',
      '',
      style({
        rounded: 1,
        arcSize: 4,
        fillColor: LIGHT.legendBackground,
        strokeColor: LIGHT.legendBorder,
        pointerEvents: 0,
      }),
      legend.box,
      null,
    );
    cells.textCell('legend:heading', legend.heading, TEXT);
    for (const item of legend.items) {
      cells.badge(`legend:${item.badge.step}:badge`, item.badge);
      cells.textCell(`legend:${item.badge.step}`, item.text, TEXT);
    }
  }
  return [
    '<mxfile host="refarch" type="device">',
    `<diagram id="refarch" name="${attr(diagram.name)}">`,
    `<mxGraphModel dx="0" dy="0" grid="0" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" pageWidth="${diagram.width}" pageHeight="${diagram.height}" math="0" shadow="0">`,
    '<root>',
    '<mxCell id="0"/>',
    '<mxCell id="1" parent="0"/>',
    ...cells.lines,
    '</root>',
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}
