// `refarch embed`: refreshes the diagrams between `<!-- refarch spec.yaml -->` and `<!-- /refarch -->`
// in Markdown files, writing light and dark SVGs beside them. Writes only what changed, atomically;
// a file with a broken marker or spec is reported and left untouched.

import type { Command } from 'commander';
import { type Diagnostic, fileError } from '../diagnostics.js';
import type { ElkEngine } from '../layout/elk-engine.js';
import { sameOutput } from './compare.js';
import {
  DEFAULT_IMAGE_FOLDER,
  type EmbedAsset,
  type EmbedPlan,
  EmbedSession,
  planEmbed,
} from './embed-plan.js';
import { readIfExists, writeFileAtomic } from './files.js';
import { budgetedElk, type LayoutBudgetFlag, layoutTimeoutOption } from './layout-budget.js';
import { type FormatFlag, formatOption, type LimitFlags, limitOptions, limitsFrom } from './options.js';
import { createProgress } from './progress.js';
import { BugLog, type Output, plural, printDiagnostics } from './report.js';

interface EmbedFlags extends FormatFlag, LimitFlags, LayoutBudgetFlag {
  out?: string;
  quiet: boolean;
}

/** Writes the images a plan needs (skipping identical ones), then the Markdown; returns files written. */
async function applyPlan(plan: EmbedPlan, written: Set<string>): Promise<string[]> {
  const changed: string[] = [];
  const assets: EmbedAsset[] = plan.blocks.flatMap((b) => b.assets);
  for (const asset of assets) {
    if (written.has(asset.file)) continue;
    written.add(asset.file);
    if (sameOutput(await readIfExists(asset.file), asset.data)) continue;
    await writeFileAtomic(asset.file, asset.data);
    changed.push(asset.file);
  }
  // Images first: the Markdown never points at a file that is not there yet.
  if (plan.updated !== undefined && plan.updated !== plan.text) {
    await writeFileAtomic(plan.file, plan.updated);
    changed.push(plan.file);
  }
  return changed;
}

/** Embeds into the Markdown `files`. With `elk` the caller owns the engine; without, this starts one. */
export async function runEmbed(
  files: string[],
  flags: EmbedFlags,
  out: Output,
  err: Output,
  elk?: ElkEngine,
): Promise<number> {
  const own = elk ? undefined : budgetedElk(flags);
  try {
    return await embedAll(files, flags, out, err, elk ?? own!);
  } finally {
    await own?.close();
  }
}

async function embedAll(
  files: string[],
  flags: EmbedFlags,
  out: Output,
  err: Output,
  elk: ElkEngine,
): Promise<number> {
  const session = new EmbedSession(limitsFrom(flags), elk);
  const progress = createProgress(err, !flags.quiet);
  // A bug costs its Markdown file, left untouched, not the run: reported with its stack, exit 2.
  const bugs = new BugLog(err);
  const markdownDiagnostics: Diagnostic[] = [];
  const written = new Set<string>();
  const wrote: string[] = [];
  let updated = 0;
  let unchanged = 0;
  let failed = 0;
  let diagrams = 0;
  for (const [i, file] of files.entries()) {
    progress.step(i, files.length, file);
    let plan: EmbedPlan;
    try {
      plan = await planEmbed(file, flags.out, session);
    } catch (e) {
      progress.done();
      bugs.report(`embedding the diagrams of ${file}; it was left as it was`, e);
      failed++;
      continue;
    }
    markdownDiagnostics.push(...plan.diagnostics);
    if (plan.updated === undefined) {
      failed++;
      continue;
    }
    diagrams += plan.blocks.length;
    try {
      const changed = await applyPlan(plan, written);
      if (changed.length > 0) updated++;
      else unchanged++;
      wrote.push(...changed);
    } catch (e) {
      markdownDiagnostics.push(fileError(file, 'cannot-write', (e as Error).message));
      failed++;
    }
  }
  progress.done();
  if (flags.format === 'text' && !flags.quiet) for (const f of wrote) out.write(`wrote ${f}\n`);
  const specDiagnostics = await session.specDiagnostics();
  const shown = [...specDiagnostics, ...markdownDiagnostics].filter(
    (d) => !flags.quiet || d.severity === 'error',
  );
  printDiagnostics(out, flags.format, shown);
  if (flags.format === 'text' && !flags.quiet)
    err.write(
      `${plural(files.length, 'Markdown file')}: ${updated} updated, ${unchanged} unchanged, ${failed} failed (${plural(diagrams, 'diagram')})\n`,
    );
  return bugs.exitCode([...specDiagnostics, ...markdownDiagnostics]);
}

export function registerEmbed(
  program: Command,
  out: Output,
  err: Output,
  setExit: (code: number) => void,
): void {
  const command = program
    .command('embed')
    .description(
      'refresh the diagrams between <!-- refarch spec.yaml --> and <!-- /refarch --> in Markdown files',
    )
    .argument('<markdown...>', 'Markdown files, e.g. README.md')
    .option(
      '-o, --out <dir>',
      `folder for the SVGs (default: the folder the block, or else the file's other blocks, already use; else ${DEFAULT_IMAGE_FOLDER}/ beside the Markdown file)`,
    )
    .addOption(formatOption())
    .option('-q, --quiet', 'print errors only', false);
  for (const option of [...limitOptions(), layoutTimeoutOption()]) command.addOption(option);
  command.addHelpText(
    'after',
    [
      '',
      'A block looks like this; the spec path is relative to the Markdown file:',
      '  <!-- refarch architectures/tada-event-flow.yaml -->',
      '  <!-- /refarch -->',
      'embed writes a <picture> with a light and a dark SVG between the markers. A file with a',
      'broken marker, a missing spec or an invalid spec is reported and left as it was.',
      'Exit codes: 0 done, 1 a marker or spec is broken, 2 usage or I/O error, or a bug.',
      '',
      'Example:',
      '  $ refarch embed README.md --out docs/diagrams',
    ].join('\n'),
  );
  command.action(async (files: string[], flags: EmbedFlags) =>
    setExit(await runEmbed(files, flags, out, err)),
  );
}
