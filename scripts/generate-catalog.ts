// Writes src/catalog/aws-types.generated.ts from the installed aws-icons package.
// `--check` writes nothing and exits 1 when the committed file is out of date.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalogSource } from './catalog-source.js';
import { writeGenerated } from './generated-file.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src/catalog/aws-types.generated.ts');
const awsIconsRoot = dirname(createRequire(import.meta.url).resolve('aws-icons/package.json'));

const source = generateCatalogSource(awsIconsRoot);
writeGenerated(target, source, fileURLToPath(import.meta.url));
