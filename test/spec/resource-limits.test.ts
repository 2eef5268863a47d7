// Hostile inputs too large or too silly to commit as fixtures are generated here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/spec/limits.js';
import { validateBytes, validateText } from '../../src/spec/validate.js';
import { INVALID_DIR } from './fixture-files.js';

const HEADER = 'refarch: 1\ntitle: Deep\nnodes:\n  a: { type: aws.lambda }\n';

const codesAt = (text: string) =>
  validateText(text, 'deep.yaml').diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);

describe('resource limits', () => {
  it('refuses a 10 MB file by its size, before decoding it', () => {
    const bytes = new Uint8Array(10 * 1024 * 1024).fill(0x61);
    const result = validateBytes(bytes, 'big.yaml');
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['file-too-large 0:0']);
    expect(result.diagnostics[0]?.message).toContain('10.0 MiB');
  });

  it('refuses 10000 nested [ at the first bracket past the limit', () => {
    const result = codesAt('['.repeat(10_000));
    expect(result).toEqual([`nesting-too-deep 1:${DEFAULT_LIMITS.maxDepth + 1}`]);
  });

  it('refuses 10000 nested block sequences written on one line (- - - …)', () => {
    const result = codesAt('- '.repeat(10_000));
    expect(result).toEqual([`nesting-too-deep 1:${2 * DEFAULT_LIMITS.maxDepth + 1}`]);
  });

  it('refuses block maps nested by indentation alone', () => {
    const text = Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(codesAt(text)).toEqual([
      `nesting-too-deep ${DEFAULT_LIMITS.maxDepth + 1}:${DEFAULT_LIMITS.maxDepth + 1}`,
    ]);
  });

  it('is not fooled by an apostrophe in plain text before deep nesting', () => {
    const text = `refarch: 1\ntitle: it's deep\nnodes: ${'['.repeat(10_000)}`;
    const result = codesAt(text);
    expect(result.map((r) => r.split(' ')[0])).toEqual(['nesting-too-deep']);
  });

  it('ignores brackets inside quoted text', () => {
    const text = `${HEADER}description: "${'['.repeat(500)}"\n`;
    expect(codesAt(text)).toEqual([]);
  });

  it('refuses a billion-laughs alias bomb', () => {
    const bytes = new Uint8Array(readFileSync(join(INVALID_DIR, 'alias-bomb.yaml')));
    const result = validateBytes(bytes, 'alias-bomb.yaml');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['alias-limit']);
  });

  it('accepts aliases that expand to a few nodes', () => {
    const text = `${HEADER}edges:\n  - { from: &x a, to: b }\n  - { from: *x, to: b }\n`.replace(
      'a: { type: aws.lambda }',
      'a: { type: aws.lambda }\n  b: { type: aws.sqs }',
    );
    expect(codesAt(text)).toEqual([]);
  });

  it('honours a raised depth limit for a spec that needs it', () => {
    const text = `description: ${'['.repeat(70)}${']'.repeat(70)}\n${HEADER}`;
    expect(codesAt(text).map((r) => r.split(' ')[0])).toEqual(['nesting-too-deep']);
    const raised = validateText(text, 'deep.yaml', { ...DEFAULT_LIMITS, maxDepth: 100 });
    expect(raised.diagnostics.map((d) => d.code)).toEqual(['wrong-type']);
  });
});
