// Runs the refarch command line for the reliability tests: in this process (fast, for the corpus)
// or as `node dist/cli/main.js` in a child process (for kills and concurrent runs).

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/program.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BUILT_CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: {
      write: (s) => {
        stdout += s;
      },
      isTTY: false,
    },
    stderr: {
      write: (s) => {
        stderr += s;
      },
      isTTY: false,
    },
  });
  return { code, stdout, stderr };
}

/** Starts the built command line; `done` settles when it exits, with its output. */
export function startBuiltCli(argv: string[], cwd = REPO): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [BUILT_CLI, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr }));
  });
  return { child, done };
}

export function runBuiltCli(argv: string[], cwd = REPO): Promise<CliRun> {
  return startBuiltCli(argv, cwd).done;
}

/** Lines of a Node.js stack trace (`    at f (file:1:2)`), which no user input may cause. */
export function stackTraceLines(run: CliRun): string[] {
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => /^\s+at /.test(line));
}

/**
 * Characters that must never reach a terminal from user input: C0 controls other than line feed
 * (escape sequences), DEL, C1 controls, bidi overrides and isolates.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/;
