// Text in a spec must be characters an SVG can hold. XML 1.0 has no way to write most control
// characters (not even as &#1;), U+FFFE, U+FFFF or half a surrogate pair; an SVG holding one is not
// well-formed and no viewer shows it. YAML and JSON escapes ("\x01", "\u0000", "\ud800") make them.

import type { SpecPath } from '../parse.js';
import { describePath } from '../schema-messages.js';
import type { Rule } from './rule.js';

/** Characters XML 1.0 cannot hold, even escaped. */
export const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

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
