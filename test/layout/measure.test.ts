import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_HEIGHT_RATIO, measureText, type TextStyle, wrapText } from '../../src/layout/measure.js';

const label: TextStyle = { size: 14, weight: 'regular' };
const title: TextStyle = { size: 14, weight: 'semibold' };
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const isSingleCharacter = (line: string) => [...graphemes.segment(line)].length === 1;

describe('measureText', () => {
  it('measures the empty string as zero wide', () => {
    expect(measureText('', label)).toBe(0);
  });

  it('grows as text is added', () => {
    const widths = ['A', 'Amazon', 'Amazon DynamoDB', 'Amazon DynamoDB table'].map((t) =>
      measureText(t, label),
    );
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1]!);
  });

  it('scales linearly with the font size', () => {
    const at14 = measureText('Amazon DynamoDB', label);
    expect(measureText('Amazon DynamoDB', { ...label, size: 28 })).toBeCloseTo(at14 * 2, 9);
    expect(at14).toBeGreaterThan(100);
    expect(at14).toBeLessThan(140);
  });

  it('measures semibold wider than regular', () => {
    expect(measureText('Application Load Balancer', title)).toBeGreaterThan(
      measureText('Application Load Balancer', label),
    );
  });

  it('applies kerning, as the renderers do', () => {
    expect(measureText('AV', label)).toBeLessThan(measureText('A', label) + measureText('V', label));
  });

  it('measures Hangul as non-zero and wider per character than Latin', () => {
    const hangul = '서울리전데이터베이스';
    const latin = 'seoulregion';
    const hangulPerChar = measureText(hangul, label) / hangul.length;
    const latinPerChar = measureText(latin, label) / latin.length;
    expect(hangulPerChar).toBeGreaterThan(0);
    expect(hangulPerChar).toBeGreaterThan(latinPerChar);
  });
});

describe('wrapText', () => {
  it('keeps text that fits on one line', () => {
    const wrapped = wrapText('Amazon DynamoDB', label, 1000);
    expect(wrapped.lines).toEqual(['Amazon DynamoDB']);
    expect(wrapped.width).toBe(measureText('Amazon DynamoDB', label));
  });

  it('returns one empty line for empty text', () => {
    expect(wrapText('', label, 100)).toEqual({
      lines: [''],
      width: 0,
      height: 14 * LINE_HEIGHT_RATIO,
      lineHeight: 14 * LINE_HEIGHT_RATIO,
    });
  });

  it('breaks at spaces and keeps every line within maxWidth', () => {
    const maxWidth = 90;
    const wrapped = wrapText('Application Load Balancer for the orders API', label, maxWidth);
    expect(wrapped.lines.length).toBeGreaterThan(1);
    expect(wrapped.lines.join(' ')).toBe('Application Load Balancer for the orders API');
    for (const line of wrapped.lines) expect(measureText(line, label)).toBeLessThanOrEqual(maxWidth);
  });

  it('reports the widest line as the width and lines times line height as the height', () => {
    const wrapped = wrapText('Application Load Balancer for the orders API', label, 90);
    expect(wrapped.width).toBe(Math.max(...wrapped.lines.map((line) => measureText(line, label))));
    expect(wrapped.lineHeight).toBe(14 * LINE_HEIGHT_RATIO);
    expect(wrapped.height).toBe(wrapped.lines.length * wrapped.lineHeight);
  });

  it('forces a break at every newline, keeping empty lines', () => {
    expect(wrapText('Orders\nAPI', label, 1000).lines).toEqual(['Orders', 'API']);
    expect(wrapText('a\r\n\nb', label, 1000).lines).toEqual(['a', '', 'b']);
  });

  it('collapses runs of spaces and trims lines, as SVG renders them', () => {
    expect(wrapText('  Amazon    S3\t bucket ', label, 1000).lines).toEqual(['Amazon S3 bucket']);
  });

  it('may break after a slash, a hyphen or a middle dot', () => {
    const text = 'ap-northeast-2/private·subnet';
    const wrapped = wrapText(text, label, measureText('ap-northeast-', label));
    expect(wrapped.lines).toEqual(['ap-northeast-', '2/private·', 'subnet']);
  });

  it('does not break a leading minus from its number', () => {
    const maxWidth = Math.max(measureText('-5', label), measureText('-6', label));
    expect(wrapText('-5 -6', label, maxWidth).lines).toEqual(['-5', '-6']);
  });

  it('wraps Korean without spaces between syllables', () => {
    const text = '아시아태평양서울리전데이터베이스';
    const wrapped = wrapText(text, label, 80);
    expect(wrapped.lines.length).toBeGreaterThan(1);
    expect(wrapped.lines.join('')).toBe(text);
    for (const line of wrapped.lines) expect(measureText(line, label)).toBeLessThanOrEqual(80);
  });

  it('keeps Korean words whole when they fit on a line', () => {
    const wrapped = wrapText('서울 리전 주문 데이터베이스', label, measureText('데이터베이스', label));
    expect(wrapped.lines).toEqual(['서울 리전', '주문', '데이터베이스']);
  });

  it('breaks a word longer than maxWidth between characters', () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:orders';
    const wrapped = wrapText(arn, label, 120);
    expect(wrapped.lines.join('')).toBe(arn);
    for (const line of wrapped.lines) expect(measureText(line, label)).toBeLessThanOrEqual(120);
  });

  it('puts a character wider than maxWidth on a line of its own', () => {
    expect(wrapText('WW', label, 1).lines).toEqual(['W', 'W']);
  });

  it('never loses text and never exceeds maxWidth except with a single character', () => {
    const word = fc.constantFrom(
      'Amazon',
      'DynamoDB',
      'us-east-1',
      '10.0.0.0/16',
      'Web·API',
      '서울',
      '데이터베이스',
      '아시아태평양서울리전',
      'AVATAR',
      'x',
      'arn:aws:s3:::logs-bucket-for-orders',
    );
    const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(label, title),
        (t, maxWidth, style) => {
          const { lines, width } = wrapText(t, style, maxWidth);
          expect(lines.join('').replaceAll(' ', '')).toBe(t.replaceAll(' ', ''));
          for (const line of lines) {
            expect(line).toBe(line.trim());
            const lineWidth = measureText(line, style);
            expect(lineWidth).toBeLessThanOrEqual(width);
            if (!isSingleCharacter(line)) expect(lineWidth).toBeLessThanOrEqual(maxWidth);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
