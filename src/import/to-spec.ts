// A CloudFormation template as a refarch spec, drawn as an architect would: VPC > Availability
// Zone > subnet nesting, each resource in the subnet it is placed in (or in its VPC when it spans
// several AZs, drawn once), lines for the references between what is drawn, and plumbing (routes,
// associations, permissions, policies, subscriptions, event source mappings) folded away: into
// the lines it stands for, or into nothing. Every resource of the template is accounted for in
// the report.

import { resolveType } from '../catalog/catalog.js';
import { CFN_TYPES } from '../catalog/cfn-types.generated.js';
import type { CfnResource, CfnTemplate } from './cfn-template.js';

export interface ImportedResource {
  logicalId: string;
  type: string;
  /** The spec id it is drawn as, or null. */
  drawnAs: string | null;
  /** What it was folded into: a spec id (a subnet's route table into the subnet), "edges" (a
   *  subscription into a line), or null when it is drawn, or could not be mapped. */
  foldedInto: string | 'edges' | null;
}

export interface ImportResult {
  spec: Record<string, unknown>;
  report: { resources: ImportedResource[] };
  /** CloudFormation types drawn as generic nodes, since the catalog has no type for them. */
  unmapped: string[];
}

type SpecNode = { type: string; label?: string; border?: 'top'; children?: Record<string, SpecNode> };

const VPC = 'AWS::EC2::VPC';
const SUBNET = 'AWS::EC2::Subnet';

