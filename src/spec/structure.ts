// Structural validation: the JSON Schema (as ajv standalone code generated at build time), with
// each error mapped to a positioned diagnostic (schema-messages.ts words it in the spec's terms).

import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { type Diagnostic, diagnosticAt } from '../diagnostics.js';
import type { SpecDocument, SpecPath } from './parse.js';
import { mapSchemaError } from './schema-messages.js';
import generatedValidator from './schema-validator.generated.js';

const validate = generatedValidator as unknown as ValidateFunction;

function pathOf(instancePath: string): SpecPath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function matchesType(type: unknown, value: unknown): boolean {
  if (type === 'array') return Array.isArray(value);
  if (type === 'string') return typeof value === 'string';
  return false;
}

/**
 * An anyOf (`from: a` or `from: [a, b]`) fails in every branch. The value's own type says which
 * branch the author meant, so keep that branch's errors ('bad id' is not a valid id; the list is
 * empty) and drop the rest; when no branch fits the type, keep only the anyOf error itself.
 * ajv reports a failed anyOf right after the errors of its branches, so they are found by looking
 * back from it: one pass, where comparing every error with every anyOf took minutes on 20 000 edges.
 */
function focusAnyOf(errors: ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  errors.forEach((anyOf, index) => {
    if (anyOf.keyword !== 'anyOf') return;
    const branches = anyOf.schema as { type?: unknown }[];
    const chosen = branches.findIndex((branch) => matchesType(branch.type, anyOf.data));
    if (chosen >= 0) drop.add(anyOf);
    for (let i = index - 1; i >= 0; i--) {
      const e = errors[i]!;
      const inBranch =
        e.schemaPath.startsWith(`${anyOf.schemaPath}/`) &&
        (e.instancePath === anyOf.instancePath || e.instancePath.startsWith(`${anyOf.instancePath}/`));
      if (!inBranch) break;
      const branch = Number(e.schemaPath.slice(anyOf.schemaPath.length + 1).split('/')[0]);
      if (branch !== chosen) drop.add(e);
    }
  });
  return errors.filter((e) => !drop.has(e));
}

export function checkStructure(doc: SpecDocument): Diagnostic[] {
  if (validate(doc.value)) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const e of focusAnyOf(validate.errors ?? [])) {
    const problem = mapSchemaError(e, pathOf(e.instancePath));
    if (!problem) continue;
    const at = doc.positionOf(problem.path, problem.at);
    const key = `${at.line}:${at.column}:${problem.code}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnosticAt(doc.file, at, 'error', problem.code, problem.message, problem.hint));
  }
  return diagnostics;
}
