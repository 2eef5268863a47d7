// The rendering stage: Diagram -> SVG markup, built with svg.js on a jsdom XML document.
// Every coordinate comes from the layout (svg.js measuring is unavailable under jsdom, and the
// layout already knows every size); every user string goes in as a text node or attribute value,
// so the DOM serializer escapes it.

import type { Container, Svg } from '@svgdotjs/svg.js';
import { groupStyleFor } from '../catalog/group-styles.js';
import type {
  ArrowEnds,
  Badge,
  Box,
  Diagram,
  DiagramEdge,
  DiagramNode,
  DiagramOverlay,
  DiffMark,
  EdgeColor,
  EndLabel,
  Legend,
  MarkLegend,
  TextBlock,
} from '../diagram/diagram.js';
import { pointAlongLine, roundPx } from '../diagram/geometry.js';
import { headerCrossings } from '../diagram/header-crossings.js';
import { NOT_XML_GLOBAL } from '../xml-chars.js';
import { serializeSvg, svgCanvas } from './canvas.js';
import { diagramFontCss } from './diagram-font.js';
import { FONT_FAMILY } from './font-embed.js';
import { iconSymbol, symbolId } from './icons.js';
import { placeLines } from './text.js';
import {
  basePalette,
  darkModeCss,
  edgeColorClass,
  type GroupColors,
  groupClass,
  groupKey,
  type Palette,
  type ThemeName,
} from './theme.js';

export interface RenderOptions {
  theme: ThemeName;
  /** Embed the used glyphs of the font as a WOFF2 subset (default true). */
  embedFont?: boolean;
  /** The @font-face CSS, when the caller has already made it (e.g. on another thread). */
  fontCss?: string;
}

const DASH = { solid: null, dashed: '6 4', dotted: '1.5 3.5' } as const;

/**
 * Text as XML can hold it. Validation already refuses characters XML cannot carry; this keeps a
 * library caller's hand-built Diagram from producing an ill-formed file all the same. CR becomes LF
 * because the serializer writes it raw and parsers would read it back as LF anyway.
 */
function xmlText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_XML_GLOBAL, '\uFFFD');
}

/** svg.js writes links as xlink:href; SVG 2 `href` needs no namespace and every viewer reads it. */
function plainHref<T extends Container>(element: T, href: string): T {
  element.node.removeAttributeNS('http://www.w3.org/1999/xlink', 'href');
  element.node.setAttribute('href', href);
  return element;
}

class SvgWriter {
  constructor(
    private readonly palette: Palette,
    private readonly theme: ThemeName,
  ) {}

  text(parent: Container, block: TextBlock, color: string, cls: string): void {
    const text = parent.element('text');
    text.attr({
      class: cls,
      'font-size': block.font.size,
      'font-weight': block.font.weight === 'semibold' ? 600 : 400,
      fill: color,
      'text-anchor': block.align === 'middle' ? 'middle' : 'start',
    });
    for (const line of placeLines(block))
      text.element('tspan').attr({ x: line.x, y: line.y }).words(xmlText(line.text));
  }

  useIcon(
    parent: Container,
    icon: { typeId: string; x: number; y: number; width: number; height: number },
  ): void {
    // Plain SVG 2 `href` (no xlink namespace): every current browser and resvg read it.
    parent.element('use').attr({
      href: `#${symbolId(icon.typeId)}`,
      x: icon.x,
      y: icon.y,
      width: icon.width,
      height: icon.height,
    });
  }

  titleOf(parent: Container, text: string): void {
    parent.element('title').words(xmlText(text));
  }

  /** A group's border in its AWS colours and dash (or the one given); returns the colours and CSS class base. */
  groupBorder(
    g: Container,
    typeId: string,
    box: Box,
    filled: boolean,
    border: 'solid' | 'dashed' | null = null,
  ): { colors: GroupColors; cls: string } {
    const key = groupKey(typeId);
    const colors = this.palette.groups[key]!;
    const cls = groupClass(key);
    const dash = DASH[border ?? groupStyleFor(typeId).dash];
    g.rect(box.width, box.height)
      .attr({
        x: box.x,
        y: box.y,
        fill: filled ? colors.fill : 'none',
        stroke: colors.stroke,
        'stroke-width': 1.5,
        class: `${cls}-box`,
      })
      .attr(dash ? { 'stroke-dasharray': dash } : {});
    return { colors, cls };
  }

