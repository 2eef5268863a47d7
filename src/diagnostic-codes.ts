// Every diagnostic code refarch reports, grouped by the stage that reports it. The code, the
// command line's exit codes and the tests all read this one list, so a code cannot drift.

/**
 * Codes by the stage that reports them first (a few are reported by a later stage too:
 * `nesting-too-deep` by the rules, `wrong-type` and `unsafe-link` by the rules or validate).
 * Codes are stable: tests, CI scripts and editors match on them.
 */
const CODES_BY_STAGE = {
  /** A file or folder cannot be found, read or written; the command line exits 2 on these. */
  file: ['cannot-read', 'cannot-write', 'no-specs', 'not-a-file'],
  /** The bytes of a spec are not a readable YAML or JSON document. */
  parse: [
    'alias-cycle',
    'alias-limit',
    'binary-file',
    'duplicate-key',
    'empty-file',
    'file-too-large',
    'invalid-utf8',
    'nesting-too-deep',
    'yaml-syntax',
    'yaml-warning',
  ],
  /** What the JSON Schema describes, so an editor with the schema reports these too. */
  schema: [
    'empty-list',
    'empty-map',
    'empty-text',
    'invalid-id',
    'invalid-step',
    'invalid-value',
    'missing-key',
    'out-of-range',
    'too-long',
    'unknown-key',
    'unsafe-link',
    'unsupported-version',
    'wrong-type',
  ],
  /** The semantic rules beyond the schema, and the note that more problems were left out. */
  rules: [
    'az-outside-region',
    'border-on-group',
    'border-without-group',
    'duplicate-id',
    'invalid-character',
    'nothing-to-arrange',
    'region-misplaced',
    'repeated-end-label',
    'self-edge',
    'step-without-legend',
    'subnet-outside-vpc',
    'too-many-edges',
    'too-many-nodes',
    'too-many-problems',
    'unknown-node',
    'unknown-type',
    'unused-step',
    'vpc-misplaced',
  ],
  /**
   * Laying out, rendering and writing diagrams, and `check` finding them out of date. A layout or
   * render that throws is a bug in refarch, reported with its stack (exit 2), not a diagnostic.
   */
  output: [
    'drawio-generic-shape',
    'layout-timeout',
    'missing-output',
    'output-clash',
    'stale-embed',
    'stale-output',
  ],
  /** Infrastructure-as-code read by `import`: a CloudFormation template that is not one, or one
   *  CloudFormation itself would refuse. */
  import: [
    'not-a-template',
    'nothing-to-draw',
    'reference-cycle',
    'template-too-large',
    'too-many-resources',
    'unknown-intrinsic',
  ],
  /** The Markdown file and the markers of `embed` and `check`. */
  embed: [
    'embed-invalid-spec',
    'embed-marker-without-spec',
    'embed-missing-spec',
    'embed-name-clash',
    'embed-nested-marker',
    'embed-stray-close-marker',
    'embed-unclosed-marker',
    'embed-unreadable-spec',
    'not-utf8',
  ],
} as const;

export type DiagnosticStage = keyof typeof CODES_BY_STAGE;

/** The codes one stage reports. */
export type CodeOf<S extends DiagnosticStage> = (typeof CODES_BY_STAGE)[S][number];

/** A stable kebab-case identifier of one kind of problem. */
export type DiagnosticCode = CodeOf<DiagnosticStage>;

/** Every code, in stage order. */
export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = Object.values(CODES_BY_STAGE).flat();

/** The codes the given stages report. */
export function codesOf(...stages: DiagnosticStage[]): ReadonlySet<DiagnosticCode> {
  return new Set(stages.flatMap((stage) => CODES_BY_STAGE[stage]));
}

/** Problems with reaching a file rather than with its content: the command line exits 2. */
export const FILE_CODES = codesOf('file');

/** A spec file that could not be read at all (missing, not a file, too large), not one found wrong. */
export const UNREADABLE_FILE_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'cannot-read',
  'not-a-file',
  'file-too-large',
]);
