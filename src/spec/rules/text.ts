// Text in a spec must be characters an SVG can hold. XML 1.0 has no way to write most control
// characters (not even as &#1;), U+FFFE, U+FFFF or half a surrogate pair; an SVG holding one is not
// well-formed and no viewer shows it. YAML and JSON escapes ("\x01", "\u0000", "\ud800") make them.

import { NOT_XML } from '../../xml-chars.js';
import type { SpecPath } from '../parse.js';
import { describePath } from '../schema-messages.js';
import type { Rule } from './rule.js';

function describeCharacter(c: string): string {
  const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (c >= '\ud800' && c <= '\udfff') return `an unpaired surrogate (${code})`;
  if (c === '\ufffe' || c === '\uffff') return `the non-character ${code}`;
  return `the control character ${code}`;
}

export const textCharacters: Rule = (ctx) => {
  // Iterative, so a deep (already reported) structure cannot overflow the stack here.
  const pending: { value: unknown; path: SpecPath }[] = [{ value: ctx.spec, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const bad = NOT_XML.exec(value);
      if (bad) {
        ctx.report(
          path,
          'error',
          'invalid-character',
          `${describePath(path)} holds ${describeCharacter(bad[0])}, which an SVG cannot contain`,
          'remove it; in double quotes, escapes such as \\x01, \\u0000 or \\ud800 write such characters',
        );
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        pending.push({ value: item, path: [...path, i] });
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, path: [...path, key] });
    }
  }
};