  group(parent: Container, node: DiagramNode): void {
    const g = parent.group().attr({ class: 'group', 'data-id': node.id, 'data-type': node.typeId });
    this.titleOf(g, titleText(node));
    if (node.mark)
      g.attr({ 'data-mark': node.mark.kind, ...(node.mark.kind === 'removed' ? { opacity: 0.6 } : {}) });
    const { colors, cls } = this.groupBorder(g, node.typeId, node.box, true);
    if (node.icon) this.useIcon(g, node.icon);
    this.text(g, node.label, colors.label, `${cls}-label`);
    if (node.note) this.text(g, node.note, this.palette.mutedText, 'rf-muted');
    if (node.mark)
      this.markOutline(g, node.mark, node.box, { x: node.box.x + node.box.width + 4, y: node.box.y - 4 });
  }

  node(parent: Container, node: DiagramNode): void {
    const holder = node.link
      ? plainHref(parent.link(node.link), node.link).attr({ target: '_blank', rel: 'noopener noreferrer' })
      : parent;
    const g = holder.group().attr({ class: 'node', 'data-id': node.id, 'data-type': node.typeId });
    this.titleOf(g, titleText(node));
    if (node.mark)
      g.attr({ 'data-mark': node.mark.kind, ...(node.mark.kind === 'removed' ? { opacity: 0.5 } : {}) });
    if (node.icon) {
      if (this.theme !== 'light') {
        // Resource and generic icons are dark line art: a light plate keeps them visible on dark.
        g.rect(node.icon.width, node.icon.height).attr({
          x: node.icon.x,
          y: node.icon.y,
          rx: 6,
          fill: '#FFFFFF',
          class: 'rf-icon-plate',
          opacity: this.theme === 'dark' ? 1 : 0,
        });
      }
      this.useIcon(g, node.icon);
    }
    this.text(g, node.label, this.palette.text, 'rf-text');
    if (node.note) this.text(g, node.note, this.palette.mutedText, 'rf-muted');
    if (node.mark) {
      const corner = node.icon
        ? { x: node.icon.x + node.icon.width, y: node.icon.y }
        : { x: node.box.x + node.box.width, y: node.box.y };
      this.markOutline(g, node.mark, node.box, corner);
    }
  }

  badge(parent: Container, badge: Badge): void {
    parent
      .circle(badge.r * 2)
      .attr({ cx: badge.cx, cy: badge.cy, fill: this.palette.badge, class: 'rf-badge' });
    parent
      .element('text')
      .attr({
        class: 'rf-badge-text',
        x: badge.cx,
        y: badge.cy + 4,
        'text-anchor': 'middle',
        'font-size': 11,
        'font-weight': 600,
        fill: this.palette.badgeText,
      })
      .words(String(badge.step));
  }

  edge(parent: Container, edge: DiagramEdge): void {
    const g = parent.group().attr({
      class: 'edge',
      'data-id': edge.id,
      'data-from': edge.from,
      'data-to': edge.to,
      'data-style': edge.style,
    });
    if (edge.arrow !== 'end') g.attr({ 'data-arrow': edge.arrow });
    if (edge.color) g.attr({ 'data-color': edge.color });
    const d = edge.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
    const heads = headsOf(edge.arrow);
    const paint = linePaint(edge);
    if (edge.mark) g.attr({ 'data-mark': edge.mark.kind });
    if (edge.mark) this.titleOf(g, `${edge.from} → ${edge.to}: ${edge.mark.note}`);
    g.path(d)
      .attr({
        fill: 'none',
        stroke: paintColour(this.palette, paint),
        'stroke-width': edge.mark ? 2 : 1.5,
        ...Object.fromEntries(heads.map((end) => [`marker-${end}`, `url(#${markerId(paint, end)})`])),
        class: edge.mark
          ? `rf-mark-${edge.mark.kind}-line`
          : edge.color
            ? edgeColorClass(edge.color)
            : 'rf-edge',
      })
      .attr(
        edge.style === 'async' || edge.mark?.kind === 'removed'
          ? { 'stroke-dasharray': edge.mark?.kind === 'removed' ? '3 3' : '6 4' }
          : {},
      )
      .attr(edge.mark?.kind === 'removed' ? { opacity: 0.6 } : {});
    if (edge.labelBox) {
      this.labelPlate(g, edge.labelBox);
      if (edge.badge) this.badge(g, edge.badge);
      if (edge.label) this.text(g, edge.label, this.palette.text, 'rf-text');
    }
    for (const [end, label] of [
      ['source', edge.sourceLabel],
      ['target', edge.targetLabel],
    ] as const) {
      if (label) this.endLabel(g, label, end);
    }
    if (edge.mark) {
      const [x, y] = pointAlongLine(edge.points, 0.3);
      this.markBadge(g, edge.mark.kind, x, y);
    }
  }

