import { describe, expect, it } from 'vitest';
import { listTypes } from '../../src/catalog/catalog.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { DEFAULT_LIMITS, type SpecLimits } from '../../src/spec/limits.js';
import type { SpecDocument } from '../../src/spec/parse.js';
import { closestMatch } from '../../src/spec/suggest.js';
import { validateDocument, validateText } from '../../src/spec/validate.js';

/** A spec from its `nodes:` block (indented by two) and any further top-level YAML. */
function spec(nodes: string, rest = ''): string {
  return `refarch: 1\ntitle: Test\nnodes:\n${nodes}${rest}`;
}

function check(text: string, limits: SpecLimits = DEFAULT_LIMITS): Diagnostic[] {
  return validateText(text, 'test.yaml', limits).diagnostics;
}

const codes = (text: string, limits?: SpecLimits) => check(text, limits).map((d) => d.code);
const only = (text: string, code: string) => check(text).filter((d) => d.code === code);

/** Nodes nested as written: `nest(['group.region', 'group.vpc'], leaf)` puts the leaf in a VPC in a region. */
function nest(types: string[], leaf = 'leaf: { type: aws.ec2 }'): string {
  let yaml = '';
  types.forEach((type, depth) => {
    const pad = '  '.repeat(2 * depth + 1);
    yaml += `${pad}n${depth}:\n${pad}  type: ${type}\n${pad}  children:\n`;
  });
  return `${yaml}${'  '.repeat(2 * types.length + 1)}${leaf}\n`;
}

describe('AWS containment', () => {
  it('accepts a subnet inside an AZ inside a VPC, judging all ancestors', () => {
    expect(
      codes(spec(nest(['group.region', 'group.vpc', 'group.availability-zone', 'group.private-subnet']))),
    ).toEqual([]);
  });

  it('accepts a subnet directly inside a VPC', () => {
    expect(codes(spec(nest(['group.vpc', 'group.public-subnet'])))).toEqual([]);
  });

  it('accepts a subnet in a generic group inside a VPC', () => {
    expect(codes(spec(nest(['group.vpc', 'group.generic', 'group.private-subnet'])))).toEqual([]);
  });

  it('reports a subnet under an AZ that has no VPC above it', () => {
    expect(codes(spec(nest(['group.region', 'group.availability-zone', 'group.private-subnet'])))).toEqual([
      'subnet-outside-vpc',
    ]);
  });

  it('names the offending subnet and points at its key', () => {
    const [d] = only(spec(nest(['group.public-subnet'])), 'subnet-outside-vpc');
    expect(d?.message).toContain("subnet 'n0'");
    expect([d?.line, d?.column]).toEqual([4, 3]);
  });

  it('accepts an AZ in a region and an AZ in a VPC', () => {
    expect(codes(spec(nest(['group.region', 'group.availability-zone'])))).toEqual([]);
    expect(codes(spec(nest(['group.vpc', 'group.availability-zone'])))).toEqual([]);
  });

  it('reports an AZ at the top level, naming it', () => {
    const found = only(spec(nest(['group.availability-zone'])), 'az-outside-region');
    expect(found.map((d) => d.message)).toEqual(["availability zone 'n0' is not inside a region or VPC"]);
  });

  it('accepts a VPC at the top level, in a region, account or AWS cloud', () => {
    for (const outer of [[], ['group.region'], ['group.aws-account'], ['group.aws-cloud']]) {
      expect(codes(spec(nest([...outer, 'group.vpc'])))).toEqual([]);
    }
  });

  it('accepts a VPC in a generic group inside a region', () => {
    expect(codes(spec(nest(['group.region', 'group.generic', 'group.vpc'])))).toEqual([]);
  });

  it('reports a VPC inside a non-AWS group', () => {
    expect(codes(spec(nest(['group.corporate-data-center', 'group.vpc'])))).toEqual(['vpc-misplaced']);
  });

  it('reports a VPC inside another VPC even when a region is further up', () => {
    const found = only(spec(nest(['group.region', 'group.vpc', 'group.vpc'])), 'vpc-misplaced');
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("VPC 'n2'")]);
  });

  it('reports a VPC inside a subnet', () => {
    expect(codes(spec(nest(['group.region', 'group.vpc', 'group.private-subnet', 'group.vpc'])))).toEqual([
      'vpc-misplaced',
    ]);
  });

  it('accepts a region inside an account inside the AWS cloud', () => {
    expect(codes(spec(nest(['group.aws-cloud', 'group.aws-account', 'group.region'])))).toEqual([]);
  });

  it('reports a region inside a VPC, naming it', () => {
    const found = only(spec(nest(['group.vpc', 'group.region'])), 'region-misplaced');
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("region 'n1'")]);
  });
});

