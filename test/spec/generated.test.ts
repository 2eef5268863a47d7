import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SCHEMA_FILE,
  schemaFileText,
  VALIDATOR_FILE,
  validatorFileText,
} from '../../scripts/schema-source.js';

describe('generated schema artefacts', () => {
  it('the committed JSON Schema is what the generator writes now', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8') === schemaFileText(), 'run npm run generate').toBe(true);
  });

  it('the committed standalone validator is compiled from that schema', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8') === validatorFileText(), 'run npm run generate').toBe(true);
  });
});
