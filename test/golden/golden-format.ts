// The forms goldens are stored and compared in, made for review: an SVG with one element per line and
// each embedded font replaced by its size and hash, and the layout JSON with one node or edge per
// line. A one-pixel change in one element is then a one-line diff.

import { createHash } from 'node:crypto';

const INDENT = '  ';

/** A tag (quoted attribute values may hold any character) or the text between two tags. */
const TOKEN = /<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+/g;

type TokenKind = 'open' | 'close' | 'empty' | 'text';

function kindOf(token: string): TokenKind {
  if (!token.startsWith('<')) return 'text';
  if (token.startsWith('</')) return 'close';
  // `<?xml …?>`, `<!-- … -->` and `<!DOCTYPE …>` open nothing, like `<use …/>`.
  if (token.endsWith('/>') || token.startsWith('<?') || token.startsWith('<!')) return 'empty';
  return 'open';
}

/**
 * The font data URLs of an SVG replaced by a placeholder naming the font's size and SHA-256, so a
 * golden stays small while a changed font subset still changes its line.
 */
export function replaceEmbeddedFonts(svg: string): string {
  return svg.replace(/url\(data:font\/([\w.+-]+);base64,([A-Za-z0-9+/=]+)\)/g, (_, subtype, base64) => {
    const bytes = Buffer.from(base64 as string, 'base64');
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    return `url(font:${subtype};bytes=${bytes.length};sha256=${hash})`;
  });
}

/**
 * An SVG one element per line, indented by depth: every start tag, end tag and childless element on
 * its own line (an element holding only text, like a `<tspan>`, stays whole, so the line says what
 * moved), attributes and text unchanged, embedded fonts replaced (see `replaceEmbeddedFonts`).
 */
export function formatSvg(svg: string): string {
  const tokens = replaceEmbeddedFonts(svg).match(TOKEN) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const kind = kindOf(token);
    if (kind === 'close') depth = Math.max(0, depth - 1);
    const indent = INDENT.repeat(depth);
    if (kind !== 'open') {
      lines.push(indent + token);
      continue;
    }
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    if (next !== undefined && kindOf(next) === 'close') {
      lines.push(indent + token + next);
      i += 1;
    } else if (
      next !== undefined &&
      after !== undefined &&
      kindOf(next) === 'text' &&
      kindOf(after) === 'close'
    ) {
      lines.push(indent + token + next + after);
      i += 2;
    } else {
      lines.push(indent + token);
      depth++;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A JSON value on one line, with a space after each `:` and `,` for reading. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/**
 * The `--format json` geometry with each top-level field on its own line and each item of a
 * top-level list (a node, an edge, an overlay) on one line of its own, points included; keys keep
 * the order the renderer wrote them in.
 */
export function formatLayoutJson(json: string): string {
  const geometry = JSON.parse(json) as Record<string, unknown>;
  const fields = Object.entries(geometry).map(([key, value]) => {
    const name = `${INDENT}${JSON.stringify(key)}: `;
    if (!Array.isArray(value) || value.length === 0) return name + inline(value);
    const items = value.map((item) => INDENT.repeat(2) + inline(item));
    return `${name}[\n${items.join(',\n')}\n${INDENT}]`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/**
 * Where two texts differ: the lines left after their common first and last lines, and the number of
 * the first of them (1-based). One changed line gives one line on each side.
 */
export function changedLines(
  before: string,
  after: string,
): { line: number; removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  return { line: start + 1, removed: a.slice(start, a.length - end), added: b.slice(start, b.length - end) };
}
