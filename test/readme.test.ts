// The README's examples are part of the product: its spec example must validate cleanly.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateText } from '../src/spec/validate.js';

const readme = readFileSync('README.md', 'utf8');
const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README', () => {
  it('shows the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('has a spec example that validates with no diagnostics and builds a model', () => {
    const specs = yamlBlocks.filter((b) => /^refarch: 1/m.test(b));
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      const { model, diagnostics } = validateText(spec, 'README.md');
      expect(diagnostics).toEqual([]);
      expect(model?.edges.length).toBeGreaterThan(0);
    }
  });
});
