// `refarch diff` on pairs of fixtures (test/fixtures/diff: a base and one change each): exactly the
// changes and marks expected, a merged picture with no layout defects, the summary, exit codes,
// and --git against a temporary repository.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffModels, isUnchanged, type ModelChanges } from '../../src/diff/changes.js';
import { mergedModel } from '../../src/diff/merge.js';
import { markdownSummary } from '../../src/diff/summary.js';
import { findLayoutDefects } from '../../src/layout/defects.js';
import { layout, renderDiagram } from '../../src/pipeline.js';
import type { Model } from '../../src/spec/model.js';
import { validateText } from '../../src/spec/validate.js';
import { run } from '../cli/project.js';
import { svgViolations } from '../reliability/svg-safety.js';

const DIR = 'test/fixtures/diff';
const read = (name: string) => readFileSync(path.join(DIR, `${name}.yaml`), 'utf8');

function model(text: string, file = 'spec.yaml'): Model {
  const { model, diagnostics } = validateText(text, file);
  expect(diagnostics).toEqual([]);
  return model!;
}

const none = (): ModelChanges => ({
  nodes: { added: [], removed: [], changed: {} },
  edges: { added: [], removed: [], changed: {} },
});

/** Each case's changes, as `--format json` prints them. */
const CASES: Record<string, { changes: ModelChanges; summary: string[] }> = {
  'add-node': {
    changes: {
      ...none(),
      nodes: { added: ['topic'], removed: [], changed: {} },
      edges: { added: [['api', 'topic']], removed: [], changed: {} },
    },
    summary: [
      '**Nodes** +1 / −0 / ~0 · **Edges** +1 / −0 / ~0',
      '| + | `topic` | Events | added |',
      '| + | `api` → `topic` | added |',
    ],
  },
  'remove-edge': {
    changes: { ...none(), edges: { added: [], removed: [['worker', 'db']], changed: {} } },
    summary: ['| − | `worker` → `db` | removed |'],
  },
  'change-label': {
    changes: { ...none(), nodes: { added: [], removed: [], changed: { api: ['label'] } } },
    summary: ["| ~ | `api` | Orders service | label 'Orders API' → 'Orders service' |"],
  },
  'move-node': {
    changes: { ...none(), nodes: { added: [], removed: [], changed: { worker: ['parent'] } } },
    summary: ["| ~ | `worker` | Worker | moved from 'subnet-a' to 'subnet-b' |"],
  },
  'sync-to-async': {
    changes: { ...none(), edges: { added: [], removed: [], changed: { 'api->queue': ['style'] } } },
    summary: ["| ~ | `api` → `queue` | style 'sync' → 'async' |"],
  },
  'rename-id': {
    changes: {
      nodes: { added: ['consumer'], removed: ['worker'], changed: {} },
      edges: {
        added: [
          ['queue', 'consumer'],
          ['consumer', 'db'],
        ],
        removed: [
          ['queue', 'worker'],
          ['worker', 'db'],
        ],
        changed: {},
      },
    },
    summary: ['`worker` was probably renamed to `consumer`; a new id shows as removed and added.'],
  },
};

