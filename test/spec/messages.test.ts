// Messages a newcomer reads: in the spec's words, naming the offending thing, with a hint to act on.

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { validateBytes, validateText } from '../../src/spec/validate.js';
import { invalidFixtures } from './fixture-files.js';

const HEADER = 'refarch: 1\ntitle: Test\n';
const NODES = 'nodes:\n  a: { type: aws.lambda }\n  b: { type: aws.sqs }\n';

function first(text: string): Diagnostic {
  const [d] = validateText(text, 'test.yaml').diagnostics;
  if (!d) throw new Error('expected a diagnostic');
  return d;
}

const edge = (fields: string) => first(`${HEADER}${NODES}edges:\n  - { ${fields} }\n`);

describe('schema error messages', () => {
  it('never show JSON Schema jargon or JSON pointers', () => {
    const jargon = /must NOT|must match|anyOf|\bobject\b|\barray\b|\binteger\b|\/nodes\/|\/edges\//;
    const messages = invalidFixtures().flatMap((f) =>
      validateBytes(f.bytes, f.name).diagnostics.map((d) => `${f.name}: ${d.message} ${d.hint ?? ''}`),
    );
    expect(messages.filter((m) => jargon.test(m))).toEqual([]);
  });

  it('suggest the key a misspelt key was meant to be', () => {
    const d = first(`${HEADER}nodes:\n  a: { type: aws.lambda, lable: Resize }\n`);
    expect(d.message).toBe("unknown key 'lable' (did you mean 'label'?)");
    expect(d.hint).toBe("rename it to 'label'");
  });

  it('list the allowed keys when no key is close', () => {
    const d = first(`${HEADER}nodes:\n  a: { type: aws.lambda, colour: red }\n`);
    expect(d.hint).toBe(
      'allowed keys here: type, label, note, link, tooltip, border, direction, arrange, children',
    );
  });

  it('tell how to nest a node written straight under its parent', () => {
    const d = first(`${HEADER}nodes:\n  vpc:\n    type: group.vpc\n    web: { type: aws.ec2 }\n`);
    expect(d.hint).toBe("to make 'web' a node, indent it under `children:`");
  });

  it('tell how to place a node written beside `nodes:` instead of under it', () => {
    const { diagnostics } = validateText(`${HEADER}nodes:\napi:\n  type: aws.api-gateway\n`, 'test.yaml');
    const d = diagnostics.find((x) => x.code === 'unknown-key');
    expect(d?.hint).toBe("to make 'api' a node, indent it under `nodes:`");
  });

  it('say what a node must look like when it is written as its type', () => {
    const d = first(`${HEADER}nodes:\n  fn: aws.lambda\n`);
    expect(d.message).toBe("node 'fn' must be a map with `type`, not the text 'aws.lambda'");
    expect(d.hint).toBe('write `fn: { type: aws.lambda }`');
  });

  it('say a key has no value rather than calling it null', () => {
    expect(first(`${HEADER}nodes:\n`).message).toBe(
      "'nodes' has no value; it must be a map of node id to node",
    );
  });

  it('describe an endpoint of the wrong type in words', () => {
    const d = edge('from: 3, to: b');
    expect([d.code, d.message]).toEqual([
      'wrong-type',
      "'from' must be a node id or a list of node ids, not the number 3",
    ]);
  });

  it('report an empty endpoint list as an empty list, not as the wrong type', () => {
    const d = edge('from: [], to: b');
    expect([d.code, d.message]).toEqual(['empty-list', "'from' must not be an empty list"]);
  });

  it('report a malformed endpoint id as an invalid id', () => {
    const d = edge('from: "my lambda", to: b');
    expect([d.code, d.message]).toEqual(['invalid-id', "'my lambda' is not a valid node id"]);
  });

  it('point at the malformed item of an endpoint list', () => {
    const d = edge('from: [a, 42], to: b');
    expect([d.code, d.line, d.column, d.message]).toEqual([
      'wrong-type',
      7,
      17,
      'from[1] must be a node id, not the number 42',
    ]);
  });

  it('tell to drop the quotes around the version', () => {
    const d = first('refarch: "1"\ntitle: T\nnodes: { a: { type: aws.lambda } }\n');
    expect([d.code, d.message, d.hint]).toEqual([
      'wrong-type',
      "'refarch' must be the number 1, not the text '1'",
      'write `refarch: 1` without quotes',
    ]);
  });

  it('name the unsupported version', () => {
    const d = first('refarch: 2\ntitle: T\nnodes: { a: { type: aws.lambda } }\n');
    expect([d.code, d.message]).toEqual(['unsupported-version', 'spec format version 2 is not supported']);
  });

  it('tell to drop the quotes around a step number', () => {
    const d = edge('from: a, to: b, step: "1"');
    expect([d.message, d.hint]).toEqual([
      "'step' must be a whole number, not the text '1'",
      'remove the quotes',
    ]);
  });

  it('give the allowed range of a step', () => {
    expect(edge('from: a, to: b, step: 1000').message).toBe("'step' must be between 1 and 999, not 1000");
  });

  it('suggest a close enum value for a misspelt word', () => {
    expect(first(`${HEADER}direction: rigth\n${NODES}`).message).toBe(
      "'direction' must be one of right, down, left, up, not the text 'rigth' (did you mean 'right'?)",
    );
  });

  it('suggest no enum value for a number', () => {
    expect(first(`${HEADER}direction: 3\n${NODES}`).message).toBe(
      "'direction' must be one of right, down, left, up, not the number 3",
    );
  });

  it('give the length and the limit of a long text', () => {
    const d = first(`${HEADER}nodes:\n  a: { type: aws.lambda, label: ${'x'.repeat(250)} }\n`);
    expect(d.message).toBe("'label' has 250 characters; at most 200 are allowed");
  });

  it('tell to quote a number used as text', () => {
    const d = first(`${HEADER}nodes:\n  a: { type: aws.lambda, label: 2024 }\n`);
    expect([d.message, d.hint]).toEqual([
      "'label' must be text, not the number 2024",
      'put the text in quotes',
    ]);
  });

  it('name a node that misses its type', () => {
    expect(first(`${HEADER}nodes:\n  fn: { label: Resize }\n`).message).toBe(
      "node 'fn' is missing the required key 'type'",
    );
  });

  it('name an overlay that misses its members', () => {
    expect(first(`${HEADER}${NODES}overlays:\n  asg: { type: group.auto-scaling-group }\n`).message).toBe(
      "overlay 'asg' is missing the required key 'members'",
    );
  });
});

