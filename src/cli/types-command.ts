// `refarch types [query]`: lists the type catalog, so users find the id for a service.

import type { Command } from 'commander';
import { listTypes } from '../catalog/catalog.js';
import type { Output } from './report.js';

export function runTypes(query: string[], flags: { json: boolean }, out: Output): number {
  const entries = listTypes(query.join(' '));
  if (flags.json) {
    out.write(
      `${JSON.stringify(
        entries.map(({ id, name, category, aliasOf }) => ({
          id,
          name,
          category,
          ...(aliasOf ? { aliasOf } : {}),
        })),
        null,
        2,
      )}\n`,
    );
    // The exit code says whether anything matched, whatever the output format.
    return entries.length === 0 ? 1 : 0;
  }
  if (entries.length === 0) {
    out.write(`no type matches '${query.join(' ')}'; try a shorter word\n`);
    return 1;
  }
  const width = Math.max(...entries.map((e) => e.id.length));
  for (const e of entries) {
    const name = e.aliasOf ? `${e.name} (alias of ${e.aliasOf})` : e.name;
    out.write(`${e.id.padEnd(width)}  ${e.category.padEnd(8)}  ${name}\n`);
  }
  return 0;
}

export function registerTypes(program: Command, out: Output, setExit: (code: number) => void): void {
  program
    .command('types')
    .description('list the node types (AWS services, resources, generic types and groups)')
    .argument('[query...]', 'words to match against the id or name, e.g. "dynamo" or "load balancer"')
    .option('--json', 'print JSON', false)
    .addHelpText('after', '\nExample:\n  $ refarch types kinesis')
    .action((query: string[], flags: { json: boolean }) => setExit(runTypes(query, flags, out)));
}
