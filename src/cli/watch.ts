// Watching spec files and folders: one node:fs.watch per folder, not per file, because editors often
// save by writing a new file and renaming it over the old one, which a watch on the file would miss.
// Bursts of events (a save is often several) are debounced into one batch of changed spec files.

import { type FSWatcher, watch as watchFolder } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, fileError } from '../diagnostics.js';
import { isSpecFile } from './files.js';
import { aborted, onInterrupt } from './interrupt.js';
import { bugReport, EXIT_OK, EXIT_USAGE, type Output, printDiagnostics } from './report.js';

export const DEBOUNCE_MS = 100;

export interface SpecWatcher {
  /** Stops watching, then waits for the change being handled, if any. */
  close(): Promise<void>;
}

/** Maps a file name seen in a watched folder to the spec path to report, or undefined to ignore it. */
type Matcher = (name: string) => string | undefined;

async function isFolder(input: string): Promise<boolean> {
  return stat(input).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A path that does not exist cannot be watched: one diagnostic each. */
export async function missingInputs(inputs: readonly string[]): Promise<Diagnostic[]> {
  const missing: Diagnostic[] = [];
  for (const input of inputs)
    if (!(await exists(input)))
      missing.push(fileError(input, 'cannot-read', 'no such file or folder', 'check the path'));
  return missing;
}

/**
 * Calls `onChange` with the spec files (as the user named them, or joined to the folder they named)
 * that were created, changed or removed, at most once per `debounceMs` of quiet, one call at a
 * time: a change that comes while one is handled waits for it. A call that throws is reported
 * through `onError` (a bug: the watch goes on).
 */
export async function watchSpecs(
  inputs: readonly string[],
  onChange: (files: string[]) => Promise<void>,
  onError: (e: unknown) => void,
  debounceMs = DEBOUNCE_MS,
): Promise<SpecWatcher> {
  const matchers = new Map<string, Matcher[]>();
  const add = (folder: string, matcher: Matcher) =>
    matchers.set(folder, [...(matchers.get(folder) ?? []), matcher]);
  for (const input of inputs) {
    if (await isFolder(input)) add(input, (name) => (isSpecFile(name) ? path.join(input, name) : undefined));
    else add(path.dirname(input), (name) => (name === path.basename(input) ? input : undefined));
  }
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let handling = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const files = [...pending].sort();
    pending.clear();
    if (files.length > 0) handling = handling.then(() => onChange(files)).catch(onError);
  };
  const watchers: FSWatcher[] = [];
  for (const [folder, folderMatchers] of matchers) {
    const watcher = watchFolder(folder, (_event, name) => {
      if (!name) return;
      for (const match of folderMatchers) {
        const file = match(name.toString());
        if (file === undefined) continue;
        pending.add(file);
        clearTimeout(timer);
        timer = setTimeout(flush, debounceMs);
      }
    });
    // A watched folder that disappears ends its watch; the others go on.
    watcher.on('error', () => watcher.close());
    watchers.push(watcher);
  }
  return {
    async close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      await handling;
    },
  };
}

export interface WatchOptions {
  /** Stops watching; by default Ctrl-C (SIGINT) or SIGTERM. */
  signal?: AbortSignal;
  debounceMs?: number;
}

/**
 * `render --watch`: renders everything once, then re-renders each batch of changed specs, one batch
 * at a time, until stopped. Returns the exit code: 0 when stopped, 2 when a path does not exist.
 */
export async function watchRender(
  inputs: string[],
  render: (files: string[]) => Promise<unknown>,
  err: Output,
  options: WatchOptions = {},
): Promise<number> {
  const missing = await missingInputs(inputs);
  if (missing.length > 0) {
    printDiagnostics(err, 'text', missing);
    return EXIT_USAGE;
  }
  const interrupt = options.signal ? undefined : onInterrupt();
  const signal = options.signal ?? interrupt!.signal;
  try {
    await render(inputs);
    const renderChanged = async (files: string[]) => {
      const present: string[] = [];
      for (const file of files) {
        if (await exists(file)) present.push(file);
        else err.write(`${file}: removed; its output is left as it was\n`);
      }
      if (present.length > 0) await render(present);
    };
    const watcher = await watchSpecs(
      inputs,
      renderChanged,
      (e) => err.write(bugReport('following changes to the specs', e)),
      options.debounceMs,
    );
    if (!signal.aborted) err.write(`watching ${inputs.join(', ')} for changes; press Ctrl-C to stop\n`);
    await aborted(signal);
    await watcher.close();
    err.write('stopped watching\n');
    return EXIT_OK;
  } finally {
    interrupt?.dispose();
  }
}
