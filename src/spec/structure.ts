// Structural validation: the JSON Schema, compiled once with ajv, with each error mapped to a
// positioned diagnostic that says what is wrong in the spec's own words.

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { allTypeIds } from '../catalog/catalog.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SpecDocument, SpecPath } from './parse.js';
import { buildSpecSchema } from './schema.js';
import { closestMatch, didYouMean } from './suggest.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(
    buildSpecSchema(allTypeIds()),
  );
  return compiled;
}

function pathOf(instancePath: string): SpecPath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describePath(path: SpecPath): string {
  if (path.length === 0) return 'the spec';
  const last = path[path.length - 1];
  if (typeof last === 'number') return `${String(path[path.length - 2])}[${last}]`;
  return `'${String(last)}'`;
}

function jsType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

interface Mapped {
  path: SpecPath;
  at: 'value' | 'key';
  code: string;
  message: string;
  hint?: string;
}

function expectedOf(e: ErrorObject): string {
  const title = (e.parentSchema as { title?: string } | undefined)?.title;
  return title ?? String((e.params as { type?: string }).type ?? 'valid');
}

function mapError(e: ErrorObject): Mapped | null {
  const path = pathOf(e.instancePath);
  const where = describePath(path);
  const last = path[path.length - 1];
  switch (e.keyword) {
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      const hints: Record<string, string> = {
        refarch: 'add `refarch: 1` as the first line',
        title: 'add `title: <what the diagram shows>`',
        nodes: 'add a `nodes:` map of id -> { type, label }',
        type: 'add `type:`, e.g. `type: aws.lambda`; `refarch types` lists them all',
        from: 'add `from: <node id>`',
        to: 'add `to: <node id>`',
        members: 'add `members: [<node id>, ...]`',
      };
      return {
        path,
        at: 'value',
        code: 'missing-key',
        message: `${path.length ? where : 'the spec'} is missing the required key '${key}'`,
        ...(hints[key] ? { hint: hints[key] } : {}),
      };
    }
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const suggestion = closestMatch(key, allowed);
      return {
        path: [...path, key],
        at: 'key',
        code: 'unknown-key',
        message: `unknown key '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        hint: suggestion ? `rename it to '${suggestion}'` : `allowed keys here: ${allowed.join(', ')}`,
      };
    }
    case 'propertyNames':
      return null; // reported by the 'pattern' error on the name itself
    case 'pattern': {
      if (e.propertyName !== undefined) {
        const name = e.propertyName;
        if (path[path.length - 1] === 'steps' || (path.length === 1 && path[0] === 'steps')) {
          return {
            path: [...path, name],
            at: 'key',
            code: 'invalid-step',
            message: `step '${name}' is not a step number`,
            hint: 'legend keys are step numbers 1-999',
          };
        }
        return {
          path: [...path, name],
          at: 'key',
          code: 'invalid-id',
          message: `'${name}' is not a valid id`,
          hint: 'ids start with a letter and use only letters, digits, - and _',
        };
      }
      if (last === 'link') {
        return {
          path,
          at: 'value',
          code: 'unsafe-link',
          message: `link '${String(e.data)}' is not an http or https URL`,
          hint: 'links must start with https:// or http://',
        };
      }
      return {
        path,
        at: 'value',
        code: 'invalid-id',
        message: `'${String(e.data)}' is not a valid node id`,
        hint: 'ids start with a letter and use only letters, digits, - and _',
      };
    }
    case 'enum': {
      if (last === 'type') return null; // the semantic rule `unknown-type` reports it with a suggestion
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return {
        path,
        at: 'value',
        code: 'invalid-value',
        message: `${where} must be one of ${allowed.join(', ')}, not '${String(e.data)}'${didYouMean(String(e.data), allowed)}`,
      };
    }
    case 'const':
      if (path.length === 1 && path[0] === 'refarch') {
        return {
          path,
          at: 'value',
          code: 'unsupported-version',
          message: `spec format version ${JSON.stringify(e.data)} is not supported`,
          hint: 'this refarch reads `refarch: 1`',
        };
      }
      return {
        path,
        at: 'value',
        code: 'invalid-value',
        message: `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`,
      };
    case 'type':
      return {
        path,
        at: 'value',
        code: 'wrong-type',
        message: `${where} must be ${expectedOf(e)}, not ${jsType(e.data)}`,
      };
    case 'anyOf':
      return { path, at: 'value', code: 'wrong-type', message: `${where} must be ${expectedOf(e)}` };
    case 'minProperties':
      return {
        path,
        at: 'value',
        code: 'empty-map',
        message: `${where} must not be empty`,
        hint: last === 'children' ? 'remove `children:` or add a node to it' : 'add at least one node',
      };
    case 'minItems':
      return { path, at: 'value', code: 'empty-list', message: `${where} must not be an empty list` };
    case 'minLength':
      return { path, at: 'value', code: 'empty-text', message: `${where} must not be empty` };
    case 'maxLength':
    case 'maxItems':
      return { path, at: 'value', code: 'too-long', message: `${where} is too long (${e.message})` };
    case 'minimum':
    case 'maximum':
      return { path, at: 'value', code: 'out-of-range', message: `${where} ${e.message}` };
    default:
      return { path, at: 'value', code: 'invalid-value', message: `${where} ${e.message ?? 'is invalid'}` };
  }
}

/** Errors of the anyOf branches repeat what the anyOf error itself says; keep only the anyOf error. */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  return errors.filter(
    (e) =>
      e.keyword === 'anyOf' ||
      !e.schemaPath.includes('/anyOf/') ||
      (!anyOfPaths.has(e.instancePath.replace(/\/\d+$/, '')) && !anyOfPaths.has(e.instancePath)),
  );
}

export function checkStructure(doc: SpecDocument): Diagnostic[] {
  const validate = validator();
  if (validate(doc.value)) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const e of withoutBranchNoise(validate.errors ?? [])) {
    const mapped = mapError(e);
    if (!mapped) continue;
    const at = doc.positionOf(mapped.path, mapped.at);
    const key = `${at.line}:${at.column}:${mapped.code}:${mapped.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({
      file: doc.file,
      ...at,
      severity: 'error',
      code: mapped.code,
      message: mapped.message,
      ...(mapped.hint ? { hint: mapped.hint } : {}),
    });
  }
  return diagnostics;
}
