// The layout time budget every command that lays out shares (render, check, embed, serve): one flag
// with one default, the ELK worker that keeps it, and the diagnostic when a layout exceeds it.

import { Option } from 'commander';
import { type Diagnostic, errorAt, fileError } from '../diagnostics.js';
import {
  DEFAULT_LAYOUT_TIMEOUT_SECONDS,
  type ElkEngine,
  type LayoutTimeoutError,
  workerElk,
} from '../layout/elk-engine.js';
import { positiveInteger } from './options.js';

export interface LayoutBudgetFlag {
  /** Seconds one layout may take before it is stopped. */
  layoutTimeout: number;
}

export const layoutTimeoutOption = () =>
  new Option('--layout-timeout <seconds>', 'longest one layout may take')
    .argParser(positiveInteger)
    .default(DEFAULT_LAYOUT_TIMEOUT_SECONDS);

/** ELK on a worker thread that is stopped when a layout exceeds the budget; the caller closes it. */
export function budgetedElk(flags: LayoutBudgetFlag): ElkEngine {
  return workerElk(flags.layoutTimeout * 1000);
}

const RAISE_THE_BUDGET = 'split the diagram, or raise the budget with --layout-timeout <seconds>';

/** The spec's layout ran out of time; `consequence` says what that left undone. */
export function layoutTimeoutProblem(spec: string, e: LayoutTimeoutError, consequence: string): Diagnostic {
  return fileError(spec, 'layout-timeout', `${e.message}; ${consequence}`, RAISE_THE_BUDGET);
}

/** The same, reported where a Markdown file's marker names the spec. */
export function layoutTimeoutAt(
  file: string,
  at: { line: number; column: number },
  spec: string,
  e: LayoutTimeoutError,
): Diagnostic {
  return errorAt(
    file,
    at.line,
    at.column,
    'layout-timeout',
    `the layout of '${spec}' took longer than ${e.budgetMs / 1000} s, so this block was left as it was`,
    RAISE_THE_BUDGET,
  );
}
