import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLayoutDefects } from '../../src/layout/defects.js';
import { layoutModel } from '../../src/layout/layout.js';
import { validateText } from '../../src/spec/validate.js';

const specFolders = ['test/fixtures/valid', 'architectures'];
const specFiles = specFolders.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => path.join(dir, f)),
);

describe('layout geometry of every valid fixture and architecture', () => {
  it('has specs to check', () => {
    expect(specFiles.length).toBeGreaterThan(0);
  });

  for (const file of specFiles) {
    it(`${file} lays out with no overlaps, spills, edges through nodes or misplaced labels`, async () => {
      const { model, diagnostics } = validateText(readFileSync(file, 'utf8'), file);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const diagram = await layoutModel(model!);
      expect(findLayoutDefects(diagram).map((d) => d.message)).toEqual([]);
      expect(diagram.nodes.length).toBe(model!.nodes.size);
    });
  }
});
