// `refarch check`: for CI, like `prettier --check`. Validates every spec and compares each committed
// output (and each Markdown embed block) with what the current code renders, writing nothing;
// every stale or missing file is one line that says which command brings it up to date.

import path from 'node:path';
import { type Command, Option } from 'commander';
import { type Diagnostic, errorAt, fileError } from '../diagnostics.js';
import type { Diagram } from '../diagram/diagram.js';
import { FORMATS, type OutputFormat } from '../formats.js';
import { type ElkEngine, LayoutTimeoutError } from '../layout/elk-engine.js';
import { renderDiagram } from '../pipeline.js';
import { THEME_NAMES, type ThemeName } from '../render/theme.js';
import { sameOutput } from './compare.js';
import { type EmbedPlan, EmbedSession, hasEmbedMarkers, planEmbed } from './embed-plan.js';
import { findSpecFiles, outputName, readIfExists } from './files.js';
import {
  budgetedElk,
  type LayoutBudgetFlag,
  layoutTimeoutOption,
  layoutTimeoutProblem,
} from './layout-budget.js';
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
import { createProgress } from './progress.js';
import { BugLog, type Output, plural, printDiagnostics } from './report.js';

interface CheckFlags extends FormatFlag, LimitFlags, LayoutBudgetFlag {
  out: string;
  theme: ThemeName;
  quiet: boolean;
  /** Markdown files to check; false with --no-docs; undefined: README.md when it has markers. */
  docs?: string[] | false;
}

/** The SVG must be committed; the other formats are checked only when one was committed. */
const CHECKED_FORMATS: readonly { format: OutputFormat; required: boolean }[] = FORMATS.map((f) => ({
  format: f.name,
  required: f.alwaysChecked,
}));

export const DEFAULT_README = 'README.md';

interface Tally {
  current: number;
  stale: number;
  missing: number;
  invalid: number;
}

