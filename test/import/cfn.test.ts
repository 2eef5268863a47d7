// The first steps of `refarch import`: reading CloudFormation (every short-form tag in YAML reads
// like JSON's long forms, positions kept) and the table from CloudFormation types to catalog types.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cfnResourceTypes, cfnTypeMap, cfnTypesSource } from '../../scripts/cfn-types-source.js';
import { resolveType } from '../../src/catalog/catalog.js';
import { CFN_TYPES } from '../../src/catalog/cfn-types.generated.js';
import { readCfnTemplate } from '../../src/import/cfn-template.js';
import { templateToSpec } from '../../src/import/to-spec.js';
import { findLayoutDefects } from '../../src/layout/defects.js';
import { layout } from '../../src/pipeline.js';
import { validateText } from '../../src/spec/validate.js';
import { run } from '../cli/project.js';

const fixture = (name: string) => readFileSync(path.join('test/fixtures/cfn', name), 'utf8');

describe('reading a CloudFormation template', () => {
  it('reads every short-form tag of YAML as the long form JSON writes', () => {
    const yaml = readCfnTemplate(fixture('short-forms.yaml'), 'short-forms.yaml');
    const json = readCfnTemplate(fixture('long-forms.json'), 'long-forms.json');
    expect(yaml.diagnostics).toEqual([]);
    expect(json.diagnostics).toEqual([]);
    expect(yaml.template!.value).toEqual(json.template!.value);
    const fn = yaml.template!.resources.find((r) => r.logicalId === 'Fn')!;
    expect(fn.properties.Role).toEqual({ 'Fn::GetAtt': ['Role', 'Arn'] });
    expect(fn.cdkPath).toBe('App/Orders/Handler/Resource');
    expect(yaml.template!.resources.map((r) => r.logicalId)).toEqual([
      'Vpc',
      'SubnetA',
      'Queue',
      'Fn',
      'Role',
    ]);
  });

  // A tagged value's place is the value after its tag: `[0, …]` of `!Select [0, !GetAZs ""]`.
  it('knows where each value is, in YAML and in JSON', () => {
    const yaml = readCfnTemplate(fixture('short-forms.yaml'), 'short-forms.yaml').template!;
    expect(yaml.positionOf(['Resources', 'SubnetA', 'Properties', 'AvailabilityZone'])).toEqual({
      line: 22,
      column: 33,
    });
    // A path below what exists gives the nearest enclosing value.
    expect(yaml.positionOf(['Resources', 'Queue', 'Properties', 'Nothing'])).toEqual({ line: 25, column: 5 });
    const json = readCfnTemplate(fixture('long-forms.json'), 'long-forms.json').template!;
    const at = json.positionOf(['Resources', 'Fn', 'Type']);
    expect(
      fixture('long-forms.json')
        .split('\n')
        [at.line - 1]!.slice(at.column - 1),
    ).toMatch(/^"AWS::Lambda::Function"/);
  });

  it('reports what is not a template, with the place', () => {
    expect(readCfnTemplate('refarch: 1\nnodes: {}\n', 'spec.yaml').diagnostics).toMatchObject([
      { code: 'not-a-template', line: 1, column: 1 },
    ]);
    expect(readCfnTemplate('Resources:\n  A: { Type: [\n', 'broken.yaml').diagnostics[0]).toMatchObject({
      code: 'yaml-syntax',
      severity: 'error',
    });
    expect(readCfnTemplate('Resources:\n  A:\n    Properties: {}\n', 'x.yaml').diagnostics).toMatchObject([
      { code: 'not-a-template', line: 3, column: 5, message: "resource 'A' has no `Type`" },
    ]);
  });
});

