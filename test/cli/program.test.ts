import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, REPO, runCli } from '../reliability/cli.js';

const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

describe('refarch --version', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'refarch-version-'));

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it("prints package.json's version, run from the sources", async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it("prints package.json's version, run from the build", () => {
    const child = spawnSync(process.execPath, [BUILT_CLI, '--version'], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(`${version}\n`);
  });

  it('prints the version of the package it is installed as, wherever that is', () => {
    // An installed package's layout: package.json beside dist/, its dependencies in node_modules.
    const installed = path.join(temp, 'node_modules', 'refarch');
    mkdirSync(installed, { recursive: true });
    writeFileSync(
      path.join(installed, 'package.json'),
      JSON.stringify({ name: 'refarch', version: '9.8.7' }),
    );
    cpSync(path.join(REPO, 'dist'), path.join(installed, 'dist'), {
      recursive: true,
      filter: (from) => path.basename(from) !== 'vendor',
    });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(installed, 'node_modules'));
    const child = spawnSync(process.execPath, [path.join(installed, 'dist/cli/main.js'), '--version'], {
      cwd: temp,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('9.8.7\n');
  });
});
