// `refarch render`: validates, lays out and renders specs to files, atomically, one spec at a time;
// a spec with errors leaves its previous output untouched and the rest of the batch still renders.

import path from 'node:path';
import { type Command, Option } from 'commander';
import { OUTPUT_FORMATS, type OutputFormat, renderModel } from '../pipeline.js';
import { workerRenderer } from '../render/renderer.js';
import { THEME_NAMES, type ThemeName } from '../render/theme.js';
import { findSpecFiles, readIfExists, writeFileAtomic } from './files.js';
import { loadSpec } from './load.js';
import { DEFAULT_SPEC_DIR, type LimitFlags, limitOptions, limitsFrom } from './options.js';
import { EXIT_INVALID, EXIT_OK, exitCodeFor, type Output, plural, printDiagnostics } from './report.js';
import { watchRender } from './watch.js';

interface RenderFlags extends LimitFlags {
  out: string;
  format: OutputFormat;
  theme: ThemeName;
  quiet: boolean;
  watch: boolean;
}

/** `architectures/tada.ko.yaml` -> `tada.ko`; anything but a plain file name is impossible by construction. */
export function outputName(specFile: string, format: OutputFormat): string {
  const base = path.basename(specFile).replace(/\.(ya?ml|json)$/i, '');
  return `${base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')}.${format}`;
}

function sameBytes(a: Uint8Array | undefined, b: string | Uint8Array): boolean {
  if (!a) return false;
  const bytes = typeof b === 'string' ? Buffer.from(b) : b;
  return (
    Buffer.compare(
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ) === 0
  );
}

export async function runRender(paths: string[], flags: RenderFlags, err: Output): Promise<number> {
  const found = await findSpecFiles(paths.length > 0 ? paths : [DEFAULT_SPEC_DIR]);
  printDiagnostics(err, 'text', found.diagnostics);
  const limits = limitsFrom(flags);
  // Start the renderer first: it loads jsdom on another thread while this one validates and lays out.
  const renderer = flags.format === 'json' ? undefined : workerRenderer();
  let rendered = 0;
  let unchanged = 0;
  let failed = 0;
  const problems = [...found.diagnostics];
  const total = found.files.length;
  for (const [i, file] of found.files.entries()) {
    if (err.isTTY && !flags.quiet) err.write(`\r\x1b[K[${i + 1}/${total}] ${file}`);
    const loaded = await loadSpec(file, limits);
    if (err.isTTY && !flags.quiet) err.write('\r\x1b[K');
    printDiagnostics(
      err,
      'text',
      flags.quiet ? loaded.diagnostics.filter((d) => d.severity === 'error') : loaded.diagnostics,
    );
    problems.push(...loaded.diagnostics);
    if (!loaded.model) {
      failed++;
      continue;
    }
    const target = path.join(flags.out, outputName(file, flags.format));
    const output = await renderModel(loaded.model, {
      format: flags.format,
      theme: flags.theme,
      ...(renderer ? { renderer } : {}),
    });
    if (sameBytes(await readIfExists(target), output)) {
      unchanged++;
      continue;
    }
    try {
      await writeFileAtomic(target, output);
      rendered++;
    } catch (e) {
      const diagnostic = {
        file: target,
        line: 0,
        column: 0,
        severity: 'error' as const,
        code: 'cannot-write',
        message: (e as Error).message,
      };
      printDiagnostics(err, 'text', [diagnostic]);
      problems.push(diagnostic);
      failed++;
    }
  }
  if (!flags.quiet)
    err.write(`${plural(total, 'spec')}: ${rendered} rendered, ${unchanged} unchanged, ${failed} failed\n`);
  // I/O problems (unreadable spec, unwritable output) exit 2, invalid specs 1, like `check`.
  const code = exitCodeFor(problems);
  if (code !== EXIT_OK) return code;
  return failed > 0 ? EXIT_INVALID : EXIT_OK;
}

export function registerRender(
  program: Command,
  _out: Output,
  err: Output,
  setExit: (code: number) => void,
): void {
  const command = program
    .command('render')
    .description('render specs to SVG (or PNG, or JSON geometry); writes are atomic')
    .argument('[paths...]', `spec files or folders (default: ${DEFAULT_SPEC_DIR}/)`)
    .option('-o, --out <dir>', 'output folder', 'output')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('svg'),
    )
    .addOption(
      new Option('-t, --theme <theme>', "colour theme; auto follows the viewer's dark mode")
        .choices([...THEME_NAMES])
        .default('light'),
    )
    .option('-q, --quiet', 'print errors only', false)
    .option('-w, --watch', 're-render each spec when it changes, until Ctrl-C', false);
  for (const option of limitOptions()) command.addOption(option);
  command.addHelpText(
    'after',
    '\nA spec with errors is reported and skipped; its previous output stays as it was.\nExit codes: 0 all rendered, 1 some spec invalid, 2 usage or I/O error.\n\nExamples:\n  $ refarch render                                  # architectures/ -> output/*.svg\n  $ refarch render architectures/tada-event-flow.yaml --format png --theme dark\n  $ refarch render --watch                          # re-render on every save',
  );
  command.action(async (paths: string[], flags: RenderFlags) => {
    if (!flags.watch) return setExit(await runRender(paths, flags, err));
    const inputs = paths.length > 0 ? paths : [DEFAULT_SPEC_DIR];
    setExit(await watchRender(inputs, (files) => runRender(files, flags, err), err));
  });
}
