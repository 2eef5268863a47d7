// Builds the spec's JSON Schema (draft 2020-12). The type enum comes from the catalog, so editors
// autocomplete types; scripts/generate-schema.ts writes it to schema/refarch.schema.json.

import {
  ARRANGEMENTS,
  ARROW_ENDS,
  BORDER_SIDES,
  DIRECTIONS,
  EDGE_COLORS,
  EDGE_STYLES,
  ID_PATTERN,
  OVERLAY_BORDERS,
} from './types.js';

export const SCHEMA_ID = 'https://refarch.dev/schema/refarch-1.schema.json';

export type JsonSchema = { [key: string]: unknown };

function nodeMapOf(minProperties: number): JsonSchema {
  return {
    type: 'object',
    title: 'a map of node id to node',
    ...(minProperties > 0 ? { minProperties } : {}),
    propertyNames: { pattern: ID_PATTERN },
    additionalProperties: { $ref: '#/$defs/node' },
  };
}

export function buildSpecSchema(typeIds: readonly string[]): JsonSchema {
  const text = (title: string, maxLength: number) => ({ type: 'string', title, maxLength });
  const idRef = { type: 'string', title: 'a node id', pattern: ID_PATTERN };
  const idOrIds = {
    title: 'a node id or a list of node ids',
    anyOf: [idRef, { type: 'array', items: idRef, minItems: 1, maxItems: 100 }],
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'refarch architecture spec',
    description:
      'A declarative AWS reference-architecture diagram. See https://github.com/refarch/refarch#spec-format',
    type: 'object',
    required: ['refarch', 'nodes'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', title: 'the schema this file follows' },
      refarch: { const: 1, title: 'the spec format version (1)' },
      title: { ...text('the diagram title (without it, no title block is drawn)', 200), minLength: 1 },
      description: text('one paragraph describing the architecture', 4000),
      source: text('where the architecture comes from (talk, URL)', 500),
      direction: { enum: [...DIRECTIONS], title: 'the main flow direction', default: 'right' },
      nodes: { $ref: '#/$defs/nodeMap' },
      edges: { type: 'array', items: { $ref: '#/$defs/edge' }, maxItems: 20000 },
      steps: {
        type: 'object',
        title: 'legend of numbered steps',
        propertyNames: { pattern: '^[1-9][0-9]{0,2}$' },
        additionalProperties: text('what happens in this step', 500),
      },
      legendTitle: { ...text('the heading of the steps legend (default: Steps)', 100), minLength: 1 },
      overlays: {
        type: 'object',
        title: 'groups drawn around members in different branches',
        propertyNames: { pattern: ID_PATTERN },
        additionalProperties: { $ref: '#/$defs/overlay' },
      },
    },
    $defs: {
      type: { type: 'string', title: 'a type from `refarch types`', enum: [...typeIds] },
      nodeMap: nodeMapOf(1),
      node: {
        type: 'object',
        required: ['type'],
        additionalProperties: false,
        properties: {
          type: { $ref: '#/$defs/type' },
          label: text('the text under the icon (defaults to the type name)', 200),
          note: text('a second, smaller line under the label', 200),
          link: { type: 'string', title: 'an http(s) URL', pattern: '^https?://', maxLength: 2000 },
          tooltip: text('text shown on hover', 1000),
          border: {
            enum: [...BORDER_SIDES],
            title: "the side of the enclosing group's border the node sits on",
          },
          direction: {
            enum: [...DIRECTIONS],
            title: "for a group: the direction its children flow in (default: the diagram's)",
          },
          arrange: {
            enum: [...ARRANGEMENTS],
            title: 'for a group: its children in one row or one column, in the order written',
          },
          // Empty is allowed: a group drawn before anything is in it (a placeholder subnet).
          children: { ...nodeMapOf(0), title: 'the nodes inside this one, drawn as a group around them' },
        },
      },
      edge: {
        type: 'object',
        required: ['from', 'to'],
        additionalProperties: false,
        properties: {
          from: idOrIds,
          to: idOrIds,
          label: text('text on the edge', 200),
          style: { enum: [...EDGE_STYLES], title: 'sync (solid) or async (dashed)', default: 'sync' },
          step: { type: 'integer', minimum: 1, maximum: 999, title: 'the step number shown in a badge' },
          arrow: {
            enum: [...ARROW_ENDS],
            title: 'which ends have an arrowhead: end (default), start, both or none',
            default: 'end',
          },
          color: {
            enum: [...EDGE_COLORS],
            title: 'the line colour, from a palette with light and dark shades',
          },
          sourceLabel: text('text next to the source end of the line', 100),
          targetLabel: text('text next to the target end of the line', 100),
        },
      },
      overlay: {
        type: 'object',
        required: ['type', 'members'],
        additionalProperties: false,
        properties: {
          type: { $ref: '#/$defs/type' },
          label: text('the group label', 200),
          members: { type: 'array', items: idRef, minItems: 1, maxItems: 1000 },
          style: {
            enum: [...OVERLAY_BORDERS],
            title: "the border: dashed or solid (default: the type's own)",
          },
        },
      },
    },
  };
}
