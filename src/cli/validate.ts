// `refarch validate`: checks specs and reports every problem with its position.

import type { Command } from 'commander';
import { findSpecFiles } from './files.js';
import { loadSpec } from './load.js';
import {
  DEFAULT_SPEC_DIR,
  type FormatFlag,
  formatOption,
  type LimitFlags,
  limitOptions,
  limitsFrom,
  specInputs,
  specPathsArgument,
} from './options.js';
import { exitCodeFor, type Output, plural, printDiagnostics } from './report.js';

interface ValidateFlags extends FormatFlag, LimitFlags {
  quiet: boolean;
}

export async function runValidate(
  paths: string[],
  flags: ValidateFlags,
  out: Output,
  err: Output,
): Promise<number> {
  const found = await findSpecFiles(specInputs(paths));
  if (paths.length === 0) {
    // A first `refarch validate` with no arguments should say what it looked for.
    found.diagnostics = found.diagnostics.map((d) =>
      d.code === 'cannot-read'
        ? {
            ...d,
            hint: `with no paths, validate reads ${DEFAULT_SPEC_DIR}/; pass spec files or folders instead`,
          }
        : d,
    );
  }
  const limits = limitsFrom(flags);
  const diagnostics = [...found.diagnostics];
  let invalid = 0;
  for (const file of found.files) {
    const loaded = await loadSpec(file, limits);
    if (!loaded.model) invalid++;
    const shown = flags.quiet ? loaded.diagnostics.filter((d) => d.severity === 'error') : loaded.diagnostics;
    if (flags.format !== 'json') printDiagnostics(out, flags.format, shown);
    diagnostics.push(...shown);
  }
  if (flags.format === 'json') printDiagnostics(out, 'json', diagnostics);
  else printDiagnostics(out, flags.format, found.diagnostics);
  if (flags.format === 'text' && !flags.quiet) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    err.write(
      `${plural(found.files.length, 'spec')} checked: ${found.files.length - invalid} valid, ${invalid} invalid (${plural(errors, 'error')}, ${plural(warnings, 'warning')})\n`,
    );
  }
  return exitCodeFor(diagnostics);
}

export function registerValidate(
  program: Command,
  out: Output,
  err: Output,
  setExit: (code: number) => void,
): void {
  const command = program
    .command('validate')
    .description('check specs against the schema and the AWS rules; prints file:line:col diagnostics')
    .addArgument(specPathsArgument())
    .addOption(formatOption())
    .option('-q, --quiet', 'print errors only, no warnings or summary', false);
  for (const option of limitOptions()) command.addOption(option);
  command.addHelpText(
    'after',
    '\nExit codes: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.\n\nExample:\n  $ refarch validate architectures/tada-event-flow.yaml',
  );
  command.action(async (paths: string[], flags: ValidateFlags) =>
    setExit(await runValidate(paths, flags, out, err)),
  );
}
