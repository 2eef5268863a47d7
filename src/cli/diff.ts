// `refarch diff`: what a change does to the architecture, for pull-request review. Two spec files,
// or the working tree's specs against the same paths at a git revision (read with `git show`, no
// checkout). One merged picture per spec (added, removed and changed nodes and edges marked), or
// the changes as Markdown for a PR comment or as JSON.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Command, Option } from 'commander';
import { type Diagnostic, fileError } from '../diagnostics.js';
import { diffModels, isUnchanged, type ModelChanges } from '../diff/changes.js';
import { mergedModel } from '../diff/merge.js';
import { jsonSummary, markdownSummary, type SpecDiff } from '../diff/summary.js';
import { LayoutTimeoutError } from '../layout/elk-engine.js';
import { renderModel } from '../pipeline.js';
import type { Model } from '../spec/model.js';
import { validateBytes } from '../spec/validate.js';
import { findSpecFiles, outputName, writeFileAtomic } from './files.js';
import {
  budgetedElk,
  type LayoutBudgetFlag,
  layoutTimeoutOption,
  layoutTimeoutProblem,
} from './layout-budget.js';
import { loadSpec } from './load.js';
import { type LimitFlags, limitOptions, limitsFrom, specInputs } from './options.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type Output, printDiagnostics } from './report.js';

const run = promisify(execFile);

export type DiffFormat = 'svg' | 'png' | 'json' | 'markdown';
const DIFF_FORMATS: readonly DiffFormat[] = ['svg', 'png', 'json', 'markdown'];
type FailOn = 'removed' | 'changed' | 'any';

interface DiffFlags extends LimitFlags, LayoutBudgetFlag {
  git?: string;
  out?: string;
  format: DiffFormat;
  failOn?: FailOn;
  image?: string;
}

/** A spec with nothing in it: the base of a spec that is new at the revision compared with. */
function emptyModel(head: Model): Model {
  return { ...head, roots: [], nodes: new Map(), edges: [], overlays: [], steps: [] };
}

/** The spec at a git revision, or null when it does not exist there. */
async function specAtRevision(rev: string, file: string): Promise<Uint8Array | null> {
  const relative = path.relative(process.cwd(), file).split(path.sep).join('/');
  try {
    const { stdout } = await run('git', ['show', `${rev}:./${relative}`], {
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '');
    if (/does not exist|exists on disk, but not in/.test(stderr)) return null;
    throw new GitError(`git show ${rev}:./${relative} failed: ${stderr.trim() || (e as Error).message}`);
  }
}

function fails(changes: ModelChanges, failOn: FailOn | undefined): boolean {
  if (!failOn) return false;
  const removed = changes.nodes.removed.length + changes.edges.removed.length > 0;
  const changed = Object.keys(changes.nodes.changed).length + Object.keys(changes.edges.changed).length > 0;
  if (failOn === 'removed') return removed;
  if (failOn === 'changed') return changed;
  return !isUnchanged(changes);
}

/** Pairs of models to compare, with the diagnostics of specs that could not be read or validated. */
async function collect(
  files: string[],
  flags: DiffFlags,
): Promise<{ diffs: SpecDiff[]; diagnostics: Diagnostic[] }> {
  const limits = limitsFrom(flags);
  const diagnostics: Diagnostic[] = [];
  const diffs: SpecDiff[] = [];
  if (!flags.git) {
    const [baseFile, headFile] = files as [string, string];
    const [base, head] = [await loadSpec(baseFile, limits), await loadSpec(headFile, limits)];
    diagnostics.push(...base.diagnostics, ...head.diagnostics);
    if (base.model && head.model)
      diffs.push({
        file: headFile,
        base: base.model,
        head: head.model,
        changes: diffModels(base.model, head.model),
      });
    return { diffs, diagnostics };
  }
  const found = await findSpecFiles(specInputs(files));
  diagnostics.push(...found.diagnostics);
  for (const file of found.files) {
    const head = await loadSpec(file, limits);
    diagnostics.push(...head.diagnostics);
    if (!head.model) continue;
    const bytes = await specAtRevision(flags.git, file);
    if (bytes === null) {
      const base = emptyModel(head.model);
      diffs.push({ file, base, head: head.model, changes: diffModels(base, head.model) });
      continue;
    }
    const base = validateBytes(bytes, `${flags.git}:${file}`, limits);
    diagnostics.push(...base.diagnostics);
    if (base.model)
      diffs.push({ file, base: base.model, head: head.model, changes: diffModels(base.model, head.model) });
  }
  // Specs the revision has and the working tree no longer does: everything in them removed.
  const present = new Set(found.files.map((f) => path.resolve(f)));
  for (const file of await specsAtRevision(flags.git, specInputs(files))) {
    if (present.has(path.resolve(file))) continue;
    const bytes = await specAtRevision(flags.git, file);
    if (bytes === null) continue;
    const base = validateBytes(bytes, `${flags.git}:${file}`, limits);
    diagnostics.push(...base.diagnostics);
    if (!base.model) continue;
    const head = emptyModel(base.model);
    diffs.push({ file, base: base.model, head, changes: diffModels(base.model, head) });
  }
  return { diffs, diagnostics };
}

/** The spec files under the given paths at a git revision (paths relative to here, as given). */
async function specsAtRevision(rev: string, inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    try {
      const { stdout } = await run('git', ['ls-tree', '-r', '--name-only', rev, '--', input]);
      files.push(...stdout.split('\n').filter((f) => /\.(ya?ml|json)$/i.test(f)));
    } catch (e) {
      const stderr = String((e as { stderr?: unknown }).stderr ?? '');
      throw new GitError(`git ls-tree ${rev} -- ${input} failed: ${stderr.trim() || (e as Error).message}`);
    }
  }
  return [...new Set(files)].sort();
}

