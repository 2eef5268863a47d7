// The positioned diagram: absolute coordinates (y down) for every box, line and label. Both the SVG
// renderer and the JSON geometry export read this, so what is drawn is what was laid out.

import type { IconRef } from '../catalog/catalog.js';
import type { BorderSide, EdgeStyle } from '../spec/types.js';
import type { TextStyle } from './measure.js';

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

export interface Diagram {
  width: number;
  height: number;
  title: TextBlock;
  source: TextBlock | null;
  description: string | undefined;
  /** Nodes in paint order: every group before the nodes inside it. */
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  overlays: DiagramOverlay[];
  legend: Legend | null;
}
