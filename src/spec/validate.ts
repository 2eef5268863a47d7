// The validation stage: text -> SpecDocument -> checked spec -> Model, with every problem reported
// as a positioned diagnostic. Pure: the caller reads files and prints.

import { compareDiagnostics, type Diagnostic, hasErrors } from '../diagnostics.js';
import { DEFAULT_LIMITS, type SpecLimits } from './limits.js';
import { buildModel, type Model } from './model.js';
import { parseSpecText, type SpecDocument } from './parse.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { decodeSpecBytes } from './source.js';
import { checkStructure } from './structure.js';
import { collectEdges, collectNodes, isRecord, type NodeEntry } from './tree.js';
import type { ArchitectureSpec } from './types.js';

export interface ValidationResult {
  /** Present when the spec has no errors (warnings allowed). */
  model: Model | null;
  diagnostics: Diagnostic[];
}

function runRules(doc: SpecDocument, limits: SpecLimits): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const spec = isRecord(doc.value) ? doc.value : {};
  const nodes = collectNodes(spec, limits.maxDepth);
  const nodeById = new Map<string, NodeEntry>();
  for (const node of nodes) if (!nodeById.has(node.id)) nodeById.set(node.id, node);
  const ctx: RuleContext = {
    doc,
    spec,
    nodes,
    nodeById,
    edges: collectEdges(spec),
    limits,
    report(at, severity, code, message, hint, which = 'value') {
      diagnostics.push({
        file: doc.file,
        ...doc.positionOf(at, which),
        severity,
        code,
        message,
        ...(hint ? { hint } : {}),
      });
    },
  };
  for (const rule of RULES) rule(ctx);
  return diagnostics;
}

/** Validates a parsed document and, when it has no errors, resolves it into a Model. */
export function validateDocument(doc: SpecDocument, limits: SpecLimits = DEFAULT_LIMITS): ValidationResult {
  if (!isRecord(doc.value)) {
    return {
      model: null,
      diagnostics: [
        {
          file: doc.file,
          ...doc.positionOf([]),
          severity: 'error',
          code: 'wrong-type',
          message: 'a spec must be a map with `refarch`, `title` and `nodes`',
          hint: 'see the example in the README',
        },
      ],
    };
  }
  const diagnostics = [...checkStructure(doc), ...runRules(doc, limits)].sort(compareDiagnostics);
  const model = hasErrors(diagnostics)
    ? null
    : buildModel(doc.value as unknown as ArchitectureSpec, doc.file);
  return { model, diagnostics };
}

export function validateText(
  text: string,
  file: string,
  limits: SpecLimits = DEFAULT_LIMITS,
): ValidationResult {
  const parsed = parseSpecText(text, file, limits);
  if (!parsed.document) return { model: null, diagnostics: parsed.diagnostics };
  const result = validateDocument(parsed.document, limits);
  return { model: result.model, diagnostics: [...parsed.diagnostics, ...result.diagnostics] };
}

export function validateBytes(
  bytes: Uint8Array,
  file: string,
  limits: SpecLimits = DEFAULT_LIMITS,
): ValidationResult {
  const decoded = decodeSpecBytes(bytes, file, limits);
  if (!decoded.ok) return { model: null, diagnostics: [decoded.diagnostic] };
  return validateText(decoded.text, file, limits);
}
