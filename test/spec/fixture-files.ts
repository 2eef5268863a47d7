// Reads the spec fixtures and their expectations: `# expect: <code> <line>:<column>` lines at the top
// of a YAML fixture, or a sidecar `<name>.expect` file for fixtures that cannot hold a comment.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codesOf } from '../../src/diagnostic-codes.js';

export const VALID_DIR = fileURLToPath(new URL('../fixtures/valid/', import.meta.url));
export const INVALID_DIR = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));

export interface Expectation {
  code: string;
  line: number;
  column: number;
}

export interface InvalidFixture {
  name: string;
  path: string;
  bytes: Uint8Array;
  /** Empty when the fixture states none; the fixture test fails on that. */
  expected: Expectation[];
  /** Lines that look like an expectation but do not parse. */
  malformed: string[];
}

const SPEC_FILE = /\.(ya?ml|json)$/;
const EXPECT_LINE = /^([a-z0-9]+(?:-[a-z0-9]+)*) (\d+):(\d+)$/;

export function specFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => SPEC_FILE.test(name))
    .sort();
}

export function sidecarPath(fixturePath: string): string {
  return join(fixturePath, '..', `${basename(fixturePath, extname(fixturePath))}.expect`);
}

function parseLines(lines: string[]): Pick<InvalidFixture, 'expected' | 'malformed'> {
  const expected: Expectation[] = [];
  const malformed: string[] = [];
  for (const line of lines) {
    const match = EXPECT_LINE.exec(line.trim());
    if (match) expected.push({ code: match[1]!, line: Number(match[2]), column: Number(match[3]) });
    else malformed.push(line);
  }
  return { expected, malformed };
}

/** The `# expect:` lines that open the file (only at the top, so the expectation is seen first). */
function headerLines(bytes: Uint8Array): string[] {
  const lines = Buffer.from(bytes).toString('utf8').split(/\r?\n/);
  const header: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('# expect:')) break;
    header.push(line.slice('# expect:'.length));
  }
  return header;
}

/** A fixture of test/fixtures/invalid, or of another folder that follows the same convention. */
export function readInvalidFixture(name: string, dir: string = INVALID_DIR): InvalidFixture {
  const path = join(dir, name);
  const bytes = new Uint8Array(readFileSync(path));
  const sidecar = sidecarPath(path);
  const lines = existsSync(sidecar)
    ? readFileSync(sidecar, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
    : headerLines(bytes);
  return { name, path, bytes, ...parseLines(lines) };
}

export function invalidFixtures(dir: string = INVALID_DIR): InvalidFixture[] {
  return specFiles(dir).map((name) => readInvalidFixture(name, dir));
}

export function validFixtures(): { name: string; path: string; bytes: Uint8Array }[] {
  return specFiles(VALID_DIR).map((name) => {
    const path = join(VALID_DIR, name);
    return { name, path, bytes: new Uint8Array(readFileSync(path)) };
  });
}

/** Codes the schema (not a semantic rule or the parser) reports. */
export const STRUCTURAL_CODES: ReadonlySet<string> = codesOf('schema');

/** Every code validation reports; an expectation naming anything else is a typo. */
export const VALIDATION_CODES: ReadonlySet<string> = codesOf('parse', 'schema', 'rules');
