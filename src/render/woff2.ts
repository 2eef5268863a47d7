// WOFF2 for CFF-flavoured fonts (our Pretendard subsets), compressed with Node's own Brotli.
//
// Why not the usual encoder (subset-font's `targetFormat: 'woff2'`, Google's woff2 in
// WebAssembly): it took ~180 ms per subset, the largest single cost of a cold render once jsdom
// and ELK were cached. For a CFF font WOFF2 is simple: no glyf/loca transform exists, so the file
// is a header, a table directory and one Brotli stream of the tables in tag order (W3C WOFF2
// §4-§5; fontTools' WOFF2Writer does the same). Node's native Brotli at the same quality makes
// a file of the same size in a third of the time.

import { brotliCompressSync, constants } from 'node:zlib';

// §4.2: tags with a one-byte code; any other tag is written out after the code 63.
// biome-ignore format: one table, as the spec prints it
const KNOWN_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca',
  'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea',
  'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT', 'CBLC', 'COLR', 'CPAL',
  'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar',
  'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat',
  'Gloc', 'Feat', 'Sill',
];
const ARBITRARY_TAG = 63;
const CFF_FLAVOR = 0x4f54544f; // 'OTTO'
const HEADER_SIZE = 48;

interface Table {
  tag: string;
  data: Buffer;
}

function readTables(sfnt: Buffer): Table[] {
  if (sfnt.length < 12 || sfnt.readUInt32BE(0) !== CFF_FLAVOR)
    throw new Error('woff2: expected an OpenType font with CFF outlines');
  const count = sfnt.readUInt16BE(4);
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    const tag = sfnt.toString('latin1', entry, entry + 4);
    const offset = sfnt.readUInt32BE(entry + 8);
    const length = sfnt.readUInt32BE(entry + 12);
    if (offset + length > sfnt.length) throw new Error(`woff2: table ${tag} runs past the end of the font`);
    tables.push({ tag, data: sfnt.subarray(offset, offset + length) });
  }
  // Decoders rebuild the sfnt in directory order; tag order is what sanitisers expect.
  return tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** §4.1 UIntBase128: 7 bits per byte, most significant first, high bit set on all but the last. */
function base128(value: number): number[] {
  const bytes = [value & 0x7f];
  for (let rest = value >>> 7; rest > 0; rest >>>= 7) bytes.unshift((rest & 0x7f) | 0x80);
  return bytes;
}

function directoryEntry({ tag, data }: Table): number[] {
  const known = KNOWN_TAGS.indexOf(tag);
  // Transform version 0 is the null transform for every table a CFF font has.
  const head = known >= 0 ? [known] : [ARBITRARY_TAG, ...Buffer.from(tag, 'latin1')];
  return [...head, ...base128(data.length)];
}

const padded = (n: number) => (n + 3) & ~3;

/** The WOFF2 file for an OpenType/CFF font; decoding it gives back the same tables. */
export function woff2FromOtf(sfnt: Buffer, quality = 11): Buffer {
  const tables = readTables(sfnt);
  const directory = Buffer.from(tables.flatMap(directoryEntry));
  const compressed = brotliCompressSync(Buffer.concat(tables.map((t) => t.data)), {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_FONT,
      [constants.BROTLI_PARAM_QUALITY]: quality,
    },
  });
  const length = padded(HEADER_SIZE + directory.length + compressed.length);
  const header = Buffer.alloc(HEADER_SIZE);
  header.write('wOF2', 0, 'latin1');
  header.writeUInt32BE(CFF_FLAVOR, 4);
  header.writeUInt32BE(length, 8);
  header.writeUInt16BE(tables.length, 12);
  // totalSfntSize: the decoded font, directory and 4-byte aligned tables.
  const sfntSize = 12 + 16 * tables.length + tables.reduce((sum, t) => sum + padded(t.data.length), 0);
  header.writeUInt32BE(sfntSize, 16);
  header.writeUInt32BE(compressed.length, 20);
  const fontHead = tables.find((t) => t.tag === 'head');
  // The font's own revision (head.fontRevision) as the file version, as fontTools does.
  if (fontHead && fontHead.data.length >= 8) {
    header.writeUInt16BE(fontHead.data.readUInt16BE(4), 24);
    header.writeUInt16BE(fontHead.data.readUInt16BE(6), 26);
  }
  // No metadata or private block: offsets and lengths stay 0.
  const file = Buffer.alloc(length);
  Buffer.concat([header, directory, compressed]).copy(file);
  return file;
}
