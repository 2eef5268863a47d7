// The one Diagnostic type every stage reports user mistakes with, and its formatters.
// User mistakes are data: stages return diagnostics; only bugs throw.

import type { DiagnosticCode } from './diagnostic-codes.js';

export type { DiagnosticCode } from './diagnostic-codes.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 0 when the problem concerns the whole file. */
  column: number;
  severity: Severity;
  /** Stable kebab-case identifier that tests and tools can match on; all are in diagnostic-codes.ts. */
  code: DiagnosticCode;
  message: string;
  /** What to do about it, when we can tell. */
  hint?: string;
}

export type DiagnosticFormat = 'text' | 'json' | 'github';

/** A place in a file: line and column from 1, or 0 and 0 for the whole file. */
export interface Position {
  line: number;
  column: number;
}

export function diagnosticAt(
  file: string,
  { line, column }: Position,
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  hint?: string,
): Diagnostic {
  return { file, line, column, severity, code, message, ...(hint ? { hint } : {}) };
}

/** An error at a place in a file (line and column from 1). */
export function errorAt(
  file: string,
  line: number,
  column: number,
  code: DiagnosticCode,
  message: string,
  hint?: string,
): Diagnostic {
  return diagnosticAt(file, { line, column }, 'error', code, message, hint);
}

/** An error about a whole file rather than a place in it, e.g. one that cannot be read or written. */
export function fileError(file: string, code: DiagnosticCode, message: string, hint?: string): Diagnostic {
  return errorAt(file, 0, 0, code, message, hint);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)
  );
}

// C0 and C1 controls (terminal escapes, line breaks), bidi overrides and isolates, invisible
// characters (zero-width space and joiners, word joiner, BOM) and unpaired surrogates.
const UNPRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAX_TEXT = 300;

/** Text with every unprintable character written as a \u escape, so a terminal shows it as text. */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line of text with every unprintable character escaped, at most 300 characters. */
export function printable(text: string): string {
  const safe = escapeUnprintable(text);
  return safe.length > MAX_TEXT ? `${safe.slice(0, MAX_TEXT - 1)}…` : safe;
}

// File names come from the file system and may hold terminal escapes too.
function location(d: Diagnostic): string {
  const file = escapeUnprintable(d.file);
  return d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
}

export interface TextStyler {
  error(s: string): string;
  warning(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: TextStyler = { error: (s) => s, warning: (s) => s, dim: (s) => s, bold: (s) => s };

/** `file:line:col severity code: message` with the hint on an indented second line. */
export function formatText(d: Diagnostic, style: TextStyler = plain): string {
  const severity = d.severity === 'error' ? style.error('error') : style.warning('warning');
  const head = `${style.bold(location(d))} ${severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  ${style.dim(`hint: ${d.hint}`)}` : head;
}

function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A GitHub Actions workflow command, which GitHub shows as an annotation on the diff. */
export function formatGithub(d: Diagnostic): string {
  const props = [`file=${escapeGithubProperty(d.file)}`];
  if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
  props.push(`title=${escapeGithubProperty(`refarch ${d.code}`)}`);
  const message = d.hint ? `${d.message} (hint: ${d.hint})` : d.message;
  return `::${d.severity} ${props.join(',')}::${escapeGithubData(message)}`;
}

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(diagnostics, null, 2)}\n`;
}
