// The validation stage: text -> SpecDocument -> checked spec -> Model, with every problem reported
// as a positioned diagnostic. Pure: the caller reads files and prints.

import { compareDiagnostics, type Diagnostic, diagnosticAt, errorAt, hasErrors } from '../diagnostics.js';
import { fastParse } from './fast-parse.js';
import { DEFAULT_LIMITS, type SpecLimits } from './limits.js';
import { buildModel, type Model } from './model.js';
import { parseSpecText, type SpecDocument } from './parse.js';
import { type Hidden, hide, limitDiagnostics, NOTHING_HIDDEN } from './problem-limit.js';
import { RULES, SIZE_RULES } from './rules/index.js';
import type { Rule, RuleContext } from './rules/rule.js';
import { decodeSpecBytes } from './source.js';
import { checkStructure } from './structure.js';
import { collectEdges, collectNodes, isRecord, type NodeEntry } from './tree.js';
import type { ArchitectureSpec } from './types.js';

export interface ValidationResult {
  /** Present when the spec has no errors (warnings allowed). */
  model: Model | null;
  diagnostics: Diagnostic[];
}

interface Checked {
  diagnostics: Diagnostic[];
  /** Problems past the limit: counted, never built (their suggestions would cost the most). */
  hidden: Readonly<Hidden>;
}

/** What every rule reads: the spec's nodes and edges, collected once per document. */
type SpecParts = Pick<RuleContext, 'spec' | 'nodes' | 'nodeById' | 'edges'>;

function specParts(doc: SpecDocument, limits: SpecLimits): SpecParts {
  const spec = isRecord(doc.value) ? doc.value : {};
  const nodes = collectNodes(spec, limits.maxDepth);
  const nodeById = new Map<string, NodeEntry>();
  for (const node of nodes) if (!nodeById.has(node.id)) nodeById.set(node.id, node);
  return { spec, nodes, nodeById, edges: collectEdges(spec) };
}

function runRules(
  doc: SpecDocument,
  limits: SpecLimits,
  parts: SpecParts,
  rules: readonly Rule[],
  room: number,
): Checked {
  const diagnostics: Diagnostic[] = [];
  const hidden: Hidden = { errors: 0, warnings: 0 };
  const ctx: RuleContext = {
    doc,
    ...parts,
    limits,
    full: () => diagnostics.length >= room,
    report(at, severity, code, message, hint, which = 'value') {
      if (diagnostics.length >= room) {
        hide(hidden, severity);
        return;
      }
      diagnostics.push(diagnosticAt(doc.file, doc.positionOf(at, which), severity, code, message, hint));
    },
  };
  for (const rule of rules) rule(ctx);
  return { diagnostics, hidden };
}

function notAMap(doc: SpecDocument): Diagnostic {
  return diagnosticAt(
    doc.file,
    doc.positionOf([]),
    'error',
    'wrong-type',
    'a spec must be a map with `refarch` and `nodes`',
    'see the example in the README',
  );
}

function checkDocument(doc: SpecDocument, limits: SpecLimits): Checked {
  if (!isRecord(doc.value)) return { diagnostics: [notAMap(doc)], hidden: NOTHING_HIDDEN };
  const parts = specParts(doc, limits);
  const size = runRules(doc, limits, parts, SIZE_RULES, limits.maxDiagnostics);
  if (hasErrors(size.diagnostics)) return size;
  const structure = checkStructure(doc);
  const room = Math.max(0, limits.maxDiagnostics - structure.length - size.diagnostics.length);
  const rules = runRules(doc, limits, parts, RULES, room);
  const diagnostics = [...size.diagnostics, ...structure, ...rules.diagnostics].sort(compareDiagnostics);
  return { diagnostics, hidden: rules.hidden };
}

function result(
  doc: SpecDocument | null,
  file: string,
  checked: Checked,
  limits: SpecLimits,
): ValidationResult {
  const failed = hasErrors(checked.diagnostics) || checked.hidden.errors > 0;
  return {
    model: failed || !doc ? null : buildModel(doc.value as unknown as ArchitectureSpec, file),
    diagnostics: limitDiagnostics(file, checked.diagnostics, limits.maxDiagnostics, checked.hidden),
  };
}

/** Validates a parsed document and, when it has no errors, resolves it into a Model. */
export function validateDocument(doc: SpecDocument, limits: SpecLimits = DEFAULT_LIMITS): ValidationResult {
  return result(doc, doc.file, checkDocument(doc, limits), limits);
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function readPositioned(text: string, file: string, limits: SpecLimits): ValidationResult {
  const parsed = parseSpecText(text, file, limits);
  if (!parsed.document)
    return result(null, file, { diagnostics: parsed.diagnostics, hidden: NOTHING_HIDDEN }, limits);
  const checked = checkDocument(parsed.document, limits);
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics];
  return result(parsed.document, file, { diagnostics, hidden: checked.hidden }, limits);
}

/** Reads fast first (no positions); only a spec with something to report is read again with positions. */
function readFastThenPositioned(text: string, file: string, limits: SpecLimits): ValidationResult {
  const value = fastParse(text, limits.maxDepth);
  if (value !== undefined) {
    const unpositioned: SpecDocument = { file, value, positionOf: () => ({ line: 1, column: 1 }) };
    const quick = validateDocument(unpositioned, limits);
    if (quick.diagnostics.length === 0) return quick;
  }
  return readPositioned(text, file, limits);
}

function guarded(
  read: typeof readPositioned,
  text: string,
  file: string,
  limits: SpecLimits,
): ValidationResult {
  try {
    return read(text, file, limits);
  } catch (e) {
    // Only with a raised --max-depth: parsing, the schema check and the model recurse once per level.
    if (!isStackOverflow(e)) throw e;
    const deep = errorAt(
      file,
      1,
      1,
      'nesting-too-deep',
      'the spec is nested too deeply to check',
      'flatten the structure, or lower --max-depth',
    );
    return { model: null, diagnostics: [deep] };
  }
}

export function validateText(
  text: string,
  file: string,
  limits: SpecLimits = DEFAULT_LIMITS,
): ValidationResult {
  return guarded(readFastThenPositioned, text, file, limits);
}

/** validateText without the fast first reading: the reference the fast path is tested against. */
export function validatePositioned(
  text: string,
  file: string,
  limits: SpecLimits = DEFAULT_LIMITS,
): ValidationResult {
  return guarded(readPositioned, text, file, limits);
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
