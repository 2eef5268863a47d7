// How many problems one spec reports, and text that is safe to print. A garbled or hostile file can
// hold hundreds of thousands of problems: past the limit they are only counted, so validation
// stays fast and the output readable. User text quoted in a message could carry terminal escapes
// or bidi overrides, so messages show such characters as \u escapes.

import { type Diagnostic, diagnosticAt, plural, printable, type Severity } from '../diagnostics.js';

export interface Hidden {
  errors: number;
  warnings: number;
}

export const NOTHING_HIDDEN: Readonly<Hidden> = { errors: 0, warnings: 0 };

/** Counts a diagnostic that is not shown. */
export function hide(hidden: Hidden, severity: Severity): void {
  if (severity === 'error') hidden.errors++;
  else hidden.warnings++;
}

/**
 * The first `max` diagnostics with printable text, and one `too-many-problems` line counting the
 * rest (an error if any of them is), so the model stays null exactly when there is an error.
 */
export function limitDiagnostics(
  file: string,
  diagnostics: readonly Diagnostic[],
  max: number,
  alreadyHidden: Readonly<Hidden> = NOTHING_HIDDEN,
): Diagnostic[] {
  const hidden = { ...alreadyHidden };
  for (const d of diagnostics.slice(max)) hide(hidden, d.severity);
  const shown = diagnostics.slice(0, max).map((d) => ({
    ...d,
    message: printable(d.message),
    ...(d.hint === undefined ? {} : { hint: printable(d.hint) }),
  }));
  const count = hidden.errors + hidden.warnings;
  if (count === 0) return shown;
  const parts = [
    hidden.errors > 0 ? plural(hidden.errors, 'error') : '',
    hidden.warnings > 0 ? plural(hidden.warnings, 'warning') : '',
  ]
    .filter((p) => p !== '')
    .join(' and ');
  shown.push(
    diagnosticAt(
      file,
      { line: 0, column: 0 },
      hidden.errors > 0 ? 'error' : 'warning',
      'too-many-problems',
      `${parts} more ${count === 1 ? 'is' : 'are'} not shown`,
      'fix the problems above and validate again; a file this broken may not be a refarch spec at all',
    ),
  );
  return shown;
}
