// A bug met while laying out (here an ELK engine whose layout throws, given to each command as watch
// mode and tests give engines) is no diagnostic about the spec: every command that lays out prints
// it with its stack, runs the layout once, not again, and exits 2; the preview answers 500.

import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check.js';
import { runEmbed } from '../../src/cli/embed.js';
import { runRender } from '../../src/cli/render.js';
import { startPreviewServer } from '../../src/cli/serve.js';
import type { ElkEngine } from '../../src/layout/elk-engine.js';
import { DEFAULT_LIMITS } from '../../src/spec/limits.js';
import { recorder, SHOP, tempProject } from './project.js';

type Project = ReturnType<typeof tempProject>;

const BUG = 'bug: the test engine lost a node';

/** An ELK engine that fails as a bug of ours would, counting its layouts. */
function failingEngine() {
  const engine = {
    layouts: 0,
    layout: async () => {
      engine.layouts++;
      throw new Error(BUG);
    },
    close: async () => {},
  } satisfies ElkEngine & { layouts: number };
  return engine;
}

const budgetAndLimits = { layoutTimeout: 60, maxBytes: 2 * 1024 * 1024, maxNodes: 5000, maxDepth: 64 };

/** The report of a bug: what refarch was doing, the error and at least one frame of its stack. */
function expectBugReport(stderr: string, doing: string) {
  expect(stderr).toContain(`refarch: bug while ${doing}`);
  expect(stderr).toMatch(new RegExp(`Error: ${BUG}\\n\\s+at `));
}

describe('a bug while laying out', () => {
  let project: Project;
  beforeEach(() => {
    project = tempProject({
      'specs/shop.yaml': SHOP,
      'output/shop.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'doc.md': '<!-- refarch specs/shop.yaml -->\n<!-- /refarch -->\n',
    });
  });
  afterEach(() => project.remove());

  it('is reported by render with its stack, once, and exits 2', async () => {
    const elk = failingEngine();
    const err = recorder();
    const flags = { out: project.at('out'), format: 'svg' as const, theme: 'light' as const, quiet: false };
    const engines = { elk, renderer: undefined, close: async () => {} };
    const code = await runRender(
      [project.at('specs')],
      { ...flags, watch: false, ...budgetAndLimits },
      err,
      engines,
    );
    expect(code).toBe(2);
    expectBugReport(err.text, `laying out ${project.at('specs/shop.yaml')}; nothing was written for it`);
    expect(err.text).not.toContain('layout-failed');
    expect(err.text).toContain('1 spec: 0 rendered, 0 unchanged, 1 failed');
    expect(elk.layouts).toBe(1);
    expect(existsSync(project.at('out/shop.svg'))).toBe(false);
  });

  it('is reported by check with its stack, once, and exits 2', async () => {
    const elk = failingEngine();
    const [out, err] = [recorder(), recorder()];
    const flags = {
      format: 'text' as const,
      out: project.at('output'),
      theme: 'light' as const,
      quiet: false,
    };
    const code = await runCheck(
      [project.at('specs')],
      { ...flags, docs: [project.at('doc.md')], ...budgetAndLimits },
      out,
      err,
      elk,
    );
    expect(code).toBe(2);
    expectBugReport(err.text, `checking the outputs of ${project.at('specs/shop.yaml')}`);
    // The Markdown file's block meets the same failed layout: not run again, not reported twice.
    expect(err.text.split('refarch: bug').length - 1).toBe(1);
    expect(elk.layouts).toBe(1);
  });

  it('is reported by embed with its stack, once, exits 2 and leaves the file as it was', async () => {
    const elk = failingEngine();
    const [out, err] = [recorder(), recorder()];
    const before = readFileSync(project.at('doc.md'), 'utf8');
    const flags = { format: 'text' as const, quiet: false };
    const code = await runEmbed([project.at('doc.md')], { ...flags, ...budgetAndLimits }, out, err, elk);
    expect(code).toBe(2);
    expectBugReport(err.text, `embedding the diagrams of ${project.at('doc.md')}; it was left as it was`);
    expect(elk.layouts).toBe(1);
    expect(readFileSync(project.at('doc.md'), 'utf8')).toBe(before);
    expect(existsSync(project.at('diagrams'))).toBe(false);
  });

  it('is reported by serve with its stack and answered with a 500', async () => {
    const elk = failingEngine();
    const err = recorder();
    const server = await startPreviewServer([project.at('specs')], {
      port: 0,
      limits: DEFAULT_LIMITS,
      theme: 'light',
      err,
      elk,
    });
    try {
      const state = (await (await fetch(new URL('/api/diagrams', server.url))).json()) as {
        diagrams: { svg: string }[];
      };
      const svg = await fetch(new URL(state.diagrams[0]!.svg, server.url));
      expect(svg.status).toBe(500);
      expectBugReport(err.text, 'serving /diagram.svg');
      expect(elk.layouts).toBe(1);
    } finally {
      await server.close();
    }
  });
});
