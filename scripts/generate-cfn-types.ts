// Writes src/catalog/cfn-types.generated.ts from the installed @aws-cdk/aws-service-spec (a dev
// dependency) and the catalog. `--check` writes nothing and exits 1 when the file is out of date.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cfnResourceTypes, cfnTypeMap, cfnTypesSource } from './cfn-types-source.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src/catalog/cfn-types.generated.ts');
const specRoot = dirname(createRequire(import.meta.url).resolve('@aws-cdk/aws-service-spec/package.json'));
const version = (JSON.parse(readFileSync(join(specRoot, 'package.json'), 'utf8')) as { version: string })
  .version;
const types = cfnResourceTypes(readFileSync(join(specRoot, 'db.json.gz')));
const map = cfnTypeMap(types);
const source = cfnTypesSource(map, version, types.length);
const current = existsSync(target) ? readFileSync(target, 'utf8') : '';

if (process.argv.includes('--check')) {
  if (current !== source) {
    console.error(`${target} is out of date: run \`npx tsx scripts/generate-cfn-types.ts\``);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else {
  if (current !== source) writeFileSync(target, source);
  console.log(
    `${current === source ? 'unchanged' : 'wrote'} ${target}: ${map.size} of ${types.length} resource types have a catalog type`,
  );
}
