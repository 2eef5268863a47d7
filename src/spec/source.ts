// Turns the bytes of a spec file into text, or into a diagnostic that says why it cannot be read
// as a spec: too large, binary, not UTF-8, or empty.

import type { CodeOf } from '../diagnostic-codes.js';
import { type Diagnostic, errorAt } from '../diagnostics.js';
import type { SpecLimits } from './limits.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

function fileDiagnostic(
  file: string,
  code: CodeOf<'parse'>,
  message: string,
  hint: string,
  line = 0,
  column = 0,
): Diagnostic {
  return errorAt(file, line, column, code, message, hint);
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function fileTooLarge(file: string, size: number, maxBytes: number): Diagnostic {
  const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return fileDiagnostic(
    file,
    'file-too-large',
    `the file is ${mib(size)} MiB; specs may be at most ${mib(maxBytes)} MiB`,
    'split the architecture into several specs, or raise the limit with --max-bytes',
  );
}

export function decodeSpecBytes(
  bytes: Uint8Array,
  file: string,
  limits: Pick<SpecLimits, 'maxBytes'>,
): DecodeResult {
  if (bytes.length > limits.maxBytes)
    return { ok: false, diagnostic: fileTooLarge(file, bytes.length, limits.maxBytes) };
  // Windows editors save "Unicode" text as UTF-16, whose NUL bytes would otherwise read as binary.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      diagnostic: fileDiagnostic(
        file,
        'invalid-utf8',
        'the file is UTF-16, not UTF-8',
        "re-save the file as UTF-8 (in the editor's encoding menu)",
        1,
        1,
      ),
    };
  }
  // A NUL byte never appears in YAML or JSON text; it means an image, archive or other binary file.
  if (bytes.includes(0)) {
    return {
      ok: false,
      diagnostic: fileDiagnostic(
        file,
        'binary-file',
        'the file is binary, not a YAML or JSON spec',
        'pass a .yaml, .yml or .json spec file',
      ),
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lineColumnAt(lossy, Math.max(0, lossy.indexOf('\uFFFD')));
    return {
      ok: false,
      diagnostic: fileDiagnostic(
        file,
        'invalid-utf8',
        'the file is not valid UTF-8',
        're-save the file as UTF-8 (specs may contain any Unicode text, e.g. Korean labels)',
        at.line,
        at.column,
      ),
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}
