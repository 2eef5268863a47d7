// Synthesizes the CDK app test/fixtures/cdk-app/app.mjs into test/fixtures/cdk-app/cdk.out, the
// fixture `refarch import` reads a cloud assembly from. aws-cdk-lib is large and only this script
// needs it, so it is not a dependency; install it beside the repository first:
//
//   npm install --no-save aws-cdk-lib@2 constructs@10 && node scripts/synth-cdk-fixture.mjs
//
// The assembly is committed; run this again only when app.mjs changes.

import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outdir = fileURLToPath(new URL('../test/fixtures/cdk-app/cdk.out', import.meta.url));
const { synthesize } = await import('../test/fixtures/cdk-app/app.mjs');
rmSync(outdir, { recursive: true, force: true });
const assembly = synthesize(outdir);
// The metadata's construction stacks name files by absolute path: keep them relative to the
// repository (and to node_modules), so the fixture does not depend on where it was made.
const root = fileURLToPath(new URL('..', import.meta.url));
for (const file of readdirSync(outdir)) {
  const full = path.join(outdir, file);
  const text = readFileSync(full, 'utf8');
  writeFileSync(
    full,
    text
      .replaceAll(`file://${root}`, '')
      .replaceAll(root, '')
      .replace(/(file:\/\/)?\/[^\s"'()]*\/node_modules\//g, 'node_modules/'),
  );
}
console.log(`synthesized ${assembly.stacks.map((s) => s.stackName).join(', ')} into ${outdir}`);
