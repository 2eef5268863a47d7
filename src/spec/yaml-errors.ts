// Turns the YAML parser's errors into diagnostics a newcomer can act on: the parser's own words
// where they are clear, ours where they are not, and the position where the mistake was made.

import type { LineCounter, YAMLError } from 'yaml';
import type { CodeOf } from '../diagnostic-codes.js';
import type { Diagnostic } from '../diagnostics.js';

const SYNTAX_HINT =
  'fix the YAML syntax here; quote strings that contain ": " or start with a special character';

/** Messages and hints for the YAML errors newcomers meet most. */
const KNOWN: Partial<Record<string, { message?: string; hint: string }>> = {
  TAB_AS_INDENT: {
    message: 'tabs are not allowed for indentation in YAML',
    hint: 'indent with spaces (2 per level)',
  },
  MULTIPLE_DOCS: {
    message: 'the file holds more than one YAML document (separated by `---`)',
    hint: 'keep one spec per file; remove the `---` line or split the file',
  },
  BAD_INDENT: { hint: 'line this up with the other entries of the same map or list, using spaces' },
  BAD_ALIAS: {
    hint: 'an alias (*name) repeats a value marked earlier with &name; mark the value or write it out',
  },
};

interface Located {
  offset: number;
  code: CodeOf<'parse'>;
  message: string;
  hint: string;
  /** An unclosed quote or bracket: the parser's complaints after it follow from it. */
  swallows?: true;
}

/** The key written at `offset` (plain, or quoted as in JSON), for naming it in a message. */
function keyAt(text: string, offset: number): string | undefined {
  const match = /^(?:"([^"\n]{1,60})"|'([^'\n]{1,60})'|([^\s:,{}[\]#][^\n:,{}]{0,59}?))\s*:/.exec(
    text.slice(offset, offset + 80),
  );
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Where an unclosed quoted string opens; the parser reports where the file ends instead. */
function openingQuote(text: string, end: number, quote: string): number {
  let i = Math.min(end, text.length) - 1;
  for (; i >= 0; i--) {
    if (text[i] !== quote) continue;
    const escaped = quote === "'" ? text[i - 1] === "'" : text[i - 1] === '\\';
    if (!escaped) return i;
    if (quote === "'") i--; // '' stands for one quote inside single quotes
  }
  return end;
}

/** Where an unclosed `{` or `[` opens: the nearest one before `end` left without its partner, or -1. */
function openingBracket(text: string, end: number, close: string): number {
  const open = close === '}' ? '{' : '[';
  let depth = 0;
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open && depth-- === 0) return i;
  }
  return -1;
}

/** Errors past this many are placed where the parser says: finding an opening quote or bracket scans back through the text. */
const SCANNED_ERRORS = 1000;

function locate(text: string, e: YAMLError, index: number): Located {
  const offset = Math.max(0, e.pos[0]);
  if (e.code === 'DUPLICATE_KEY') {
    const key = keyAt(text, offset);
    const message = `${key === undefined ? 'this key' : `key '${key}'`} appears twice in the same map`;
    return { offset, code: 'duplicate-key', message, hint: 'remove or rename one of them' };
  }
  if (e.code === 'RESOURCE_EXHAUSTION') {
    return {
      offset,
      code: 'nesting-too-deep',
      message: 'the file is nested too deeply to read',
      hint: 'flatten it',
    };
  }
  if (index >= SCANNED_ERRORS) {
    return { offset, code: 'yaml-syntax', message: e.message.split('\n')[0] ?? e.message, hint: SYNTAX_HINT };
  }
  const unclosed = /^Missing closing (["'])quote/.exec(e.message);
  if (unclosed) {
    const quote = unclosed[1]!;
    return {
      offset: openingQuote(text, offset, quote),
      code: 'yaml-syntax',
      message: `this quoted text has no closing ${quote}`,
      hint: `add the closing ${quote}${quote === '"' ? '; write \\" for a quote inside the text' : ''}`,
      swallows: true,
    };
  }
  const unmatched = /end with a ([}\]])$/.exec(e.message);
  const opening = unmatched ? openingBracket(text, offset, unmatched[1]!) : -1;
  if (unmatched && opening >= 0) {
    const close = unmatched[1]!;
    const open = close === '}' ? '{' : '[';
    // Inside a block map, the same error means an unclosed bracket or under-indented lines after it.
    const inBlock = e.message.includes('sufficiently indented');
    return {
      offset: opening,
      code: 'yaml-syntax',
      message: inBlock
        ? `this ${open} is not closed, or the lines after it are not indented enough`
        : `this ${open} has no matching ${close}`,
      hint: inBlock
        ? `close it with ${close}, and indent any line inside it further than its key`
        : `add the ${close} where the ${close === '}' ? 'map' : 'list'} ends`,
      swallows: true,
    };
  }
  if (e.message.startsWith('Nested mappings are not allowed in compact mappings')) {
    return {
      offset,
      code: 'yaml-syntax',
      message: "this value holds ': ', which YAML reads as the start of another key",
      hint: 'put the whole value in quotes (label: "Step 1: upload"), or put each key on its own line',
    };
  }
  const known = KNOWN[e.code];
  const parserMessage = e.message.split('\n')[0] ?? e.message;
  return {
    offset,
    code: 'yaml-syntax',
    message: known?.message ?? parserMessage,
    hint: known?.hint ?? SYNTAX_HINT,
  };
}

function toDiagnostic(
  file: string,
  lineCounter: LineCounter,
  p: Located,
  severity: Diagnostic['severity'],
): Diagnostic {
  const { line, col } = lineCounter.linePos(p.offset);
  return { file, line, column: col, severity, code: p.code, message: p.message, hint: p.hint };
}

export function yamlErrorDiagnostics(
  file: string,
  text: string,
  lineCounter: LineCounter,
  errors: readonly YAMLError[],
): Diagnostic[] {
  const located = errors.map((e, i) => locate(text, e, i));
  // A stack overflow is reported once per level it unwinds; one report says it.
  const exhausted = located.find((p) => p.code === 'nesting-too-deep');
  if (exhausted) return [toDiagnostic(file, lineCounter, exhausted, 'error')];
  // An unclosed quote or bracket swallows what follows; the parser's complaints after it are noise.
  const cause = located.find((p) => p.swallows);
  const shown = cause ? [...located.filter((p) => p.offset < cause.offset), cause] : located;
  // Several parser errors can come to the same words at the same place (two unclosed `{` seen from
  // one end of file): say it once.
  const said = new Set<string>();
  return shown
    .filter((p) => {
      const key = `${p.offset}:${p.message}`;
      if (said.has(key)) return false;
      said.add(key);
      return true;
    })
    .map((p) => toDiagnostic(file, lineCounter, p, 'error'));
}

export function yamlWarningDiagnostics(
  file: string,
  text: string,
  lineCounter: LineCounter,
  warnings: readonly YAMLError[],
): Diagnostic[] {
  return warnings.map((w, i) => ({
    ...toDiagnostic(file, lineCounter, locate(text, w, i), 'warning'),
    code: 'yaml-warning',
  }));
}
