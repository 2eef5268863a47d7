// Reads a CloudFormation template, YAML or JSON, into plain values with every intrinsic function
// in its long form (`!GetAtt Role.Arn` -> `{ "Fn::GetAtt": ["Role", "Arn"] }`, `!Ref X` ->
// `{ Ref: "X" }`), so YAML with short tags and JSON give the same result. Positions are kept: a
// problem is reported at the template's file:line:col, like a spec's.

import {
  type CollectionTag,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type ScalarTag,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { type Diagnostic, diagnosticAt } from '../diagnostics.js';

/** The intrinsic functions CloudFormation's YAML writes as short tags, and their long names. */
export const INTRINSICS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  Select: 'Fn::Select',
  GetAZs: 'Fn::GetAZs',
  If: 'Fn::If',
  Join: 'Fn::Join',
  Split: 'Fn::Split',
  ImportValue: 'Fn::ImportValue',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  Transform: 'Fn::Transform',
  ToJsonString: 'Fn::ToJsonString',
  Length: 'Fn::Length',
  GetParam: 'Fn::GetParam',
};

/** Tags that keep the node as it is: the conversion below reads the tag and writes the long form. */
const TAGS: (ScalarTag | CollectionTag)[] = Object.keys(INTRINSICS).flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, nodeClass: YAMLSeq, resolve: (seq: unknown) => seq },
  { tag: `!${name}`, collection: 'map' as const, nodeClass: YAMLMap, resolve: (map: unknown) => map },
]);

export type TemplatePath = (string | number)[];

export interface CfnResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** `aws:cdk:path` from the resource's Metadata, when a CDK app made the template. */
  cdkPath: string | undefined;
}

export interface CfnTemplate {
  file: string;
  /** The resources in the order the template writes them. */
  resources: CfnResource[];
  /** The whole template as plain values, intrinsics in long form. */
  value: Record<string, unknown>;
  /** Line and column (from 1) of the value at a path, or of the nearest enclosing one. */
  positionOf(path: TemplatePath): { line: number; column: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A YAML node as plain values, short-form intrinsics turned into their long form. */
function toValue(node: unknown): unknown {
  let value: unknown;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = toValue(pair.value);
    }
    value = out;
  } else if (isSeq(node)) value = node.items.map(toValue);
  else if (isScalar(node)) value = node.value;
  else value = node ?? null;
  const tag = (node as Node | null)?.tag;
  if (!tag?.startsWith('!')) return value;
  const name = INTRINSICS[tag.slice(1)];
  if (!name) return value;
  // `!GetAtt Role.Arn` is the short form of ["Role", "Arn"]; the attribute may hold dots itself.
  if (name === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [name]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [name]: value };
}

function linePosition(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

export function readCfnTemplate(
  text: string,
  file: string,
): { template: CfnTemplate | null; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc: Document.Parsed = parseDocument(text, {
    customTags: TAGS,
    lineCounter: lines,
    uniqueKeys: true,
  });
  const diagnostics: Diagnostic[] = doc.errors.map((e) =>
    diagnosticAt(file, linePosition(lines, e.pos[0]), 'error', 'yaml-syntax', e.message.split('\n')[0]!),
  );
  // A tag that is no intrinsic function: CloudFormation would refuse the template.
  for (const w of doc.warnings)
    if (w.code === 'TAG_RESOLVE_FAILED')
      diagnostics.push(
        diagnosticAt(
          file,
          linePosition(lines, w.pos[0]),
          'error',
          'unknown-intrinsic',
          `unknown intrinsic function ${/!\S+/.exec(w.message)?.[0] ?? 'tag'}`,
          `CloudFormation's short forms are ${Object.keys(INTRINSICS)
            .map((n) => `!${n}`)
            .join(', ')}`,
        ),
      );
  if (diagnostics.length > 0) return { template: null, diagnostics };
  const value = toValue(doc.contents);
  const positionOf = (path: TemplatePath) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node?.range) return linePosition(lines, node.range[0]);
    }
    return { line: 1, column: 1 };
  };
  if (!isRecord(value) || !isRecord(value.Resources)) {
    return {
      template: null,
      diagnostics: [
        diagnosticAt(
          file,
          positionOf([]),
          'error',
          'not-a-template',
          'not a CloudFormation template: it has no `Resources` map',
          'give a CloudFormation template, YAML or JSON',
        ),
      ],
    };
  }
  const resources: CfnResource[] = [];
  for (const [logicalId, resource] of Object.entries(value.Resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      diagnostics.push(
        diagnosticAt(
          file,
          positionOf(['Resources', logicalId]),
          'error',
          'not-a-template',
          `resource '${logicalId}' has no \`Type\``,
        ),
      );
      continue;
    }
    const metadata = isRecord(resource.Metadata) ? resource.Metadata : {};
    resources.push({
      logicalId,
      type: resource.Type,
      properties: isRecord(resource.Properties) ? resource.Properties : {},
      cdkPath: typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined,
    });
  }
  return { template: { file, resources, value, positionOf }, diagnostics };
}
