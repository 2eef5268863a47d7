// Prints diagnostics in the format the user asked for, and decides the exit code.

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

export { plural } from '../diagnostics.js';
