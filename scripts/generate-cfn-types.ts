// Writes src/catalog/cfn-types.generated.ts from the installed @aws-cdk/aws-service-spec (a dev
// dependency) and the catalog. `--check` writes nothing and exits 1 when the file is out of date.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cfnResourceTypes, cfnTypeMap, cfnTypesSource } from './cfn-types-source.js';
import { writeGenerated } from './generated-file.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src/catalog/cfn-types.generated.ts');
const specRoot = dirname(createRequire(import.meta.url).resolve('@aws-cdk/aws-service-spec/package.json'));
const version = (JSON.parse(readFileSync(join(specRoot, 'package.json'), 'utf8')) as { version: string })
  .version;
const types = cfnResourceTypes(readFileSync(join(specRoot, 'db.json.gz')));
const map = cfnTypeMap(types);
const source = cfnTypesSource(map, version, types.length);
writeGenerated(
  target,
  source,
  fileURLToPath(import.meta.url),
  `${map.size} of ${types.length} resource types have a catalog type`,
);
