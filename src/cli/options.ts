// Options shared by several commands.

import { Argument, InvalidArgumentError, Option } from 'commander';
import type { DiagnosticFormat } from '../diagnostics.js';
import { DEFAULT_LIMITS, type SpecLimits } from '../spec/limits.js';

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

export const formatOption = () =>
  new Option('-f, --format <format>', 'diagnostics format')
    .choices(['text', 'json', 'github'])
    .default('text');

export const limitOptions = (): Option[] => [
  new Option('--max-bytes <n>', 'largest spec file in bytes')
    .argParser(positiveInteger)
    .default(DEFAULT_LIMITS.maxBytes),
  new Option('--max-nodes <n>', 'most nodes in one spec')
    .argParser(positiveInteger)
    .default(DEFAULT_LIMITS.maxNodes),
  new Option('--max-depth <n>', 'deepest nesting')
    .argParser(positiveInteger)
    .default(DEFAULT_LIMITS.maxDepth),
];

export interface LimitFlags {
  maxBytes: number;
  maxNodes: number;
  maxDepth: number;
}

export function limitsFrom(flags: LimitFlags): SpecLimits {
  return { ...DEFAULT_LIMITS, maxBytes: flags.maxBytes, maxNodes: flags.maxNodes, maxDepth: flags.maxDepth };
}

export interface FormatFlag {
  format: DiagnosticFormat;
}

export const DEFAULT_SPEC_DIR = 'architectures';

/** The spec files or folders a command works on; none means architectures/. */
export function specInputs(paths: readonly string[]): string[] {
  return paths.length > 0 ? [...paths] : [DEFAULT_SPEC_DIR];
}

/** The command-line argument for those paths. */
export const specPathsArgument = () =>
  new Argument('[paths...]', `spec files or folders (default: ${DEFAULT_SPEC_DIR}/)`);
