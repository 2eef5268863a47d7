// The contract between layout and every renderer: the positioned diagram, absolute coordinates
// (y down) for every box, line and label, with the font each text block is set in. Layout writes
// it; the SVG, PNG and JSON renderers read it and nothing else of layout's, so what is drawn is
// what was laid out, and a new output format needs only this folder.

import type { IconRef } from '../catalog/catalog.js';
import type { FontWeight } from './font-files.js';

/** A font as text blocks use it: the size in px and one of the two weights. */
export interface TextStyle {
  size: number;
  weight: FontWeight;
}

export type { FontWeight };

/** How a line is drawn: solid for a synchronous call, dashed for an asynchronous one. */
export type EdgeStyle = 'sync' | 'async';

/** Which ends of a line carry an arrowhead. */
export type ArrowEnds = 'end' | 'start' | 'both' | 'none';

/** A line colour by name; each renderer picks the shade for its theme. */
export type EdgeColor = 'orange' | 'blue' | 'teal' | 'purple' | 'red' | 'gray';

/** The side of its group's border a node sits on. */
export type BorderSide = 'top' | 'right' | 'bottom' | 'left';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Point = [number, number];

export interface TextBlock extends Box {
  lines: string[];
  font: TextStyle;
  lineHeight: number;
  align: 'start' | 'middle';
}

export interface PlacedIcon extends Box {
  /** Catalog type id whose icon this is; also the key of the shared <symbol>. */
  typeId: string;
  ref: IconRef;
}

export interface Badge {
  cx: number;
  cy: number;
  r: number;
  step: number;
}

/** How a node or edge changed, in the picture `refarch diff` draws. */
export interface DiffMark {
  kind: 'added' | 'removed' | 'changed';
  /** What changed, in words. */
  note: string;
}

export interface DiagramNode {
  id: string;
  kind: 'node' | 'group';
  parent: string | null;
  typeId: string;
  /** Full name of the type, e.g. "Amazon DynamoDB", for tooltips and alt text. */
  typeName: string;
  box: Box;
  label: TextBlock;
  note: TextBlock | null;
  icon: PlacedIcon | null;
  /** The side of the parent's border the node sits on: its icon is centred on that line, so the
   *  node is only half inside its parent. */
  border: BorderSide | null;
  link: string | undefined;
  tooltip: string | undefined;
  /** Only in a diff's picture. */
  mark?: DiffMark;
}

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  points: Point[];
  style: EdgeStyle;
  step: number | undefined;
  label: TextBlock | null;
  /** The label's background box (label text plus padding and badge). */
  labelBox: Box | null;
  badge: Badge | null;
  arrow: ArrowEnds;
  /** Null: the theme's line colour. */
  color: EdgeColor | null;
  /** Text beside the line next to its source end, and next to its target end. */
  sourceLabel: EndLabel | null;
  targetLabel: EndLabel | null;
  /** Only in a diff's picture. */
  mark?: DiffMark;
}

/** A label at one end of a line: its background box and the text inside it. */
export interface EndLabel {
  box: Box;
  text: TextBlock;
}

export interface DiagramOverlay {
  id: string;
  typeId: string;
  /** The overlay's label, also its tooltip. */
  name: string;
  box: Box;
  /** A plate on the bottom border with the icon and the label, placed where it covers no node: the
   *  label is dropped, then the whole plate, when there is no such place. */
  header: { box: Box; label: TextBlock | null; icon: PlacedIcon | null } | null;
  members: string[];
  /** The border's dash, when the spec overrides the type's own. */
  border: 'dashed' | 'solid' | null;
}

export interface LegendItem {
  badge: Badge;
  text: TextBlock;
}

export interface Legend {
  box: Box;
  heading: TextBlock;
  items: LegendItem[];
}

/** The key to a diff's marks: one row per kind of change the picture shows. */
export interface MarkLegend {
  box: Box;
  items: { kind: DiffMark['kind']; cx: number; cy: number; r: number; text: TextBlock }[];
}

export interface Diagram {
  width: number;
  height: number;
  /** The accessible name: the title, else the description, else the spec file's name. */
  name: string;
  /** The title block; null when the spec has no title. */
  title: TextBlock | null;
  source: TextBlock | null;
  description: string | undefined;
  /** Nodes in paint order: every group before the nodes inside it. */
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  overlays: DiagramOverlay[];
  legend: Legend | null;
  /** Only in a diff's picture. */
  markLegend?: MarkLegend;
}
