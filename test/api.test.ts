// The public library API: everything comes from src/index.ts, and each stage runs on its own.
// The README's example (examples/api.mjs, which imports 'refarch') is run against the built package,
// and so is the layout budget: only the built package has the ELK worker a budget can stop.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM benchmark helper without types
import { awsLikeSpec } from '../bench/aws-like.mjs';
import {
  DEFAULT_LIMITS,
  type Diagram,
  type ElkEngine,
  FORMATS,
  formatGithub,
  formatText,
  importTemplate,
  layout,
  listTypes,
  type Model,
  parse,
  render,
  renderModel,
  resolveType,
  validate,
} from '../src/index.js';
import { inProcessElk, loadElk } from '../src/layout/elk-engine.js';

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

  it('renders a diagram to an editable draw.io file, and lists every format it can write', async () => {
    const drawio = await render(await layout(validModel()), { format: 'drawio', theme: 'light' });
    expect(drawio).toMatch(/^<mxfile host="refarch"/);
    expect(drawio).toContain('id="n:table"');
    expect(drawio).toContain('parent="n:aws"');
    expect(FORMATS.map((f) => [f.name, f.extension, f.binary])).toEqual([
      ['svg', 'svg', false],
      ['png', 'png', true],
      ['json', 'json', false],
      ['drawio', 'drawio', false],
    ]);
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

/** An engine that records the graphs it is given and lays each out with `layOut`. */
function recordingEngine(layOut: (graph: ElkNode, call: number) => Promise<ElkNode>) {
  const graphs: ElkNode[] = [];
  const engine: ElkEngine = {
    layout: (graph) => {
      graphs.push(graph);
      return layOut(graph, graphs.length);
    },
    close: async () => {},
  };
  return { engine, graphs };
}

const MODEL_ORDER = 'elk.layered.considerModelOrder.strategy';

/** A graph on which elkjs 0.11 throws a TypeError inside its compiled crossing minimisation. */
const GRAPH_ELK_FAILS_ON: ElkNode = {
  id: 'root',
  layoutOptions: { 'elk.algorithm': 'layered', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
  children: [
    {
      id: 'group',
      layoutOptions: { 'elk.layered.crossingMinimization.forceNodeModelOrder': 'true' },
      children: [
        { id: 'a', width: 10, height: 10 },
        { id: 'b', width: 10, height: 10 },
      ],
    },
  ],
};

describe('when ELK fails', () => {
  it("lays out again without model order after elkjs's own TypeError, once", async () => {
    const { engine, graphs } = recordingEngine((graph, call) =>
      call === 1 ? loadElk().layout(structuredClone(GRAPH_ELK_FAILS_ON)) : inProcessElk().layout(graph),
    );
    const diagram = await layout(validModel(), { engine });
    expect(diagram.nodes.map((n) => n.id)).toContain('table');
    expect(graphs.map((g) => g.layoutOptions?.[MODEL_ORDER])).toEqual(['NODES_AND_EDGES', undefined]);
  });

  it('throws a bug of ours as it is, without a second run', async () => {
    const bug = new Error('bug: the test engine lost a node');
    const { engine, graphs } = recordingEngine(async () => {
      throw bug;
    });
    await expect(layout(validModel(), { engine })).rejects.toBe(bug);
    await expect(renderModel(validModel(), { format: 'svg', theme: 'light', elk: engine })).rejects.toBe(bug);
    expect(graphs).toHaveLength(2);
  });

  it('throws a TypeError from outside elkjs as it is, without a second run', async () => {
    const { engine, graphs } = recordingEngine(async () => {
      throw new TypeError('not from ELK');
    });
    await expect(layout(validModel(), { engine })).rejects.toThrow('not from ELK');
    expect(graphs).toHaveLength(1);
  });

  it('refuses a layout budget that is not a positive number of seconds', async () => {
    await expect(layout(validModel(), { layoutTimeout: 0 })).rejects.toThrow(RangeError);
  });
});

describe('the layout budget of the built package', () => {
  it('stops a layout that exceeds layoutTimeout with a LayoutTimeoutError', async () => {
    expect(existsSync('dist/index.js'), 'dist/index.js is missing: run `npm run build` first').toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'refarch-api-budget-'));
    try {
      // About 25 s of ELK on a two-core EPYC against a budget of 1 s: the outcome does not depend on
      // how fast or busy the machine is.
      const spec = path.join(dir, 'big.json');
      writeFileSync(spec, JSON.stringify(awsLikeSpec(4000)));
      // A script file, not `node --input-type=module -e`: a worker thread inherits that flag and fails.
      const script = path.join(dir, 'budget.mjs');
      writeFileSync(
        script,
        [
          "import { readFileSync } from 'node:fs';",
          `import { layout, LayoutTimeoutError, validate } from ${JSON.stringify(pathToFileURL(path.resolve('dist/index.js')).href)};`,
          `const { model } = validate(readFileSync(${JSON.stringify(spec)}, 'utf8'), 'big.json');`,
          'await layout(model, { layoutTimeout: 1 }).then(',
          "  () => console.log('laid out'),",
          "  (e) => console.log(e instanceof LayoutTimeoutError ? 'timeout: ' + e.message : e.stack),",
          ');',
        ].join('\n'),
      );
      const { stdout } = await promisify(execFile)(process.execPath, [script]);
      expect(stdout).toBe('timeout: layout took longer than 1 s\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

describe('importTemplate', () => {
  it('turns a template into spec text that validate takes, with a report, or into diagnostics', () => {
    const imported = importTemplate(
      'Resources:\n  Jobs: { Type: AWS::SQS::Queue }\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties: { Environment: { Variables: { QUEUE: !Ref Jobs } } }\n',
      'template.yaml',
      { title: 'Jobs' },
    );
    expect(imported.diagnostics).toEqual([]);
    const { model } = validate(imported.text!, 'jobs.yaml');
    expect(model!.name).toBe('Jobs');
    expect(model!.edges.map((e) => `${e.from} -> ${e.to}`)).toEqual(['worker -> jobs']);
    expect(imported.report!.resources.map((r) => r.drawnAs)).toEqual(['jobs', 'worker']);
    expect(importTemplate('not: [a template', 'bad.yaml')).toMatchObject({
      text: null,
      diagnostics: [{ code: 'yaml-syntax', file: 'bad.yaml' }],
    });
  });
});
