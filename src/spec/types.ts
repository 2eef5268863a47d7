// The spec format as users write it (YAML or JSON). The JSON Schema in schema.ts describes
// the same shape; test/spec/schema.test.ts keeps the two and the committed schema file in step.

export type Direction = 'right' | 'down' | 'left' | 'up';
export type EdgeStyle = 'sync' | 'async';
/** The side of its group a node sits on, centred on the group's border line. */
export type BorderSide = 'top' | 'right' | 'bottom' | 'left';
/** How a group lays out children that no arrows order: one row, or one column, in spec order. */
export type Arrangement = 'row' | 'column';
/** Which ends of a line carry an arrowhead. */
export type ArrowEnds = 'end' | 'start' | 'both' | 'none';
/** A line's colour: a name from a small palette that has a light and a dark shade, not CSS. */
export type EdgeColor = 'orange' | 'blue' | 'teal' | 'purple' | 'red' | 'gray';
/** An overlay's border: its type's own dash unless set. */
export type OverlayBorder = 'dashed' | 'solid';

export interface NodeSpec {
  type: string;
  label?: string;
  note?: string;
  link?: string;
  tooltip?: string;
  /** Drawn on this side of its group's border (an internet gateway on the VPC's top edge). */
  border?: BorderSide;
  /** For a group: the direction its children flow in, when it differs from the diagram's. */
  direction?: Direction;
  /** For a group: its children in a row or a column, in the order written. */
  arrange?: Arrangement;
  children?: Record<string, NodeSpec>;
}

export interface EdgeSpec {
  from: string | string[];
  to: string | string[];
  label?: string;
  style?: EdgeStyle;
  step?: number;
  /** Arrowheads: at the target (default), the source, both ends or none. */
  arrow?: ArrowEnds;
  color?: EdgeColor;
  /** Text next to the line's source end (a port, a protocol). */
  sourceLabel?: string;
  /** Text next to the line's target end. */
  targetLabel?: string;
}

/** A group drawn around members that live in different branches of the tree (e.g. an Auto Scaling group across AZs). */
export interface OverlaySpec {
  type: string;
  label?: string;
  members: string[];
  style?: OverlayBorder;
}

export interface ArchitectureSpec {
  $schema?: string;
  refarch: 1;
  /** Drawn as the title block; without it there is none (the heading around the picture says it). */
  title?: string;
  description?: string;
  source?: string;
  direction?: Direction;
  nodes: Record<string, NodeSpec>;
  edges?: EdgeSpec[];
  steps?: Record<string, string>;
  /** Heading of the steps legend (default "Steps"), e.g. "단계" for a Korean diagram. */
  legendTitle?: string;
  overlays?: Record<string, OverlaySpec>;
}

export const SPEC_VERSION = 1;
export const ID_PATTERN = '^[A-Za-z][A-Za-z0-9_-]*$';
export const DIRECTIONS: readonly Direction[] = ['right', 'down', 'left', 'up'];
export const EDGE_STYLES: readonly EdgeStyle[] = ['sync', 'async'];
export const BORDER_SIDES: readonly BorderSide[] = ['top', 'right', 'bottom', 'left'];
export const ARRANGEMENTS: readonly Arrangement[] = ['row', 'column'];
export const ARROW_ENDS: readonly ArrowEnds[] = ['end', 'start', 'both', 'none'];
export const EDGE_COLORS: readonly EdgeColor[] = ['orange', 'blue', 'teal', 'purple', 'red', 'gray'];
export const OVERLAY_BORDERS: readonly OverlayBorder[] = ['dashed', 'solid'];
