// `refarch import` and render of a generated 500-resource CloudFormation template: a VPC over two
// AZs (public and private subnets, a NAT gateway each, routes and associations) and services, each
// a function in a private subnet (or both) fed by a queue through an event source mapping, writing
// to a table, with its role, policy and log group. Times reading + mapping (importTemplate), the
// layout and the SVG, median of 5 in this process (the first run, which loads ELK and jsdom, is
// reported apart). Prints figures; asserts nothing.
//
//   npm run bench:import

import { stringify } from 'yaml';
import { importTemplate } from '../dist/import/import.js';
import { layout, renderDiagram } from '../dist/pipeline.js';
import { validateText } from '../dist/spec/validate.js';

const RESOURCES = 500;
const RUNS = 5;

/** A template of about `count` resources, the same for the same count. */
function generatedTemplate(count) {
  const r = {};
  const ref = (id) => ({ Ref: id });
  const att = (id, name) => ({ 'Fn::GetAtt': [id, name] });
  r.Vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } };
  r.Igw = { Type: 'AWS::EC2::InternetGateway' };
  r.IgwAttachment = {
    Type: 'AWS::EC2::VPCGatewayAttachment',
    Properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('Igw') },
  };
  r.PublicRoutes = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } };
  r.PublicDefault = {
    Type: 'AWS::EC2::Route',
    Properties: {
      RouteTableId: ref('PublicRoutes'),
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: ref('Igw'),
    },
  };
  for (const az of [1, 2]) {
    const zone = { 'Fn::Select': [az - 1, { 'Fn::GetAZs': '' }] };
    r[`Public${az}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref('Vpc'), CidrBlock: `10.0.${az}.0/24`, AvailabilityZone: zone },
    };
    r[`Private${az}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref('Vpc'), CidrBlock: `10.0.${10 + az}.0/24`, AvailabilityZone: zone },
    };
    r[`Public${az}Routes`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(`Public${az}`), RouteTableId: ref('PublicRoutes') },
    };
    r[`Nat${az}Ip`] = { Type: 'AWS::EC2::EIP' };
    r[`Nat${az}`] = {
      Type: 'AWS::EC2::NatGateway',
      Properties: { SubnetId: ref(`Public${az}`), AllocationId: att(`Nat${az}Ip`, 'AllocationId') },
    };
    r[`Private${az}Table`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } };
    r[`Private${az}Default`] = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: ref(`Private${az}Table`),
        DestinationCidrBlock: '0.0.0.0/0',
        NatGatewayId: ref(`Nat${az}`),
      },
    };
    r[`Private${az}Routes`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(`Private${az}`), RouteTableId: ref(`Private${az}Table`) },
    };
  }
  for (let i = 0; Object.keys(r).length + 7 <= count; i++) {
    const s = `Service${i}`;
    const subnets = i % 3 === 0 ? [ref('Private1'), ref('Private2')] : [ref(`Private${(i % 2) + 1}`)];
    r[`${s}Queue`] = { Type: 'AWS::SQS::Queue' };
    r[`${s}Table`] = { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' } };
    r[`${s}Role`] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } };
    r[`${s}Policy`] = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        Roles: [ref(`${s}Role`)],
        PolicyDocument: { Statement: [{ Resource: att(`${s}Table`, 'Arn') }] },
      },
    };
    r[`${s}Function`] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Role: att(`${s}Role`, 'Arn'),
        VpcConfig: { SubnetIds: subnets },
        Environment: {
          Variables: { TABLE: ref(`${s}Table`), ...(i > 0 ? { NEXT: ref(`Service${i - 1}Queue`) } : {}) },
        },
      },
    };
    r[`${s}Mapping`] = {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { EventSourceArn: att(`${s}Queue`, 'Arn'), FunctionName: ref(`${s}Function`) },
    };
    r[`${s}Logs`] = {
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: { 'Fn::Sub': `/aws/lambda/\${${s}Function}` } },
    };
  }
  return { AWSTemplateFormatVersion: '2010-09-09', Description: 'Generated services', Resources: r };
}

const template = generatedTemplate(RESOURCES);
const text = stringify(template);
const runs = [];
let summary;
for (let i = 0; i <= RUNS; i++) {
  const t0 = performance.now();
  const imported = importTemplate(text, 'generated.yaml');
  const t1 = performance.now();
  const { model } = validateText(imported.text, 'generated.spec.yaml');
  const diagram = await layout(model);
  const t2 = performance.now();
  await renderDiagram(diagram, { format: 'svg', theme: 'light' });
  const t3 = performance.now();
  runs.push({ import: t1 - t0, layout: t2 - t1, svg: t3 - t2, total: t3 - t0 });
  const entries = imported.report.resources;
  summary = `${entries.length} resources: drew ${entries.filter((e) => e.drawnAs).length} (${model.nodes.size} spec nodes, ${model.edges.length} edges), folded ${entries.filter((e) => e.foldedInto).length}`;
}
const [first, ...rest] = runs;
const median = (key) => rest.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(rest.length / 2)];
console.log(`import: generated template of ${summary}`);
console.log(`  first run (loads ELK and jsdom): ${first.total.toFixed(0)} ms`);
console.log(
  `  median of ${RUNS}: import ${median('import').toFixed(0)} ms, layout ${median('layout').toFixed(0)} ms, SVG ${median('svg').toFixed(0)} ms, total ${median('total').toFixed(0)} ms`,
);
