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
import type { CodeOf } from '../diagnostic-codes.js';
import { type Diagnostic, diagnosticAt, type Position } from '../diagnostics.js';
import type { SpecLimits } from './limits.js';
import { yamlErrorDiagnostics, yamlWarningDiagnostics } from './yaml-errors.js';
import { inspectYamlTree, type TreeProblem } from './yaml-tree.js';

export type PathSegment = string | number;
export type SpecPath = readonly PathSegment[];

export type { Position } from '../diagnostics.js';

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

const COMPOSE_OPTIONS = {
  keepSourceTokens: false,
  // yaml's duplicate-key check compares every key with every other, which takes minutes on a map
  // of 60 000 keys; inspectYamlTree finds the same duplicates in one pass.
  uniqueKeys: false,
  // One schema whatever a `%YAML 1.1` directive says, and no YAML 1.1 tags (!!binary, !!set,
  // !!omap, !!timestamp, merge keys): their values (Buffer, Set, Map, Date) are not JSON, and a
  // Buffer reached the schema check as a map of its methods. Such tags are now warnings.
  schema: 'core',
  merge: false,
  resolveKnownTags: false,
  // A collection used as a key is reported as an invalid id; yaml must not print its own warning.
  logLevel: 'error',
} as const;

/** Composes the one document of a spec; a second document (after `---`) is an error, as in `parseDocument`. */
function composeDocument(tokens: CST.Token[], textLength: number): Document.Parsed {
  const composer = new Composer(COMPOSE_OPTIONS);
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

function error(
  file: string,
  at: Position,
  code: CodeOf<'parse'>,
  message: string,
  hint?: string,
): Diagnostic {
  return diagnosticAt(file, at, 'error', code, message, hint);
}

/** Each map's pairs by key, built on first use: a spec with thousands of problems in one map asks often. */
const pairsByKey = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

function findPair(map: unknown, key: PathSegment): Pair<unknown, unknown> | undefined {
  if (!isMap(map)) return undefined;
  let pairs = pairsByKey.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const item of map.items) {
      // The first of duplicate keys, as a linear search would find.
      const name = isPair(item) && isScalar(item.key) ? String(item.key.value) : undefined;
      if (name !== undefined && !pairs.has(name)) pairs.set(name, item as Pair<unknown, unknown>);
    }
    pairsByKey.set(map, pairs);
  }
  return pairs.get(String(key));
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

/** Turns the tree's problems that make the YAML unreadable into parser errors, in source order. */
function addTreeErrors(doc: Document.Parsed, problems: readonly TreeProblem[]): void {
  for (const p of problems) {
    if (p.kind === 'duplicate-key')
      doc.errors.push(
        new YAMLParseError([p.offset, p.offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'),
      );
    if (p.kind === 'unknown-alias') {
      const message = `the alias *${p.name} refers to no anchor &${p.name} before it`;
      doc.errors.push(new YAMLParseError([p.offset, p.offset + 1], 'BAD_ALIAS', message));
    }
  }
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function tooDeep(file: string, at: Position, maxDepth: number): ParseResult {
  return {
    document: null,
    diagnostics: [
      error(
        file,
        at,
        'nesting-too-deep',
        `collections are nested more than ${maxDepth} levels deep`,
        'flatten the structure; real specs need only a few levels',
      ),
    ],
  };
}

function aliasLimit(file: string, maxAliasCount: number): ParseResult {
  return {
    document: null,
    diagnostics: [
      error(
        file,
        FILE_START,
        'alias-limit',
        `YAML aliases expand to more than ${maxAliasCount} nodes`,
        'write the repeated parts out, or use fewer nested aliases',
      ),
    ],
  };
}

/**
 * The deepest nesting read whatever --max-depth says: the yaml package recurses once per level and
 * gives up near 780 levels, and far deeper files (50 000 levels) crashed V8 itself.
 */
export const MAX_READABLE_DEPTH = 500;

function parseSource(
  text: string,
  file: string,
  limits: Pick<SpecLimits, 'maxDepth' | 'maxAliasCount'>,
): ParseResult {
  const lineCounter = new LineCounter();
  const maxDepth = Math.min(limits.maxDepth, MAX_READABLE_DEPTH);
  const read = readTokens(text, lineCounter, maxDepth);
  if ('tooDeepAt' in read) return tooDeep(file, lineColumn(lineCounter, read.tooDeepAt), maxDepth);
  const doc = composeDocument(read.tokens, text.length);
  const tree = inspectYamlTree(doc);
  addTreeErrors(doc, tree.problems);
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
  // yaml turns an alias inside its own anchor into a cyclic object, which every later walk
  // (the schema check, the node tree) would follow until the stack overflows.
  const cycles = tree.problems.filter((p) => p.kind === 'alias-cycle');
  if (cycles.length > 0) {
    return {
      document: null,
      diagnostics: cycles.map((p) =>
        error(
          file,
          lineColumn(lineCounter, p.offset),
          'alias-cycle',
          `the alias *${p.name} is inside the value it repeats, which would make an endless spec`,
          `move *${p.name} out of the value marked &${p.name}, or write the value out`,
        ),
      ),
    };
  }
  if (tree.aliasNodes > limits.maxAliasCount) return aliasLimit(file, limits.maxAliasCount);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (e) {
    if (e instanceof ReferenceError) return aliasLimit(file, limits.maxAliasCount);
    throw e;
  }
  const warnings = yamlWarningDiagnostics(file, text, lineCounter, doc.warnings);
  return { document: { file, value, positionOf: makePositionOf(doc, lineCounter) }, diagnostics: warnings };
}

export function parseSpecText(
  text: string,
  file: string,
  limits: Pick<SpecLimits, 'maxDepth' | 'maxAliasCount'>,
): ParseResult {
  // YAML 1.2 reads a lone CR (old Mac line ends) as a line break, the yaml package does not;
  // replacing it with LF keeps every offset, so positions stay right.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  try {
    return parseSource(source, file, limits);
  } catch (e) {
    // Only with a raised --max-depth: the composer and toJS recurse once per level.
    if (isStackOverflow(e)) return tooDeep(file, FILE_START, limits.maxDepth);
    throw e;
  }
}
