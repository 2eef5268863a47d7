// The committed schema file's text, shared by the generator and the test that keeps it current.

import { fileURLToPath } from 'node:url';
import { allTypeIds } from '../src/catalog/catalog.js';
import { buildSpecSchema } from '../src/spec/schema.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema/refarch.schema.json', import.meta.url));

export function schemaFileText(): string {
  return `${JSON.stringify(buildSpecSchema(allTypeIds()), null, 2)}\n`;
}