const shellWord = (s: string) => (/^[\w./@:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command that brings one output up to date, with `npm start` when that is what it runs. */
function renderAdvice(spec: string, format: OutputFormat, flags: CheckFlags): string {
  const words = ['npx refarch render', shellWord(spec)];
  if (path.normalize(flags.out) !== 'output') words.push('--out', shellWord(flags.out));
  if (format !== 'svg') words.push('--format', format);
  if (flags.theme !== 'light') words.push('--theme', flags.theme);
  const command = `\`${words.join(' ')}\``;
  const npmStart =
    format === 'svg' &&
    flags.theme === 'light' &&
    path.normalize(flags.out) === 'output' &&
    path.normalize(path.dirname(spec)) === DEFAULT_SPEC_DIR;
  return npmStart ? `run \`npm start\` (or ${command})` : `run ${command}`;
}

type Committed = { bytes: Uint8Array | undefined } | { diagnostic: Diagnostic };

async function readCommitted(file: string): Promise<Committed> {
  try {
    return { bytes: await readIfExists(file) };
  } catch (e) {
    return { diagnostic: fileError(file, 'cannot-read', (e as Error).message) };
  }
}

async function checkOutputs(
  spec: string,
  laidOut: () => Promise<Diagram>,
  flags: CheckFlags,
  tally: Tally,
): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  for (const { format, required } of CHECKED_FORMATS) {
    const target = path.join(flags.out, outputName(spec, format));
    const committed = await readCommitted(target);
    if ('diagnostic' in committed) {
      problems.push(committed.diagnostic);
      continue;
    }
    if (committed.bytes === undefined) {
      if (!required) continue;
      tally.missing++;
      problems.push(
        fileError(
          target,
          'missing-output',
          `no rendered ${format.toUpperCase()} of ${spec}; ${renderAdvice(spec, format, flags)}`,
        ),
      );
      continue;
    }
    let diagram: Diagram;
    try {
      diagram = await laidOut();
    } catch (e) {
      if (!(e instanceof LayoutTimeoutError)) throw e;
      problems.push(layoutTimeoutProblem(spec, e, 'its outputs were not compared'));
      return problems;
    }
    const wanted = await renderDiagram(diagram, { format, theme: flags.theme });
    if (sameOutput(committed.bytes, wanted)) {
      tally.current++;
      continue;
    }
    tally.stale++;
    problems.push(
      fileError(
        target,
        'stale-output',
        `differs from what ${spec} renders now; ${renderAdvice(spec, format, flags)}`,
      ),
    );
  }
  return problems;
}

/** Compares one Markdown file's blocks, and the images of its current blocks, with a fresh plan. */
async function checkEmbeds(plan: EmbedPlan, tally: Tally, seen: Set<string>): Promise<Diagnostic[]> {
  const problems = [...plan.diagnostics];
  const advice = `run \`npx refarch embed ${shellWord(plan.file)}\``;
  for (const { block, expected, assets } of plan.blocks) {
    if (block.content !== expected) {
      // One line per block: the same command also rewrites its images.
      tally.stale++;
      problems.push(
        errorAt(
          plan.file,
          block.line,
          block.column,
          'stale-embed',
          `the diagram of '${block.spec}' is out of date; ${advice}`,
        ),
      );
      continue;
    }
    tally.current++;
    for (const asset of assets) {
      if (seen.has(asset.file)) continue;
      seen.add(asset.file);
      const committed = await readCommitted(asset.file);
      if ('diagnostic' in committed) problems.push(committed.diagnostic);
      else if (committed.bytes === undefined) {
        tally.missing++;
        problems.push(
          fileError(
            asset.file,
            'missing-output',
            `${plan.file} shows this file, which does not exist; ${advice}`,
          ),
        );
      } else if (!sameOutput(committed.bytes, asset.data)) {
        tally.stale++;
        problems.push(
          fileError(asset.file, 'stale-output', `differs from what ${block.spec} renders now; ${advice}`),
        );
      }
    }
  }
  return problems;
}

/** --docs files, or README.md when no paths were given and it has refarch markers. */
async function markdownToCheck(paths: string[], flags: CheckFlags): Promise<string[]> {
  if (flags.docs === false) return [];
  if (Array.isArray(flags.docs)) return flags.docs;
  if (paths.length > 0) return [];
  const readme = await readIfExists(DEFAULT_README).catch(() => undefined);
  return readme && hasEmbedMarkers(readme.toString('utf8'), DEFAULT_README) ? [DEFAULT_README] : [];
}

function summary(specs: number, docs: number, tally: Tally): string {
  const what =
    docs > 0 ? `${plural(specs, 'spec')} and ${plural(docs, 'Markdown file')}` : plural(specs, 'spec');
  return `${what} checked: ${tally.current} up to date, ${tally.stale} stale, ${tally.missing} missing, ${plural(tally.invalid, 'invalid spec')}\n`;
}

/** Checks the specs under `paths`. With `elk` the caller owns the engine; without, this starts one. */
export async function runCheck(
  paths: string[],
  flags: CheckFlags,
  out: Output,
  err: Output,
  elk?: ElkEngine,
): Promise<number> {
  const own = elk ? undefined : budgetedElk(flags);
  try {
    return await checkAll(paths, flags, out, err, elk ?? own!);
  } finally {
    await own?.close();
  }
}

async function checkAll(
  paths: string[],
  flags: CheckFlags,
  out: Output,
  err: Output,
  elk: ElkEngine,
): Promise<number> {
  const found = await findSpecFiles(specInputs(paths));
  const docs = await markdownToCheck(paths, flags);
  const limits = limitsFrom(flags);
  const all: Diagnostic[] = [];
  const tally: Tally = { current: 0, stale: 0, missing: 0, invalid: 0 };
  const progress = createProgress(err, !flags.quiet && flags.format === 'text');
  const report = (diagnostics: Diagnostic[]) => {
    all.push(...diagnostics);
    const shown = flags.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
    if (flags.format === 'json' || shown.length === 0) return;
    progress.done();
    printDiagnostics(out, flags.format, shown);
  };
  // A bug costs what it was checking, not the run: reported with its stack, and the run exits 2.
  const bugs = new BugLog(err);
  const reportBug = (doing: string, e: unknown) => {
    progress.done();
    bugs.report(doing, e);
  };
  const total = found.files.length + docs.length;
  // One session for the outputs and the Markdown blocks: a spec is read and laid out once.
  const session = new EmbedSession(limits, elk);
  for (const [i, file] of found.files.entries()) {
    progress.step(i, total, file);
    const loaded = await session.load(file);
    report(loaded.diagnostics);
    const model = loaded.model;
    if (!model) {
      tally.invalid++;
      continue;
    }
    try {
      report(await checkOutputs(file, () => session.diagram(file, model), flags, tally));
    } catch (e) {
      reportBug(`checking the outputs of ${file}`, e);
    }
  }
  const seen = new Set<string>();
  for (const [i, doc] of docs.entries()) {
    progress.step(found.files.length + i, total, doc);
    try {
      report(await checkEmbeds(await planEmbed(doc, undefined, session), tally, seen));
    } catch (e) {
      reportBug(`checking the diagrams of ${doc}`, e);
    }
  }
  // A spec shown only through a Markdown block reports its own problems here, once.
  const checked = new Set(found.files.map((f) => path.resolve(f)));
  report(await session.specDiagnostics(checked));
  report(found.diagnostics);
  progress.done();
  if (flags.format === 'json')
    printDiagnostics(out, 'json', flags.quiet ? all.filter((d) => d.severity === 'error') : all);
  else if (!flags.quiet) err.write(summary(found.files.length, docs.length, tally));
  return bugs.exitCode(all);
}

export function registerCheck(
  program: Command,
  out: Output,
  err: Output,
  setExit: (code: number) => void,
): void {
  const command = program
    .command('check')
    .description('check that specs are valid and committed outputs and docs are up to date; writes nothing')
    .addArgument(specPathsArgument())
    .option('-o, --out <dir>', 'folder of the committed outputs', 'output')
    .addOption(
      new Option('-t, --theme <theme>', 'the theme the outputs were rendered with')
        .choices([...THEME_NAMES])
        .default('light'),
    )
    .option(
      '--docs <markdown...>',
      `also check the refarch blocks of these Markdown files (default: ${DEFAULT_README} when run without paths and it has markers)`,
    )
    .option('--no-docs', 'check no Markdown files')
    .addOption(formatOption())
    .option('-q, --quiet', 'print errors only, no warnings or summary', false);
  for (const option of [...limitOptions(), layoutTimeoutOption()]) command.addOption(option);
  command.addHelpText(
    'after',
    [
      '',
      'Compares output/<name>.svg (and .png, .json, .drawio when committed) byte for byte with a fresh render.',
      'Exit codes: 0 all up to date, 1 some spec invalid or some output stale or missing, 2 usage or I/O error, or a bug.',
      '',
      'Examples:',
      '  $ refarch check                          # architectures/ against output/, and README.md blocks',
      '  $ refarch check --format github          # annotations for GitHub Actions',
      '  $ refarch check architectures --docs README.md docs/guide.md',
    ].join('\n'),
  );
  command.action(async (paths: string[], flags: CheckFlags) =>
    setExit(await runCheck(paths, flags, out, err)),
  );
}
