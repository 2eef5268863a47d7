// The stages import one way: spec -> layout -> diagram contract -> renderers. A renderer reads the
// laid-out diagram (src/diagram) and shared data (the catalog), never the spec or layout's own
// modules, so every output format (SVG, PNG, JSON, and those to come) sees the same contract.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** What each folder of src/ may import from, besides itself and npm packages. */
const ALLOWED: Record<string, readonly string[]> = {
  diagram: ['catalog'],
  render: ['diagram', 'catalog', 'runtime', 'xml-chars.ts'],
  layout: ['diagram', 'spec', 'catalog', 'runtime'],
  spec: ['catalog', 'diagnostics.ts', 'diagnostic-codes.ts', 'xml-chars.ts'],
  diff: ['spec'],
  import: ['catalog', 'spec', 'diagnostics.ts', 'diagnostic-codes.ts', 'xml-chars.ts'],
};

interface Import {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.generated.ts') ? [file] : [];
  });
}

/** Every relative import (static, type-only, re-export or dynamic) of every file under src/. */
function importsOf(files: string[]): Import[] {
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
    return specifiers.map((specifier) => ({
      from: path.relative('src', file),
      to: path.relative('src', path.resolve(path.dirname(file), specifier)).replace(/\.js$/, '.ts'),
    }));
  });
}

/** The imports that break the rules: into a folder (or top-level file) the importer may not use. */
function wrongWay(imports: Import[]): string[] {
  return imports.flatMap(({ from, to }) => {
    const [fromPart] = from.split(path.sep);
    const [toPart] = to.split(path.sep);
    const allowed = ALLOWED[fromPart!];
    if (!allowed || fromPart === toPart || allowed.includes(toPart!)) return [];
    return [`${from} imports ${to}`];
  });
}

describe('import direction', () => {
  const imports = importsOf(sourceFiles('src'));

  it('finds the imports it checks', () => {
    expect(imports.some((i) => i.from.startsWith('render') && i.to.startsWith('diagram'))).toBe(true);
    expect(imports.some((i) => i.from.startsWith('layout') && i.to.startsWith('spec'))).toBe(true);
  });

  it('keeps every stage to the stages before it, and renderers to the diagram contract', () => {
    expect(wrongWay(imports)).toEqual([]);
  });

  it('refuses a renderer that reads the spec or the layout checker', () => {
    expect(
      wrongWay([
        { from: 'render/svg.ts', to: 'spec/model.ts' },
        { from: 'render/svg.ts', to: 'layout/defects.ts' },
        { from: 'render/svg.ts', to: 'diagram/header-crossings.ts' },
      ]),
    ).toEqual(['render/svg.ts imports spec/model.ts', 'render/svg.ts imports layout/defects.ts']);
  });
});