describe('refarch diff on pairs of fixtures', () => {
  const base = model(read('base'), 'base.yaml');

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: exactly the expected changes, marks and summary, in a picture with no layout defects`, async () => {
      const head = model(read(name), `${name}.yaml`);
      const changes = diffModels(base, head);
      expect(changes).toEqual(expected.changes);
      const summary = markdownSummary({ file: `${name}.yaml`, base, head, changes });
      for (const line of expected.summary) expect(summary.split('\n')).toContain(line);
      const diagram = await layout(mergedModel(base, head, changes));
      expect(findLayoutDefects(diagram)).toEqual([]);
      const svg = (await renderDiagram(diagram, { format: 'svg', theme: 'light' })) as string;
      expect(svgViolations(svg)).toEqual([]);
      const doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
      const marked = (selector: string, kind: string) =>
        [
          ...doc.querySelectorAll(
            selector
              .split(', ')
              .map((s) => `${s}[data-mark="${kind}"]`)
              .join(', '),
          ),
        ]
          .map((g) => g.getAttribute('data-id'))
          .sort();
      const edgeId = ([from, to]: [string, string]) => `${from}->${to}`;
      expect(marked('g.node, g.group', 'added')).toEqual([...changes.nodes.added].sort());
      expect(marked('g.node, g.group', 'removed')).toEqual([...changes.nodes.removed].sort());
      expect(marked('g.node, g.group', 'changed')).toEqual(Object.keys(changes.nodes.changed).sort());
      expect(marked('g.edge', 'added')).toEqual(changes.edges.added.map(edgeId).sort());
      expect(marked('g.edge', 'removed')).toEqual(changes.edges.removed.map(edgeId).sort());
      expect(marked('g.edge', 'changed')).toEqual(Object.keys(changes.edges.changed).sort());
      // Not by colour alone: every marked thing has its badge symbol, and the key explains them.
      const symbols = [...doc.querySelectorAll('text.rf-mark-symbol')].map((t) => t.textContent);
      const markedCount = doc.querySelectorAll('[data-mark]').length - doc.querySelectorAll('g.mark').length;
      expect(symbols.length).toBe(markedCount + 3);
      expect(doc.querySelector('g.mark-legend')?.textContent).toContain('removed');
    });
  }

  it('puts a moved node in its new group, once, with where it came from in its tooltip', async () => {
    const head = model(read('move-node'));
    const merged = mergedModel(base, head, diffModels(base, head));
    expect(merged.nodes.get('worker')?.parent).toBe('subnet-b');
    const doc = new JSDOM(
      (await renderDiagram(await layout(merged), { format: 'svg', theme: 'light' })) as string,
      {
        contentType: 'image/svg+xml',
      },
    ).window.document;
    expect(doc.querySelectorAll('g.node[data-id="worker"]')).toHaveLength(1);
    expect(doc.querySelector('g.node[data-id="worker"] > title')?.textContent).toContain(
      "moved from 'subnet-a' to 'subnet-b'",
    );
  });

  it('keeps a removed node in its old group, faded', async () => {
    const head = model(read('rename-id'));
    const merged = mergedModel(base, head, diffModels(base, head));
    expect(merged.nodes.get('worker')?.parent).toBe('subnet-a');
    expect(merged.marks?.nodes.get('worker')?.kind).toBe('removed');
  });

  it('finds no changes between identical specs', () => {
    const changes = diffModels(base, model(read('base')));
    expect(isUnchanged(changes)).toBe(true);
    expect(markdownSummary({ file: 'base.yaml', base, head: base, changes })).toContain(
      'No changes to the architecture.',
    );
  });

  it('keeps hostile labels as text next to the marks', async () => {
    const hostile = '</title><script>alert(1)</script> & "x"';
    const head = model(read('base').replace('label: Orders API', `label: ${JSON.stringify(hostile)}`));
    const changes = diffModels(base, head);
    const svg = (await renderDiagram(await layout(mergedModel(base, head, changes)), {
      format: 'svg',
      theme: 'light',
    })) as string;
    expect(svgViolations(svg)).toEqual([]);
    const doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
    expect(doc.querySelector('g.node[data-id="api"] > title')?.textContent).toContain(hostile);
    const summary = markdownSummary({ file: 'x.yaml', base, head, changes });
    expect(summary).not.toContain('<script>');
  });
});

describe('the refarch diff command', () => {
  const spec = (name: string) => path.join(DIR, `${name}.yaml`);

  it('prints the changes as JSON, exits 0, and exits 1 only when --fail-on matches', async () => {
    const json = await run(['diff', spec('base'), spec('remove-edge'), '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(CASES['remove-edge']!.changes);
    expect(
      (await run(['diff', spec('base'), spec('remove-edge'), '--format', 'json', '--fail-on', 'removed']))
        .code,
    ).toBe(1);
    expect(
      (await run(['diff', spec('base'), spec('add-node'), '--format', 'json', '--fail-on', 'removed'])).code,
    ).toBe(0);
    expect(
      (await run(['diff', spec('base'), spec('change-label'), '--format', 'json', '--fail-on', 'changed']))
        .code,
    ).toBe(1);
    expect(
      (await run(['diff', spec('base'), spec('base'), '--format', 'json', '--fail-on', 'any'])).code,
    ).toBe(0);
    expect(
      (await run(['diff', spec('base'), spec('add-node'), '--format', 'json', '--fail-on', 'any'])).code,
    ).toBe(1);
  });

  it('says "no changes" for identical specs, with exit 0', async () => {
    const result = await run(['diff', spec('base'), spec('base'), '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No changes to the architecture.');
  });

  it('refuses one spec without --git, and an invalid spec with its diagnostic', async () => {
    expect((await run(['diff', spec('base')])).code).toBe(2);
    const bad = await run(['diff', spec('base'), 'test/fixtures/invalid/unknown-type.yaml']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown-type');
  });

  describe('with --git', () => {
    let repo: string;
    const cwd = process.cwd();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo });

    beforeAll(() => {
      repo = mkdtempSync(path.join(tmpdir(), 'refarch-diff-'));
      git('init', '-q');
      execFileSync('mkdir', ['-p', path.join(repo, 'architectures')]);
      writeFileSync(path.join(repo, 'architectures/orders.yaml'), read('base'));
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      writeFileSync(path.join(repo, 'architectures/orders.yaml'), read('move-node'));
      writeFileSync(
        path.join(repo, 'architectures/new.yaml'),
        'refarch: 1\nnodes:\n  fn: { type: aws.lambda }\n',
      );
      git('add', '.');
      git('commit', '-q', '-m', 'move the worker, add a spec');
    });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('compares the working tree with a revision, spec by spec, new specs as all added', async () => {
      process.chdir(repo);
      try {
        const json = await run(['diff', '--git', 'HEAD~1', '--format', 'json']);
        expect(json.code).toBe(0);
        expect(JSON.parse(json.stdout)).toEqual({
          [path.join('architectures', 'new.yaml')]: {
            ...none(),
            nodes: { added: ['fn'], removed: [], changed: {} },
          },
          [path.join('architectures', 'orders.yaml')]: CASES['move-node']!.changes,
        });
        const same = await run(['diff', '--git', 'HEAD', '--format', 'markdown']);
        expect(same.stdout.match(/No changes to the architecture\./g)).toHaveLength(2);
        const pictures = await run(['diff', '--git', 'HEAD~1', '--out', 'diff']);
        expect(pictures.code).toBe(0);
        expect(readFileSync(path.join(repo, 'diff/orders.svg'), 'utf8')).toContain('data-mark="changed"');
        // A spec deleted in the working tree: everything in it removed.
        rmSync(path.join(repo, 'architectures/new.yaml'));
        const deleted = await run(['diff', '--git', 'HEAD', '--format', 'json']);
        expect(JSON.parse(deleted.stdout)[path.join('architectures', 'new.yaml')]).toEqual({
          ...none(),
          nodes: { added: [], removed: ['fn'], changed: {} },
        });
        git('checkout', '-q', '--', 'architectures/new.yaml');
        const badRev = await run(['diff', '--git', 'no-such-rev', '--format', 'json']);
        expect(badRev.code).toBe(2);
        expect(badRev.stderr).toContain("invalid object name 'no-such-rev'");
      } finally {
        process.chdir(cwd);
      }
    });
  });
});

describe("the README's pull-request workflow", () => {
  const readme = readFileSync('README.md', 'utf8');
  const workflow = /```yaml\n(name: diagram diff[\s\S]*?)```/.exec(readme)?.[1] ?? '';
  /** The workflow's `npx refarch` steps, before the posting steps, with GitHub's expressions filled in. */
  const steps = [...workflow.matchAll(/^\s*- run: npx refarch (.*)$/gm)].map((m) =>
    m[1]!
      .replace(/\$\{\{ github\.base_ref \}\}/g, 'main')
      .replace(/\$\{\{ github\.repository \}\}/g, 'owner/repo')
      .replace(/\$\{\{ github\.event\.number \}\}/g, '7')
      .split(/\s+/),
  );
  let repo: string;
  const cwd = process.cwd();
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo });

  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'refarch-workflow-'));
    git('init', '-q');
    execFileSync('mkdir', ['-p', path.join(repo, 'architectures')]);
    writeFileSync(path.join(repo, 'architectures/orders.yaml'), read('base'));
    writeFileSync(
      path.join(repo, 'architectures/same.yaml'),
      'refarch: 1\nnodes:\n  fn: { type: aws.lambda }\n',
    );
    git('add', '.');
    git('commit', '-q', '-m', 'main');
    // What actions/checkout with fetch-depth 0 leaves: the base branch as a remote-tracking ref.
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    writeFileSync(path.join(repo, 'architectures/orders.yaml'), read('add-node'));
    git('commit', '-q', '-am', 'the pull request');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('posts after refarch steps that check out, render the pictures and write the summary', () => {
    expect(workflow).toContain('fetch-depth: 0');
    expect(workflow).toMatch(/uses: actions\/setup-node@[\s\S]*node-version: 20/);
    expect(steps.map((args) => args.slice(0, 3))).toEqual([
      ['diff', '--git', 'origin/main'],
      ['diff', '--git', 'origin/main'],
    ]);
    expect(workflow).toMatch(/gh pr comment \$\{\{ github\.event\.number \}\} --body-file diff\/summary\.md/);
  });

  it("runs the workflow's refarch steps in a pull request's checkout: pictures and summary", async () => {
    process.chdir(repo);
    try {
      for (const args of steps) expect((await run(args)).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(path.join(repo, 'diff/orders.png')).subarray(1, 4).toString()).toBe('PNG');
    const summary = readFileSync(path.join(repo, 'diff/summary.md'), 'utf8');
    expect(summary).toContain('| + | `topic` | Events | added |');
    expect(summary).toContain(
      '<img src="https://raw.githubusercontent.com/owner/repo/refarch-diff/pr-7/orders.png"',
    );
    // An unchanged spec gets no picture, and its part says so.
    expect(() => readFileSync(path.join(repo, 'diff/same.png'))).toThrow();
    expect(summary).toContain('No changes to the architecture.');
  });
});
