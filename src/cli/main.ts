#!/usr/bin/env node
// The `refarch` executable: runs the command line and turns a bug into a short report, not a hang.

import module from 'node:module';
import { applyV8Flags } from '../runtime/v8-flags.js';

// First of all: the V8 flags the code caches were recorded with (see runtime/v8-flags.ts).
applyV8Flags();

// On Node 22.1+ keep V8's compiled code between runs: compiling jsdom and elkjs is a large part of
// a cold render. Node 20 has no such cache; there this is a no-op.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `refarch types | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// A render needs the ELK worker as soon as its first spec is validated: start it before loading the
// rest of the command line (about 0.1 s), so that it has loaded and warmed up ELK by then.
if (process.argv[2] === 'render') (await import('../layout/elk-engine.js')).startElkWorkerEarly();

const { main } = await import('./program.js');
const { bugReport, EXIT_BUG } = await import('./report.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(bugReport(`running ${['refarch', ...process.argv.slice(2)].join(' ')}`, e));
    process.exitCode = EXIT_BUG;
  },
);