/** Resources that configure the network around what is drawn: folded into their subnet or VPC. */
const NETWORK_PLUMBING = new Set([
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

/** Resources that stand for a line between two drawn ones: [the source property, the target's]. */
const LINKS: Readonly<Record<string, [string, string]>> = {
  'AWS::Lambda::EventSourceMapping': ['EventSourceArn', 'FunctionName'],
  'AWS::SNS::Subscription': ['TopicArn', 'Endpoint'],
  'AWS::ApiGateway::Method': ['RestApiId', 'Integration'],
  'AWS::ApiGatewayV2::Integration': ['ApiId', 'IntegrationUri'],
  'AWS::Events::Rule': ['EventBusName', 'Targets'],
  'AWS::S3::BucketNotification': ['Bucket', 'LambdaConfigurations'],
};

/** Anything else with no drawing of its own: permissions, policies, versions, metadata. */
const SILENT =
  /::(Permission|Policy|ManagedPolicy|Role|InstanceProfile|Version|Alias|Deployment|Stage|Resource|Metadata|Account|Model|Authorizer|Listener|ListenerRule|TargetGroup|LaunchTemplate|TaskDefinition|ScalableTarget|ScalingPolicy)$/;

/** References that say where a resource runs, not where its data goes: no line for them. */
const STRUCTURAL = new Set(['AWS::ECS::Cluster', 'AWS::EKS::Cluster', 'AWS::ECS::CapacityProvider']);

/** Resources whose references count as those of what uses them (a service's task definition). */
const FOLLOWED = /::(TaskDefinition|LaunchTemplate)$/;

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

/** A spec id from a logical id: already letters and digits, which ids allow. */
const specId = (logicalId: string) => (/^[A-Za-z]/.test(logicalId) ? logicalId : `r${logicalId}`);

/** A readable label: the construct's name from a CDK path (`App/Orders/Handler/Resource` ->
 *  `Handler`), else the logical id with its words apart. */
function labelOf(resource: CfnResource): string {
  const parts = resource.cdkPath?.split('/').filter((p) => p !== 'Resource' && p !== 'Default') ?? [];
  const name = parts.at(-1) ?? resource.logicalId;
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

/** The Availability Zone a subnet names: a literal, or `!Select [i, !GetAZs …]` as "AZ i+1". */
function azOf(subnet: CfnResource): string {
  const az = subnet.properties.AvailabilityZone;
  if (typeof az === 'string') return az;
  const select = (az as Record<string, unknown> | undefined)?.['Fn::Select'];
  if (Array.isArray(select) && typeof select[0] === 'number') return `AZ ${select[0] + 1}`;
  if (Array.isArray(select) && typeof select[0] === 'string' && /^\d+$/.test(select[0]))
    return `AZ ${Number(select[0]) + 1}`;
  return 'AZ';
}

export function templateToSpec(template: CfnTemplate, title: string): ImportResult {
  const byId = new Map(template.resources.map((r) => [r.logicalId, r]));
  const allIds = new Set(byId.keys());
  const refs = (r: CfnResource, value: unknown = r.properties) => referencesIn(value, allIds);
  const ofType = (type: string) => template.resources.filter((r) => r.type === type);
  const report = new Map<string, ImportedResource>(
    template.resources.map((r) => [
      r.logicalId,
      { logicalId: r.logicalId, type: r.type, drawnAs: null, foldedInto: null },
    ]),
  );

  // Public subnets: MapPublicIpOnLaunch, or a route table with a route to an internet gateway.
  const igws = new Set(ofType('AWS::EC2::InternetGateway').map((r) => r.logicalId));
  const publicTables = new Set(
    ofType('AWS::EC2::Route')
      .filter((route) => refs(route, route.properties.GatewayId).some((id) => igws.has(id)))
      .flatMap((route) => refs(route, route.properties.RouteTableId)),
  );
  const publicSubnets = new Set(
    ofType('AWS::EC2::SubnetRouteTableAssociation')
      .filter((a) => refs(a, a.properties.RouteTableId).some((id) => publicTables.has(id)))
      .flatMap((a) => refs(a, a.properties.SubnetId)),
  );
  for (const s of ofType(SUBNET))
    if (s.properties.MapPublicIpOnLaunch === true) publicSubnets.add(s.logicalId);

  // The tree: region > VPC > AZ > subnet; subnets of no known VPC go straight into the region.
  const region: SpecNode = { type: 'group.region', label: 'Region', children: {} };
  const holders = new Map<string, SpecNode>();
  for (const vpc of ofType(VPC)) {
    const node: SpecNode = { type: 'group.vpc', label: labelOf(vpc), children: {} };
    region.children![specId(vpc.logicalId)] = node;
    holders.set(vpc.logicalId, node);
    report.get(vpc.logicalId)!.drawnAs = specId(vpc.logicalId);
  }
  const subnetAz = new Map<string, string>();
  for (const subnet of ofType(SUBNET)) {
    const vpc = refs(subnet, subnet.properties.VpcId).find(
      (id) => holders.has(id) && byId.get(id)!.type === VPC,
    );
    const az = azOf(subnet);
    subnetAz.set(subnet.logicalId, az);
    let parent = vpc ? holders.get(vpc)! : region;
    if (vpc) {
      const azId = `${specId(vpc)}-${az.replace(/[^A-Za-z0-9]+/g, '-')}`.replace(/-+$/, '');
      parent.children![azId] ??= { type: 'group.availability-zone', label: az, children: {} };
      parent = parent.children![azId]!;
    }
    // A subnet must sit in a VPC; one whose VPC the template does not hold is a plain group.
    const kind = publicSubnets.has(subnet.logicalId) ? 'group.public-subnet' : 'group.private-subnet';
    const node: SpecNode = {
      type: vpc ? kind : 'group.generic',
      label: labelOf(subnet),
      children: {},
    };
    parent.children![specId(subnet.logicalId)] = node;
    holders.set(subnet.logicalId, node);
    report.get(subnet.logicalId)!.drawnAs = specId(subnet.logicalId);
  }

  // The subnets a resource is placed in, through the properties CloudFormation uses for it.
  const subnetGroups = new Map(
    [...ofType('AWS::RDS::DBSubnetGroup'), ...ofType('AWS::ElastiCache::SubnetGroup')].map((g) => [
      g.logicalId,
      refs(g, g.properties.SubnetIds),
    ]),
  );
  const subnetsOf = (r: CfnResource): string[] => {
    const p = r.properties as Record<string, unknown>;
    const direct = refs(r, [
      p.SubnetId,
      p.Subnets,
      p.SubnetIds,
      p.VPCZoneIdentifier,
      (p.VpcConfig as Record<string, unknown> | undefined)?.SubnetIds,
      (
        (p.NetworkConfiguration as Record<string, unknown> | undefined)?.AwsvpcConfiguration as
          | Record<string, unknown>
          | undefined
      )?.Subnets,
    ]).filter((id) => byId.get(id)?.type === SUBNET);
    const viaGroups = refs(r, [p.DBSubnetGroupName, p.CacheSubnetGroupName]).flatMap(
      (g) => subnetGroups.get(g) ?? [],
    );
    return [...new Set([...direct, ...viaGroups])];
  };

  // Drawn resources: a catalog type, or a generic node for a type the catalog lacks.
  const unmapped = new Set<string>();
  const drawn = new Map<string, string>();
  for (const r of template.resources) {
    if (
      report.get(r.logicalId)!.drawnAs ||
      NETWORK_PLUMBING.has(r.type) ||
      LINKS[r.type] ||
      SILENT.test(r.type)
    )
      continue;
    if (r.type.startsWith('Custom::') || r.type === 'AWS::CDK::Metadata') continue;
    const mapped = CFN_TYPES[r.type];
    const type = mapped && resolveType(mapped)?.category !== 'group' ? mapped : undefined;
    if (!type) unmapped.add(r.type);
    const subnets = subnetsOf(r);
    const vpcs = [...new Set(subnets.map((s) => refs(byId.get(s)!, byId.get(s)!.properties.VpcId)[0]))];
    // One subnet: in it. Several in one VPC: in the VPC, drawn once. None: in the region.
    const holder =
      subnets.length === 1
        ? holders.get(subnets[0]!)!
        : vpcs.length === 1 && vpcs[0] && holders.has(vpcs[0])
          ? holders.get(vpcs[0])!
          : region;
    const id = specId(r.logicalId);
    // An internet gateway sits on the top border of the VPC it is attached to, as AWS draws it.
    const attachedTo =
      r.type === 'AWS::EC2::InternetGateway'
        ? ofType('AWS::EC2::VPCGatewayAttachment')
            .filter((a) => refs(a).includes(r.logicalId))
            .flatMap((a) => refs(a, a.properties.VpcId))
            .find((v) => holders.has(v) && byId.get(v)!.type === VPC)
        : undefined;
    if (attachedTo && type) {
      holders.get(attachedTo)!.children![id] = { type, label: labelOf(r), border: 'top' };
    } else holder.children![id] = { type: type ?? 'generic.generic-application', label: labelOf(r) };
    drawn.set(r.logicalId, id);
    report.get(r.logicalId)!.drawnAs = id;
  }

  // Lines: a drawn resource to what it refers to; a linking resource (a subscription, an event
  // source mapping, an API method) as a line from its source to its target.
  const edges: { from: string; to: string }[] = [];
  const seen = new Set<string>();
  const addEdge = (from: string, to: string) => {
    const key = `${from}->${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to });
  };
  // Load balancers reach what their target groups send to: a listener joins the two.
  const behind = new Map<string, string[]>();
  for (const r of template.resources)
    if (drawn.has(r.logicalId))
      for (const tg of refs(r, r.properties.LoadBalancers))
        if (byId.get(tg)?.type === 'AWS::ElasticLoadBalancingV2::TargetGroup')
          behind.set(tg, [...(behind.get(tg) ?? []), r.logicalId]);
  for (const tg of ofType('AWS::ElasticLoadBalancingV2::TargetGroup'))
    behind.set(tg.logicalId, [
      ...(behind.get(tg.logicalId) ?? []),
      ...refs(tg, tg.properties.Targets).filter((id) => drawn.has(id)),
    ]);
  for (const listener of ofType('AWS::ElasticLoadBalancingV2::Listener')) {
    const lbs = refs(listener, listener.properties.LoadBalancerArn).filter((id) => drawn.has(id));
    const tgs = refs(listener).filter((id) => behind.has(id));
    for (const lb of lbs)
      for (const tg of tgs) for (const t of behind.get(tg)!) addEdge(drawn.get(lb)!, drawn.get(t)!);
    report.get(listener.logicalId)!.foldedInto = 'edges';
    for (const tg of tgs) report.get(tg)!.foldedInto = 'edges';
  }
  for (const r of template.resources) {
    const from = drawn.get(r.logicalId);
    const followed = refs(r)
      .filter((id) => FOLLOWED.test(byId.get(id)!.type))
      .flatMap((id) => refs(byId.get(id)!));
    if (from)
      for (const target of [...refs(r), ...followed])
        if (drawn.has(target) && !STRUCTURAL.has(byId.get(target)!.type)) addEdge(from, drawn.get(target)!);
    const link = LINKS[r.type];
    if (link) {
      const sources = refs(r, r.properties[link[0]]).filter((id) => drawn.has(id));
      const targets = refs(r, r.properties[link[1]]).filter((id) => drawn.has(id));
      for (const s of sources) for (const t of targets) addEdge(drawn.get(s)!, drawn.get(t)!);
      report.get(r.logicalId)!.foldedInto = 'edges';
    }
  }
  // Network plumbing folds into the subnet or VPC it configures; the rest into nothing.
  for (const r of template.resources) {
    const entry = report.get(r.logicalId)!;
    if (entry.drawnAs || entry.foldedInto) continue;
    if (NETWORK_PLUMBING.has(r.type)) {
      const vpcs = ofType(VPC);
      const into =
        refs(r).find((id) => byId.get(id)?.type === SUBNET) ??
        refs(r).find((id) => byId.get(id)?.type === VPC) ??
        (vpcs.length === 1 ? vpcs[0]!.logicalId : undefined);
      entry.foldedInto = into ? specId(into) : null;
    }
  }

  const nodes = Object.keys(region.children!).length > 0 ? { region } : {};
  return {
    spec: { refarch: 1, title, direction: 'right', nodes, ...(edges.length > 0 ? { edges } : {}) },
    report: { resources: [...report.values()] },
    unmapped: [...unmapped].sort(),
  };
}
