// Parses spec text (YAML, or JSON, which YAML 1.2 reads too) into a SpecDocument that keeps the
// source position of every node, so later diagnostics can name file:line:column.

import {
  Composer,
  type CST,
  type Document,
  isMap,
  isPair,
  isScalar,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  YAMLParseError,
} from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SpecLimits } from './limits.js';
import { yamlErrorDiagnostics, yamlWarningDiagnostics } from './yaml-errors.js';

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

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Reads the concrete syntax tree, stopping at the first collection nested deeper than maxDepth.
 * The CST parser keeps its own stack, but the composer and toJS recurse once per level, so a
 * deeply nested file (`[[[[…`, `- - - -…` or deep indentation) must be refused before them.
 */
function readTokens(
  text: string,
  lineCounter: LineCounter,
  maxDepth: number,
): { tokens: CST.Token[] } | { tooDeepAt: number } {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > maxDepth) {
      const tooDeep = parser.stack.filter((t) => COLLECTIONS.has(t.type))[maxDepth];
      if (tooDeep) return { tooDeepAt: tooDeep.offset };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

/** Composes the one document of a spec; a second document (after `---`) is an error, as in `parseDocument`. */
function composeDocument(tokens: CST.Token[], textLength: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: true, keepSourceTokens: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, textLength)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'multiple documents'),
      );
      break;
    }
  }
  if (!doc) throw new Error('bug: the YAML composer produced no document');
  return doc;
}

function lineColumn(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function error(file: string, at: Position, code: string, message: string, hint?: string): Diagnostic {
  return { file, ...at, severity: 'error', code, message, ...(hint ? { hint } : {}) };
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
  const read = readTokens(text, lineCounter, limits.maxDepth);
  if ('tooDeepAt' in read) {
    return {
      document: null,
      diagnostics: [
        error(
          file,
          lineColumn(lineCounter, read.tooDeepAt),
          'nesting-too-deep',
          `collections are nested more than ${limits.maxDepth} levels deep`,
          'flatten the structure; real specs need only a few levels',
        ),
      ],
    };
  }
  const doc = composeDocument(read.tokens, text.length);
  if (doc.errors.length > 0) {
    return { document: null, diagnostics: yamlErrorDiagnostics(file, text, lineCounter, doc.errors) };
  }
  if (doc.contents === null) {
    const blank = text.trim() === '';
    return {
      document: null,
      diagnostics: [
        error(
          file,
          FILE_START,
          'empty-file',
          blank ? 'the file is empty' : 'the file holds only comments',
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
  const warnings = yamlWarningDiagnostics(file, text, lineCounter, doc.warnings);
  return { document: { file, value, positionOf: makePositionOf(doc, lineCounter) }, diagnostics: warnings };
}
