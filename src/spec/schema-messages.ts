// Puts one ajv error into the spec's own words: what is wrong, where (as a spec path), and what
// to do about it. Says "node 'api'" and "the text '1'", never "must be object" or "/nodes/api".

import type { ErrorObject } from 'ajv/dist/2020.js';
import type { CodeOf } from '../diagnostic-codes.js';
import type { SpecPath } from './parse.js';
import { closestMatch, didYouMean } from './suggest.js';

export interface SchemaProblem {
  path: SpecPath;
  at: 'value' | 'key';
  code: CodeOf<'schema'>;
  message: string;
  hint?: string;
}

const ID_HINT = 'ids start with a letter and use only letters, digits, - and _';

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
};

const MISSING_KEY_HINTS: Record<string, string> = {
  refarch: 'add `refarch: 1` as the first line',
  nodes: 'add a `nodes:` map of id -> { type, label }',
  type: 'add `type:`, e.g. `type: aws.lambda`; `refarch types` lists them all',
  from: 'add `from: <node id>`',
  to: 'add `to: <node id>`',
  members: 'add `members: [<node id>, ...]`',
};

/** Why a key takes only the values it does, where the list alone does not say. */
const ENUM_HINTS: Record<string, string | undefined> = {
  arrow: 'the ends that carry an arrowhead: `end` (the default), `start`, `both` or `none`',
  color:
    'colours are names from a palette with a light and a dark shade, so the diagram stays readable in both themes; CSS colours are not accepted',
};

/** `nodes.api` and `nodes.vpc.children.api` name nodes; `nodes.api.children` names a node's field. */
function isNodePath(path: SpecPath): boolean {
  return path[0] === 'nodes' && path.length >= 2 && path.length % 2 === 0;
}

export function describePath(path: SpecPath): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the spec';
  if (typeof last === 'number') return `${String(path[path.length - 2])}[${last}]`;
  if (isNodePath(path)) return `node '${last}'`;
  if (path.length === 2 && path[0] === 'overlays') return `overlay '${last}'`;
  if (path.length === 2 && path[0] === 'steps') return `step ${last}`;
  return `'${last}'`;
}