  /** A diff mark's badge: a circle in the mark's colour with +, − or ~ (so not colour alone). */
  markBadge(parent: Container, kind: DiffMark['kind'], cx: number, cy: number, r = 8): void {
    parent
      .circle(r * 2)
      .attr({ cx: roundPx(cx), cy: roundPx(cy), fill: this.palette.marks[kind], class: `rf-mark-${kind}` });
    parent
      .element('text')
      .attr({
        x: roundPx(cx),
        y: roundPx(cy + 4.5),
        'text-anchor': 'middle',
        'font-size': 13,
        'font-weight': 600,
        fill: '#FFFFFF',
        class: 'rf-mark-symbol',
      })
      .words(MARK_SYMBOLS[kind]);
  }

  /** A diff mark around a node or group: an outline in the mark's colour, dashed when removed,
   *  and its badge on the top-right corner. */
  markOutline(parent: Container, mark: DiffMark, box: Box, corner: { x: number; y: number }): void {
    parent
      .rect(box.width + 8, box.height + 8)
      .attr({
        x: box.x - 4,
        y: box.y - 4,
        rx: 6,
        fill: 'none',
        stroke: this.palette.marks[mark.kind],
        'stroke-width': 2,
        class: `rf-mark-${mark.kind}-outline`,
      })
      .attr(mark.kind === 'removed' ? { 'stroke-dasharray': '4 3' } : {});
    this.markBadge(parent, mark.kind, corner.x, corner.y);
  }

  markLegend(parent: Container, legend: MarkLegend): void {
    const g = this.legendFrame(parent, 'mark-legend', legend.box);
    for (const item of legend.items) {
      const row = g.group().attr({ class: 'mark', 'data-mark': item.kind });
      this.markBadge(row, item.kind, item.cx, item.cy, item.r);
      this.text(row, item.text, this.palette.text, 'rf-text');
    }
  }

  endLabel(parent: Container, label: EndLabel, end: 'source' | 'target'): void {
    const g = parent.group().attr({ class: 'end-label', 'data-end': end });
    this.labelPlate(g, label.box);
    this.text(g, label.text, this.palette.text, 'rf-text');
  }

  /** The background a line's label sits on, so lines behind it do not run through its text. */
  labelPlate(parent: Container, b: Box): void {
    parent.rect(b.width, b.height).attr({
      x: b.x,
      y: b.y,
      rx: 3,
      fill: this.palette.labelBackground,
      class: 'rf-label-bg',
    });
  }

  overlay(parent: Container, overlay: DiagramOverlay): void {
    const g = parent.group().attr({
      class: 'overlay',
      'data-id': overlay.id,
      'data-type': overlay.typeId,
      'data-members': overlay.members.join(' '),
    });
    this.titleOf(g, overlay.name);
    const { colors, cls } = this.groupBorder(g, overlay.typeId, overlay.box, false, overlay.border);
    if (!overlay.header) return;
    const h = overlay.header.box;
    g.rect(h.width, h.height).attr({
      x: h.x,
      y: h.y,
      rx: 4,
      fill: this.palette.background,
      stroke: colors.stroke,
      class: 'rf-label-bg',
    });
    if (overlay.header.icon) this.useIcon(g, overlay.header.icon);
    if (overlay.header.label) this.text(g, overlay.header.label, colors.label, `${cls}-label`);
  }

