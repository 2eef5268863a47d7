// What a template's resources are to a diagram: the containers (VPCs, subnets), the resources
// drawn as nodes, the ones that stand for a line between two others, and the plumbing folded
// away. And the references between them, through Ref, Fn::GetAtt and ${…} in Fn::Sub.

import { resolveType } from '../catalog/catalog.js';
import { CFN_TYPES } from '../catalog/cfn-types.generated.js';
import type { CfnResource, CfnTemplate } from './cfn-template.js';
import { SINGLETON_HASH } from './names.js';

export const VPC = 'AWS::EC2::VPC';
export const SUBNET = 'AWS::EC2::Subnet';

/** Resources that configure the network around what is drawn: folded into their subnet or VPC. */
export const NETWORK_PLUMBING = new Set([
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::EIP',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::RDS::DBSubnetGroup',
  'AWS::ElastiCache::SubnetGroup',
]);

/** Resources that stand for a line between two drawn ones: [the source's property, the target's]. */
export const LINKS: Readonly<Record<string, [string, string]>> = {
  'AWS::Lambda::EventSourceMapping': ['EventSourceArn', 'FunctionName'],
  'AWS::SNS::Subscription': ['TopicArn', 'Endpoint'],
  'AWS::ApiGateway::Method': ['RestApiId', 'Integration'],
  'AWS::ApiGatewayV2::Integration': ['ApiId', 'IntegrationUri'],
  'AWS::Pipes::Pipe': ['Source', 'Target'],
  // CDK writes S3 notifications as a custom resource on the bucket.
  'Custom::S3BucketNotifications': ['BucketName', 'NotificationConfiguration'],
};

/** An EventBridge rule is a line from its bus to its targets when the template holds the bus;
 *  on the default bus it is drawn, with lines to its targets. */
export const EVENT_RULE = 'AWS::Events::Rule';

/** Plumbing with no drawing of its own: permissions, policies, roles, versions, deployments, logs,
 *  configuration. Folded into what uses it. */
const SILENT =
  /::(\w*Permission|\w*Policy|Role|InstanceProfile|Version|Alias|Deployment|Stage|Resource|Account|Model|Authorizer|RequestValidator|GatewayResponse|Listener|ListenerRule|ListenerCertificate|TargetGroup|LaunchTemplate|LaunchConfiguration|TaskDefinition|ScalableTarget|LogGroup|LogStream|SubscriptionFilter|MetricFilter|Metadata|UsagePlan|UsagePlanKey|ApiKey|BasePathMapping|Route|VpcLink|EventInvokeConfig|ClusterCapacityProviderAssociations|CapacityProvider|ServiceLinkedRole|UserToGroupAddition|AccessPoint|DBClusterParameterGroup|DBParameterGroup|ParameterGroup|OptionGroup|SecurityConfiguration|SecretTargetAttachment|RotationSchedule)$/;

/** References that say where a resource runs, not where its data goes: no line for them. */
export const STRUCTURAL = new Set(['AWS::ECS::Cluster', 'AWS::EKS::Cluster']);

/** Resources whose references count as those of what uses them (a service's task definition). */
export const FOLLOWED = /::(TaskDefinition|LaunchTemplate|LaunchConfiguration)$/;

/** Catalog types for CloudFormation types the table maps to a group, drawn here as a node. */
const AS_NODE: Readonly<Record<string, string>> = {
  'AWS::AutoScaling::AutoScalingGroup': 'aws.ec2-auto-scaling',
};

/** Global services: drawn in the account, outside the Region. */
export const GLOBAL = /^AWS::(CloudFront|Route53|GlobalAccelerator|IAM)::/;

/** A Lambda function or role CDK made for a custom resource (its provider), by its construct path:
 *  a singleton named with a 32-digit hash, or a `Custom::…` provider (without a path, by the hash
 *  in its logical id). */
export function isCustomResourceProvider(resource: CfnResource, fromCdk: boolean): boolean {
  if (!fromCdk) return false;
  if (!resource.cdkPath) return SINGLETON_HASH.test(resource.logicalId);
  return resource.cdkPath
    .split('/')
    .some((part) => /[0-9a-f]{32}$/.test(part) || part.startsWith('Custom::'));
}

export type Kind = 'vpc' | 'subnet' | 'node' | 'link' | 'plumbing';

