// The public library API: everything comes from src/index.ts, and each stage runs on its own.
// The README's example (examples/api.mjs, which imports 'refarch') is run against the built package.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  type Diagram,
  formatGithub,
  formatText,
  layout,
  listTypes,
  type Model,
  parse,
  render,
  renderModel,
  resolveType,
  validate,
} from '../src/index.js';

const SPEC = `refarch: 1
title: Orders
description: An API writes orders to a table.
nodes:
  aws:
    type: group.aws-cloud
    children:
      api: { type: aws.lambda, label: Orders API }
      table: { type: aws.dynamodb, label: Orders }
edges:
  - { from: api, to: table, label: write, step: 1 }
steps:
  1: The API writes the order.
`;

function validModel(): Model {
  const { model, diagnostics } = validate(SPEC, 'orders.yaml');
  expect(diagnostics).toEqual([]);
  return model!;
}

describe('the library API', () => {
  it('parses text into a document that knows where each value is', () => {
    const result = parse(SPEC, 'orders.yaml', DEFAULT_LIMITS);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.positionOf(['nodes', 'aws', 'children', 'table'])).toEqual({
      line: 9,
      column: 14,
    });
  });

  it('validates text into a resolved model', () => {
    const model = validModel();
    expect(model.title).toBe('Orders');
    expect([...model.nodes.keys()]).toEqual(['aws', 'api', 'table']);
    expect(model.nodes.get('table')?.type.id).toBe('aws.dynamodb');
    expect(model.edges).toMatchObject([{ from: 'api', to: 'table', label: 'write', step: 1 }]);
  });

  it('reports a mistake as a positioned diagnostic instead of throwing', () => {
    const { model, diagnostics } = validate(SPEC.replace('aws.dynamodb', 'aws.dynamo-db'), 'orders.yaml');
    expect(model).toBeNull();
    expect(diagnostics).toMatchObject([
      { file: 'orders.yaml', line: 9, code: 'unknown-type', severity: 'error' },
    ]);
    expect(formatText(diagnostics[0]!)).toMatch(/^orders\.yaml:9:\d+ error unknown-type: /);
    expect(formatGithub(diagnostics[0]!)).toMatch(/^::error file=orders\.yaml,line=9,/);
  });

  it('lays a model out into a diagram with absolute boxes', async () => {
    const diagram: Diagram = await layout(validModel());
    expect(diagram.width).toBeGreaterThan(0);
    const api = diagram.nodes.find((n) => n.id === 'api')!;
    const cloud = diagram.nodes.find((n) => n.id === 'aws')!;
    expect(api.box.x).toBeGreaterThanOrEqual(cloud.box.x);
    expect(api.box.x + api.box.width).toBeLessThanOrEqual(cloud.box.x + cloud.box.width);
    expect(diagram.edges.map((e) => e.id)).toEqual(['api->table']);
  });

  it('renders a diagram to an SVG string', async () => {
    const svg = await render(await layout(validModel()), { format: 'svg', theme: 'light' });
    expect(typeof svg).toBe('string');
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toContain('Orders API');
  });

  it('renders a diagram to JSON geometry', async () => {
    const json = await render(await layout(validModel()), { format: 'json', theme: 'light' });
    const geometry = JSON.parse(json as string) as { nodes: { id: string }[]; edges: { from: string }[] };
    expect(geometry.nodes.map((n) => n.id).sort()).toEqual(['api', 'aws', 'table']);
    expect(geometry.edges).toMatchObject([{ from: 'api', to: 'table' }]);
  });

  it('renders a model to PNG bytes in one call', async () => {
    const png = await renderModel(validModel(), { format: 'png', theme: 'dark' });
    expect(png).toBeInstanceOf(Uint8Array);
    expect(
      Buffer.from(png as Uint8Array)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('looks types up in the catalog', () => {
    expect(resolveType('aws.lambda')?.name).toBe('AWS Lambda');
    expect(listTypes('dynamodb').map((t) => t.id)).toContain('aws.dynamodb');
  });
});

describe('the README library example', () => {
  const example = readFileSync('examples/api.mjs', 'utf8');

  it('is in the README word for word', () => {
    const code = example.split('\n').slice(1).join('\n'); // without the comment naming this test
    expect(readFileSync('README.md', 'utf8')).toContain(`\`\`\`js\n${code}\`\`\``);
  });

  it('runs against the built package and prints what it made', () => {
    expect(existsSync('dist/index.js'), 'dist/index.js is missing: run `npm run build` first').toBe(true);
    const output = execFileSync(process.execPath, ['examples/api.mjs'], { encoding: 'utf8' });
    expect(output).toMatch(/^2 nodes, 1 edge, \d+ bytes of SVG\n$/);
  });
});
