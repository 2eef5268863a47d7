// `refarch check`: valid specs with committed outputs that match pass; stale, missing, invalid or
// unreadable ones fail with one line each; nothing is ever written.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO, run, SHOP, tempProject, UNKNOWN_TYPE } from './project.js';

type Project = ReturnType<typeof tempProject>;

/** Every file under the project with its size and modification time, to prove nothing was written. */
function snapshot(project: Project): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const info = statSync(full);
        files[path.relative(project.root, full)] = `${info.size}@${info.mtimeMs}`;
      }
    }
  };
  walk(project.root);
  return files;
}

describe('refarch check', () => {
  let project: Project;
  let specs: string;
  let out: string;

  beforeEach(async () => {
    project = tempProject({ 'architectures/shop.yaml': SHOP });
    specs = project.at('architectures');
    out = project.at('output');
    expect((await run(['render', specs, '--out', out, '--quiet'])).code).toBe(0);
  });
  afterEach(() => project.remove());

  it('passes and writes nothing when every output is what the code renders now', async () => {
    const before = snapshot(project);
    const result = await run(['check', specs, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('1 spec checked: 1 up to date, 0 stale, 0 missing, 0 invalid specs\n');
    expect(snapshot(project)).toEqual(before);
  });

  it('fails on a stale SVG with one line that names the file and the command to run, and leaves it alone', async () => {
    project.write('output/shop.svg', '<svg>old</svg>');
    const before = snapshot(project);
    const result = await run(['check', specs, '--out', out]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${path.join(out, 'shop.svg')} error stale-output:`);
    expect(lines[0]).toContain('`npx refarch render');
    expect(result.stderr).toContain('1 stale');
    expect(snapshot(project)).toEqual(before);
    expect(project.read('output/shop.svg')).toBe('<svg>old</svg>');
  });

  it('fails on a missing SVG and writes nothing', async () => {
    project.write('architectures/second.yaml', SHOP.replace('Orders API', 'Second API'));
    const before = snapshot(project);
    const result = await run(['check', specs, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /second\.svg error missing-output: no rendered SVG of .*second\.yaml; run /,
    );
    expect(result.stderr).toContain('1 up to date, 0 stale, 1 missing');
    expect(snapshot(project)).toEqual(before);
  });

  it('suggests `npm start` for the project layout (architectures/ -> output/)', async () => {
    const cwd = process.cwd();
    process.chdir(project.root);
    try {
      project.write('output/shop.svg', 'stale');
      const result = await run(['check']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        'output/shop.svg error stale-output: differs from what architectures/shop.yaml renders now; run `npm start` (or `npx refarch render architectures/shop.yaml`)\n',
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('checks a committed PNG and JSON byte for byte, and only when they exist', async () => {
    await run(['render', specs, '--out', out, '--format', 'png', '--quiet']);
    await run(['render', specs, '--out', out, '--format', 'json', '--quiet']);
    expect((await run(['check', specs, '--out', out])).stderr).toContain('3 up to date');
    project.write('output/shop.json', '{}');
    const result = await run(['check', specs, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('shop.json error stale-output');
    expect(result.stdout).toContain('--format json');
  });

  it('checks a committed draw.io file byte for byte like the others', async () => {
    const rendered = await run(['render', specs, '--out', out, '--format', 'drawio', '--quiet']);
    expect(rendered.code).toBe(0);
    expect(project.read('output/shop.drawio')).toMatch(/^<mxfile host="refarch"/);
    expect((await run(['check', specs, '--out', out])).stderr).toContain('2 up to date');
    project.write('output/shop.drawio', project.read('output/shop.drawio').replace('Orders API', 'Old API'));
    const result = await run(['check', specs, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('shop.drawio error stale-output');
    expect(result.stdout).toContain('--format drawio');
  });

  it('fails on an invalid spec with its file:line:col diagnostic', async () => {
    project.write('architectures/broken.yaml', UNKNOWN_TYPE);
    const result = await run(['check', specs, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${path.join(specs, 'broken.yaml')}:5:16 error unknown-type`);
    expect(result.stderr).toContain('1 invalid spec\n');
  });

  // Tests run as root in CI, where chmod 000 does not stop a read: these are unreadable for everyone.
  it('reports a dangling symlink, a folder and a FIFO named like specs as unreadable (exit 2)', async () => {
    symlinkSync(project.at('nowhere.yaml'), project.at('architectures/dangling.yaml'));
    mkdirSync(project.at('architectures/folder.yaml'));
    execFileSync('mkfifo', [project.at('architectures/pipe.yaml')]);
    const result = await run(['check', specs, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('dangling.yaml error cannot-read: no such file or folder');
    expect(result.stdout).toContain('folder.yaml error not-a-file');
    expect(result.stdout).toContain('pipe.yaml error not-a-file');
  });

  it('prints GitHub annotations with --format github', async () => {
    project.write('output/shop.svg', 'stale');
    const result = await run(['check', specs, '--out', out, '--format', 'github']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=.*shop\.svg,title=refarch stale-output::differs from what /);
  });

  it('prints every problem as JSON with --format json', async () => {
    project.write('output/shop.svg', 'stale');
    const result = await run(['check', specs, '--out', out, '--format', 'json']);
    expect(result.code).toBe(1);
    const diagnostics = JSON.parse(result.stdout) as { code: string; file: string }[];
    expect(diagnostics.map((d) => d.code)).toEqual(['stale-output']);
    expect(result.stderr).toBe('');
  });

  it('prints no summary with --quiet', async () => {
    const result = await run(['check', specs, '--out', out, '--quiet']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('colours diagnostics on a terminal, and not when NO_COLOR is set', async () => {
    project.write('output/shop.svg', 'stale');
    expect((await run(['check', specs, '--out', out], { tty: true })).stdout).toContain('\x1b[');
    process.env.NO_COLOR = '1';
    try {
      expect((await run(['check', specs, '--out', out], { tty: true })).stdout).not.toContain('\x1b[');
    } finally {
      delete process.env.NO_COLOR;
    }
    expect((await run(['check', specs, '--out', out])).stdout).not.toContain('\x1b[');
  });

  it('shows progress on a terminal only', async () => {
    project.write('architectures/second.yaml', SHOP);
    await run(['render', specs, '--out', out, '--quiet']);
    const tty = await run(['check', specs, '--out', out], { tty: true });
    expect(tty.stderr).toContain('\r\x1b[K[1/2] ');
    expect(tty.stderr).toContain('\r\x1b[K[2/2] ');
    expect(tty.stderr).toContain('\r\x1b[K2 specs checked: 2 up to date');
    expect((await run(['check', specs, '--out', out])).stderr).not.toContain('[1/2]');
  });
});

describe('refarch check with Markdown embeds', () => {
  let project: Project;
  const readme = '# Shop\n\n<!-- refarch architectures/shop.yaml -->\n<!-- /refarch -->\n';

  beforeEach(async () => {
    project = tempProject({ 'architectures/shop.yaml': SHOP, 'README.md': readme });
    await run(['render', project.at('architectures'), '--out', project.at('output'), '--quiet']);
  });
  afterEach(() => project.remove());

  const check = (...extra: string[]) =>
    run(['check', project.at('architectures'), '--out', project.at('output'), ...extra]);

  it('fails on a block that embed has not filled yet, naming its line, and writes nothing', async () => {
    const before = snapshot(project);
    const result = await check('--docs', project.at('README.md'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${project.at('README.md')}:3:1 error stale-embed:`);
    expect(result.stdout).toContain('run `npx refarch embed ');
    expect(snapshot(project)).toEqual(before);
  });

  it('passes once embed has run, and fails again when an embedded SVG goes stale', async () => {
    expect((await run(['embed', project.at('README.md'), '--out', project.at('docs/diagrams')])).code).toBe(
      0,
    );
    expect((await check('--docs', project.at('README.md'))).code).toBe(0);
    writeFileSync(project.at('docs/diagrams/shop-dark.svg'), 'stale');
    const result = await check('--docs', project.at('README.md'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('shop-dark.svg error stale-output');
  });

  it('fails on a broken marker with its line', async () => {
    project.write('README.md', '# Shop\n\n<!-- refarch architectures/shop.yaml -->\n');
    const result = await check('--docs', project.at('README.md'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('README.md:3:1 error embed-unclosed-marker');
  });

  it('checks README.md by itself when run without paths and README.md has markers', async () => {
    const cwd = process.cwd();
    process.chdir(project.root);
    try {
      const result = await run(['check']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('README.md:3:1 error stale-embed');
      expect(result.stderr).toContain('1 spec and 1 Markdown file checked');
      expect((await run(['check', '--no-docs'])).code).toBe(0);
      await run(['embed', 'README.md', '--out', 'docs/diagrams']);
      expect(await run(['check'])).toMatchObject({ code: 0, stdout: '' });
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('the README CI examples', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const workflow = /```yaml\n(name: diagrams[\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const hook = /```sh\n(#!\/bin\/sh\n[\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const refarchCommands = (text: string) =>
    [...text.matchAll(/^\s*(?:- run: )?npx refarch ([^|\n]*?)\s*(?:\|\||$)/gm)].map((m) =>
      m[1]!.split(/\s+/),
    );

  it('has a workflow that checks out, sets up Node 20, installs and runs check --format github', () => {
    expect(workflow).toContain('uses: actions/checkout@');
    expect(workflow).toMatch(/uses: actions\/setup-node@[\s\S]*node-version: 20/);
    expect(workflow).toContain('run: npm ci');
    expect(refarchCommands(workflow)).toEqual([['check', '--format', 'github']]);
    expect(refarchCommands(hook)).toEqual([['check', '--quiet']]);
  });

  it('runs the README commands with exit 0 in an up-to-date project and 1 in a stale one', async () => {
    const project = tempProject({ 'architectures/shop.yaml': SHOP });
    const cwd = process.cwd();
    process.chdir(project.root);
    try {
      await run(['render', '--quiet']);
      for (const args of [...refarchCommands(workflow), ...refarchCommands(hook)])
        expect((await run(args)).code).toBe(0);
      project.write('output/shop.svg', 'stale');
      for (const args of [...refarchCommands(workflow), ...refarchCommands(hook)])
        expect((await run(args)).code).toBe(1);
    } finally {
      process.chdir(cwd);
      project.remove();
    }
  });
});