/** What a resource is to the diagram. `keep` holds types drawn even though they are plumbing. */
export function kindOf(resource: CfnResource, keep: ReadonlySet<string>, fromCdk: boolean): Kind {
  const { type } = resource;
  if (type === VPC) return 'vpc';
  if (type === SUBNET) return 'subnet';
  if (keep.has(type)) return 'node';
  if (isCustomResourceProvider(resource, fromCdk)) return 'plumbing';
  if (LINKS[type]) return 'link';
  if (NETWORK_PLUMBING.has(type) || SILENT.test(type) || type.startsWith('Custom::')) return 'plumbing';
  if (type === 'AWS::CDK::Metadata' || type === 'AWS::CloudFormation::WaitConditionHandle') return 'plumbing';
  return 'node';
}

/** The catalog type a resource is drawn as, or undefined for one the catalog has no type for. */
export function catalogTypeOf(cfnType: string): string | undefined {
  if (AS_NODE[cfnType]) return AS_NODE[cfnType];
  const mapped = CFN_TYPES[cfnType];
  return mapped && resolveType(mapped)?.category !== 'group' ? mapped : undefined;
}

/** Every logical id a value refers to, through Ref, Fn::GetAtt and ${…} in Fn::Sub. */
export function referencesIn(value: unknown, ids: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const record = v as Record<string, unknown>;
      if (typeof record.Ref === 'string' && ids.has(record.Ref)) found.push(record.Ref);
      const att = record['Fn::GetAtt'];
      if (Array.isArray(att) && typeof att[0] === 'string' && ids.has(att[0])) found.push(att[0]);
      const sub = record['Fn::Sub'];
      const text =
        typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : '';
      for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g))
        if (ids.has(m[1]!)) found.push(m[1]!);
      Object.values(record).forEach(walk);
    }
  };
  walk(value);
  return [...new Set(found)];
}

/** A template's resources with lookups by id and type, and their references. */
export class Resources {
  readonly byId: Map<string, CfnResource>;
  private readonly ids: Set<string>;
  private readonly referrers = new Map<string, string[]>();
  /** What each resource's properties refer to, found once. */
  private readonly own = new Map<string, string[]>();

  constructor(readonly template: CfnTemplate) {
    this.byId = new Map(template.resources.map((r) => [r.logicalId, r]));
    this.ids = new Set(this.byId.keys());
    for (const r of template.resources)
      for (const target of this.refs(r))
        this.referrers.set(target, [...this.referrersOf(target), r.logicalId]);
  }

  get all(): readonly CfnResource[] {
    return this.template.resources;
  }

  /** The logical ids a resource (or one of its values) refers to. */
  refs(resource: CfnResource, value: unknown = resource.properties): string[] {
    const whole = value === resource.properties;
    const known = whole ? this.own.get(resource.logicalId) : undefined;
    if (known) return known;
    const found = referencesIn(value, this.ids).filter((id) => id !== resource.logicalId);
    if (whole) this.own.set(resource.logicalId, found);
    return found;
  }

  /** The resources that refer to one. */
  referrersOf(logicalId: string): string[] {
    return this.referrers.get(logicalId) ?? [];
  }

  /** The subnets a resource is placed in, through the properties CloudFormation uses for it. */
  subnetsOf(r: CfnResource): string[] {
    const p = r.properties as Record<string, unknown>;
    const network = (p.NetworkConfiguration as Record<string, unknown> | undefined)?.AwsvpcConfiguration as
      | Record<string, unknown>
      | undefined;
    const direct = this.refs(r, [
      p.SubnetId,
      p.Subnets,
      p.SubnetIds,
      p.VPCZoneIdentifier,
      (p.VpcConfig as Record<string, unknown> | undefined)?.SubnetIds,
      network?.Subnets,
      p.SubnetMappings,
    ]);
    const viaGroups = this.refs(r, [p.DBSubnetGroupName, p.CacheSubnetGroupName]).flatMap((g) =>
      this.refs(this.byId.get(g)!, this.byId.get(g)!.properties.SubnetIds),
    );
    return [...new Set([...direct, ...viaGroups])].filter((id) => this.typeOf(id) === SUBNET);
  }

  /** The VPC a subnet belongs to. */
  vpcOfSubnet(subnet: string): string | undefined {
    const resource = this.byId.get(subnet)!;
    return this.refs(resource, resource.properties.VpcId)[0];
  }

  /** The VPC a resource is placed in, through its subnets. */
  vpcOf(r: CfnResource): string | undefined {
    const subnet = this.subnetsOf(r)[0];
    return subnet === undefined ? undefined : this.vpcOfSubnet(subnet);
  }

  ofType(type: string): CfnResource[] {
    return this.template.resources.filter((r) => r.type === type);
  }

  typeOf(logicalId: string): string | undefined {
    return this.byId.get(logicalId)?.type;
  }
}
