// The reference architectures in architectures/ retell talks from AWS Summit Seoul 2019. These tests
// pin down what each talk said — the services it named and the flows between them — so that an edit
// (or a change in the format) cannot silently drop a component or an arrow.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveType } from '../../src/catalog/catalog.js';
import type { Model, ModelNode } from '../../src/spec/model.js';
import { validateText } from '../../src/spec/validate.js';

const DIR = 'architectures';

const specFiles = (): string[] =>
  readdirSync(DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

function load(name: string): Model {
  const file = path.join(DIR, name);
  const { model, diagnostics } = validateText(readFileSync(file, 'utf8'), file);
  expect(diagnostics, `${file} has diagnostics`).toEqual([]);
  expect(model, `${file} did not produce a model`).not.toBeNull();
  return model!;
}

/** The canonical type id, so that specs and tests may both use aliases (aws.sqs, aws.elasticsearch…). */
function canonical(type: string): string {
  const entry = resolveType(type);
  if (!entry) throw new Error(`test bug: '${type}' is not in the catalog`);
  return entry.id;
}

/** A node picked by its type, and optionally by its label when the type alone is ambiguous (pods). */
type Pick = string | { type: string; label: RegExp };

const describePick = (p: Pick): string => (typeof p === 'string' ? p : `${p.type} labelled ${p.label}`);

function matches(node: ModelNode, pick: Pick): boolean {
  if (typeof pick === 'string') return node.type.id === canonical(pick);
  return node.type.id === canonical(pick.type) && pick.label.test(node.label);
}

function nodesMatching(model: Model, pick: Pick): ModelNode[] {
  return [...model.nodes.values()].filter((n) => matches(n, pick));
}

function ancestorsOf(model: Model, node: ModelNode): ModelNode[] {
  const out: ModelNode[] = [];
  for (let id = node.parent; id !== null; ) {
    const parent = model.nodes.get(id)!;
    out.push(parent);
    id = parent.parent;
  }
  return out;
}

/** The spec draws at least `count` nodes of this kind. */
function expectComponent(model: Model, pick: Pick, count = 1): ModelNode[] {
  const found = nodesMatching(model, pick);
  expect(
    found.length,
    `expected at least ${count} × ${describePick(pick)} in ${model.file}`,
  ).toBeGreaterThanOrEqual(count);
  return found;
}

/** Some node of kind `inner` sits (at any depth) inside a node of kind `outer`. */
function expectInside(model: Model, inner: Pick, outer: Pick): void {
  const ok = nodesMatching(model, inner).some((n) => ancestorsOf(model, n).some((a) => matches(a, outer)));
  expect(ok, `expected ${describePick(inner)} inside ${describePick(outer)} in ${model.file}`).toBe(true);
}

interface FlowOptions {
  style?: 'sync' | 'async';
  label?: RegExp;
}

/** An edge runs from a node of kind `from` to a node of kind `to`. */
function expectFlow(model: Model, from: Pick, to: Pick, options: FlowOptions = {}): void {
  const ok = model.edges.some((e) => {
    const a = model.nodes.get(e.from)!;
    const b = model.nodes.get(e.to)!;
    return (
      matches(a, from) &&
      matches(b, to) &&
      (options.style === undefined || e.style === options.style) &&
      (options.label === undefined || options.label.test(e.label ?? ''))
    );
  });
  const extra = [options.style && `style ${options.style}`, options.label && `label ${options.label}`]
    .filter(Boolean)
    .join(', ');
  expect(
    ok,
    `expected a flow ${describePick(from)} → ${describePick(to)}${extra ? ` (${extra})` : ''} in ${model.file}`,
  ).toBe(true);
}

/** A chain of flows: a → b → c … */
function expectPath(model: Model, ...picks: Pick[]): void {
  for (let i = 1; i < picks.length; i++) expectFlow(model, picks[i - 1]!, picks[i]!);
}

const pod = (label: RegExp): Pick => ({ type: 'generic.pod', label });

describe('every architecture', () => {
  it('the folder holds the specs the gallery promises', () => {
    expect(specFiles()).toEqual(
      expect.arrayContaining([
        'lotte-data-pipeline.yaml',
        'eks-networking.yaml',
        'tada-event-flow.yaml',
        'lotte-purpose-built-stores.yaml',
        'eks-observability-and-delivery.yaml',
        'tada-operations.yaml',
        'purpose-built-databases.yaml',
        'tada-event-flow.ko.yaml',
      ]),
    );
  });

  for (const name of specFiles()) {
    describe(name, () => {
      it('validates with no errors and no warnings', () => {
        load(name);
      });

      it('names its source talk and describes itself', () => {
        const model = load(name);
        expect(model.source).toMatch(/AWS Summit Seoul 2019/);
        expect(model.description?.length ?? 0).toBeGreaterThan(200);
      });

      it('retells the talk in numbered steps, each on an edge', () => {
        const model = load(name);
        expect(model.steps.length).toBeGreaterThanOrEqual(3);
        const used = new Set(model.edges.map((e) => e.step).filter((s) => s !== undefined));
        expect(model.steps.map((s) => s.number).sort((a, b) => a - b)).toEqual(
          [...used].sort((a, b) => a - b),
        );
        expect(model.steps.map((s) => s.number)).toEqual(model.steps.map((_, i) => i + 1));
      });

      it('stays a focused diagram (at most 30 drawn components)', () => {
        const model = load(name);
        const leaves = [...model.nodes.values()].filter((n) => !n.isGroup);
        expect(leaves.length).toBeLessThanOrEqual(30);
      });

      it('keeps labels short enough to sit under an icon', () => {
        const model = load(name);
        for (const node of model.nodes.values()) expect(node.label.length, node.id).toBeLessThanOrEqual(32);
      });
    });
  }
});

describe('lotte-data-pipeline: Lotte B2 data pipeline from DynamoDB', () => {
  const model = load('lotte-data-pipeline.yaml');

  it('splits customer-facing Tier-0 from back-office Tier-1', () => {
    expectComponent(model, { type: 'group.generic', label: /Tier-0/ });
    expectComponent(model, { type: 'group.generic', label: /Tier-1/ });
    expectInside(model, 'aws.dynamodb', { type: 'group.generic', label: /Tier-0/ });
    expectInside(model, 'aws.firehose', { type: 'group.generic', label: /Tier-1/ });
  });

  it('keeps hot customer data in DynamoDB', () => {
    expectFlow(model, 'generic.server', 'aws.dynamodb');
  });

  it('processes synchronously with DynamoDB Streams invoking Lambda', () => {
    expectPath(model, 'aws.dynamodb', 'aws.dynamodb-stream');
    expectFlow(model, 'aws.dynamodb-stream', 'aws.lambda', { style: 'sync' });
  });

  it('indexes stream records into Elasticsearch for full-text search', () => {
    expectPath(model, 'aws.dynamodb-stream', { type: 'aws.lambda', label: /index/i }, 'aws.opensearch');
  });

  it('buffers high-volume writes through Firehose into the relational database', () => {
    expectFlow(model, 'aws.dynamodb', 'aws.firehose', { style: 'async' });
    expectFlow(model, 'aws.firehose', 'generic.database');
  });

  it('spreads the stream over a Kinesis Client Library consumer', () => {
    expectFlow(model, 'aws.dynamodb-stream', { type: 'generic.server', label: /KCL/ });
  });

  it('lands data in an S3 data lake with Redshift', () => {
    expectFlow(model, 'aws.firehose', 'aws.s3');
    expectComponent(model, 'aws.redshift');
  });
});

describe('lotte-serverless-batch: data lake catalogue and batch without batch servers', () => {
  const model = load('lotte-serverless-batch.yaml');

  it('catalogues the S3 lake with Glue crawlers into the Data Catalog', () => {
    expectPath(model, 'aws.s3', 'aws.glue-crawler', 'aws.glue-data-catalog');
    expectComponent(model, 'aws.redshift');
  });

  it('runs batch from a CloudWatch Events schedule through Lambda and Athena into S3', () => {
    expectPath(model, 'aws.cloudwatch-event-time-based', 'aws.lambda', 'aws.athena', {
      type: 'aws.s3',
      label: /result/i,
    });
    expectFlow(model, 'aws.s3', 'aws.athena');
  });

  it('keeps event-driven Lambda idempotent with DynamoDB as the message broker', () => {
    expectFlow(model, 'aws.lambda', 'aws.dynamodb');
  });
});

describe('lotte-purpose-built-stores: one store per kind of data', () => {
  const model = load('lotte-purpose-built-stores.yaml');

  it('puts product images and metadata in DynamoDB', () => {
    expectFlow(model, 'generic.servers', 'aws.dynamodb', { label: /product/i });
  });

  it('serves the catalogue from ElastiCache', () => {
    expectFlow(model, 'generic.servers', 'aws.elasticache', { label: /catalogue/i });
  });

  it('keeps users in Aurora MySQL', () => {
    expectFlow(model, 'generic.servers', 'aws.aurora-mysql', { label: /user/i });
  });

  it('analyses an S3 data lake with Redshift', () => {
    expectPath(model, 'generic.servers', 'aws.s3', 'aws.redshift');
  });
});

describe('purpose-built-databases: one data model per job, and Airbnb', () => {
  const model = load('purpose-built-databases.yaml');

  it('shows a service for each of the seven data models', () => {
    for (const type of [
      'aws.aurora',
      'aws.dynamodb',
      'aws.documentdb',
      'aws.elasticache',
      'aws.neptune',
      'aws.timestream',
    ]) {
      expectComponent(model, type);
    }
    expectComponent(model, { type: 'generic.database', label: /QLDB/ });
  });

  it('stores Airbnb search history in DynamoDB, sessions in ElastiCache and relational data in Aurora', () => {
    expectFlow(model, { type: 'generic.server', label: /Airbnb/ }, 'aws.dynamodb', {
      label: /search history/,
    });
    expectFlow(model, { type: 'generic.server', label: /Airbnb/ }, 'aws.elasticache', { label: /session/ });
    expectFlow(model, { type: 'generic.server', label: /Airbnb/ }, 'aws.aurora', { label: /relational/ });
  });
});

describe('eks-networking: control plane, worker nodes and pod networking', () => {
  const model = load('eks-networking.yaml');

  it('runs the control plane behind an NLB in an AWS-managed account', () => {
    expectPath(model, 'generic.kubernetes-tool', 'aws.nlb', 'aws.eks');
    expectInside(model, 'aws.eks', { type: 'group.aws-account', label: /AWS-managed/ });
  });

  it('sends control-plane logs to CloudWatch', () => {
    expectFlow(model, 'aws.eks', 'aws.cloudwatch-logs', { style: 'async' });
  });

  it('reaches worker nodes through cross-account ENIs in the customer subnets', () => {
    expectFlow(model, 'aws.eks', 'aws.eni');
    expectFlow(model, 'aws.eni', 'aws.ec2');
    expectInside(model, 'aws.eni', 'group.private-subnet');
    expectInside(model, 'aws.ec2', { type: 'group.aws-account', label: /Customer/ });
  });

  it('spreads the worker nodes over two AZs as one Auto Scaling group', () => {
    expectComponent(model, 'group.availability-zone', 2);
    const asg = model.overlays.find((o) => o.type.id === canonical('group.auto-scaling-group'));
    expect(asg?.members.length).toBe(2);
    for (const member of asg!.members) expect(model.nodes.get(member)!.type.id).toBe(canonical('aws.ec2'));
  });

  it('gives pods VPC IPs through the VPC CNI', () => {
    expectFlow(model, { type: 'generic.kubernetes-tool', label: /VPC CNI/ }, 'generic.pod', {
      label: /VPC IP/,
    });
    expectInside(model, 'generic.pod', 'aws.ec2');
  });

  it('controls traffic with security groups, network ACLs and Calico policy', () => {
    expectInside(model, 'aws.ec2', 'group.security-group');
    expectInside(model, 'aws.nacl', 'group.private-subnet');
    expect([...model.nodes.values()].some((n) => /Calico/.test(`${n.label} ${n.note ?? ''}`))).toBe(true);
  });
});

describe('eks-security-and-storage: identity, secrets and shared storage', () => {
  const model = load('eks-security-and-storage.yaml');

  it('authenticates kubectl with IAM, authorised by Kubernetes RBAC', () => {
    expectFlow(model, 'generic.kubernetes-tool', {
      type: 'generic.kubernetes-tool',
      label: /Kubernetes API/,
    });
    expectFlow(model, { type: 'generic.kubernetes-tool', label: /Kubernetes API/ }, 'aws.iam');
    expect(model.nodes.get('api')?.note).toMatch(/RBAC/);
  });

  it('keeps secrets in Secrets Manager encrypted with KMS', () => {
    expectPath(model, 'generic.pod', 'aws.secrets-manager', 'aws.kms');
  });

  it('shares storage on EFS and EBS', () => {
    expectFlow(model, 'generic.pod', 'aws.efs');
    expectFlow(model, 'generic.pod', 'aws.ebs');
  });
});

describe('eks-observability-and-delivery: continuous delivery and monitoring', () => {
  const model = load('eks-observability-and-delivery.yaml');

  it('groups the AWS Code services', () => {
    for (const type of ['aws.codecommit', 'aws.codepipeline', 'aws.codebuild']) {
      expectInside(model, type, { type: 'group.generic', label: /Code services/ });
    }
  });

  it('builds images into ECR and pulls them into the cluster', () => {
    expectFlow(model, { type: 'group.generic', label: /Code services/ }, 'aws.ecr');
    expectFlow(model, 'aws.ecr', 'generic.pod');
  });

  it('deploys with a Lambda function running Helm, with the token from Parameter Store', () => {
    expectFlow(model, 'aws.systems-manager-parameter-store', 'aws.lambda');
    expectFlow(model, 'aws.lambda', 'generic.pod', { label: /Helm/ });
    expectInside(model, 'generic.pod', 'aws.eks');
  });

  it('monitors with CloudWatch metrics and logs, CloudTrail and the HPA', () => {
    expectFlow(model, 'generic.pod', 'aws.cloudwatch');
    expectFlow(model, 'generic.pod', 'aws.cloudwatch-logs');
    expectFlow(model, 'aws.eks', 'aws.cloudtrail');
    expectInside(model, { type: 'generic.kubernetes-tool', label: /HPA/ }, 'aws.eks');
  });

  it('ships logs with the EFK stack', () => {
    expectFlow(model, pod(/Fluentd/), { type: 'aws.opensearch', label: /Elasticsearch/ });
    expectComponent(model, { type: 'aws.opensearch-service-opensearch-dashboards', label: /Kibana/ });
  });
});

/** The TADA event flow, asserted the same way for the English and the Korean spec. */
function tadaEventFlow(
  model: Model,
  t: Record<'api' | 'grpc' | 'collector' | 'tracker' | 'dispatcher' | 'workers' | 'nginx', RegExp>,
) {
  it('serves rider and driver apps through an NLB and the NGINX ingress on EKS', () => {
    expectComponent(model, 'generic.mobile-client', 2);
    expectFlow(model, 'generic.mobile-client', 'aws.nlb');
    expectFlow(model, 'aws.nlb', pod(t.nginx));
    expectInside(model, pod(t.nginx), 'aws.eks');
  });

  it('runs every server as a pod on the EKS cluster', () => {
    for (const label of Object.values(t)) expectInside(model, pod(label), 'aws.eks');
    expectInside(model, 'aws.eks', 'group.region');
  });

  it('keeps the main data of the API server in Aurora MySQL', () => {
    expectFlow(model, pod(t.nginx), pod(t.api));
    expectFlow(model, pod(t.api), 'aws.aurora-mysql');
  });

  it('delivers real-time events through Redis pub/sub to the gRPC server', () => {
    expectFlow(model, pod(t.nginx), pod(t.grpc));
    expectFlow(model, pod(t.grpc), 'aws.elasticache-redis');
    expectFlow(model, pod(t.api), 'aws.elasticache-redis', { style: 'async' });
    expectFlow(model, pod(t.workers), 'aws.elasticache-redis', { style: 'async' });
  });

  it('collects driver locations through Kinesis Data Streams into the tracker DB', () => {
    expectPath(
      model,
      pod(t.nginx),
      pod(t.collector),
      'aws.kinesis-data-streams',
      pod(t.tracker),
      'aws.aurora-mysql',
    );
  });

  it('queues ride requests in SQS for the dispatcher, which reads both databases', () => {
    expectFlow(model, pod(t.api), 'aws.sqs', { style: 'async' });
    expectFlow(model, 'aws.sqs', pod(t.dispatcher));
    const targets = model.edges.filter((e) => e.from === 'dispatcher').map((e) => e.to);
    expect(targets.sort()).toEqual(['maindb', 'trackerdb']);
    for (const id of targets) expect(model.nodes.get(id)!.type.id).toBe(canonical('aws.aurora-mysql'));
  });
}

describe('tada-event-flow: ride-hailing event flow on EKS', () => {
  tadaEventFlow(load('tada-event-flow.yaml'), {
    nginx: /NGINX/,
    api: /API server/,
    grpc: /gRPC server/,
    workers: /Workers/,
    collector: /Location collector/,
    tracker: /Tracker/,
    dispatcher: /Dispatcher/,
  });
});

describe('tada-event-flow.ko: the same flow in Korean', () => {
  const ko = load('tada-event-flow.ko.yaml');
  const en = load('tada-event-flow.yaml');

  tadaEventFlow(ko, {
    nginx: /NGINX 인그레스/,
    api: /API 서버/,
    grpc: /gRPC 서버/,
    workers: /워커/,
    collector: /위치 수집/,
    tracker: /트래커/,
    dispatcher: /디스패처/,
  });

  it('draws exactly the nodes and edges of the English spec', () => {
    const shape = (m: Model) => ({
      nodes: [...m.nodes.values()].map((n) => `${n.id}:${n.type.id}:${n.parent}`).sort(),
      edges: m.edges.map((e) => `${e.from}->${e.to}:${e.style}:${e.step}`).sort(),
      steps: m.steps.map((s) => s.number),
    });
    expect(shape(ko)).toEqual(shape(en));
  });

  it('writes the title, description and every step in Korean', () => {
    const hangul = /[\uac00-\ud7a3]/;
    expect(ko.title).toMatch(hangul);
    expect(ko.description).toMatch(hangul);
    for (const step of ko.steps) expect(step.text, `step ${step.number}`).toMatch(hangul);
  });
});

describe('tada-operations: ingress, TLS, metrics and pod roles', () => {
  const model = load('tada-operations.yaml');

  it('puts an NLB in front of the NGINX ingress, which terminates TLS', () => {
    expectPath(model, 'generic.mobile-client', 'aws.nlb', pod(/NGINX/));
    expect(model.nodes.get('nginx')?.note).toMatch(/TLS/);
  });

  it('routes both HTTP/2 and gRPC through NGINX', () => {
    expectFlow(model, pod(/NGINX/), pod(/API server/), { label: /HTTP\/2/ });
    expectFlow(model, pod(/NGINX/), pod(/gRPC server/), { label: /gRPC/ });
  });

  it('scrapes metrics with Prometheus', () => {
    expectFlow(model, pod(/Prometheus/), pod(/server/));
  });

  it('gives each pod its own IAM role with kube2iam', () => {
    expectFlow(model, pod(/kube2iam/), 'aws.iam-role');
  });
});

describe('tada-logging: user-behaviour logs and container logs', () => {
  const model = load('tada-logging.yaml');

  it('sends user-behaviour logs from logback through Kinesis and Firehose to S3 for Athena', () => {
    expectPath(model, pod(/Servers/), 'aws.kinesis-data-streams', 'aws.firehose', 'aws.s3', 'aws.athena');
    expect(model.nodes.get('servers')?.note).toMatch(/logback/);
  });

  it('ships container logs with Fluentd to CloudWatch Logs for Logs Insights', () => {
    expectFlow(model, pod(/Fluentd/), 'aws.cloudwatch-logs', { style: 'async' });
    expectFlow(model, 'aws.cloudwatch-logs', { type: 'aws.cloudwatch', label: /Logs Insights/ });
  });
});

describe('tada-migration: kops to EKS with Route 53 weighted routing', () => {
  const model = load('tada-migration.yaml');

  it('shifts traffic with Route 53 weighted routing between two NLBs', () => {
    expectComponent(model, 'aws.nlb', 2);
    const weighted = model.edges.filter((e) => model.nodes.get(e.from)!.type.id === canonical('aws.route53'));
    expect(weighted.map((e) => model.nodes.get(e.to)!.type.id)).toEqual([
      canonical('aws.nlb'),
      canonical('aws.nlb'),
    ]);
  });

  it('runs the old kops cluster and the new EKS cluster side by side, each behind its NLB', () => {
    expectFlow(model, 'aws.nlb', { type: 'group.generic', label: /kops/ });
    expectFlow(model, 'aws.nlb', 'aws.eks');
  });

  it('re-points the kept NLB at the EKS cluster', () => {
    expectFlow(model, 'aws.nlb', 'aws.eks', { label: /re-pointed/ });
  });

  it('builds the EKS cluster in the same two AZs, in separate subnets, with Helm', () => {
    const subnets = nodesMatching(model, 'group.private-subnet').filter((s) =>
      ancestorsOf(model, s).some((a) => a.type.id === canonical('aws.eks')),
    );
    expect(subnets.map((s) => s.label).sort()).toEqual(['Subnet · AZ a', 'Subnet · AZ b']);
    expectFlow(model, 'generic.kubernetes-tool', 'aws.eks');
  });

  it('keeps Aurora and Redis in two AZs', () => {
    expect(expectComponent(model, 'aws.aurora-mysql')[0]!.note).toMatch(/AZ a.*AZ b/);
    expect(expectComponent(model, 'aws.elasticache-redis')[0]!.note).toMatch(/AZ a.*AZ b/);
  });
});
