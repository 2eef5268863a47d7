// Finds the `<!-- refarch spec.yaml -->` … `<!-- /refarch -->` blocks in a Markdown file, with line
// numbers for every marker mistake. Pure: the caller reads the file and writes the result.

import type { CodeOf } from '../diagnostic-codes.js';
import { type Diagnostic, errorAt } from '../diagnostics.js';

export interface EmbedBlock {
  /** The spec path as written in the opening marker (relative to the Markdown file). */
  spec: string;
  /** 1-based line and column of the opening marker. */
  line: number;
  column: number;
  /** Offsets of the text between the two marker lines (what `embed` replaces). */
  contentStart: number;
  contentEnd: number;
  content: string;
}

export interface MarkerScan {
  blocks: EmbedBlock[];
  diagnostics: Diagnostic[];
  /** The line ending the file already uses, so generated lines match it. */
  eol: '\n' | '\r\n';
}

// A marker is an HTML comment alone on its line (at most three spaces of indent, as CommonMark
// allows for an HTML block); markers in code fences or inside a sentence are text, not markers.
const OPEN = /^( {0,3})<!--\s*refarch(?:\s+(.*?))?\s*-->\s*$/;
const CLOSE = /^ {0,3}<!--\s*\/refarch\s*-->\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface Line {
  text: string;
  number: number;
  start: number;
  /** Offset just after the line's end-of-line characters. */
  next: number;
}

function* linesOf(text: string): Generator<Line> {
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    yield { text: text.slice(start, end).replace(/\r$/, ''), number, start, next };
    start = next;
    number++;
  }
}

function markerError(
  file: string,
  line: number,
  column: number,
  code: CodeOf<'embed'>,
  message: string,
  hint: string,
) {
  return errorAt(file, line, column, code, message, hint);
}

/** Tracks fenced code blocks, whose content is never a marker. */
class FenceTracker {
  private open: string | null = null;

  /** True when the line opens, closes or lies inside a fence. */
  skip(line: string): boolean {
    const fence = FENCE.exec(line)?.[1];
    if (this.open === null) {
      if (!fence) return false;
      this.open = fence;
      return true;
    }
    if (fence && fence[0] === this.open[0] && fence.length >= this.open.length && line.trim() === fence)
      this.open = null;
    return true;
  }
}

/** Lists the embed blocks of a Markdown text; any marker mistake is an error diagnostic. */
export function findEmbedBlocks(text: string, file: string): MarkerScan {
  const blocks: EmbedBlock[] = [];
  const diagnostics: Diagnostic[] = [];
  const fences = new FenceTracker();
  let open: { spec: string; line: number; column: number; contentStart: number } | null = null;
  let depth = 0;
  let nested = false;
  for (const line of linesOf(text)) {
    if (fences.skip(line.text)) continue;
    const opening = OPEN.exec(line.text);
    if (opening) {
      const column = (opening[1]?.length ?? 0) + 1;
      const spec = opening[2]?.trim() ?? '';
      if (open) {
        depth++;
        nested = true;
        diagnostics.push(
          markerError(
            file,
            line.number,
            column,
            'embed-nested-marker',
            `a refarch marker inside the block opened on line ${open.line}`,
            'close the first block with <!-- /refarch --> before opening another',
          ),
        );
        continue;
      }
      if (spec === '')
        diagnostics.push(
          markerError(
            file,
            line.number,
            column,
            'embed-marker-without-spec',
            'the refarch marker names no spec file',
            'write the spec path after the word refarch, e.g. <!-- refarch architectures/shop.yaml -->',
          ),
        );
      open = { spec, line: line.number, column, contentStart: line.next };
      depth = 1;
      nested = false;
      continue;
    }
    if (!CLOSE.test(line.text)) continue;
    if (!open) {
      diagnostics.push(
        markerError(
          file,
          line.number,
          1,
          'embed-stray-close-marker',
          'a <!-- /refarch --> marker without an opening <!-- refarch … --> marker',
          'remove it, or add the opening marker above it',
        ),
      );
      continue;
    }
    depth--;
    if (depth > 0) continue;
    if (!nested && open.spec !== '')
      blocks.push({
        spec: open.spec,
        line: open.line,
        column: open.column,
        contentStart: open.contentStart,
        contentEnd: line.start,
        content: text.slice(open.contentStart, line.start),
      });
    open = null;
  }
  if (open)
    diagnostics.push(
      markerError(
        file,
        open.line,
        open.column,
        'embed-unclosed-marker',
        `the refarch block for '${open.spec}' is never closed`,
        'add <!-- /refarch --> on its own line after the block',
      ),
    );
  return { blocks, diagnostics, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** Replaces the content of each block (same order as `blocks`) and keeps every other byte. */
export function replaceBlocks(
  text: string,
  blocks: readonly EmbedBlock[],
  contents: readonly string[],
): string {
  let result = '';
  let at = 0;
  for (const [i, block] of blocks.entries()) {
    result += text.slice(at, block.contentStart) + (contents[i] ?? block.content);
    at = block.contentEnd;
  }
  return result + text.slice(at);
}