describe('node ids', () => {
  it('reports an id used in two branches at the second use, naming the line of the first', () => {
    const text = spec(
      '  left:\n    type: group.generic\n    children:\n      app: { type: aws.ec2 }\n' +
        '  right:\n    type: group.generic\n    children:\n      app: { type: aws.ec2 }\n',
    );
    const found = only(text, 'duplicate-id');
    expect(found.map((d) => [d.line, d.column])).toEqual([[11, 7]]);
    expect(found[0]?.message).toBe("node id 'app' is already used at line 7");
  });

  it('reports an overlay whose id a node already uses', () => {
    const text = spec(
      '  web: { type: aws.ec2 }\n',
      'overlays:\n  web: { type: group.auto-scaling-group, members: [web] }\n',
    );
    expect(only(text, 'duplicate-id').map((d) => d.message)).toEqual([
      "overlay id 'web' is already used by a node",
    ]);
  });

  it('reports more nodes than the limit allows', () => {
    const text = spec('  a: { type: aws.ec2 }\n  b: { type: aws.ec2 }\n  c: { type: aws.ec2 }\n');
    expect(codes(text, { ...DEFAULT_LIMITS, maxNodes: 2 })).toEqual(['too-many-nodes']);
    expect(codes(text, { ...DEFAULT_LIMITS, maxNodes: 3 })).toEqual([]);
  });

  it('reports a node tree deeper than the limit, even when it arrives without YAML positions', () => {
    let nodes: Record<string, unknown> = { leaf: { type: 'aws.ec2' } };
    for (let i = 0; i < 6; i++) nodes = { [`g${i}`]: { type: 'group.generic', children: nodes } };
    const doc: SpecDocument = {
      file: 'built.json',
      value: { refarch: 1, title: 'Deep', nodes },
      positionOf: () => ({ line: 1, column: 1 }),
    };
    const { diagnostics } = validateDocument(doc, { ...DEFAULT_LIMITS, maxDepth: 4 });
    expect(diagnostics.map((d) => d.code)).toEqual(['nesting-too-deep']);
  });
});