  /** A legend's group and its panel. */
  legendFrame(parent: Container, cls: string, box: Box): Container {
    const g = parent.group().attr({ class: cls });
    g.rect(box.width, box.height).attr({
      x: box.x,
      y: box.y,
      rx: 4,
      fill: this.palette.legendBackground,
      stroke: this.palette.legendBorder,
      class: 'rf-legend',
    });
    return g;
  }

  legend(parent: Container, legend: Legend): void {
    const g = this.legendFrame(parent, 'legend', legend.box);
    this.text(g, legend.heading, this.palette.text, 'rf-text');
    for (const item of legend.items) {
      const row = g.group().attr({ class: 'step', 'data-step': item.badge.step });
      this.badge(row, item.badge);
      this.text(row, item.text, this.palette.text, 'rf-text');
    }
  }
}

/** Room around a masked header part, so a line stops short of the text rather than touching it. */
const HEADER_MASK_MARGIN = 3;

/**
 * Where an edge runs through a group's header (its label, note or corner icon), the edge is hidden
 * under it, as a hand-drawn diagram leaves a gap in the line, so the header stays legible. Only
 * the header parts some edge crosses are masked; without crossings there is no mask at all.
 */
function maskHeaderCrossings(root: Svg, edges: Container, diagram: Diagram): void {
  const parts = new Set(headerCrossings(diagram).map((crossing) => crossing.part));
  if (parts.size === 0) return;
  const mask = root.defs().mask().attr({
    id: 'rf-header-gaps',
    maskUnits: 'userSpaceOnUse',
    x: 0,
    y: 0,
    width: diagram.width,
    height: diagram.height,
  });
  mask.rect(diagram.width, diagram.height).attr({ fill: '#fff' });
  for (const part of parts) {
    mask
      .rect(roundPx(part.width + 2 * HEADER_MASK_MARGIN), roundPx(part.height + 2 * HEADER_MASK_MARGIN))
      .attr({
        x: roundPx(part.x - HEADER_MASK_MARGIN),
        y: roundPx(part.y - HEADER_MASK_MARGIN),
        fill: '#000',
      });
  }
  edges.attr({ mask: 'url(#rf-header-gaps)' });
}

function addSymbols(root: Svg, diagram: Diagram, palette: Palette): void {
  const defs = root.defs();
  const icons = new Map<string, { typeId: string; ref: NonNullable<DiagramNode['icon']>['ref'] }>();
  for (const n of diagram.nodes) if (n.icon) icons.set(n.icon.typeId, n.icon);
  for (const o of diagram.overlays) if (o.header?.icon) icons.set(o.header.icon.typeId, o.header.icon);
  for (const typeId of [...icons.keys()].sort()) {
    const symbol = iconSymbol(typeId, icons.get(typeId)!.ref);
    defs.symbol().attr({ id: symbol.id, viewBox: symbol.viewBox }).svg(symbol.content);
  }
  // The plain end arrowhead always, so hand-edited files can use it; the others when a line does.
  const markers = new Map<string, { color: LinePaint; end: ArrowEnd }>([
    [markerId(null, 'end'), { color: null, end: 'end' }],
  ]);
  for (const edge of diagram.edges) {
    const paint = linePaint(edge);
    for (const end of headsOf(edge.arrow)) markers.set(markerId(paint, end), { color: paint, end });
  }
  for (const [id, { color, end }] of markers) {
    // A start marker is its own, drawn pointing back, rather than orient="auto-start-reverse":
    // resvg (the PNG renderer) turns such markers round on lines that run left or up.
    const shape = end === 'end' ? 'M0 0 L10 5 L0 10 z' : 'M10 0 L0 5 L10 10 z';
    defs
      .marker(10, 10, (add) =>
        add.path(shape).attr({
          class: color ? `rf-arrow-${color}` : 'rf-arrow',
          fill: paintColour(palette, color),
        }),
      )
      .attr({
        id,
        refX: end === 'end' ? 9 : 1,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto',
        markerUnits: 'userSpaceOnUse',
      });
  }
}