function quoted(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

/** The value as a reader sees it: "the text '1'", "the number 1.5", "a list". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text ${quoted(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

interface SchemaShape {
  title?: string;
  required?: string[];
  items?: { title?: string };
  minimum?: number;
  maximum?: number;
}

function expectedOf(e: ErrorObject): string {
  const schema = (e.parentSchema ?? {}) as SchemaShape;
  const type = String((e.params as { type?: string }).type ?? '');
  if (schema.required) return `a map with ${schema.required.map((k) => `\`${k}\``).join(' and ')}`;
  if (schema.title && /^an? /.test(schema.title)) return schema.title;
  if (type === 'array' && schema.items?.title) return `a list of ${schema.items.title.replace(/^an? /, '')}s`;
  return TYPE_WORDS[type] ?? type;
}

function wrongTypeHint(path: SpecPath, data: unknown, expected: string): string | undefined {
  const last = path[path.length - 1];
  if (isNodePath(path))
    return `write \`${String(last)}: { type: ${typeof data === 'string' ? data : 'aws.lambda'} }\``;
  if (last === 'edges') return 'list each edge as `- { from: a, to: b }`';
  if (path.length === 2 && path[0] === 'edges') return 'write each edge as `- { from: a, to: b }`';
  if (last === 'steps') return 'write one line per step under `steps:`, e.g. `1: the user uploads a photo`';
  if (last === 'overlays')
    return 'map each overlay id to `{ type: group.auto-scaling-group, members: [a, b] }`';
  if (last === 'nodes' || last === 'children') return 'map each node id to `{ type: ... }`';
  if (expected === 'text' && (typeof data === 'number' || typeof data === 'boolean'))
    return 'put the text in quotes';
  if (expected === 'a whole number' && typeof data === 'string' && /^\d+$/.test(data))
    return 'remove the quotes';
  return undefined;
}

function wrongType(path: SpecPath, where: string, data: unknown, expected: string): SchemaProblem {
  const message =
    data === null
      ? `${where} has no value; it must be ${expected}`
      : `${where} must be ${expected}, not ${describeValue(data)}`;
  const hint = wrongTypeHint(path, data, expected);
  return { path, at: 'value', code: 'wrong-type', message, ...(hint ? { hint } : {}) };
}

function unknownKey(e: ErrorObject, path: SpecPath): SchemaProblem {
  const key = (e.params as { additionalProperty: string }).additionalProperty;
  const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
  const suggestion = closestMatch(key, allowed);
  const value = (e.data as Record<string, unknown> | null)?.[key];
  // A node written straight under its parent (without `children:`) or beside `nodes:` is a common slip.
  const looksLikeNode = typeof value === 'object' && value !== null && 'type' in value;
  const home = allowed.includes('children') ? 'children' : allowed.includes('nodes') ? 'nodes' : undefined;
  const hint = suggestion
    ? `rename it to '${suggestion}'`
    : looksLikeNode && home
      ? `to make '${key}' a node, indent it under \`${home}:\``
      : `allowed keys here: ${allowed.join(', ')}`;
  return {
    path: [...path, key],
    at: 'key',
    code: 'unknown-key',
    message: `unknown key '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    hint,
  };
}

function badPattern(e: ErrorObject, path: SpecPath): SchemaProblem {
  const last = path[path.length - 1];
  if (e.propertyName !== undefined) {
    const name = e.propertyName;
    if (last === 'steps') {
      return {
        path: [...path, name],
        at: 'key',
        code: 'invalid-step',
        message: `'${name}' is not a step number`,
        hint: 'legend keys are step numbers 1-999',
      };
    }
    return {
      path: [...path, name],
      at: 'key',
      code: 'invalid-id',
      message: `'${name}' is not a valid id`,
      hint: ID_HINT,
    };
  }
  if (last === 'link') {
    return {
      path,
      at: 'value',
      code: 'unsafe-link',
      message: `link ${quoted(String(e.data))} is not an http or https URL`,
      hint: 'links must start with https:// or http://',
    };
  }
  return {
    path,
    at: 'value',
    code: 'invalid-id',
    message: `${quoted(String(e.data))} is not a valid node id`,
    hint: ID_HINT,
  };
}

function badVersion(data: unknown): SchemaProblem {
  const path = ['refarch'];
  if (typeof data === 'string' && Number(data) === 1) {
    return {
      path,
      at: 'value',
      code: 'wrong-type',
      message: "'refarch' must be the number 1, not the text '1'",
      hint: 'write `refarch: 1` without quotes',
    };
  }
  return {
    path,
    at: 'value',
    code: 'unsupported-version',
    message:
      typeof data === 'number'
        ? `spec format version ${data} is not supported`
        : `'refarch' must be the spec format version 1, not ${describeValue(data)}`,
    hint: 'this refarch reads `refarch: 1`',
  };
}

function sizeLimit(e: ErrorObject, path: SpecPath, where: string): SchemaProblem {
  const limit = (e.params as { limit: number }).limit;
  const text = e.keyword === 'maxLength';
  const size = text ? [...String(e.data)].length : (e.data as unknown[]).length;
  return {
    path,
    at: 'value',
    code: 'too-long',
    message: `${where} has ${size} ${text ? 'characters' : 'items'}; at most ${limit} are allowed`,
    hint: text ? 'shorten it' : 'split it',
  };
}

export function mapSchemaError(e: ErrorObject, path: SpecPath): SchemaProblem | null {
  const where = describePath(path);
  const last = path[path.length - 1];
  switch (e.keyword) {
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      const hint = MISSING_KEY_HINTS[key];
      const message = `${where} is missing the required key '${key}'`;
      return { path, at: 'value', code: 'missing-key', message, ...(hint ? { hint } : {}) };
    }
    case 'additionalProperties':
      return unknownKey(e, path);
    case 'propertyNames':
      return null; // reported by the 'pattern' error on the name itself
    case 'pattern':
      return badPattern(e, path);
    case 'enum': {
      if (last === 'type') return null; // the semantic rule `unknown-type` reports it with a suggestion
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const guess = typeof e.data === 'string' ? didYouMean(e.data, allowed) : '';
      const hint = typeof last === 'string' && Object.hasOwn(ENUM_HINTS, last) ? ENUM_HINTS[last] : undefined;
      return {
        path,
        at: 'value',
        code: 'invalid-value',
        message: `${where} must be one of ${allowed.join(', ')}, not ${describeValue(e.data)}${guess}`,
        ...(hint ? { hint } : {}),
      };
    }
    case 'const':
      if (path.length === 1 && path[0] === 'refarch') return badVersion(e.data);
      return {
        path,
        at: 'value',
        code: 'invalid-value',
        message: `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`,
      };
    case 'type':
    case 'anyOf':
      return wrongType(path, where, e.data, expectedOf(e));
    case 'minProperties':
      return {
        path,
        at: 'value',
        code: 'empty-map',
        message: `${where} must not be empty`,
        hint: 'add at least one node',
      };
    case 'minItems':
      return { path, at: 'value', code: 'empty-list', message: `${where} must not be an empty list` };
    case 'minLength':
      return { path, at: 'value', code: 'empty-text', message: `${where} must not be empty` };
    case 'maxLength':
    case 'maxItems':
      return sizeLimit(e, path, where);
    case 'minimum':
    case 'maximum': {
      const { minimum, maximum } = (e.parentSchema ?? {}) as SchemaShape;
      const range =
        minimum !== undefined && maximum !== undefined
          ? `must be between ${minimum} and ${maximum}`
          : e.message;
      return { path, at: 'value', code: 'out-of-range', message: `${where} ${range}, not ${String(e.data)}` };
    }
    default:
      return { path, at: 'value', code: 'invalid-value', message: `${where} ${e.message ?? 'is invalid'}` };
  }
}