describe('YAML and file error messages', () => {
  it('name a duplicated key', () => {
    expect(first(`${HEADER}title: Again\n${NODES}`).message).toBe(
      "key 'title' appears twice in the same map",
    );
  });

  it('name a duplicated key in JSON', () => {
    const d = first(
      '{"refarch": 1, "title": "T", "nodes": {"a": {"type": "aws.lambda"}, "a": {"type": "aws.sqs"}}}',
    );
    expect([d.code, d.line, d.column, d.message]).toEqual([
      'duplicate-key',
      1,
      69,
      "key 'a' appears twice in the same map",
    ]);
  });

  it('point at the opening quote of an unclosed string, and say nothing more', () => {
    const diagnostics = validateText(
      `${HEADER}nodes:\n  a: { type: aws.lambda, label: "Resize }\n`,
      't.yaml',
    ).diagnostics;
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [4, 33, 'this quoted text has no closing "'],
    ]);
  });

  it('point at the opening quote of an unclosed single-quoted string with a doubled quote inside', () => {
    const d = first(`${HEADER}description: 'it''s long\nnodes: {}\n`);
    expect([d.line, d.column]).toEqual([3, 14]);
  });

  it('point at an unclosed { and say what to do', () => {
    const diagnostics = validateText(
      `${HEADER}nodes:\n  a: { type: aws.lambda\n  b: { type: aws.sqs }\n`,
      't.yaml',
    ).diagnostics;
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [4, 6, 'this { is not closed, or the lines after it are not indented enough'],
    ]);
  });

  it('point at the opening { of a JSON file that never closes', () => {
    const d = first('{\n  "refarch": 1,\n  "title": "T",\n  "nodes": { "a": { "type": "aws.lambda" } }\n');
    expect([d.line, d.column, d.message]).toEqual([1, 1, 'this { has no matching }']);
  });

  it('explain that ": " inside a plain value starts another key', () => {
    const d = first(`${HEADER}nodes:\n  a:\n    type: aws.lambda\n    label: Step 1: resize\n`);
    expect([d.line, d.column, d.hint]).toEqual([
      6,
      12,
      'put the whole value in quotes (label: "Step 1: upload"), or put each key on its own line',
    ]);
  });

  it('say to indent with spaces when a tab indents', () => {
    const d = first(`${HEADER}nodes:\n\ta: { type: aws.lambda }\n`);
    expect([d.code, d.message, d.hint]).toEqual([
      'yaml-syntax',
      'tabs are not allowed for indentation in YAML',
      'indent with spaces (2 per level)',
    ]);
  });

  it('explain a second YAML document in plain words', () => {
    const d = first(`${HEADER}${NODES}---\nrefarch: 1\n`);
    expect([d.code, d.line, d.message]).toEqual([
      'yaml-syntax',
      6,
      'the file holds more than one YAML document (separated by `---`)',
    ]);
  });

  it('say a file of comments only holds only comments', () => {
    expect(first('# just a note\n').message).toBe('the file holds only comments');
  });

  it('accept a UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(`${HEADER}${NODES}`)]);
    expect(validateBytes(bytes, 'bom.yaml').diagnostics).toEqual([]);
  });

  it('recognise UTF-16 text instead of calling it binary', () => {
    const bytes = new Uint8Array(Buffer.from(`\ufeff${HEADER}${NODES}`, 'utf16le'));
    const [d] = validateBytes(bytes, 'utf16.yaml').diagnostics;
    expect([d?.code, d?.message]).toEqual(['invalid-utf8', 'the file is UTF-16, not UTF-8']);
  });

  it('point at the first byte that is not UTF-8', () => {
    const bytes = new Uint8Array([...Buffer.from('refarch: 1\ntitle: Caf'), 0xe9, ...Buffer.from('\n')]);
    const [d] = validateBytes(bytes, 'latin1.yaml').diagnostics;
    expect([d?.code, d?.line, d?.column]).toEqual(['invalid-utf8', 2, 11]);
  });

  it('call a file with NUL bytes binary', () => {
    const [d] = validateBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'image.yaml').diagnostics;
    expect([d?.code, d?.line, d?.column]).toEqual(['binary-file', 0, 0]);
  });
});

describe('positions in JSON specs', () => {
  const json = (edges: string) =>
    `{\n  "refarch": 1,\n  "title": "T",\n  "nodes": {\n    "a": { "type": "aws.lambda" },\n    "b": { "type": "aws.sqs" }\n  },\n  "edges": [\n${edges}\n  ]\n}\n`;

  it('point at the value of a wrong field', () => {
    const d = first(json('    { "from": "a", "to": "b", "style": "dotted" }'));
    expect([d.code, d.line, d.column]).toEqual(['invalid-value', 9, 40]);
  });

  it('point at the key of an unknown field', () => {
    const d = first(json('    { "from": "a", "to": "b", "colour": "red" }'));
    expect([d.code, d.line, d.column]).toEqual(['unknown-key', 9, 31]);
  });
});
