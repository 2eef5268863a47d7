// `refarch import`: a CloudFormation template (YAML or JSON) as an editable spec, nested and with
// its data flows, plus a report of what became of every resource. Nothing is written when the
// template cannot be read or nothing in it can be drawn.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { type Diagnostic, fileError } from '../diagnostics.js';
import { assemblyStacks, chooseStack, constructPaths } from '../import/cloud-assembly.js';
import { type ImportedSpec, importTemplate } from '../import/import.js';
import { templateSizeProblem } from '../import/template-checks.js';
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
  keep?: string[];
  stack?: string;
}

/** The committed JSON Schema, two folders up from src/cli and dist/cli alike. */
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/refarch.schema.json', import.meta.url));

/** The committed schema, relative to where the spec is written: what its modeline names. */
function schemaFrom(specFile: string | undefined): string {
  const from = specFile ? path.dirname(path.resolve(specFile)) : process.cwd();
  return path.relative(from, SCHEMA_FILE).split(path.sep).join('/');
}

/** The template to import: a file, or the chosen stack's template in a cloud assembly (cdk.out)
 *  with the construct paths of its resources. */
async function locateTemplate(
  source: string,
  stackName: string | undefined,
): Promise<{ file?: string; name?: string; paths?: Map<string, string>; diagnostic?: Diagnostic }> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(source);
  } catch (e) {
    return { diagnostic: fileError(source, 'cannot-read', (e as Error).message) };
  }
  if (!info.isDirectory()) {
    if (stackName !== undefined)
      return {
        diagnostic: fileError(
          source,
          'cannot-read',
          '--stack chooses a stack of a cdk.out folder, and this is a file',
        ),
      };
    return { file: source };
  }
  const { stacks, diagnostics } = await assemblyStacks(source);
  if (diagnostics.length > 0) return { diagnostic: diagnostics[0]! };
  const { stack, diagnostic } = chooseStack(stacks, stackName, source);
  if (!stack) return { diagnostic: diagnostic! };
  return { file: stack.templateFile, name: stack.displayName, paths: await constructPaths(source, stack) };
}

export async function runImport(
  source: string,
  flags: ImportFlags,
  out: Output,
  err: Output,
): Promise<number> {
  const located = await locateTemplate(source, flags.stack);
  if (located.diagnostic) {
    printDiagnostics(err, 'text', [located.diagnostic]);
    return EXIT_USAGE;
  }
  const file = located.file!;
  let text: string;
  try {
    // Refused before it is read when it is far too large to be a template.
    const tooLarge = templateSizeProblem(file, (await stat(file)).size);
    if (tooLarge) {
      printDiagnostics(err, 'text', [tooLarge]);
      return EXIT_INVALID;
    }
    text = await readFile(file, 'utf8');
  } catch (e) {
    printDiagnostics(err, 'text', [fileError(file, 'cannot-read', (e as Error).message)]);
    return EXIT_USAGE;
  }
  let imported: ImportedSpec;
  try {
    imported = importTemplate(text, file, {
      ...(flags.title === undefined ? {} : { title: flags.title }),
      keep: flags.keep ?? [],
      ...(located.paths ? { constructPaths: located.paths } : {}),
      ...(located.name ? { name: located.name } : {}),
      schema: schemaFrom(flags.out),
    });
  } catch (e) {
    err.write(`refarch: ${(e as Error).message} (please report it, with the template if you can share it)\n`);
    return EXIT_BUG;
  }
  printDiagnostics(err, 'text', imported.diagnostics);
  if (!imported.text || !imported.report) return EXIT_INVALID;
  const entries = imported.report.resources;
  const drawn = entries.filter((r) => r.drawnAs !== null);
  try {
    if (flags.report) await writeFileAtomic(flags.report, `${JSON.stringify(imported.report, null, 2)}\n`);
    if (flags.out) await writeFileAtomic(flags.out, imported.text);
    else out.write(imported.text);
  } catch (e) {
    printDiagnostics(err, 'text', [
      fileError(flags.out ?? flags.report!, 'cannot-write', (e as Error).message),
    ]);
    return EXIT_USAGE;
  }
  const folded = entries.filter((r) => r.foldedInto !== null);
  const lines = folded.filter((r) => r.foldedInto === 'edges').length;
  const unmapped =
    imported.unmapped.length > 0
      ? `; no catalog type for ${imported.unmapped.join(', ')} (drawn as generic nodes)`
      : '';
  err.write(
    `${file}: ${plural(entries.length, 'resource')}: drew ${drawn.length}, folded ${folded.length} (${lines} into lines)${unmapped}\n`,
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
    .description("turn a CloudFormation template or a CDK app's cdk.out into an editable spec")
    .argument('<template>', 'a CloudFormation template (.yaml, .json) or a cdk.out folder')
    .option('-o, --out <file>', 'write the spec here instead of standard output')
    .option('--stack <name>', 'the stack of a cdk.out folder to import (needed when it has several)')
    .option('--report <file>', 'write what became of every resource as JSON')
    .option('--title <text>', "the spec's title (default: the template's Description, else its file name)")
    .option(
      '--keep <type>',
      'draw this CloudFormation type even though it is plumbing, e.g. AWS::EC2::SecurityGroup (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText(
      'after',
      '\nThe spec nests account > Region > VPC > Availability Zone > subnet, puts each resource in its subnet (or in its VPC when it spans AZs), draws the data flows between resources and folds plumbing (routes, associations, roles, permissions, subscriptions) into what it serves. A cdk.out folder gives readable names from construct paths.\nExit codes: 0 written, 1 not a template, one CloudFormation would refuse, or nothing to draw, 2 usage or I/O error, or a bug.\n\nExamples:\n  $ refarch import template.yaml --out architectures/orders.yaml --report import-report.json\n  $ refarch import cdk.out --stack OrdersStack --out architectures/orders.yaml',
    )
    .action(async (file: string, flags: ImportFlags) => setExit(await runImport(file, flags, out, err)));
}
