// The fast reading (js-yaml, no positions) must never change a verdict: on every fixture, hostile
// input and architecture, validateText gives exactly what the position-keeping path gives.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/spec/fast-parse.js';
import { validatePositioned, validateText } from '../../src/spec/validate.js';

const folders = ['architectures', 'test/fixtures/valid', 'test/fixtures/invalid', 'test/fixtures/hostile'];
const files = folders.flatMap((dir) => {
  try {
    return readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => path.join(dir, f))
      .filter((f) => statSync(f).size < 2_000_000);
  } catch {
    return [];
  }
});

describe('the fast first reading of a spec', () => {
  it('covers a real corpus', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  for (const file of files) {
    it(`${file}: gives the same diagnostics and model as the positioned reading`, () => {
      const text = readFileSync(file, 'utf8');
      const fast = validateText(text, file);
      const slow = validatePositioned(text, file);
      expect(fast.diagnostics).toEqual(slow.diagnostics);
      expect(JSON.stringify(fast.model && { ...fast.model, nodes: [...fast.model.nodes.keys()] })).toBe(
        JSON.stringify(slow.model && { ...slow.model, nodes: [...slow.model.nodes.keys()] }),
      );
    });
  }

  it('leaves aliases, tags, duplicate keys and several documents to the full reader', () => {
    expect(fastParse('a: &x [1]\nb: *x\n')).toBeUndefined();
    expect(fastParse('a: !!js/function "() => 1"\n')).toBeUndefined();
    expect(fastParse('a: 1\na: 2\n')).toBeUndefined();
    expect(fastParse('a: 1\n---\nb: 2\n')).toBeUndefined();
    expect(fastParse('')).toBeUndefined();
  });

  it('leaves text that the two readers could read differently to the full reader', () => {
    expect(fastParse('title: 1e400\n')).toBeUndefined();
    expect(fastParse('step: 1_000\n')).toBeUndefined();
    expect(fastParse('step: 0b11\n')).toBeUndefined();
    expect(fastParse('step: 010\n')).toBeUndefined();
    expect(fastParse('title: "true"\n')).toBeUndefined();
  });

  it('reads plain YAML 1.2 and JSON', () => {
    expect(fastParse('refarch: 1\ntitle: x\nsteps: { 1: a }\n')).toEqual({
      refarch: 1,
      title: 'x',
      steps: { 1: 'a' },
    });
    expect(fastParse('{"refarch": 1, "on": yes}')).toEqual({ refarch: 1, on: 'yes' });
  });
});