type ArrowEnd = 'start' | 'end';

const MARK_SYMBOLS: Record<DiffMark['kind'], string> = { added: '+', removed: '−', changed: '~' };

/** A node's tooltip: its own, or its label and type; in a diff's picture, with what changed. */
function titleText(node: DiagramNode): string {
  const own = node.tooltip ?? `${node.label.lines.join(' ')} (${node.typeName})`;
  return node.mark ? `${own}: ${node.mark.note}` : own;
}

/** What a line is painted with: a diff mark's colour, a named colour, or the theme's (null). */
type LinePaint = EdgeColor | `mark-${DiffMark['kind']}` | null;

function linePaint(edge: DiagramEdge): LinePaint {
  return edge.mark ? `mark-${edge.mark.kind}` : edge.color;
}

function paintColour(palette: Palette, paint: LinePaint): string {
  if (paint === null) return palette.edge;
  if (paint.startsWith('mark-')) return palette.marks[paint.slice(5) as DiffMark['kind']];
  return palette.edgeColors[paint as EdgeColor];
}

/** The ends of a line that carry an arrowhead. */
function headsOf(arrow: ArrowEnds): ArrowEnd[] {
  return arrow === 'both' ? ['start', 'end'] : arrow === 'none' ? [] : [arrow];
}

/** The id of the arrowhead marker for a line colour (null: the theme's) at one end. */
function markerId(color: LinePaint, end: ArrowEnd): string {
  return ['rf-arrow', ...(color ? [color] : []), ...(end === 'start' ? ['start'] : [])].join('-');
}

export async function renderSvg(diagram: Diagram, options: RenderOptions): Promise<string> {
  const palette = basePalette(options.theme);
  // Without a title the description may be the name itself: then it is not said twice.
  const describe =
    diagram.description !== undefined && diagram.description !== (diagram.title ? undefined : diagram.name);
  const root = svgCanvas();
  root.attr({
    width: diagram.width,
    height: diagram.height,
    viewBox: `0 0 ${diagram.width} ${diagram.height}`,
    role: 'img',
    'aria-labelledby': describe ? 'rf-title rf-desc' : 'rf-title',
    'font-family': FONT_FAMILY,
  });
  root
    .element('title')
    .attr({ id: 'rf-title' })
    .words(xmlText(diagram.title ? diagram.title.lines.join(' ') : diagram.name));
  if (describe) root.element('desc').attr({ id: 'rf-desc' }).words(xmlText(diagram.description!));
  const fontCss = options.embedFont === false ? '' : (options.fontCss ?? (await diagramFontCss(diagram)));
  const lineColors = [...new Set(diagram.edges.flatMap((e) => (e.color ? [e.color] : [])))].sort();
  const css = fontCss + (options.theme === 'auto' ? darkModeCss(lineColors) : '');
  if (css) root.element('style').words(css);
  addSymbols(root, diagram, palette);

  const writer = new SvgWriter(palette, options.theme);
  root.rect(diagram.width, diagram.height).attr({ fill: palette.background, class: 'rf-bg' });
  if (diagram.title || diagram.source) {
    const header = root.group().attr({ class: 'title' });
    if (diagram.title) writer.text(header, diagram.title, palette.text, 'rf-text');
    if (diagram.source) writer.text(header, diagram.source, palette.mutedText, 'rf-muted');
  }
  const groups = root.group().attr({ class: 'groups' });
  for (const n of diagram.nodes) if (n.kind === 'group') writer.group(groups, n);
  const overlays = root.group().attr({ class: 'overlays' });
  for (const o of diagram.overlays) writer.overlay(overlays, o);
  const edges = root.group().attr({ class: 'edges' });
  maskHeaderCrossings(root, edges, diagram);
  for (const e of diagram.edges) writer.edge(edges, e);
  const nodes = root.group().attr({ class: 'nodes' });
  for (const n of diagram.nodes) if (n.kind === 'node') writer.node(nodes, n);
  if (diagram.legend) writer.legend(root, diagram.legend);
  if (diagram.markLegend) writer.markLegend(root, diagram.markLegend);
  return serializeSvg(root);
}
