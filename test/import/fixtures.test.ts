// `refarch import` on templates written for these tests (test/fixtures/cfn) and a synthesized CDK
// app (test/fixtures/cdk-app): for each, where things are nested, the exact lines, that every
// resource is drawn or folded (and drawn at most once), and that the spec validates and lays out
// with no defects.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { constructPaths } from '../../src/import/cloud-assembly.js';
import { type ImportTemplateOptions, importTemplate } from '../../src/import/import.js';
import { findLayoutDefects } from '../../src/layout/defects.js';
import { layout } from '../../src/pipeline.js';
import { validateText } from '../../src/spec/validate.js';

function importFixture(file: string, options: ImportTemplateOptions = {}) {
  const imported = importTemplate(readFileSync(file, 'utf8'), file, options);
  expect(imported.diagnostics).toEqual([]);
  const text = imported.text!;
  const { model, diagnostics } = validateText(text, 'imported.yaml');
  const spec = model!;
  /** Ancestors of a node, outermost first, then the node. */
  const pathOf = (id: string): string[] => {
    const up: string[] = [];
    for (let n = spec.nodes.get(id); n; n = n.parent === null ? undefined : spec.nodes.get(n.parent))
      up.unshift(n.id);
    return up;
  };
  const edges = spec.edges.map((e) => `${e.from} -> ${e.to}`).sort();
  return { imported, text, model: spec, diagnostics, pathOf, edges, report: imported.report!.resources };
}

/** Every resource is drawn or folded, never both; what it is folded into exists; nothing is drawn
 *  twice; and every drawn id is a node of the spec. */
function expectAccountedFor(result: ReturnType<typeof importFixture>, template: string) {
  const ids = Object.keys(readTemplateResources(template));
  expect(result.report.map((r) => r.logicalId)).toEqual(ids);
  const drawnAs = result.report.flatMap((r) => (r.drawnAs ? [r.drawnAs] : []));
  expect(new Set(drawnAs).size).toBe(drawnAs.length);
  for (const entry of result.report) {
    expect((entry.drawnAs === null) !== (entry.foldedInto === null), entry.logicalId).toBe(true);
    if (entry.drawnAs) expect(result.model.nodes.has(entry.drawnAs), entry.drawnAs).toBe(true);
    if (entry.foldedInto && entry.foldedInto !== 'edges')
      expect(result.model.nodes.has(entry.foldedInto), `${entry.logicalId} -> ${entry.foldedInto}`).toBe(
        true,
      );
  }
}

function readTemplateResources(file: string): Record<string, unknown> {
  if (file.endsWith('.json'))
    return (JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, unknown> }).Resources;
  // YAML fixtures: the resources' logical ids, in order, as the lines at two spaces under Resources.
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.indexOf('Resources:');
  const end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  const ids = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .map((line) => /^ {2}([A-Za-z0-9]+):/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  return Object.fromEntries(ids.map((id) => [id, {}]));
}

async function expectCleanLayout(result: ReturnType<typeof importFixture>) {
  expect(result.diagnostics).toEqual([]);
  expect(findLayoutDefects(await layout(result.model))).toEqual([]);
}

const CFN = 'test/fixtures/cfn';

