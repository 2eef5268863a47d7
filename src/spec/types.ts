// The spec format as users write it (YAML or JSON). The JSON Schema in schema.ts describes
// the same shape; test/spec/schema.test.ts keeps the two and the committed schema file in step.

export type Direction = 'right' | 'down' | 'left' | 'up';
export type EdgeStyle = 'sync' | 'async';
/** The side of its group a node sits on, centred on the group's border line. */
export type BorderSide = 'top' | 'right' | 'bottom' | 'left';
/** How a group lays out children that no arrows order: one row, or one column, in spec order. */
export type Arrangement = 'row' | 'column';

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
}

/** A group drawn around members that live in different branches of the tree (e.g. an Auto Scaling group across AZs). */
export interface OverlaySpec {
  type: string;
  label?: string;
  members: string[];
}

export interface ArchitectureSpec {
  $schema?: string;
  refarch: 1;
  title: string;
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
