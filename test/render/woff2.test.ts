import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fontFile } from '../../src/diagram/font-files.js';
import { woff2FromOtf } from '../../src/render/woff2.js';

const require = createRequire(import.meta.url);
// Google's reference WOFF2 codec, compiled to WebAssembly: the decoder browsers' share.
const wawoff2 = require('wawoff2') as {
  compress(sfnt: Uint8Array): Promise<Uint8Array>;
  decompress(woff2: Uint8Array): Promise<Uint8Array>;
};
const subsetFont = require('subset-font') as (
  font: Buffer,
  text: string,
  options: { targetFormat: 'sfnt' },
) => Promise<Buffer>;

/** Tag -> table bytes of an sfnt. */
function tables(sfnt: Buffer): Map<string, Buffer> {
  const result = new Map<string, Buffer>();
  for (let i = 0; i < sfnt.readUInt16BE(4); i++) {
    const entry = 12 + 16 * i;
    const offset = sfnt.readUInt32BE(entry + 8);
    result.set(
      sfnt.toString('latin1', entry, entry + 4),
      sfnt.subarray(offset, offset + sfnt.readUInt32BE(entry + 12)),
    );
  }
  return result;
}

const subset = (text: string, weight: 'regular' | 'semibold' = 'regular') =>
  subsetFont(readFileSync(fontFile(weight)), text, { targetFormat: 'sfnt' });

describe('woff2FromOtf', () => {
  it('decodes, with the reference decoder, to the same tables', async () => {
    for (const [text, weight] of [
      ['AWS Cloud 0123456789 ->', 'regular'],
      ['승차 요청 이벤트 흐름 TADA', 'semibold'],
    ] as const) {
      const otf = await subset(text, weight);
      const woff2 = woff2FromOtf(otf);
      expect(woff2.toString('latin1', 0, 4)).toBe('wOF2');
      expect(woff2.readUInt32BE(8)).toBe(woff2.length);
      expect(woff2.length % 4).toBe(0);
      const decoded = Buffer.from(await wawoff2.decompress(woff2));
      expect(decoded.readUInt32BE(16)).toBeGreaterThan(0);
      const before = tables(otf);
      const after = tables(decoded);
      expect([...after.keys()]).toEqual([...before.keys()].sort());
      for (const [tag, data] of before) {
        // The decoder lays the tables out anew and so recomputes head.checkSumAdjustment (bytes 8-11).
        const comparable = (table: Buffer | undefined) =>
          tag === 'head' && table ? Buffer.concat([table.subarray(0, 8), table.subarray(12)]) : table;
        expect(comparable(after.get(tag))?.equals(comparable(data)!), tag).toBe(true);
      }
      // The header's totalSfntSize is the size of what the decoder rebuilt.
      expect(woff2.readUInt32BE(16)).toBe(decoded.length);
    }
  });

  it('is about as small as the reference encoder makes it', async () => {
    const otf = await subset('Amazon Kinesis Data Streams, AWS Lambda, Amazon DynamoDB 데이터 파이프라인');
    const ours = woff2FromOtf(otf).length;
    const reference = (await wawoff2.compress(otf)).length;
    expect(ours).toBeLessThan(otf.length * 0.75);
    expect(Math.abs(ours - reference) / reference).toBeLessThan(0.05);
  });

  it('is deterministic', async () => {
    const otf = await subset('same bytes');
    expect(woff2FromOtf(otf).equals(woff2FromOtf(otf))).toBe(true);
  });

  it('refuses a font that is not OpenType/CFF', () => {
    expect(() => woff2FromOtf(Buffer.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/CFF/);
    expect(() => woff2FromOtf(Buffer.alloc(4))).toThrow(/CFF/);
  });
});