describe('a two-AZ VPC with NAT gateways and an S3 endpoint', () => {
  const file = path.join(CFN, 'two-az-vpc.yaml');
  const result = importFixture(file);

  it('nests each NAT gateway in the public subnet of its AZ, and the rest in the VPC', () => {
    expect(result.pathOf('nat-gateway-1')).toEqual([
      'account',
      'region',
      'network',
      'network-az-1',
      'public-subnet-1',
      'nat-gateway-1',
    ]);
    expect(result.pathOf('nat-gateway-2')).toEqual([
      'account',
      'region',
      'network',
      'network-az-2',
      'public-subnet-2',
      'nat-gateway-2',
    ]);
    expect(result.model.nodes.get('private-subnet-2')!.type.id).toBe('group.private-subnet');
    expect(result.model.nodes.get('public-subnet-1')!.type.id).toBe('group.public-subnet');
    // In both private subnets: once, in the VPC.
    expect(result.pathOf('app-servers')).toEqual(['account', 'region', 'network', 'app-servers']);
    expect(result.pathOf('s3-endpoint')).toEqual(['account', 'region', 'network', 's3-endpoint']);
    expect(result.model.nodes.get('internet-gateway')!.border).toBe('top');
    expect(result.pathOf('artifacts')).toEqual(['account', 'region', 'artifacts']);
  });

  it('sends the instances to the bucket through the gateway endpoint', () => {
    expect(result.edges).toEqual(['app-servers -> s3-endpoint', 's3-endpoint -> artifacts']);
  });

  it('accounts for every resource, and lays out cleanly', async () => {
    expectAccountedFor(result, file);
    const of = (id: string) => result.report.find((r) => r.logicalId === id)!;
    expect(of('PrivateSubnet2Routes').foldedInto).toBe('private-subnet-2');
    expect(of('NatAddress1').foldedInto).toBe('network');
    // A role into what assumes it, through its instance profile and the launch template.
    expect(of('AppInstanceRole').foldedInto).toBe('app-servers');
    expect(of('AppLaunchTemplate').foldedInto).toBe('app-servers');
    await expectCleanLayout(result);
  });
});

describe('a Fargate service behind a load balancer, with Aurora', () => {
  const file = path.join(CFN, 'fargate-aurora.yaml');
  const result = importFixture(file);

  it('nests the subnets in their AZs, and what spans AZs once in the VPC', () => {
    expect(result.pathOf('web-subnet-b')).toEqual([
      'account',
      'region',
      'vpc',
      'vpc-eu-west-1b',
      'web-subnet-b',
    ]);
    expect(result.model.nodes.get('web-subnet-b')!.type.id).toBe('group.public-subnet');
    expect(result.model.nodes.get('data-subnet-a')!.type.id).toBe('group.private-subnet');
    for (const id of ['balancer', 'storefront', 'database'])
      expect(result.pathOf(id), id).toEqual(['account', 'region', 'vpc', id]);
    expect(result.model.nodes.get('database')!.type.id).toBe('aws.aurora');
    expect(result.pathOf('database-secret')).toEqual(['account', 'region', 'database-secret']);
  });

  it('draws the balancer to the service and the service to its database and secret', () => {
    // Listener and target group, the security-group rule and the task definition's environment
    // each give one of these lines; the cluster's own secret reference is not a flow.
    expect(result.edges).toEqual([
      'balancer -> storefront',
      'igw -> balancer',
      'storefront -> database',
      'storefront -> database-secret',
      'users -> igw',
    ]);
    // Users reach the internet-facing balancer through the gateway on the VPC's top border.
    expect(result.pathOf('users')).toEqual(['users']);
    expect(result.model.nodes.get('igw')!.border).toBe('top');
  });

  it('accounts for every resource, and lays out cleanly', async () => {
    expectAccountedFor(result, file);
    const of = (id: string) => result.report.find((r) => r.logicalId === id)!;
    expect(of('DatabaseWriter').foldedInto).toBe('database');
    expect(of('DatabaseReader').foldedInto).toBe('database');
    expect(of('Cluster').foldedInto).toBe('storefront');
    expect(of('StorefrontTask').foldedInto).toBe('storefront');
    expect(of('HttpsListener').foldedInto).toBe('edges');
    expect(of('ServiceTargets').foldedInto).toBe('edges');
    expect(of('DatabaseFromService').foldedInto).toBe('edges');
    // A subnet group spans two subnets: into their VPC.
    expect(of('DatabaseSubnets').foldedInto).toBe('vpc');
    await expectCleanLayout(result);
  });
});

