#!/usr/bin/env node
// The `refarch` executable: runs the command line and turns a bug into a short report, not a hang.

import { main } from './program.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`refarch: internal error (please report it): ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