describe('the table from CloudFormation types to catalog types', () => {
  const specRoot = path.dirname(
    createRequire(import.meta.url).resolve('@aws-cdk/aws-service-spec/package.json'),
  );
  const types = cfnResourceTypes(readFileSync(path.join(specRoot, 'db.json.gz')));

  it('is what the generator makes now from the CDK database and the catalog', () => {
    const version = (
      JSON.parse(readFileSync(path.join(specRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(
      readFileSync('src/catalog/cfn-types.generated.ts', 'utf8') ===
        cfnTypesSource(cfnTypeMap(types), version, types.length),
      'run npx tsx scripts/generate-cfn-types.ts',
    ).toBe(true);
  });

  it('maps only to types the catalog has, and only CloudFormation types that exist', () => {
    const known = new Set(types);
    for (const [cfn, id] of Object.entries(CFN_TYPES)) {
      expect(known.has(cfn), cfn).toBe(true);
      expect(resolveType(id)?.id, `${cfn} -> ${id}`).toBe(id);
    }
    expect(types.length).toBeGreaterThan(1000);
  });

  it('draws principal resources with their service icon, and leaves plumbing unmapped', () => {
    expect(CFN_TYPES['AWS::Lambda::Function']).toBe('aws.lambda');
    expect(CFN_TYPES['AWS::SQS::Queue']).toBe(resolveType('aws.sqs')!.id);
    expect(CFN_TYPES['AWS::EC2::NatGateway']).toBe(resolveType('aws.vpc-nat-gateway')!.id);
    expect(CFN_TYPES['AWS::EC2::VPC']).toBe('group.vpc');
    for (const plumbing of [
      'AWS::EC2::Route',
      'AWS::Lambda::Permission',
      'AWS::IAM::Policy',
      'AWS::ApiGateway::Method',
    ])
      expect(CFN_TYPES[plumbing], plumbing).toBeUndefined();
  });
});

describe('a template as a spec', () => {
  const { template } = readCfnTemplate(fixture('web-service.yaml'), 'web-service.yaml');
  const result = templateToSpec(template!, { title: 'Orders web service' });
  type Node = { type: string; label?: string; children?: Record<string, Node> };
  const account = (result.spec.nodes as Record<string, Node>).account!;
  const region = account.children!.region!;
  const vpc = region.children!.vpc!;

  it('is a valid spec that lays out with no defects', async () => {
    const { model, diagnostics } = validateText(stringify(result.spec), 'imported.yaml');
    expect(diagnostics).toEqual([]);
    expect(findLayoutDefects(await layout(model!))).toEqual([]);
  });

  it('nests account > Region > VPC > AZ > subnet, public by the route to an internet gateway, each resource in its subnet', () => {
    expect(account.type).toBe('group.aws-account');
    expect(Object.keys(vpc.children!)).toEqual([
      'vpc-az-1',
      'vpc-az-2',
      'igw',
      'load-balancer',
      'web-service',
      'database',
    ]);
    // The internet gateway on the VPC's top border, as AWS draws it.
    expect(vpc.children!.igw).toMatchObject({
      type: resolveType('aws.vpc-internet-gateway')!.id,
      border: 'top',
    });
    const az1 = vpc.children!['vpc-az-1']!;
    expect(az1).toMatchObject({ type: 'group.availability-zone', label: 'AZ 1' });
    expect(az1.children!['public-a']!.type).toBe('group.public-subnet');
    expect(az1.children!['private-a']!.type).toBe('group.private-subnet');
    expect(Object.keys(az1.children!['public-a']!.children!)).toEqual(['nat']);
    expect(az1.children!['private-a']!.children!.worker!.type).toBe('aws.lambda');
    // In subnets of both AZs (the load balancer, the service, the database through its subnet
    // group): drawn once, in the VPC.
    expect(vpc.children!['load-balancer']!.type).toBe(resolveType('aws.alb')!.id);
    expect(vpc.children!.database!.type).toBe('aws.rds');
    // A template's VPC makes a top-down picture: AZs side by side, traffic from the top.
    expect(result.spec.direction).toBe('down');
  });

  it('draws the data flows, plumbing folded into them', () => {
    expect(result.spec.edges).toEqual([
      { from: 'load-balancer', to: 'web-service' },
      { from: 'web-service', to: 'orders' },
      { from: 'web-service', to: 'table' },
      { from: 'worker', to: 'table' },
      { from: 'orders', to: 'worker' },
      { from: 'events', to: 'orders' },
      { from: 'users', to: 'igw' },
      { from: 'igw', to: 'load-balancer' },
    ]);
  });

  it('accounts for every resource of the template exactly once', () => {
    const entries = result.report.resources;
    expect(entries.map((e) => e.logicalId)).toEqual(template!.resources.map((r) => r.logicalId));
    const of = (id: string) => entries.find((e) => e.logicalId === id)!;
    expect(of('Worker')).toMatchObject({ drawnAs: 'worker', foldedInto: null });
    expect(of('WorkerQueue')).toMatchObject({ drawnAs: null, foldedInto: 'edges' });
    expect(of('Listener')).toMatchObject({ drawnAs: null, foldedInto: 'edges' });
    expect(of('PublicAAssociation')).toMatchObject({ drawnAs: null, foldedInto: 'public-a' });
    expect(of('DbSubnets')).toMatchObject({ drawnAs: null, foldedInto: 'vpc' });
    // Roles and task definitions into what uses them (the role, shared, into the first drawn
    // resource that names it); the ECS cluster into its service.
    expect(of('TaskRole')).toMatchObject({ drawnAs: null, foldedInto: 'worker' });
    expect(of('Task')).toMatchObject({ drawnAs: null, foldedInto: 'web-service' });
    expect(of('Cluster')).toMatchObject({ drawnAs: null, foldedInto: 'web-service' });
    for (const e of entries) expect((e.drawnAs === null) !== (e.foldedInto === null), e.logicalId).toBe(true);
    expect(result.unmapped).toEqual([]);
  });
});

describe('the refarch import command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'refarch-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a spec that validates and renders, a report of every resource, and a summary', async () => {
    const spec = path.join(dir, 'specs/orders.yaml');
    const report = path.join(dir, 'report.json');
    mkdirSync(path.dirname(spec), { recursive: true });
    const result = await run([
      'import',
      'test/fixtures/cfn/web-service.yaml',
      '--out',
      spec,
      '--report',
      report,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'test/fixtures/cfn/web-service.yaml: 29 resources: drew 14, folded 15 (4 into lines)\n',
    );
    const text = readFileSync(spec, 'utf8');
    // The modeline points at the committed schema from where the spec is.
    const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)![1]!;
    expect(path.resolve(path.dirname(spec), schema)).toBe(path.resolve('schema/refarch.schema.json'));
    expect((await run(['validate', spec])).code).toBe(0);
    expect((await run(['render', spec, '--out', path.join(dir, 'out'), '--quiet'])).code).toBe(0);
    const entries = (JSON.parse(readFileSync(report, 'utf8')) as { resources: { logicalId: string }[] })
      .resources;
    expect(entries).toHaveLength(29);
  });

  it('prints the spec without --out, and refuses what is not a template, writing nothing', async () => {
    const printed = await run(['import', 'test/fixtures/cfn/web-service.yaml', '--title', 'Orders']);
    expect(printed.stdout).toMatch(
      /^# yaml-language-server: \$schema=schema\/refarch\.schema\.json\nrefarch: 1\ntitle: Orders\n/,
    );
    const out = path.join(dir, 'not.yaml');
    const refused = await run(['import', 'test/fixtures/diff/base.yaml', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error not-a-template');
    expect(existsSync(out)).toBe(false);
  });
});
