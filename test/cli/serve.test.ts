// `refarch serve`: the preview server on 127.0.0.1 (routes, refusals, change events), and end to
// end in Debian's Chromium: edit a spec and the page shows the new diagram; break it and the page
// shows the diagnostic with its line. In CI a missing Chromium is a failure, not a skip.

import { type ChildProcess, spawn } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PreviewServer, startPreviewServer } from '../../src/cli/serve.js';
import { DEFAULT_LIMITS } from '../../src/spec/limits.js';
import { chromiumAvailable, launchChromium, requireChromiumInCi } from '../browser/launch.js';
import { CLI_FROM_SOURCE, REPO, recorder, SHOP, tempProject, UNKNOWN_TYPE, waitFor } from './project.js';

type Project = ReturnType<typeof tempProject>;

/** A raw GET, so the test can send any Host header (fetch would not). */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      }).on('error', reject);
    },
  );
}

describe('the preview server', () => {
  let project: Project;
  let server: PreviewServer;
  const err = recorder();

  beforeEach(async () => {
    project = tempProject({ 'specs/shop.yaml': SHOP });
    server = await startPreviewServer([project.at('specs')], {
      port: 0,
      limits: DEFAULT_LIMITS,
      theme: 'light',
      err,
    });
  });
  afterEach(async () => {
    await server.close();
    project.remove();
  });

  it('listens on 127.0.0.1 only and serves a page with no external assets', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await rawGet(server.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    for (const asset of ['', 'app.js', 'app.css']) {
      const { body } = await rawGet(server.url + asset);
      expect(body).not.toMatch(/https?:\/\//);
    }
  });

  it('lists the diagrams and serves each SVG from memory', async () => {
    const state = (await (await fetch(new URL('/api/diagrams', server.url))).json()) as {
      diagrams: { file: string; title: string; svg: string }[];
    };
    expect(state.diagrams).toMatchObject([
      { file: project.at('specs/shop.yaml'), title: 'Shop <orders> & "payments"' },
    ]);
    const svg = await fetch(new URL(state.diagrams[0]!.svg, server.url));
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await svg.text()).toContain('Orders API');
  });

  it('refuses a file it did not find, another Host header, and anything but GET', async () => {
    const unknown = await fetch(new URL('/diagram.svg?file=%2Fetc%2Fpasswd', server.url));
    expect(unknown.status).toBe(404);
    expect((await rawGet(server.url, { Host: 'attacker.example:80' })).status).toBe(403);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('sends a change event when a spec changes, and prints its diagnostics', async () => {
    let events = '';
    const request = get(new URL('/events', server.url), (res) =>
      res.on('data', (chunk: Buffer) => {
        events += chunk.toString();
      }),
    );
    try {
      await waitFor('the event stream', () => events.includes('retry:'));
      writeFileSync(project.at('specs/shop.yaml'), UNKNOWN_TYPE);
      await waitFor('a change event', () => events.includes('event: change'));
      expect(err.text).toContain('shop.yaml:5:16 error unknown-type');
      const state = (await (await fetch(new URL('/api/diagrams', server.url))).json()) as {
        diagrams: { diagnostics: { line: number; code: string }[] }[];
      };
      expect(state.diagrams[0]!.diagnostics).toMatchObject([{ line: 5, code: 'unknown-type' }]);
    } finally {
      request.destroy();
    }
  });

  it('lists a spec added to a watched folder, and shows an unreadable one with its diagnostic', async () => {
    project.write('specs/more.yaml', SHOP);
    symlinkSync(project.at('gone.yaml'), project.at('specs/dangling.yaml'));
    const listed = async () =>
      (
        (await (await fetch(new URL('/api/diagrams', server.url))).json()) as {
          diagrams: { file: string; svg: string | null; diagnostics: { code: string }[] }[];
        }
      ).diagrams;
    await waitFor('the new specs in the list', async () => (await listed()).length === 3);
    const [dangling, more] = await listed();
    expect(dangling).toMatchObject({ file: project.at('specs/dangling.yaml'), svg: null });
    expect(dangling!.diagnostics.map((d) => d.code)).toEqual(['cannot-read']);
    expect(more).toMatchObject({ file: project.at('specs/more.yaml'), diagnostics: [] });
  });
});

requireChromiumInCi();

describe.skipIf(!chromiumAvailable)('refarch serve in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the diagram, follows an edit on disk, shows a diagnostic with its line, and stops on Ctrl-C', async () => {
    const project = tempProject({ 'specs/shop.yaml': SHOP });
    const child: ChildProcess = spawn(
      process.execPath,
      [...CLI_FROM_SOURCE, 'serve', project.at('specs'), '--port', '0'],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`${m.text()} ${m.location().url}`);
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    try {
      await waitFor('the URL on stdout', () => /http:\/\/127\.0\.0\.1:\d+\//.test(stdout));
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)![0];
      await page.goto(url);

      /** The text of the SVG the page shows now, once the image has loaded. */
      const shownSvg = () =>
        page.evaluate(async () => {
          const img = document.querySelector<HTMLImageElement>('section.diagram img');
          if (!img || img.hidden || !img.complete || img.naturalWidth === 0) return '';
          return (await fetch(img.src)).text();
        });
      await waitFor('the first diagram', async () => (await shownSvg()).includes('Orders API'));
      expect(await page.locator('section.diagram h2').textContent()).toBe('Shop <orders> & "payments"');

      writeFileSync(
        project.at('specs/shop.yaml'),
        SHOP.replace('table: {', 'fraud: { type: aws.lambda, label: Fraud checker }\n      table: {'),
      );
      await waitFor('the new node on the page', async () => (await shownSvg()).includes('Fraud checker'));

      writeFileSync(project.at('specs/shop.yaml'), UNKNOWN_TYPE);
      const diagnostic = page.locator('section.diagram .diagnostics li.error');
      await waitFor('the diagnostic on the page', async () => (await diagnostic.count()) > 0);
      expect(await diagnostic.first().textContent()).toMatch(
        /shop\.yaml:5:16 error unknown-type: unknown type 'aws\.lambada'/,
      );
      // The last diagram without errors stays on show.
      expect(await page.locator('section.diagram .note').isVisible()).toBe(true);
      expect(await shownSvg()).toContain('Fraud checker');

      expect(pageErrors).toEqual([]);
      expect(requests.every((r) => r.startsWith(url))).toBe(true);
    } finally {
      await page.close();
      child.kill('SIGINT');
      const code = await Promise.race([
        exited,
        new Promise((resolve) => setTimeout(() => resolve('timeout'), 60_000)),
      ]);
      child.kill('SIGKILL');
      project.remove();
      expect(code, stderr).toBe(0);
    }
  });
});
