// `refarch import`: a CloudFormation template (YAML or JSON) as an editable spec, nested and with
// its data flows, plus a report of what became of every resource. Nothing is written when the
// template cannot be read or nothing in it can be drawn.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { fileError } from '../diagnostics.js';
import { readCfnTemplate } from '../import/cfn-template.js';
import { templateToSpec } from '../import/to-spec.js';
import { validateText } from '../spec/validate.js';
import { writeFileAtomic } from './files.js';
import {
  EXIT_BUG,
  EXIT_INVALID,
  EXIT_OK,
  EXIT_USAGE,
  type Output,
  plural,
  printDiagnostics,
} from './report.js';

interface ImportFlags {
  out?: string;
  report?: string;
  title?: string;
}

/** The committed JSON Schema, two folders up from src/cli and dist/cli alike. */
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/refarch.schema.json', import.meta.url));

/** The modeline that gives editors the schema, relative to where the spec is written. */
function modeline(specFile: string | undefined): string {
  const from = specFile ? path.dirname(path.resolve(specFile)) : process.cwd();
  const schema = path.relative(from, SCHEMA_FILE).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${schema}\n`;
}

export async function runImport(file: string, flags: ImportFlags, out: Output, err: Output): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    printDiagnostics(err, 'text', [fileError(file, 'cannot-read', (e as Error).message)]);
    return EXIT_USAGE;
  }
  const { template, diagnostics } = readCfnTemplate(text, file);
  printDiagnostics(err, 'text', diagnostics);
  if (!template) return EXIT_INVALID;
  const description = template.value.Description;
  const title =
    flags.title ??
    (typeof description === 'string' && description.trim()
      ? description.trim().slice(0, 200)
      : path.basename(file));
  const result = templateToSpec(template, title);
  const drawn = result.report.resources.filter((r) => r.drawnAs !== null);
  if (drawn.length === 0) {
    err.write(
      `${file}: nothing in the template can be drawn (${plural(template.resources.length, 'resource')}, all plumbing)\n`,
    );
    return EXIT_INVALID;
  }
  const yaml = modeline(flags.out) + stringify(result.spec, { lineWidth: 0 });
  // What import writes must be a spec refarch accepts; if not, that is a bug of import's.
  const check = validateText(yaml, flags.out ?? 'imported.yaml');
  if (check.diagnostics.some((d) => d.severity === 'error')) {
    err.write(
      `refarch: bug: the imported spec is invalid (please report it, with the template if you can share it)\n`,
    );
    printDiagnostics(err, 'text', check.diagnostics);
    return EXIT_BUG;
  }
  try {
    if (flags.report) await writeFileAtomic(flags.report, `${JSON.stringify(result.report, null, 2)}\n`);
    if (flags.out) await writeFileAtomic(flags.out, yaml);
    else out.write(yaml);
  } catch (e) {
    printDiagnostics(err, 'text', [
      fileError(flags.out ?? flags.report!, 'cannot-write', (e as Error).message),
    ]);
    return EXIT_USAGE;
  }
  const folded = result.report.resources.filter((r) => r.foldedInto !== null);
  const lines = folded.filter((r) => r.foldedInto === 'edges').length;
  const unmapped =
    result.unmapped.length > 0
      ? `; no catalog type for ${result.unmapped.join(', ')} (drawn as generic nodes)`
      : '';
  err.write(
    `${file}: ${plural(template.resources.length, 'resource')}: drew ${drawn.length}, folded ${folded.length} (${lines} into lines), left out ${template.resources.length - drawn.length - folded.length}${unmapped}\n`,
  );
  return EXIT_OK;
}

export function registerImport(
  program: Command,
  out: Output,
  err: Output,
  setExit: (code: number) => void,
): void {
  program
    .command('import')
    .description('turn a CloudFormation template (YAML or JSON) into an editable spec')
    .argument('<template>', 'a CloudFormation template, .yaml or .json')
    .option('-o, --out <file>', 'write the spec here instead of standard output')
    .option('--report <file>', 'write what became of every resource as JSON')
    .option('--title <text>', "the spec's title (default: the template's Description, else its file name)")
    .addHelpText(
      'after',
      '\nThe spec nests VPC > Availability Zone > subnet, puts each resource in its subnet (or in its VPC when it spans AZs), draws the data flows between resources and folds plumbing (routes, associations, permissions, subscriptions) away.\nExit codes: 0 written, 1 not a template or nothing to draw, 2 usage or I/O error, or a bug.\n\nExample:\n  $ refarch import template.yaml --out architectures/orders.yaml --report import-report.json',
    )
    .action(async (file: string, flags: ImportFlags) => setExit(await runImport(file, flags, out, err)));
}
