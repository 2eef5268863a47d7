import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_FILE, schemaFileText } from '../../scripts/schema-source.js';
import { allTypeIds } from '../../src/catalog/catalog.js';
import { SCHEMA_ID } from '../../src/spec/schema.js';
import { DIRECTIONS, EDGE_STYLES } from '../../src/spec/types.js';
import { invalidFixtures, STRUCTURAL_CODES, validFixtures } from './fixture-files.js';

const committedText = readFileSync(SCHEMA_FILE, 'utf8');
const committed = JSON.parse(committedText) as {
  $id: string;
  properties: Record<string, { enum?: unknown[] }>;
  $defs: Record<string, { enum?: unknown[]; properties?: Record<string, { enum?: unknown[] }> }>;
};
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(committed);

const specValue = (bytes: Uint8Array): unknown => parse(Buffer.from(bytes).toString('utf8'));

describe('the committed JSON Schema', () => {
  it('is what `npm run generate` writes (run it if this fails)', () => {
    expect(committedText).toBe(schemaFileText());
  });

  it('names its $id', () => {
    expect(committed.$id).toBe(SCHEMA_ID);
  });

  it('lists every catalog type and alias in the type enum', () => {
    expect(committed.$defs.type?.enum).toEqual([...allTypeIds()]);
  });

  it('lists the same directions and edge styles as the TypeScript types', () => {
    expect(committed.properties.direction?.enum).toEqual([...DIRECTIONS]);
    expect(committed.$defs.edge?.properties?.style?.enum).toEqual([...EDGE_STYLES]);
  });

  describe.each(validFixtures())('accepts valid fixture $name', (fixture) => {
    it('with no schema errors', () => {
      validate(specValue(fixture.bytes));
      expect(validate.errors ?? []).toEqual([]);
    });
  });

  const structural = invalidFixtures().filter((f) => f.expected.some((e) => STRUCTURAL_CODES.has(e.code)));

  it('has structural fixtures to reject', () => {
    expect(structural.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(structural)('rejects invalid fixture $name', (fixture) => {
    it('as an editor using the schema alone would', () => {
      expect(validate(specValue(fixture.bytes))).toBe(false);
    });
  });
});
