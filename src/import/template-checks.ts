// What CloudFormation itself would refuse in a template, found before anything is drawn: an
// intrinsic function it does not know, resources that refer to each other in a circle (or to
// themselves), and templates far past its size and resource limits. Each is a diagnostic at the
// template's file:line:col.

import { type Diagnostic, diagnosticAt } from '../diagnostics.js';
import { type CfnTemplate, INTRINSICS, type TemplatePath } from './cfn-template.js';
import { referencesIn } from './resources.js';

/** CloudFormation takes templates of up to 1 MB; refarch reads up to twice its spec limit. */
export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;
/** CloudFormation takes up to 500 resources per stack; four times that is not a stack. */
export const MAX_RESOURCES = 2000;

const KNOWN_FUNCTIONS = new Set([...Object.values(INTRINSICS), 'Fn::ForEach', 'Fn::EachMemberEquals']);

/** A template too large to be one CloudFormation takes, by its size in bytes. */
export function templateSizeProblem(file: string, bytes: number): Diagnostic | null {
  if (bytes <= MAX_TEMPLATE_BYTES) return null;
  return diagnosticAt(
    file,
    { line: 1, column: 1 },
    'error',
    'template-too-large',
    `the template is ${(bytes / 1024 / 1024).toFixed(1)} MB; refarch imports templates of up to ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB (CloudFormation's own limit is 1 MB)`,
    'import one stack at a time',
  );
}

/** Keys `Fn::…` that name no intrinsic function. */
function unknownFunctions(template: CfnTemplate): Diagnostic[] {
  const found: Diagnostic[] = [];
  const walk = (value: unknown, at: TemplatePath) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...at, i]);
    } else if (typeof value === 'object' && value !== null)
      for (const [key, v] of Object.entries(value)) {
        if (key.startsWith('Fn::') && !KNOWN_FUNCTIONS.has(key))
          found.push(
            diagnosticAt(
              template.file,
              template.positionOf([...at, key]),
              'error',
              'unknown-intrinsic',
              `unknown intrinsic function ${key}`,
            ),
          );
        walk(v, [...at, key]);
      }
  };
  walk(template.value.Resources, ['Resources']);
  return found;
}

/** Resources that depend on each other in a circle, by references and DependsOn: strongly
 *  connected components (Tarjan's algorithm, iterative so deep chains cannot overflow the stack). */
function cycles(template: CfnTemplate): string[][] {
  const ids = new Set(template.resources.map((r) => r.logicalId));
  const resources = template.value.Resources as Record<string, Record<string, unknown>>;
  const next = new Map<string, string[]>();
  for (const r of template.resources) {
    const dependsOn = resources[r.logicalId]?.DependsOn;
    const explicit = (Array.isArray(dependsOn) ? dependsOn : [dependsOn]).filter(
      (d): d is string => typeof d === 'string' && ids.has(d),
    );
    next.set(r.logicalId, [...new Set([...referencesIn(r.properties, ids), ...explicit])]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const start of ids) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, i] = frame;
      if (i === 0 && !index.has(node)) {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
      }
      const targets = next.get(node)!;
      if (i < targets.length) {
        frame[1]++;
        const target = targets[i]!;
        if (!index.has(target)) work.push([target, 0]);
        else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || next.get(node)!.includes(node)) found.push(component.reverse());
      }
    }
  }
  return found;
}

/** Everything CloudFormation would refuse that refarch checks for, in template order. */
export function templateProblems(template: CfnTemplate): Diagnostic[] {
  if (template.resources.length > MAX_RESOURCES)
    return [
      diagnosticAt(
        template.file,
        template.positionOf(['Resources']),
        'error',
        'too-many-resources',
        `the template has ${template.resources.length} resources; refarch imports up to ${MAX_RESOURCES} (CloudFormation takes 500 per stack)`,
        'import one stack at a time',
      ),
    ];
  const problems = unknownFunctions(template);
  for (const component of cycles(template)) {
    const first = component[0]!;
    problems.push(
      diagnosticAt(
        template.file,
        template.positionOf(['Resources', first]),
        'error',
        'reference-cycle',
        component.length === 1
          ? `resource '${first}' refers to itself`
          : `resources refer to each other in a circle: ${[...component, first].join(' -> ')}`,
        'CloudFormation refuses circular dependencies: break one of the references',
      ),
    );
  }
  return problems;
}
