// The refarch command line. Each command lives in its own module; heavy stages (layout, rendering)
// are imported only by the commands that need them, so `validate` starts fast.

import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerCheck } from './check.js';
import { registerDiff } from './diff.js';
import { registerEmbed } from './embed.js';
import { registerImport } from './import.js';
import { registerRender } from './render.js';
import { EXIT_USAGE, type Output } from './report.js';
import { registerServe } from './serve.js';
import { registerTypes } from './types-command.js';
import { registerValidate } from './validate.js';

// package.json sits two folders up from src/cli and from dist/cli alike, in the repository and in
// an installed package (npm always packs it), so one relative path serves tsx, the build and users.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface Io {
  stdout: Output;
  stderr: Output;
}

export const processIo: Io = {
  stdout: { write: (s) => void process.stdout.write(s), isTTY: Boolean(process.stdout.isTTY) },
  stderr: { write: (s) => void process.stderr.write(s), isTTY: Boolean(process.stderr.isTTY) },
};

/** Runs one refarch command line and returns its exit code. */
export async function main(argv: string[], { stdout, stderr }: Io = processIo): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('refarch')
    .description('AWS reference-architecture diagrams from YAML specs')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: stdout.write, writeErr: stderr.write })
    .showHelpAfterError('(run with --help for usage)');
  registerValidate(program, stdout, stderr, setExit);
  registerTypes(program, stdout, setExit);
  registerRender(program, stdout, stderr, setExit);
  registerCheck(program, stdout, stderr, setExit);
  registerEmbed(program, stdout, stderr, setExit);
  registerServe(program, stdout, stderr, setExit);
  registerDiff(program, stdout, stderr, setExit);
  registerImport(program, stdout, stderr, setExit);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
        ? 0
        : EXIT_USAGE;
    }
    throw e;
  }
  return exitCode;
}
