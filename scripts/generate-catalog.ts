// Writes src/catalog/aws-types.generated.ts from the installed aws-icons package.
// `--check` writes nothing and exits 1 when the committed file is out of date.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalogSource } from './catalog-source.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src/catalog/aws-types.generated.ts');
const awsIconsRoot = dirname(createRequire(import.meta.url).resolve('aws-icons/package.json'));

const source = generateCatalogSource(awsIconsRoot);
const current = existsSync(target) ? readFileSync(target, 'utf8') : '';

if (process.argv.includes('--check')) {
  if (current !== source) {
    console.error(`${target} is out of date: run \`npx tsx scripts/generate-catalog.ts\``);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else if (current === source) {
  console.log(`${target} unchanged`);
} else {
  writeFileSync(target, source);
  console.log(`wrote ${target}`);
}