describe('a serverless app, in YAML and in JSON', () => {
  const yamlFile = path.join(CFN, 'serverless-orders.yaml');
  const result = importFixture(yamlFile);

  it('is the example the README shows, as the importer writes it now', () => {
    const example = importTemplate(readFileSync(yamlFile, 'utf8'), yamlFile, {
      schema: '../../schema/refarch.schema.json',
    });
    expect(
      example.text === readFileSync('docs/examples/serverless-orders.yaml', 'utf8'),
      `run: refarch import ${yamlFile} --out docs/examples/serverless-orders.yaml && npm run docs`,
    ).toBe(true);
  });

  it('gives the same spec from JSON with long forms as from YAML with short tags', () => {
    const json = importTemplate(
      readFileSync(path.join(CFN, 'serverless-orders.json'), 'utf8'),
      'serverless-orders.json',
    );
    expect(json.text).toBe(result.text);
    expect(json.report).toEqual(result.imported.report);
  });

  it('draws the flows: API, stream, topic, queue, schedule and bucket notifications', () => {
    expect(result.edges).toEqual([
      'create-order -> orders-table',
      'fulfilment-queue -> fulfil',
      'nightly-report-schedule -> write-report',
      'order-events -> fulfilment-queue',
      'orders-api -> create-order',
      'orders-table -> project-order',
      'project-order -> order-events',
      'reports -> archive-report',
      'users -> orders-api',
      'write-report -> orders-table',
      'write-report -> reports',
    ]);
    expect(result.model.nodes.get('nightly-report-schedule')!.type.id).toBe('aws.eventbridge');
  });

  it('accounts for every resource, and lays out cleanly', async () => {
    expectAccountedFor(result, yamlFile);
    const of = (id: string) => result.report.find((r) => r.logicalId === id)!;
    for (const line of [
      'CreateOrderMethod',
      'OrdersStreamMapping',
      'QueueSubscription',
      'FulfilmentQueueMapping',
    ])
      expect(of(line).foldedInto, line).toBe('edges');
    expect(of('ArchiveLogs').foldedInto).toBe('archive-report');
    expect(of('ScheduleInvokesReport').foldedInto).toBe('write-report');
    expect(of('FulfilmentQueuePolicy').foldedInto).toBe('fulfilment-queue');
    expect(result.model.direction).toBe('right');
    await expectCleanLayout(result);
  });
});

describe('a CDK app synthesized into cdk.out', () => {
  const dir = 'test/fixtures/cdk-app/cdk.out';
  const file = path.join(dir, 'OrdersStack.template.json');

  it('names resources after their construct paths from tree.json, without hashes', async () => {
    const paths = await constructPaths(dir, {
      id: 'OrdersStack',
      displayName: 'OrdersStack',
      templateFile: file,
    });
    expect(paths.get('Worker11F36D0F')).toBe('OrdersStack/Worker/Resource');
    const result = importFixture(file, { constructPaths: paths, name: 'OrdersStack' });
    expect(result.model.name).toBe('OrdersStack');
    expect(result.pathOf('network-public-subnet-1-nat-gateway')).toEqual([
      'account',
      'region',
      'network',
      'network-eu-west-1a',
      'network-public-subnet-1',
      'network-public-subnet-1-nat-gateway',
    ]);
    expect(result.model.nodes.get('network-public-subnet-1')!.label).toBe('Public Subnet 1');
    expect(result.model.nodes.get('network-public-subnet-1-nat-gateway')!.label).toBe('NAT Gateway');
    expect(result.pathOf('worker')).toEqual(['account', 'region', 'network', 'worker']);
    expect(result.edges).toEqual(['jobs -> worker', 'uploads -> worker', 'worker -> orders']);
    expectAccountedFor(result, file);
    const of = (id: string) => result.report.find((r) => r.logicalId === id)!;
    // The bucket-notification custom resource is the line; its provider folds into the bucket.
    expect(of('UploadsNotifications8DBDDF22').foldedInto).toBe('edges');
    expect(of('BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691').foldedInto).toBe(
      'uploads',
    );
    expect(of('WorkerServiceRoleDefaultPolicyAE71B5FA').foldedInto).toBe('worker');
    await expectCleanLayout(result);
  });

  it('without tree.json still drops the hashes from logical ids', () => {
    const result = importFixture(file);
    expect(result.model.nodes.has('worker')).toBe(true);
    expect(result.model.nodes.has('network-public-subnet-1-subnet')).toBe(true);
  });
});

