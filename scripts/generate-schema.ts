// Writes schema/refarch.schema.json from the spec schema builder and the type catalog.
// `--check` writes nothing and exits 1 when the committed file is out of date.

import { readFileSync, writeFileSync } from 'node:fs';
import { SCHEMA_FILE, schemaFileText } from './schema-source.js';

const text = schemaFileText();
if (process.argv.includes('--check')) {
  const current = readFileSync(SCHEMA_FILE, 'utf8');
  if (current !== text) {
    console.error(`${SCHEMA_FILE} is out of date; run npm run generate`);
    process.exit(1);
  }
} else {
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE}`);
}
