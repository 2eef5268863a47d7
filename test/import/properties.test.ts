// Property tests: random CloudFormation templates (resources of the types import treats specially
// and others, properties that refer to other resources or to missing ones, nasty text) import into
// a spec that validates and lays out with no defects, or into diagnostics; never an exception. A
// failure prints fast-check's seed and shrunk template; run longer with REFARCH_FUZZ_RUNS=<runs>.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importTemplate } from '../../src/import/import.js';
import { findLayoutDefects } from '../../src/layout/defects.js';
import { layoutModel } from '../../src/layout/layout.js';
import { validateText } from '../../src/spec/validate.js';
import { textArb } from '../reliability/spec-arbitrary.js';

const TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::VPCEndpoint',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::Events::Rule',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ECS::Cluster',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::RDS::DBSubnetGroup',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::IAM::Role',
  'AWS::ApiGateway::RestApi',
  'AWS::CloudFront::Distribution',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::Example::Unknown',
  'Custom::Thing',
] as const;

/** The properties that carry references import reads. */
const PROPERTIES = [
  'VpcId',
  'SubnetId',
  'Subnets',
  'SubnetIds',
  'VPCZoneIdentifier',
  'GatewayId',
  'RouteTableId',
  'InternetGatewayId',
  'GroupId',
  'SourceSecurityGroupId',
  'SecurityGroups',
  'EventSourceArn',
  'FunctionName',
  'TopicArn',
  'Endpoint',
  'Targets',
  'LoadBalancerArn',
  'DefaultActions',
  'LoadBalancers',
  'Cluster',
  'TaskDefinition',
  'DBSubnetGroupName',
  'DBClusterIdentifier',
  'Environment',
  'Scheme',
] as const;

const idArb = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,11}$/);

/** A value: text, a number, a reference (by index into the ids, or to an id that is not there),
 *  an AZ selector, or a list of them. */
const valueArb = (ids: number) =>
  fc.oneof(
    textArb(30),
    fc.integer({ min: -1, max: 3 }),
    fc.nat(ids + 1).map((i) => ({ ref: i })),
    fc.nat(ids + 1).map((i) => ({ att: i })),
    fc.nat(3).map((i) => ({ az: i })),
    fc.array(
      fc.nat(ids + 1).map((i) => ({ ref: i })),
      { maxLength: 3 },
    ),
  );

const templateArb = fc
  .record({
    ids: fc.uniqueArray(idArb, { minLength: 1, maxLength: 25 }),
    description: fc.option(textArb(300)),
  })
  .chain(({ ids, description }) =>
    fc
      .array(
        fc.record({
          type: fc.constantFrom(...TYPES),
          properties: fc.dictionary(fc.constantFrom(...PROPERTIES), valueArb(ids.length), { maxKeys: 4 }),
        }),
        { minLength: ids.length, maxLength: ids.length },
      )
      .map((resources) => ({ ids, description, resources })),
  )
  .map(({ ids, description, resources }) => {
    // References go to resources written before (so that most templates have no cycle, which
    // CloudFormation and refarch refuse: hostile.test.ts covers those), or to a missing one.
    const resolveFor = (at: number) => {
      const name = (k: number) => (at > 0 && k <= ids.length ? ids[k % at]! : 'NotInTheTemplate');
      const resolve = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(resolve);
        if (typeof v !== 'object' || v === null) return v;
        const o = v as { ref?: number; att?: number; az?: number };
        if (o.ref !== undefined) return { Ref: name(o.ref) };
        if (o.att !== undefined) return { 'Fn::GetAtt': [name(o.att), 'Arn'] };
        return { 'Fn::Select': [o.az, { 'Fn::GetAZs': '' }] };
      };
      return resolve;
    };
    return {
      ...(description === null ? {} : { Description: description }),
      Resources: Object.fromEntries(
        resources.map((r, i) => [
          ids[i],
          {
            Type: r.type,
            Properties: Object.fromEntries(
              Object.entries(r.properties).map(([k, v]) => [k, resolveFor(i)(v)]),
            ),
          },
        ]),
      ),
    };
  });

const runsFromEnv = Number(process.env.REFARCH_FUZZ_RUNS);
const runs = (ci: number) => (Number.isInteger(runsFromEnv) && runsFromEnv > 0 ? runsFromEnv : ci);
const RUNS = runs(200);
const LAYOUT_RUNS = runs(25);

describe('random templates', () => {
  it(
    'import into a spec that validates with no errors, or into diagnostics, never an exception',
    () => {
      fc.assert(
        fc.property(templateArb, fc.boolean(), (template, asJson) => {
          const text = asJson ? JSON.stringify(template) : stringify(template);
          const imported = importTemplate(text, asJson ? 'random.json' : 'random.yaml');
          if (imported.text === null) {
            expect(imported.diagnostics.some((d) => d.severity === 'error')).toBe(true);
            return;
          }
          const { diagnostics } = validateText(imported.text, 'imported.yaml');
          expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const report = imported.report!.resources;
          expect(report.map((r) => r.logicalId)).toEqual(Object.keys(template.Resources));
          for (const r of report)
            expect((r.drawnAs === null) !== (r.foldedInto === null), r.logicalId).toBe(true);
        }),
        { numRuns: RUNS },
      );
    },
    // Generous for a loaded two-core machine: a template imports in milliseconds.
    RUNS * 500,
  );

  it(
    'lay out with no defects',
    async () => {
      await fc.assert(
        fc.asyncProperty(templateArb, async (template) => {
          const imported = importTemplate(JSON.stringify(template), 'random.json');
          if (imported.text === null) return;
          const { model } = validateText(imported.text, 'imported.yaml');
          expect(findLayoutDefects(await layoutModel(model!)).map((d) => d.message)).toEqual([]);
        }),
        { numRuns: LAYOUT_RUNS },
      );
    },
    // Generous for a loaded two-core machine: a layout of these takes well under a second.
    LAYOUT_RUNS * 4000,
  );
});
