// A fast first reading of spec text with js-yaml (about 13x faster than the position-keeping
// `yaml` parser on our specs). Positions are only needed to report problems, so validation reads a
// spec this way first and, only if that finds anything to report, reads it again with `yaml`, whose
// positions and YAML-level checks (duplicate keys, alias limits, depth) then speak for the file.
// Whatever the two readers might read differently is left to `yaml`: aliases, tags, deep
// nesting, and text that YAML 1.2 could also read as a number, boolean or null.

import { CORE_SCHEMA, load } from 'js-yaml';

/** Text that a YAML 1.2 core-schema reader may resolve to a non-string when it is unquoted. */
const SCALAR_LOOKALIKE =
  /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|)$/;

const NUMBER_FORMS = /\d_\d|(?<![\w.-])0[\dbBoOxX]/;

/** Is this a plain tree both readers agree on: no shared objects (aliases), not too deep, no lookalikes? */
function unambiguous(value: unknown, maxDepth: number, seen: Set<object>, depth: number): boolean {
  if (typeof value === 'string') return !SCALAR_LOOKALIKE.test(value);
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (seen.has(value) || depth >= maxDepth - 1) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.every((child) => unambiguous(child, maxDepth, seen, depth + 1));
  return Object.entries(value).every(([key, child]) =>
    !SCALAR_LOOKALIKE.test(key) || /^\d+$/.test(key) ? unambiguous(child, maxDepth, seen, depth + 1) : false,
  );
}

/**
 * The plain value of `text` when it is a single YAML 1.2 (core schema) or JSON document that
 * js-yaml reads without complaint and that both readers surely read alike; undefined otherwise,
 * leaving the verdict to the full reader.
 */
export function fastParse(text: string, maxDepth = 64): unknown {
  // Number forms the readers disagree on (YAML 1.1 underscores, leading zeros, 0b/0o/0x).
  if (NUMBER_FORMS.test(text)) return undefined;
  try {
    const value = load(text, { schema: CORE_SCHEMA, json: false });
    if (value === null || typeof value !== 'object') return undefined;
    return unambiguous(value, maxDepth, new Set(), 0) ? value : undefined;
  } catch {
    return undefined;
  }
}
