// `refarch render`: validates, lays out and renders specs to files, atomically; a spec with errors
// leaves its previous output untouched and the rest of the batch still renders.

import path from 'node:path';
import { type Command, Option } from 'commander';
import { type Diagnostic, fileError } from '../diagnostics.js';
import type { Diagram } from '../diagram/diagram.js';
import { FORMATS, formatInfo, OUTPUT_FORMATS, type OutputFormat } from '../formats.js';
import { type ElkEngine, LayoutTimeoutError } from '../layout/elk-engine.js';
import { modelTexts } from '../layout/model-texts.js';
import { layout, renderDiagram } from '../pipeline.js';
import { prepareFont } from '../render/diagram-font.js';
import { type SvgRenderer, workerRenderer } from '../render/renderer.js';
import { THEME_NAMES, type ThemeName } from '../render/theme.js';
import { sameOutput } from './compare.js';
import { findSpecFiles, outputName, readIfExists, removeStaleTempFiles, writeFileAtomic } from './files.js';
import {
  budgetedElk,
  type LayoutBudgetFlag,
  layoutTimeoutOption,
  layoutTimeoutProblem,
} from './layout-budget.js';
import { loadSpec } from './load.js';
import { type LimitFlags, limitOptions, limitsFrom, specInputs, specPathsArgument } from './options.js';
import { createProgress } from './progress.js';
import { BugLog, EXIT_INVALID, EXIT_OK, type Output, plural, printDiagnostics } from './report.js';
import { watchRender } from './watch.js';

interface RenderFlags extends LimitFlags, LayoutBudgetFlag {
  out: string;
  format: OutputFormat;
  theme: ThemeName;
  quiet: boolean;
  watch: boolean;
}

type Outcome = 'rendered' | 'unchanged' | 'failed';

/** The worker threads a render uses: ELK, and the SVG renderer for formats drawn from the SVG. */
export interface RenderEngines {
  elk: ElkEngine;
  renderer: SvgRenderer | undefined;
  close(): Promise<void>;
}

/** Starts the workers: ELK and jsdom load on other threads while this one validates and measures. */
export function startRenderEngines(flags: Pick<RenderFlags, 'format' | 'layoutTimeout'>): RenderEngines {
  const elk = budgetedElk(flags);
  const renderer = formatInfo(flags.format).fromSvg ? workerRenderer() : undefined;
  return {
    elk,
    renderer,
    close: async () => {
      await Promise.all([elk.close(), renderer?.close()]);
    },
  };
}

/**
 * Renders the specs under `paths`. With `engines` (watch mode: one set for every re-render, so a
 * save does not pay for loading ELK and jsdom again) the caller closes them; without, this does.
 */
