// `importTemplate`: a CloudFormation template's text to a refarch spec (YAML, with the schema
// modeline) and a report of what became of every resource, or the diagnostics that say why not.
// What the CLI's `import` runs, and the library's entry point for it.

import { stringify } from 'yaml';
import { type Diagnostic, diagnosticAt, plural } from '../diagnostics.js';
import { DEFAULT_LIMITS } from '../spec/limits.js';
import { SCHEMA_ID } from '../spec/schema.js';
import { validateText } from '../spec/validate.js';
import { readCfnTemplate } from './cfn-template.js';
import { specText } from './names.js';
import { templateProblems, templateSizeProblem } from './template-checks.js';
import { type ImportReport, templateToSpec } from './to-spec.js';

export interface ImportTemplateOptions {
  /** The spec's title (default: the template's Description, else `name`). */
  title?: string;
  /** What the template is called (default: its file's name; for a CDK app, the stack's). */
  name?: string;
  /** CloudFormation types to draw even though they are plumbing. */
  keep?: readonly string[];
  /** Construct paths by logical id, for a CDK template without path metadata (from tree.json). */
  constructPaths?: ReadonlyMap<string, string>;
  /** The schema the spec's modeline points editors to (default: the published schema's URL). */
  schema?: string;
}

export interface ImportedSpec {
  /** The spec as YAML, with the modeline; null when the template could not be imported. */
  text: string | null;
  report: ImportReport | null;
  /** CloudFormation types drawn as generic nodes, since the catalog has no type for them. */
  unmapped: string[];
  diagnostics: Diagnostic[];
}

/** Imports a CloudFormation template (YAML or JSON text) as a refarch spec. */
export function importTemplate(
  text: string,
  fileName: string,
  options: ImportTemplateOptions = {},
): ImportedSpec {
  const failed = (diagnostics: Diagnostic[]): ImportedSpec => ({
    text: null,
    report: null,
    unmapped: [],
    diagnostics,
  });
  const tooLarge = templateSizeProblem(fileName, Buffer.byteLength(text, 'utf8'));
  if (tooLarge) return failed([tooLarge]);
  const { template, diagnostics } = readCfnTemplate(text, fileName);
  if (!template) return failed(diagnostics);
  const problems = templateProblems(template);
  if (problems.length > 0) return failed([...diagnostics, ...problems]);
  for (const resource of template.resources)
    resource.cdkPath ??= options.constructPaths?.get(resource.logicalId);
  const description = template.value.Description;
  const title = specText(
    options.title ??
      (typeof description === 'string' && specText(description)
        ? description
        : (options.name ?? fileName.split(/[\\/]/).at(-1) ?? fileName)),
  );
  const result = templateToSpec(template, { title, keep: options.keep ?? [] });
  /** Refused as a whole: the diagnostic points at the template's Resources. */
  const refused = (code: 'nothing-to-draw' | 'too-many-resources', message: string, hint: string) =>
    failed([
      ...diagnostics,
      diagnosticAt(fileName, template.positionOf(['Resources']), 'error', code, message, hint),
    ]);
  if (!result.report.resources.some((r) => r.drawnAs !== null))
    return refused(
      'nothing-to-draw',
      template.resources.length === 0
        ? 'nothing in the template can be drawn: it has no resources'
        : `nothing in the template can be drawn (${plural(template.resources.length, 'resource')}, all plumbing)`,
      'import a template with services in it, or draw a folded type with --keep',
    );
  const lines = (result.spec.edges as unknown[] | undefined)?.length ?? 0;
  if (lines > DEFAULT_LIMITS.maxEdges)
    return refused(
      'too-many-resources',
      `the template's resources make ${lines} lines; a spec takes up to ${DEFAULT_LIMITS.maxEdges}`,
      'import one stack at a time',
    );
  const yaml = `# yaml-language-server: $schema=${options.schema ?? SCHEMA_ID}\n${stringify(result.spec, { lineWidth: 0 })}`;
  // What import writes must be a spec refarch accepts; if not, that is a bug of the importer's.
  const check = validateText(yaml, 'imported.yaml');
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new Error(
      `bug: the imported spec is invalid: ${errors.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`,
    );
  return { text: yaml, report: result.report, unmapped: result.unmapped, diagnostics };
}
