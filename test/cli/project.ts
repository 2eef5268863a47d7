// Helpers for command tests: a throw-away project folder, fake terminals that record what was
// written, and bounded waiting.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Io, main } from '../../src/cli/program.js';
import type { Output } from '../../src/cli/report.js';

/** The repository root, for running the command line from source in a child process. */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('fixtures', import.meta.url));
export const SHOP = readFileSync(path.join(FIXTURES, 'shop.yaml'), 'utf8');
export const UNKNOWN_TYPE = readFileSync(path.join(FIXTURES, 'unknown-type.yaml'), 'utf8');

export interface RecordedOutput extends Output {
  text: string;
}

export function recorder(isTTY = false): RecordedOutput {
  const out: RecordedOutput = {
    text: '',
    isTTY,
    write(s: string) {
      out.text += s;
    },
  };
  return out;
}

/** A temporary folder holding the given files (paths relative to it); removed by `remove()`. */
export function tempProject(files: Record<string, string> = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'refarch-cli-'));
  const at = (relative: string) => path.join(root, relative);
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(at(relative)), { recursive: true });
    writeFileSync(at(relative), text);
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  return {
    root,
    at,
    write,
    read: (relative: string) => readFileSync(at(relative), 'utf8'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export async function run(argv: string[], { tty = false } = {}) {
  const stdout = recorder(tty);
  const stderr = recorder(tty);
  const io: Io = { stdout, stderr };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Polls until `condition` holds, failing after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Arguments for `node` that run the refarch command line from source (through tsx), as `npx refarch` would. */
export const CLI_FROM_SOURCE = ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts')];
