// What a semantic rule sees and returns.

import type { Diagnostic, DiagnosticCode, Severity } from '../../diagnostics.js';
import type { SpecLimits } from '../limits.js';
import type { SpecDocument, SpecPath } from '../parse.js';
import type { EdgeEntry, NodeEntry } from '../tree.js';

export interface RuleContext {
  doc: SpecDocument;
  spec: Record<string, unknown>;
  nodes: NodeEntry[];
  /** First entry per id; duplicates are reported by the duplicate-id rule. */
  nodeById: Map<string, NodeEntry>;
  edges: EdgeEntry[];
  limits: SpecLimits;
  /** True once the diagnostic limit is reached: later reports are only counted, so skip costly suggestions. */
  full(): boolean;
  report(
    at: SpecPath,
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    hint?: string,
    which?: 'value' | 'key',
  ): void;
}

export type Rule = (ctx: RuleContext) => void;

export type { Diagnostic };
