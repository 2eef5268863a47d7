// `refarch embed`: fills the blocks between refarch markers with a light/dark <picture>, writes the
// SVGs, changes nothing on a second run, and leaves a file with a broken marker or spec untouched.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findEmbedBlocks } from '../../src/docs/markers.js';
import { altText, escapeHtml, imageFolderOf, pictureMarkup } from '../../src/docs/picture.js';
import { run, SHOP, tempProject, UNKNOWN_TYPE } from './project.js';

type Project = ReturnType<typeof tempProject>;

const README = [
  '# Shop',
  '',
  'How orders flow:',
  '',
  '<!-- refarch architectures/shop.yaml -->',
  '<!-- /refarch -->',
  '',
  'The end.',
  '',
].join('\n');

const EXPECTED_BLOCK = [
  '<!-- refarch architectures/shop.yaml -->',
  '<picture>',
  '  <source media="(prefers-color-scheme: dark)" srcset="docs/diagrams/shop-dark.svg">',
  '  <img src="docs/diagrams/shop.svg" alt="Shop &lt;orders&gt; &amp; &quot;payments&quot; — The web shop writes orders to DynamoDB through a Lambda function.">',
  '</picture>',
  '<!-- /refarch -->',
].join('\n');

function bytesAndTimes(project: Project, files: string[]) {
  return files.map((f) => ({
    f,
    bytes: readFileSync(project.at(f)),
    mtime: statSync(project.at(f)).mtimeMs,
  }));
}

