// Parses spec text (YAML, or JSON, which YAML 1.2 reads too) into a SpecDocument that keeps the
// source position of every node, so later diagnostics can name file:line:column.

import {
  type Document,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
} from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SpecLimits } from './limits.js';

export type PathSegment = string | number;
export type SpecPath = readonly PathSegment[];

export interface Position {
  line: number;
  column: number;
}

export interface SpecDocument {
  file: string;
  /** The plain JS value of the document (not yet validated). */
  value: unknown;
  /** Where a value (or, with `key`, its map key) is in the source; falls back to the nearest ancestor. */
  positionOf(path: SpecPath, which?: 'value' | 'key'): Position;
}

export type ParseResult =
  | { document: SpecDocument; diagnostics: Diagnostic[] }
  | { document: null; diagnostics: Diagnostic[] };

const FILE_START: Position = { line: 1, column: 1 };

/** Deepest flow-collection nesting ([ and {) outside quotes and comments; guards the YAML parser's recursion. */
function flowNestingExceeds(text: string, maxDepth: number): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > maxDepth) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return -1;
}

function lineColumn(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function error(file: string, at: Position, code: string, message: string, hint?: string): Diagnostic {
  return { file, ...at, severity: 'error', code, message, ...(hint ? { hint } : {}) };
}

function yamlErrorDiagnostic(
  file: string,
  e: { code: string; message: string; linePos?: [{ line: number; col: number }, ...unknown[]] },
): Diagnostic {
  const at = e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : FILE_START;
  const firstLine = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message;
  if (e.code === 'DUPLICATE_KEY') {
    return error(
      file,
      at,
      'duplicate-key',
      'this key appears twice in the same map',
      'remove or rename one of them',
    );
  }
  return error(
    file,
    at,
    'yaml-syntax',
    firstLine,
    'fix the YAML syntax here; quote strings that contain ": " or start with a special character',
  );
}

function findPair(map: unknown, key: PathSegment): Pair<unknown, unknown> | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find(
    (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key),
  ) as Pair<unknown, unknown> | undefined;
}

function makePositionOf(doc: Document.Parsed, lineCounter: LineCounter) {
  return (path: SpecPath, which: 'value' | 'key' = 'value'): Position => {
    let current: unknown = doc.contents;
    let best: Position =
      current && (current as Node).range ? lineColumn(lineCounter, (current as Node).range![0]) : FILE_START;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
      const pair = findPair(current, segment);
      if (pair) {
        const keyNode = pair.key as Node | null;
        const valueNode = pair.value as Node | null;
        if (last && which === 'key' && keyNode?.range) return lineColumn(lineCounter, keyNode.range[0]);
        current = valueNode;
        const range = valueNode?.range ?? keyNode?.range;
        if (range) best = lineColumn(lineCounter, range[0]);
        continue;
      }
      const seq = current as { items?: unknown[] } | null;
      if (seq && typeof segment === 'number' && Array.isArray(seq.items) && !isMap(current)) {
        current = seq.items[segment];
        const range = (current as Node | undefined)?.range;
        if (range) best = lineColumn(lineCounter, range[0]);
        continue;
      }
      break;
    }
    return best;
  };
}

export function parseSpecText(
  text: string,
  file: string,
  limits: Pick<SpecLimits, 'maxDepth' | 'maxAliasCount'>,
): ParseResult {
  const lineCounter = new LineCounter();
  const tooDeepAt = flowNestingExceeds(text, limits.maxDepth);
  if (tooDeepAt >= 0) {
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < tooDeepAt; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return {
      document: null,
      diagnostics: [
        error(
          file,
          { line, column: tooDeepAt - lineStart + 1 },
          'nesting-too-deep',
          `collections are nested more than ${limits.maxDepth} levels deep`,
          'flatten the structure; real specs need only a few levels',
        ),
      ],
    };
  }
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
    keepSourceTokens: false,
  });
  if (doc.errors.length > 0) {
    return { document: null, diagnostics: doc.errors.map((e) => yamlErrorDiagnostic(file, e as never)) };
  }
  if (doc.contents === null) {
    return {
      document: null,
      diagnostics: [
        error(
          file,
          FILE_START,
          'empty-file',
          'the file is empty',
          'start with `refarch: 1`, a `title` and `nodes`; see the example in the README',
        ),
      ],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (e) {
    if (e instanceof ReferenceError) {
      return {
        document: null,
        diagnostics: [
          error(
            file,
            FILE_START,
            'alias-limit',
            `YAML aliases expand to more than ${limits.maxAliasCount} nodes`,
            'write the repeated parts out, or use fewer nested aliases',
          ),
        ],
      };
    }
    throw e;
  }
  const warnings: Diagnostic[] = doc.warnings.map((w) => ({
    ...yamlErrorDiagnostic(file, w as never),
    severity: 'warning' as const,
    code: 'yaml-warning',
  }));
  return { document: { file, value, positionOf: makePositionOf(doc, lineCounter) }, diagnostics: warnings };
}