describe('types', () => {
  it('suggests the closest type for a misspelt one', () => {
    const [d] = only(spec('  fn: { type: aws.lamda }\n'), 'unknown-type');
    expect(d?.message).toBe("unknown type 'aws.lamda' (did you mean 'aws.lambda'?)");
  });

  it('suggests the aws. prefix when it is missing', () => {
    const [d] = only(spec('  t: { type: dynamodb }\n'), 'unknown-type');
    expect(d?.message).toContain("did you mean 'aws.dynamodb'?");
  });

  it('hints at a `refarch types` search that finds the suggestion', () => {
    const [d] = only(spec('  fn: { type: aws.lamda }\n'), 'unknown-type');
    const search = /`refarch types ([^`]+)`/.exec(d?.hint ?? '')?.[1];
    expect(search).toBeDefined();
    expect(listTypes(search).map((e) => e.id)).toContain('aws.lambda');
  });

  it('suggests nothing for a word far from every type', () => {
    const [d] = only(spec('  x: { type: completely-made-up-thing }\n'), 'unknown-type');
    expect(d?.message).toBe("unknown type 'completely-made-up-thing'");
  });

  it('accepts aliases such as aws.alb and aws.s3', () => {
    expect(codes(spec('  lb: { type: aws.alb }\n  bucket: { type: aws.s3 }\n'))).toEqual([]);
  });

  it('reports an unknown overlay type once, as unknown-type', () => {
    const text = spec(
      '  web: { type: aws.ec2 }\n',
      'overlays:\n  asg: { type: group.autoscaling, members: [web] }\n',
    );
    expect(codes(text)).toEqual(['unknown-type']);
  });
});

describe('edges and overlay members', () => {
  const twoNodes = '  handler: { type: aws.lambda }\n  table: { type: aws.dynamodb }\n';

  it('reports an unknown endpoint with a did-you-mean naming the real node', () => {
    const [d] = only(spec(twoNodes, 'edges:\n  - { from: handler, to: tabel }\n'), 'unknown-node');
    expect(d?.message).toBe("edge 'to' refers to 'tabel', which is not defined (did you mean 'table'?)");
  });

  it('points at the misspelt item of a list endpoint', () => {
    const [d] = only(spec(twoNodes, 'edges:\n  - { from: [handler, handlr], to: table }\n'), 'unknown-node');
    expect([d?.line, d?.column]).toEqual([7, 23]);
  });

  it('finds nodes nested in groups', () => {
    const nested =
      '  vpc:\n    type: group.vpc\n    children:\n      web: { type: aws.ec2 }\n  db: { type: aws.rds }\n';
    expect(codes(spec(nested, 'edges:\n  - { from: web, to: db }\n'))).toEqual([]);
  });

  it('reports a malformed endpoint id once, as invalid-id', () => {
    expect(codes(spec(twoNodes, 'edges:\n  - { from: handler, to: "the table" }\n'))).toEqual(['invalid-id']);
  });

  it('reports an overlay member that is not a node', () => {
    const text = spec(
      twoNodes,
      'overlays:\n  asg: { type: group.auto-scaling-group, members: [handler, tabel] }\n',
    );
    expect(only(text, 'unknown-node').map((d) => d.message)).toEqual([
      "overlay 'asg' refers to 'tabel', which is not defined (did you mean 'table'?)",
    ]);
  });

  it('warns about an edge from a node to itself but keeps the spec usable', () => {
    const result = validateText(spec(twoNodes, 'edges:\n  - { from: handler, to: handler }\n'), 'test.yaml');
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'self-edge']]);
    expect(result.model).not.toBeNull();
  });

  it('counts edges after expanding lists against the limit', () => {
    const nodes =
      '  a: { type: aws.sqs }\n  b: { type: aws.sqs }\n  c: { type: aws.lambda }\n  d: { type: aws.lambda }\n';
    const text = spec(nodes, 'edges:\n  - { from: [a, b], to: [c, d] }\n');
    expect(codes(text, { ...DEFAULT_LIMITS, maxEdges: 3 })).toEqual(['too-many-edges']);
    expect(codes(text, { ...DEFAULT_LIMITS, maxEdges: 4 })).toEqual([]);
  });
});

describe('steps and their legend', () => {
  const nodes = '  a: { type: aws.api-gateway }\n  b: { type: aws.lambda }\n';

  it('warns about a step with no legend entry, naming the step', () => {
    const text = spec(nodes, 'edges:\n  - { from: a, to: b, step: 2 }\nsteps:\n  1: arrives\n');
    expect(only(text, 'step-without-legend').map((d) => d.message)).toEqual([
      'step 2 has no entry under `steps:`',
    ]);
  });

  it('warns once when numbered edges have no legend at all', () => {
    const text = spec(nodes, 'edges:\n  - { from: a, to: b, step: 1 }\n  - { from: b, to: a, step: 2 }\n');
    expect(codes(text)).toEqual(['step-without-legend']);
  });

  it('warns about a legend entry that no edge uses', () => {
    const text = spec(nodes, 'edges:\n  - { from: a, to: b, step: 1 }\nsteps:\n  1: arrives\n  2: replies\n');
    const found = only(text, 'unused-step');
    expect(found.map((d) => [d.line, d.column, d.severity])).toEqual([[10, 3, 'warning']]);
  });

  it('reports an out-of-range step once, not again as missing from the legend', () => {
    const text = spec(nodes, 'edges:\n  - { from: a, to: b, step: 0 }\nsteps:\n  1: arrives\n');
    expect(
      check(text)
        .filter((d) => d.code !== 'unused-step')
        .map((d) => d.code),
    ).toEqual(['out-of-range']);
  });

  it('accepts steps whose legend matches', () => {
    const text = spec(nodes, 'edges:\n  - { from: a, to: b, step: 1 }\nsteps:\n  1: arrives\n');
    expect(codes(text)).toEqual([]);
  });
});

describe('did-you-mean', () => {
  it('ignores case', () => {
    expect(closestMatch('Lable', ['label', 'note'])).toBe('label');
  });

  it('suggests nothing beyond a typo’s reach', () => {
    expect(closestMatch('colour', ['label', 'note', 'link'])).toBeUndefined();
  });

  it('breaks ties alphabetically, so suggestions are stable', () => {
    expect(closestMatch('ab', ['ac', 'aa'])).toBe('aa');
  });
});
