// Writes schema/refarch.schema.json and the standalone validator generated from it.
// `--check` writes nothing and exits 1 when a committed file is out of date.

import { readFileSync, writeFileSync } from 'node:fs';
import { SCHEMA_FILE, schemaFileText, VALIDATOR_FILE, validatorFileText } from './schema-source.js';

const files: [string, string][] = [
  [SCHEMA_FILE, schemaFileText()],
  [VALIDATOR_FILE, validatorFileText()],
];
let stale = false;
for (const [file, text] of files) {
  if (!process.argv.includes('--check')) {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  } else if (readFileSync(file, 'utf8') !== text) {
    console.error(`${file} is out of date; run npm run generate`);
    stale = true;
  }
}
if (stale) process.exit(1);
