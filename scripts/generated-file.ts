// What every generator under scripts/ does with its output: write the generated file when it
// changed, or with `--check` write nothing and exit 1 when the committed file is out of date.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Writes `source` to `target` unless it holds it already (or checks, with `--check`). `script`
 *  is the generator's own file, named in the out-of-date message; `summary` follows the result. */
export function writeGenerated(target: string, source: string, script: string, summary?: string): void {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== source) {
      console.error(`${target} is out of date: run \`npx tsx scripts/${basename(script)}\``);
      process.exit(1);
    }
    console.log(`${target} is up to date`);
    return;
  }
  if (current !== source) writeFileSync(target, source);
  console.log(`${current === source ? 'unchanged' : 'wrote'} ${target}${summary ? `: ${summary}` : ''}`);
}
