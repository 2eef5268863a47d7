// Prints diagnostics in the format the user asked for, and bugs with their stacks, and decides the
// exit code.

import { createColors } from 'picocolors';
import { FILE_CODES } from '../diagnostic-codes.js';
import {
  type Diagnostic,
  type DiagnosticFormat,
  formatGithub,
  formatJson,
  formatText,
  type TextStyler,
} from '../diagnostics.js';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/** refarch itself failed, which says nothing about the specs: so not 1, the code of findings. */
export const EXIT_BUG = 2;

export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => FILE_CODES.has(d.code))) return EXIT_USAGE;
  if (diagnostics.some((d) => d.severity === 'error')) return EXIT_INVALID;
  return EXIT_OK;
}

export interface Output {
  write(text: string): void;
  isTTY: boolean;
}

export function stylerFor(out: Output): TextStyler {
  const colors = createColors(out.isTTY && !('NO_COLOR' in process.env));
  return {
    error: (s) => colors.red(colors.bold(s)),
    warning: (s) => colors.yellow(colors.bold(s)),
    dim: colors.dim,
    bold: colors.bold,
  };
}

/** Text and GitHub formats print one diagnostic at a time; JSON prints all at the end. */
export function printDiagnostics(
  out: Output,
  format: DiagnosticFormat,
  diagnostics: readonly Diagnostic[],
): void {
  if (format === 'json') {
    out.write(formatJson(diagnostics));
    return;
  }
  const style = stylerFor(out);
  for (const d of diagnostics) out.write(`${format === 'github' ? formatGithub(d) : formatText(d, style)}\n`);
}

/**
 * What to print for an exception where none was expected, met while `doing` something: a bug in
 * refarch, not a problem with the input, so it is no diagnostic but a report with its stack.
 */
export function bugReport(doing: string, e: unknown): string {
  const stack = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  return `refarch: bug while ${doing} (please report it, with the spec if you can share it):\n${stack}\n`;
}

/** The bugs one run met: each printed once with its stack (a cached failure may surface twice). */
export class BugLog {
  private readonly seen = new Set<unknown>();

  constructor(private readonly err: Output) {}

  get count(): number {
    return this.seen.size;
  }

  report(doing: string, e: unknown): void {
    if (this.seen.has(e)) return;
    this.seen.add(e);
    this.err.write(bugReport(doing, e));
  }

  /** EXIT_BUG after any bug, else the code the diagnostics call for. */
  exitCode(diagnostics: readonly Diagnostic[]): number {
    return this.count > 0 ? EXIT_BUG : exitCodeFor(diagnostics);
  }
}

export { plural } from '../diagnostics.js';
