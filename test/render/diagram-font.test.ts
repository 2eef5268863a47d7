import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutModel } from '../../src/layout/layout.js';
import { modelTexts } from '../../src/layout/model-texts.js';
import { diagramTexts } from '../../src/render/diagram-font.js';
import { validateText } from '../../src/spec/validate.js';

const specs = ['architectures', 'test/fixtures/valid'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => path.join(dir, f)),
);

/** The characters of some texts, as the font subsetter sees them (spaces and digits always). */
const characters = (texts: string[]) =>
  [...new Set([...texts.join(''), ...' 0123456789'])]
    .filter((c) => c !== '\n')
    .sort()
    .join('');

describe('modelTexts', () => {
  // The CLI subsets the font from the spec while ELK runs; that work is only reused when the
  // characters per weight are exactly those of the laid-out diagram.
  for (const file of specs) {
    it(`finds the characters per weight the diagram of ${file} draws`, async () => {
      const { model } = validateText(readFileSync(file, 'utf8'), file);
      const fromModel = modelTexts(model!);
      const fromDiagram = diagramTexts(await layoutModel(model!));
      expect(characters(fromModel.regular)).toBe(characters(fromDiagram.regular));
      expect(characters(fromModel.semibold)).toBe(characters(fromDiagram.semibold));
    });
  }
});