export async function runRender(
  paths: string[],
  flags: RenderFlags,
  err: Output,
  engines?: RenderEngines,
): Promise<number> {
  const found = await findSpecFiles(specInputs(paths));
  printDiagnostics(err, 'text', found.diagnostics);
  const limits = limitsFrom(flags);
  const own = engines ? undefined : startRenderEngines(flags);
  const { elk, renderer } = engines ?? own!;
  const counts: Record<Outcome, number> = { rendered: 0, unchanged: 0, failed: 0 };
  const problems = [...found.diagnostics];
  const report = (diagnostic: Diagnostic): Outcome => {
    printDiagnostics(err, 'text', [diagnostic]);
    problems.push(diagnostic);
    return 'failed';
  };
  // A bug costs its spec, not the batch: reported with its stack, and the run exits 2.
  const bugs = new BugLog(err);
  const reportBug = (doing: string, e: unknown): Outcome => {
    bugs.report(`${doing}; nothing was written for it`, e);
    return 'failed';
  };
  // A render killed between writing its temporary file and renaming it leaves the temporary file.
  await removeStaleTempFiles(flags.out);
  // `a b.yaml` and `a_b.yaml`, or `x.yaml` and `x.json`, would write the same file: the later one
  // would silently replace the earlier one's diagram. Output file name, in lower case -> its spec.
  const writers = new Map<string, string>();

  const finish = async (file: string, diagram: Diagram): Promise<Outcome> => {
    const target = path.join(flags.out, outputName(file, flags.format));
    let output: string | Uint8Array;
    try {
      output = await renderDiagram(diagram, {
        format: flags.format,
        theme: flags.theme,
        ...(renderer ? { renderer } : {}),
      });
    } catch (e) {
      return reportBug(`rendering ${file}`, e);
    }
    printDiagnostics(err, 'text', (await formatInfo(flags.format).warnings?.(diagram, file)) ?? []);
    try {
      // Inside the try: reading the old output can fail too (--out names a file, an unreadable file).
      if (sameOutput(await readIfExists(target), output)) return 'unchanged';
      await writeFileAtomic(target, output);
      return 'rendered';
    } catch (e) {
      return report(fileError(target, 'cannot-write', (e as Error).message));
    }
  };

  // A small pipeline: while one spec is rendered and written on the render worker, the next is
  // validated here and laid out on the ELK worker, so a batch keeps both cores busy.
  let inFlight: Promise<void> = Promise.resolve();
  const total = found.files.length;
  const progress = createProgress(err, !flags.quiet);
  for (const [i, file] of found.files.entries()) {
    // Shown while the spec is read; other lines (diagnostics, the watch log) come after it.
    progress.step(i, total, file);
    const loaded = await loadSpec(file, limits);
    progress.done();
    printDiagnostics(
      err,
      'text',
      flags.quiet ? loaded.diagnostics.filter((d) => d.severity === 'error') : loaded.diagnostics,
    );
    problems.push(...loaded.diagnostics);
    if (!loaded.model) {
      counts.failed++;
      continue;
    }
    const target = outputName(file, flags.format);
    // Compared case-blind: on macOS and Windows `A.svg` and `a.svg` are one file.
    const earlier = writers.get(target.toLowerCase());
    if (earlier !== undefined) {
      counts[
        report(
          fileError(
            file,
            'output-clash',
            `would write ${path.join(flags.out, target)}, which ${earlier} writes; nothing was written`,
            'rename one of the two specs',
          ),
        )
      ]++;
      continue;
    }
    writers.set(target.toLowerCase(), file);
    let diagram: Diagram;
    try {
      const model = loaded.model;
      diagram = await layout(model, {
        engine: elk,
        // This thread would only wait for the ELK worker: make the font subsets meanwhile.
        ...(renderer ? { onElkStarted: () => prepareFont(modelTexts(model)) } : {}),
      });
    } catch (e) {
      counts[
        e instanceof LayoutTimeoutError
          ? report(layoutTimeoutProblem(file, e, 'nothing was written'))
          : reportBug(`laying out ${file}`, e)
      ]++;
      continue;
    }
    await inFlight;
    inFlight = finish(file, diagram).then((outcome) => {
      counts[outcome]++;
    });
  }
  await inFlight;
  await own?.close();
  if (!flags.quiet) {
    err.write(
      `${plural(total, 'spec')}: ${counts.rendered} rendered, ${counts.unchanged} unchanged, ${counts.failed} failed\n`,
    );
  }
  // Bugs and I/O problems (unreadable spec, unwritable output) exit 2, invalid specs 1, like `check`.
  const code = bugs.exitCode(problems);
  if (code !== EXIT_OK) return code;
  return counts.failed > 0 ? EXIT_INVALID : EXIT_OK;
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
    .addArgument(specPathsArgument())
    .option('-o, --out <dir>', 'output folder', 'output')
    .addOption(
      new Option(
        '-f, --format <format>',
        `output format: ${FORMATS.map((f) => `${f.name} (${f.summary})`).join(', ')}`,
      )
        .choices([...OUTPUT_FORMATS])
        .default('svg'),
    )
    .addOption(
      new Option('-t, --theme <theme>', "colour theme; auto follows the viewer's dark mode")
        .choices([...THEME_NAMES])
        .default('light'),
    )
    .option('-q, --quiet', 'print errors only', false)
    .option('-w, --watch', 're-render each spec when it changes, until Ctrl-C', false);
  for (const option of [...limitOptions(), layoutTimeoutOption()]) command.addOption(option);
  command.addHelpText(
    'after',
    '\nA spec with errors is reported and skipped; its previous output stays as it was.\nExit codes: 0 all rendered, 1 some spec invalid or over the layout budget, 2 usage or I/O error, or a bug.\n\nExamples:\n  $ refarch render                                  # architectures/ -> output/*.svg\n  $ refarch render architectures/tada-event-flow.yaml --format png --theme dark\n  $ refarch render --watch                          # re-render on every save',
  );
  command.action(async (paths: string[], flags: RenderFlags) => {
    if (!flags.watch) return setExit(await runRender(paths, flags, err));
    const inputs = specInputs(paths);
    const engines = startRenderEngines(flags);
    try {
      setExit(await watchRender(inputs, (files) => runRender(files, flags, err, engines), err));
    } finally {
      await engines.close();
    }
  });
}