describe('--keep', () => {
  it('draws a folded type anyway, placed like any other resource', () => {
    const file = path.join(CFN, 'fargate-aurora.yaml');
    const result = importFixture(file, {
      keep: ['AWS::SecretsManager::SecretTargetAttachment', 'AWS::Logs::LogGroup'],
    });
    expect(result.pathOf('service-logs')).toEqual(['account', 'region', 'service-logs']);
    expect(result.edges).toContain('storefront -> service-logs');
    expect(result.report.find((r) => r.logicalId === 'ServiceLogs')).toMatchObject({
      drawnAs: 'service-logs',
      foldedInto: null,
    });
  });
});

describe('a large CDK app with no VPC', () => {
  it('groups resources by the construct at the top of their path, so 60+ nodes stay readable', () => {
    const resources = Object.fromEntries(
      Array.from({ length: 64 }, (_, i) => [
        `Queue${i}ABCDEF12`,
        {
          Type: 'AWS::SQS::Queue',
          Metadata: {
            'aws:cdk:path': `Shop/${['Orders', 'Billing', 'Shipping', 'Search'][i % 4]}/Queue${i}/Resource`,
          },
        },
      ]),
    );
    const imported = importTemplate(JSON.stringify({ Resources: resources }), 'shop.template.json');
    const { model } = validateText(imported.text!, 'imported.yaml');
    const billing = model!.nodes.get('construct-billing')!;
    expect(billing).toMatchObject({ label: 'Billing', parent: 'region' });
    expect(billing.children.map((c) => c.id)).toHaveLength(16);
    expect(model!.nodes.get('billing-queue-1')!.parent).toBe('construct-billing');
  });

  it('leaves a smaller one flat in its Region', () => {
    const resources = {
      QueueABCDEF12: { Type: 'AWS::SQS::Queue', Metadata: { 'aws:cdk:path': 'Shop/Orders/Queue/Resource' } },
    };
    const imported = importTemplate(JSON.stringify({ Resources: resources }), 'shop.template.json');
    expect(validateText(imported.text!, 'x.yaml').model!.nodes.get('orders-queue')!.parent).toBe('region');
  });
});

describe('ids', () => {
  it('never gives a node the importer adds (an AZ, Users) the id of a resource', () => {
    const template = `Resources:
  Vpc: { Type: AWS::EC2::VPC }
  SubnetA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, AvailabilityZone: !Select [0, !GetAZs ""] } }
  SubnetB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, AvailabilityZone: !Select [0, !GetAZs ""] } }
  VpcAz1: { Type: AWS::SQS::Queue }
  Users: { Type: AWS::DynamoDB::Table }
  Api: { Type: AWS::ApiGateway::RestApi }
`;
    const imported = importTemplate(template, 'clash.yaml');
    const { model, diagnostics } = validateText(imported.text!, 'clash.spec.yaml');
    expect(diagnostics).toEqual([]);
    expect(model!.nodes.get('vpc-az-1')!.type.id).toBe('aws.simple-queue-service');
    // Nor the Users node a resource's: a table named Users is users-2.
    expect(model!.nodes.get('users')!.type.id).toBe('generic.users');
    expect(model!.nodes.get('users-2')!.type.id).toBe('aws.dynamodb');
    // Both subnets of AZ 1 share its group.
    expect(model!.nodes.get('subnet-a')!.parent).toBe('vpc-az-1-2');
    expect(model!.nodes.get('subnet-b')!.parent).toBe('vpc-az-1-2');
  });
});