export async function runDiff(files: string[], flags: DiffFlags, out: Output, err: Output): Promise<number> {
  if (!flags.git && files.length !== 2) {
    err.write('refarch diff: give two spec files (base and head), or --git <rev> [paths...]\n');
    return EXIT_USAGE;
  }
  const picture = flags.format === 'svg' || flags.format === 'png';
  if (flags.format === 'png' && !flags.out) {
    err.write('refarch diff: a PNG needs --out <file>; standard output takes text only\n');
    return EXIT_USAGE;
  }
  if (picture && flags.git && !flags.out) {
    err.write('refarch diff --git: pictures of several specs need --out <folder>\n');
    return EXIT_USAGE;
  }
  const { diffs, diagnostics } = await collect(files, flags);
  printDiagnostics(err, 'text', diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return EXIT_INVALID;

  if (flags.format === 'json') {
    const data = flags.git
      ? Object.fromEntries(diffs.map((d) => [d.file, jsonSummary(d)]))
      : jsonSummary(diffs[0]!);
    await emit(`${JSON.stringify(data, null, 2)}\n`, flags.out, out);
  } else if (flags.format === 'markdown') {
    // `{name}` in --image stands for each spec's picture name (`orders` for architectures/orders.yaml).
    const image = (d: SpecDiff) =>
      flags.image?.replaceAll('{name}', outputName(d.file, 'svg').replace(/\.svg$/, '')) ??
      (flags.git ? undefined : 'refarch-diff.svg');
    const text = diffs
      .map((d) => markdownSummary(d, isUnchanged(d.changes) ? undefined : image(d)))
      .join('\n');
    await emit(text || 'No specs to compare.\n', flags.out, out);
  } else {
    const elk = budgetedElk(flags);
    try {
      for (const diff of diffs) {
        if (flags.git && isUnchanged(diff.changes)) continue;
        let bytes: string | Uint8Array;
        try {
          bytes = await renderModel(mergedModel(diff.base, diff.head, diff.changes), {
            format: flags.format,
            theme: 'light',
            elk,
          });
        } catch (e) {
          if (!(e instanceof LayoutTimeoutError)) throw e;
          printDiagnostics(err, 'text', [
            layoutTimeoutProblem(diff.file, e, 'no picture of the change was drawn'),
          ]);
          return EXIT_INVALID;
        }
        const target = flags.git ? path.join(flags.out!, outputName(diff.file, flags.format)) : flags.out;
        await emit(bytes, target, out);
      }
    } finally {
      await elk.close();
    }
  }
  for (const d of diffs) {
    const c = d.changes;
    err.write(
      `${d.file}: nodes +${c.nodes.added.length} −${c.nodes.removed.length} ~${Object.keys(c.nodes.changed).length}, edges +${c.edges.added.length} −${c.edges.removed.length} ~${Object.keys(c.edges.changed).length}\n`,
    );
  }
  return diffs.some((d) => fails(d.changes, flags.failOn)) ? EXIT_INVALID : EXIT_OK;
}

/** To the file (atomically) when given, else to standard output. */
async function emit(content: string | Uint8Array, file: string | undefined, out: Output): Promise<void> {
  if (file) {
    try {
      await writeFileAtomic(file, content);
    } catch (e) {
      throw new DiffWriteError(fileError(file, 'cannot-write', (e as Error).message));
    }
    return;
  }
  if (typeof content !== 'string') throw new Error('bug: bytes for standard output');
  out.write(content);
}

/** git could not give a spec at the revision (not a repository, no such revision). */
class GitError extends Error {}

class DiffWriteError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export function registerDiff(
  program: Command,
  out: Output,
  err: Output,
  setExit: (code: number) => void,
): void {
  const command = program
    .command('diff')
    .description('one picture of what a change does to the architecture, for pull-request review')
    .argument(
      '[specs...]',
      'base and head spec files; with --git, the specs or folders to compare (default: architectures/)',
    )
    .option('--git <rev>', "compare the working tree's specs with the same paths at this git revision")
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default('svg'))
    .option('-o, --out <file>', 'write here (a folder for pictures with --git) instead of standard output')
    .addOption(
      new Option('--fail-on <what>', 'exit 1 when the change removes, changes, or does anything').choices([
        'removed',
        'changed',
        'any',
      ]),
    )
    .option(
      '--image <src>',
      "with --format markdown: the picture to embed; {name} stands for the spec's picture name (default: refarch-diff.svg)",
    )
    .addOption(layoutTimeoutOption());
  for (const option of limitOptions()) command.addOption(option);
  command.addHelpText(
    'after',
    '\nAdded nodes and edges are marked + (green), removed ones are faded and dashed with − (red), changed ones ~ (amber) with what changed in their tooltip.\nExit codes: 0 compared (also with changes), 1 an invalid spec or --fail-on matched, 2 usage or I/O error.\n\nExamples:\n  $ refarch diff old.yaml new.yaml --out change.svg\n  $ refarch diff --git origin/main --format markdown   # for a PR comment\n  $ refarch diff --git origin/main --out diff/          # one picture per changed spec',
  );
  command.action(async (files: string[], flags: DiffFlags) => {
    try {
      setExit(await runDiff(files, flags, out, err));
    } catch (e) {
      if (e instanceof GitError) {
        err.write(`refarch diff: ${e.message}\n`);
        setExit(EXIT_USAGE);
        return;
      }
      if (!(e instanceof DiffWriteError)) throw e;
      printDiagnostics(err, 'text', [e.diagnostic]);
      setExit(EXIT_USAGE);
    }
  });
}
