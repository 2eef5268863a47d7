// The spec format as users write it (YAML or JSON). The JSON Schema in schema.ts describes
// the same shape; test/spec/schema.test.ts keeps the two and the committed schema file in step.

export type Direction = 'right' | 'down' | 'left' | 'up';
export type EdgeStyle = 'sync' | 'async';

export interface NodeSpec {
  type: string;
  label?: string;
  note?: string;
  link?: string;
  tooltip?: string;
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
