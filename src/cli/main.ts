#!/usr/bin/env node
// The `refarch` executable: runs the command line and turns a bug into a short report, not a hang.

import { main } from './program.js';

// `refarch types | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`refarch: internal error (please report it): ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
