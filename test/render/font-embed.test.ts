import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { Font } from 'fontkit';
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { measureText, type TextStyle } from '../../src/layout/measure.js';
import { FONT_FAMILY, fontFaceCss, fontFilePaths } from '../../src/render/font-embed.js';

/** The fonts embedded in `css`, keyed by CSS font-weight. */
function embeddedFonts(css: string): Map<number, Font> {
  const fonts = new Map<number, Font>();
  for (const [, weight, base64] of css.matchAll(
    /font-weight:(\d+);src:url\(data:font\/woff2;base64,([^)]+)\)/g,
  )) {
    const font = create(Buffer.from(base64!, 'base64'));
    if ('fonts' in font) throw new Error('expected a single font');
    fonts.set(Number(weight), font);
  }
  return fonts;
}

function codePoints(text: string): number[] {
  return [...new Set(Array.from(text, (character) => character.codePointAt(0)!))].sort((a, b) => a - b);
}

describe('fontFilePaths', () => {
  it('lists the regular and semibold OTF files, which exist', () => {
    const paths = fontFilePaths();
    expect(paths.map((path) => path.split('/').at(-1))).toEqual([
      'Pretendard-Regular.otf',
      'Pretendard-SemiBold.otf',
    ]);
    for (const path of paths) expect(existsSync(path)).toBe(true);
  });
});

describe('FONT_FAMILY', () => {
  it('names Pretendard first, then fallbacks with similar metrics', () => {
    expect(FONT_FAMILY).toBe('Pretendard, Inter, "Helvetica Neue", Arial, sans-serif');
  });
});

describe('fontFaceCss', () => {
  it('embeds both weights when both have text', async () => {
    const css = await fontFaceCss({ regular: ['Amazon S3'], semibold: ['VPC'] });
    const rules = css.split('\n');
    expect(rules).toHaveLength(2);
    expect(rules[0]).toMatch(/^@font-face\{font-family:"Pretendard";font-style:normal;font-weight:400;/);
    expect(rules[1]).toMatch(/^@font-face\{font-family:"Pretendard";font-style:normal;font-weight:600;/);
    for (const rule of rules)
      expect(rule).toMatch(/src:url\(data:font\/woff2;base64,[A-Za-z0-9+/]+=*\) format\('woff2'\)\}$/);
  });

  it('embeds only the weights that have text', async () => {
    const css = await fontFaceCss({ regular: ['Amazon S3'], semibold: [] });
    expect([...embeddedFonts(css).keys()]).toEqual([400]);
    expect(await fontFaceCss({})).toBe('');
    expect(await fontFaceCss({ regular: ['', '\n'] })).toBe('');
  });

  it('subsets to exactly the characters used, plus space and digits', async () => {
    const css = await fontFaceCss({ regular: ['Amazon DynamoDB', '서울\n리전'] });
    const font = embeddedFonts(css).get(400)!;
    // fontkit lists the 0xFFFF that ends every format-4 cmap; it maps to no glyph.
    const mapped = font.characterSet.filter((codePoint) => font.glyphForCodePoint(codePoint).id !== 0);
    expect(mapped.sort((a, b) => a - b)).toEqual(codePoints('Amazon DynamoDB서울리전 0123456789'));
  });

  it('produces the same bytes for the same characters, whatever their order', async () => {
    const first = await fontFaceCss({ regular: ['Amazon DynamoDB', '서울 리전'], semibold: ['VPC'] });
    const second = await fontFaceCss({ regular: ['서울 리전', 'Amazon DynamoDB'], semibold: ['VPC'] });
    expect(second).toBe(first);
  });

  it('keeps the shaping that layout measured: kerning and contextual alternates', async () => {
    const texts = ['AVATAR Type', 'Orders -> Payments', 'T. Y. "Quote" A, V.', 'Amazon DynamoDB 서울 리전'];
    const fonts = embeddedFonts(await fontFaceCss({ regular: texts, semibold: texts }));
    for (const [weight, style] of [
      [400, { size: 1, weight: 'regular' }],
      [600, { size: 1, weight: 'semibold' }],
    ] as const satisfies readonly (readonly [number, TextStyle])[]) {
      const font = fonts.get(weight)!;
      for (const text of texts) {
        expect(font.layout(text).advanceWidth / font.unitsPerEm).toBeCloseTo(measureText(text, style), 9);
      }
    }
  });
});

describe('layout widths against what resvg draws', () => {
  const text = 'Amazon DynamoDB 서울 리전';
  const x = 10;

  function inkExtent(anchor: 'start' | 'end', anchorX: number): { left: number; right: number } {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40">' +
      '<rect width="240" height="40" fill="#fff"/>' +
      `<text x="${anchorX}" y="26" font-family="Pretendard" font-size="14" fill="#000" text-anchor="${anchor}">` +
      `${text}</text></svg>`;
    const image = new Resvg(svg, {
      font: { fontFiles: fontFilePaths(), loadSystemFonts: false, defaultFontFamily: 'Pretendard' },
    }).render();
    // `pixels` is a getter that copies the whole buffer, so read it once.
    const { pixels, width, height } = image;
    let left = Number.POSITIVE_INFINITY;
    let right = Number.NEGATIVE_INFINITY;
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        // Any pixel not white is ink, anti-aliased edges included.
        if (pixels[(row * width + column) * 4]! < 250) {
          left = Math.min(left, column);
          right = Math.max(right, column + 1);
        }
      }
    }
    return { left, right };
  }

  it('draws a 14px label as wide as measureText says', () => {
    const advance = measureText(text, { size: 14, weight: 'regular' });
    const { left, right } = inkExtent('start', x);
    // Ink is narrower than the advance width by the first glyph's left side bearing and the last
    // glyph's right side bearing (together well under 1px here), and anti-aliasing rounds each edge
    // out to a whole pixel, so ink and advance agree within 2px; a missing font or unkerned shaping
    // would be off by several pixels.
    expect(left).toBeGreaterThanOrEqual(x);
    expect(right).toBeLessThanOrEqual(Math.ceil(x + advance) + 1);
    expect(Math.abs(right - left - advance)).toBeLessThanOrEqual(2);
  });

  it('ends a label where measureText says it ends', () => {
    // resvg right-aligns by its own advance width; if it equals measureText, the two renders coincide.
    const advance = measureText(text, { size: 14, weight: 'regular' });
    expect(inkExtent('end', x + advance)).toEqual(inkExtent('start', x));
  });
});