describe('refarch embed', () => {
  let project: Project;
  beforeEach(() => {
    project = tempProject({ 'architectures/shop.yaml': SHOP, 'README.md': README });
  });
  afterEach(() => project.remove());

  const embed = (...args: string[]) => run(['embed', ...args]);

  it('writes a <picture> with light and dark SVGs, paths relative to the Markdown file, and the title and description as escaped alt text', async () => {
    const result = await embed(project.at('README.md'), '--out', project.at('docs/diagrams'));
    expect(result.code).toBe(0);
    const text = project.read('README.md');
    expect(text).toContain(EXPECTED_BLOCK);
    expect(text.startsWith('# Shop\n\nHow orders flow:\n\n')).toBe(true);
    expect(text.endsWith('<!-- /refarch -->\n\nThe end.\n')).toBe(true);
    const light = project.read('docs/diagrams/shop.svg');
    const dark = project.read('docs/diagrams/shop-dark.svg');
    expect(light).toMatch(/^<svg/);
    expect(dark).toMatch(/^<svg/);
    expect(dark).not.toBe(light);
    expect(result.stderr).toBe('1 Markdown file: 1 updated, 0 unchanged, 0 failed (1 diagram)\n');
  });

  it('changes nothing on a second run: same bytes, same modification times', async () => {
    await embed(project.at('README.md'), '--out', project.at('docs/diagrams'));
    const files = ['README.md', 'docs/diagrams/shop.svg', 'docs/diagrams/shop-dark.svg'];
    const before = bytesAndTimes(project, files);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await embed(project.at('README.md'), '--out', project.at('docs/diagrams'));
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('0 updated, 1 unchanged');
    expect(bytesAndTimes(project, files)).toEqual(before);
  });

  it('keeps the images where the block already points when run again without --out', async () => {
    await embed(project.at('README.md'), '--out', project.at('docs/diagrams'));
    project.write('architectures/shop.yaml', SHOP.replace('Orders API', 'Checkout API'));
    const result = await embed(project.at('README.md'));
    expect(result.code).toBe(0);
    expect(project.read('README.md')).toContain('srcset="docs/diagrams/shop-dark.svg"');
    expect(project.read('docs/diagrams/shop.svg')).toContain('Checkout API');
    expect(existsSync(project.at('diagrams'))).toBe(false);
  });

  it('puts the images of a new block where the other blocks of the file keep theirs', async () => {
    await embed(project.at('README.md'), '--out', project.at('docs/diagrams'));
    project.write('architectures/cart.yaml', SHOP.replace('Orders API', 'Cart API'));
    project.write(
      'README.md',
      `${project.read('README.md')}\n<!-- refarch architectures/cart.yaml -->\n<!-- /refarch -->\n`,
    );
    expect((await embed(project.at('README.md'))).code).toBe(0);
    expect(project.read('README.md')).toContain('<img src="docs/diagrams/cart.svg"');
    expect(existsSync(project.at('diagrams'))).toBe(false);
  });

  it('puts the images in diagrams/ beside the Markdown file by default, resolving the spec from its folder', async () => {
    project.write(
      'docs/guide.md',
      '<!-- refarch ../architectures/shop.yaml -->\nold text\n<!-- /refarch -->\n',
    );
    expect((await embed(project.at('docs/guide.md'))).code).toBe(0);
    expect(project.read('docs/guide.md')).toContain('<img src="diagrams/shop.svg"');
    expect(readdirSync(project.at('docs/diagrams')).sort()).toEqual(['shop-dark.svg', 'shop.svg']);
  });

  it('keeps Windows line endings and a byte-order mark', async () => {
    project.write('README.md', `\uFEFF${README.replace(/\n/g, '\r\n')}`);
    await embed(project.at('README.md'), '--out', project.at('img'));
    const text = project.read('README.md');
    expect(text.startsWith('\uFEFF# Shop\r\n')).toBe(true);
    expect(text).toContain('<picture>\r\n  <source');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('ignores markers inside code fences', async () => {
    const doc = `${README}\n\`\`\`md\n<!-- refarch architectures/missing.yaml -->\n\`\`\`\n`;
    project.write('README.md', doc);
    expect((await embed(project.at('README.md'), '--out', project.at('img'))).code).toBe(0);
    expect(project.read('README.md')).toContain('```md\n<!-- refarch architectures/missing.yaml -->\n```\n');
  });

  it('leaves no temporary files behind', async () => {
    await embed(project.at('README.md'), '--out', project.at('img'));
    expect(readdirSync(project.root).sort()).toEqual(['README.md', 'architectures', 'img']);
    expect(readdirSync(project.at('img')).sort()).toEqual(['shop-dark.svg', 'shop.svg']);
  });

  describe('a broken block: a diagnostic with the Markdown line, exit 1, the file untouched', () => {
    const cases: [string, string, RegExp][] = [
      [
        'an unclosed marker',
        '# A\n\n<!-- refarch architectures/shop.yaml -->\ntext\n',
        /README\.md:3:1 error embed-unclosed-marker/,
      ],
      [
        'a nested marker',
        '<!-- refarch architectures/shop.yaml -->\n<!-- refarch architectures/shop.yaml -->\n<!-- /refarch -->\n<!-- /refarch -->\n',
        /README\.md:2:1 error embed-nested-marker: a refarch marker inside the block opened on line/,
      ],
      ['a stray closing marker', 'a\n<!-- /refarch -->\n', /README\.md:2:1 error embed-stray-close-marker/],
      [
        'a marker without a spec',
        '<!-- refarch -->\n<!-- /refarch -->\n',
        /README\.md:1:1 error embed-marker-without-spec/,
      ],
      [
        'a missing spec file',
        '\n\n<!-- refarch architectures/nope.yaml -->\n<!-- /refarch -->\n',
        /README\.md:3:1 error embed-missing-spec: the spec 'architectures\/nope\.yaml' does not exist/,
      ],
      [
        'an invalid spec',
        '<!-- refarch architectures/broken.yaml -->\n<!-- /refarch -->\n',
        /broken\.yaml:5:16 error unknown-type[\s\S]*README\.md:1:1 error embed-invalid-spec/,
      ],
    ];
    for (const [name, markdown, expected] of cases) {
      it(name, async () => {
        project.write('architectures/broken.yaml', UNKNOWN_TYPE);
        // A good block first: it is not written either, since the file as a whole is left alone.
        const doc = `${README}${markdown}`;
        project.write('README.md', doc);
        const offset = README.split('\n').length - 1;
        const mtime = statSync(project.at('README.md')).mtimeMs;
        const result = await embed(project.at('README.md'), '--out', project.at('img'));
        expect(result.code).toBe(1);
        const shifted = new RegExp(
          expected.source.replace(
            /README\\\.md:(\d+)/,
            (_, line: string) => `README\\.md:${Number(line) + offset}`,
          ),
        );
        expect(result.stdout).toMatch(shifted);
        expect(project.read('README.md')).toBe(doc);
        expect(statSync(project.at('README.md')).mtimeMs).toBe(mtime);
        expect(existsSync(project.at('img'))).toBe(false);
        expect(result.stderr).toContain('0 updated, 0 unchanged, 1 failed');
      });
    }

    it('a spec that is a dangling symlink, or a FIFO (unreadable even for root)', async () => {
      symlinkSync(project.at('gone.yaml'), project.at('architectures/link.yaml'));
      execFileSync('mkfifo', [project.at('architectures/pipe.yaml')]);
      const doc =
        '<!-- refarch architectures/link.yaml -->\n<!-- /refarch -->\n<!-- refarch architectures/pipe.yaml -->\n<!-- /refarch -->\n';
      project.write('README.md', doc);
      const result = await embed(project.at('README.md'));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('README.md:1:1 error embed-missing-spec: the spec ');
      expect(result.stdout).toContain('is a symbolic link to a file that does not exist');
      expect(result.stdout).toContain('README.md:3:1 error embed-unreadable-spec');
      expect(project.read('README.md')).toBe(doc);
    });
  });

  it('still updates the other Markdown files when one is broken', async () => {
    project.write('broken.md', '<!-- refarch architectures/shop.yaml -->\n');
    const result = await embed(project.at('broken.md'), project.at('README.md'), '--out', project.at('img'));
    expect(result.code).toBe(1);
    expect(project.read('README.md')).toContain('<picture>');
    expect(result.stderr).toContain('2 Markdown files: 1 updated, 0 unchanged, 1 failed');
  });

  it('exits 2 for a Markdown file that does not exist', async () => {
    const result = await embed(project.at('nope.md'));
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('nope.md error cannot-read: no such file');
  });

  it('reports two specs that would write the same image file', async () => {
    project.write('other/shop.yaml', SHOP);
    project.write(
      'README.md',
      '<!-- refarch architectures/shop.yaml -->\n<!-- /refarch -->\n<!-- refarch other/shop.yaml -->\n<!-- /refarch -->\n',
    );
    const result = await embed(project.at('README.md'), '--out', project.at('img'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('README.md:3:1 error embed-name-clash');
  });
});

describe('embed markers and markup', () => {
  it('finds blocks with their lines and the exact text between the markers', () => {
    const text = 'a\n  <!-- refarch x.yaml -->\nold\n<!--/refarch-->\n';
    const { blocks, diagnostics } = findEmbedBlocks(text, 'doc.md');
    expect(diagnostics).toEqual([]);
    expect(blocks).toMatchObject([{ spec: 'x.yaml', line: 2, column: 3, content: 'old\n' }]);
  });

  it('does not take a marker inside a sentence or indented as code for a marker', () => {
    const text = 'see `<!-- refarch x.yaml -->` here\n\n    <!-- refarch y.yaml -->\n';
    expect(findEmbedBlocks(text, 'doc.md')).toMatchObject({ blocks: [], diagnostics: [] });
  });

  it('escapes HTML and keeps alt text on one line', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(altText('Title', 'line one\n\nline two', 'file')).toBe('Title — line one line two');
    expect(altText('Title', undefined, 'file')).toBe('Title');
    expect(altText(undefined, 'What it\nshows', 'file')).toBe('What it shows');
    expect(altText(undefined, undefined, 'file')).toBe('file');
  });

  it('reads back the folder an earlier run used, but not a URL or an absolute path', () => {
    const block = pictureMarkup(
      { light: 'docs/my%20diagrams/a.svg', dark: 'docs/my%20diagrams/a-dark.svg', alt: 'A' },
      '\n',
    );
    expect(imageFolderOf(block)).toBe(path.join('docs', 'my diagrams'));
    expect(imageFolderOf('<img src="https://example.com/a.svg">')).toBeUndefined();
    expect(imageFolderOf('<img src="/a.svg">')).toBeUndefined();
    expect(imageFolderOf('')).toBeUndefined();
  });
});
