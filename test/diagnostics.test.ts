import { describe, expect, it } from 'vitest';
import {
  compareDiagnostics,
  type Diagnostic,
  formatGithub,
  formatJson,
  formatText,
  hasErrors,
} from '../src/diagnostics.js';

const base: Diagnostic = {
  file: 'architectures/tada.yaml',
  line: 12,
  column: 7,
  severity: 'error',
  code: 'unknown-type',
  message: "unknown type 'aws.lamda' (did you mean 'aws.lambda'?)",
  hint: "use 'aws.lambda'",
};

const make = (overrides: Partial<Diagnostic>): Diagnostic => ({ ...base, ...overrides });

describe('formatText', () => {
  it('writes file:line:col severity code: message, then the hint indented on its own line', () => {
    expect(formatText(base)).toBe(
      "architectures/tada.yaml:12:7 error unknown-type: unknown type 'aws.lamda' (did you mean 'aws.lambda'?)\n  hint: use 'aws.lambda'",
    );
  });

  it('writes one line when there is no hint', () => {
    const { hint: _hint, ...noHint } = base;
    expect(formatText(noHint)).toBe(
      "architectures/tada.yaml:12:7 error unknown-type: unknown type 'aws.lamda' (did you mean 'aws.lambda'?)",
    );
  });

  it('names only the file for a whole-file problem (line 0)', () => {
    const d = make({
      line: 0,
      column: 0,
      code: 'binary-file',
      message: 'the file is binary',
      hint: undefined,
    });
    expect(formatText(d)).toBe('architectures/tada.yaml error binary-file: the file is binary');
  });

  it('labels warnings as warnings', () => {
    expect(formatText(make({ severity: 'warning', hint: undefined }))).toMatch(/^\S+ warning unknown-type: /);
  });

  it('styles the location, the severity and the hint through the styler', () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const styled = formatText(base, { error: tag('e'), warning: tag('w'), dim: tag('d'), bold: tag('b') });
    expect(styled).toBe(
      "<b>architectures/tada.yaml:12:7</b> <e>error</e> unknown-type: unknown type 'aws.lamda' (did you mean 'aws.lambda'?)\n  <d>hint: use 'aws.lambda'</d>",
    );
  });
});

describe('formatGithub', () => {
  it('writes an ::error workflow command with file, line, col and title', () => {
    expect(formatGithub(base)).toBe(
      "::error file=architectures/tada.yaml,line=12,col=7,title=refarch unknown-type::unknown type 'aws.lamda' (did you mean 'aws.lambda'?) (hint: use 'aws.lambda')",
    );
  });

  it('writes ::warning for warnings', () => {
    expect(formatGithub(make({ severity: 'warning' }))).toMatch(/^::warning file=/);
  });

  it('leaves out line and col for a whole-file problem', () => {
    expect(formatGithub(make({ line: 0, column: 0 }))).toMatch(
      /^::error file=architectures\/tada\.yaml,title=/,
    );
  });

  it('escapes %, CR and LF in the message', () => {
    const d = make({ message: '100% sure\r\nsecond line', hint: undefined });
    expect(formatGithub(d).split('::')[2]).toBe('100%25 sure%0D%0Asecond line');
  });

  it('escapes %, CR, LF, : and , in properties', () => {
    const d = make({ file: 'C:\\specs\\a,b%\n.yaml' });
    expect(formatGithub(d)).toMatch(/^::error file=C%3A\\specs\\a%2Cb%25%0A\.yaml,line=12,/);
  });

  it('escapes % before the other characters, so escapes are not escaped twice', () => {
    expect(formatGithub(make({ message: '\n', hint: undefined })).endsWith('::%0A')).toBe(true);
  });

  it('keeps every command on one line whatever the message holds', () => {
    const d = make({ message: 'a\nb\rc', hint: 'd\ne' });
    expect(formatGithub(d)).not.toMatch(/[\r\n]/);
  });
});

describe('formatJson', () => {
  it('round-trips diagnostics through JSON.parse', () => {
    const diagnostics = [
      base,
      make({ severity: 'warning', code: 'self-edge', line: 0, column: 0, hint: undefined }),
    ];
    expect(JSON.parse(formatJson(diagnostics))).toEqual(JSON.parse(JSON.stringify(diagnostics)));
  });

  it('writes an empty list when there is nothing to report', () => {
    expect(formatJson([])).toBe('[]\n');
  });

  it('ends with a newline', () => {
    expect(formatJson([base]).endsWith('}\n]\n')).toBe(true);
  });
});

describe('hasErrors', () => {
  it('is false for warnings only', () => {
    expect(hasErrors([make({ severity: 'warning' })])).toBe(false);
  });

  it('is true when any diagnostic is an error', () => {
    expect(hasErrors([make({ severity: 'warning' }), base])).toBe(true);
  });
});

describe('compareDiagnostics', () => {
  it('orders by file, then line, then column, then code', () => {
    const ds = [
      make({ file: 'b.yaml', line: 1 }),
      make({ line: 3, column: 1 }),
      make({ line: 2, column: 9, code: 'unknown-node' }),
      make({ line: 2, column: 9, code: 'duplicate-id' }),
    ];
    expect([...ds].sort(compareDiagnostics).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'architectures/tada.yaml:2:9 duplicate-id',
      'architectures/tada.yaml:2:9 unknown-node',
      'architectures/tada.yaml:3:1 unknown-type',
      'b.yaml:1:7 unknown-type',
    ]);
  });
});

describe('file names in diagnostics', () => {
  it('shows terminal escapes in a file name as text, not as escapes the terminal would obey', () => {
    const line = formatText({
      file: 'evil\u001b[2Jname.yaml',
      line: 1,
      column: 1,
      severity: 'error',
      code: 'cannot-read',
      message: 'm',
    });
    expect(line).toContain('evil\\u001b[2Jname.yaml:1:1');
    expect(line).not.toContain('\u001b');
  });
});
