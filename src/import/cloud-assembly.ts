// A CDK app's cloud assembly (its cdk.out folder): manifest.json lists the stacks and their
// templates, tree.json holds the construct tree, whose L1 nodes name their logical ids. A template
// synthesized without path metadata gets its construct paths from there.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, fileError } from '../diagnostics.js';

export interface AssemblyStack {
  /** The artifact id, which `--stack` names (the display name works too). */
  id: string;
  displayName: string;
  templateFile: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(file: string): Promise<{ value?: unknown; diagnostic?: Diagnostic }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { diagnostic: fileError(file, 'cannot-read', (e as Error).message) };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return {
      diagnostic: fileError(file, 'not-a-template', `not a CDK cloud assembly file: ${(e as Error).message}`),
    };
  }
}

/** The stacks of a cloud assembly, in the manifest's order. */
export async function assemblyStacks(
  dir: string,
): Promise<{ stacks: AssemblyStack[]; diagnostics: Diagnostic[] }> {
  const manifestFile = path.join(dir, 'manifest.json');
  const { value, diagnostic } = await readJson(manifestFile);
  if (diagnostic) return { stacks: [], diagnostics: [diagnostic] };
  const artifacts = isRecord(value) && isRecord(value.artifacts) ? value.artifacts : undefined;
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(artifacts ?? {})) {
    if (!isRecord(artifact) || artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile = isRecord(artifact.properties) ? artifact.properties.templateFile : undefined;
    if (typeof templateFile !== 'string') continue;
    const displayName = typeof artifact.displayName === 'string' ? artifact.displayName : id;
    stacks.push({ id, displayName, templateFile: path.join(dir, templateFile) });
  }
  if (stacks.length === 0)
    return {
      stacks,
      diagnostics: [
        fileError(manifestFile, 'not-a-template', 'no CloudFormation stack in this cloud assembly'),
      ],
    };
  return { stacks, diagnostics: [] };
}

/** Chooses the stack `--stack` names, or the only one. */
export function chooseStack(
  stacks: readonly AssemblyStack[],
  name: string | undefined,
  dir: string,
): { stack?: AssemblyStack; diagnostic?: Diagnostic } {
  const names = stacks.map((s) => s.displayName).join(', ');
  if (name === undefined) {
    if (stacks.length === 1) return { stack: stacks[0]! };
    return {
      diagnostic: fileError(
        dir,
        'cannot-read',
        `the cloud assembly has ${stacks.length} stacks (${names}): choose one with --stack`,
      ),
    };
  }
  const stack = stacks.find((s) => s.id === name || s.displayName === name);
  return stack
    ? { stack }
    : {
        diagnostic: fileError(
          dir,
          'cannot-read',
          `no stack '${name}' in the cloud assembly (it has ${names})`,
        ),
      };
}

/** Logical id -> construct path for the resources of one stack, from tree.json (empty when the
 *  assembly has no tree). */
export async function constructPaths(dir: string, stack: AssemblyStack): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const { value } = await readJson(path.join(dir, 'tree.json'));
  const root = isRecord(value) && isRecord(value.tree) ? value.tree : undefined;
  const stackPrefix = `${stack.displayName.split('/').at(-1)}/`;
  const visit = (node: Record<string, unknown>) => {
    const attributes = isRecord(node.attributes) ? node.attributes : {};
    const logicalId = attributes['aws:cdk:cloudformation:logicalId'];
    if (typeof logicalId === 'string' && typeof node.path === 'string' && node.path.startsWith(stackPrefix))
      paths.set(logicalId, node.path);
    if (isRecord(node.children))
      for (const child of Object.values(node.children)) if (isRecord(child)) visit(child);
  };
  if (root) visit(root);
  return paths;
}
