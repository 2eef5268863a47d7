import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../src/cli/report.js';
import { DIAGNOSTIC_CODES, FILE_CODES } from '../src/diagnostic-codes.js';
import { fileError } from '../src/diagnostics.js';

describe('the diagnostic codes', () => {
  it('are kebab-case', () => {
    for (const code of DIAGNOSTIC_CODES) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('are listed once, under one stage', () => {
    expect(new Set(DIAGNOSTIC_CODES).size).toBe(DIAGNOSTIC_CODES.length);
  });

  it('make the command line exit 2 for a file it cannot reach, and 1 for any other error', () => {
    for (const code of DIAGNOSTIC_CODES)
      expect(exitCodeFor([fileError('x.yaml', code, 'm')]), code).toBe(FILE_CODES.has(code) ? 2 : 1);
  });
});
