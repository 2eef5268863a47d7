// A CloudFormation template as a refarch spec, drawn as an architect would: account > Region >
// VPC > Availability Zone > subnet nesting, each resource in the subnet it is placed in (or in its
// VPC when it spans several AZs, drawn once), lines for the data flows between what is drawn, and
// plumbing (routes, associations, permissions, policies, subscriptions, event source mappings)
// folded away: into the lines it stands for, or into what it serves. Every resource of the
// template is accounted for in the report.

import type { CfnResource, CfnTemplate } from './cfn-template.js';
import { findFlows } from './flows.js';
import { kebab, labelOf, specIds, specText, words } from './names.js';
import {
  catalogTypeOf,
  GLOBAL,
  type Kind,
  kindOf,
  NETWORK_PLUMBING,
  Resources,
  SUBNET,
  VPC,
} from './resources.js';

export interface ImportedResource {
  logicalId: string;
  type: string;
  /** The spec id it is drawn as, or null. */
  drawnAs: string | null;
  /** What it was folded into: a spec id (a subnet's route table into the subnet, a function's role
   *  into the function), "edges" (a subscription into a line), or null when it is drawn. */
  foldedInto: string | 'edges' | null;
}

export interface ImportReport {
  resources: ImportedResource[];
}

export interface ImportOptions {
  /** The spec's title. */
  title: string;
  /** CloudFormation types to draw even though they are plumbing (`--keep`). */
  keep?: readonly string[];
}

export interface ImportResult {
  spec: Record<string, unknown>;
  report: ImportReport;
  /** CloudFormation types drawn as generic nodes, since the catalog has no type for them. */
  unmapped: string[];
}

type SpecNode = { type: string; label?: string; border?: 'top'; children?: Record<string, SpecNode> };

/** The ids of the groups the importer adds around everything. */
const ACCOUNT = 'account';
const REGION = 'region';
/** Who reaches the entry points, drawn outside the account. */
const USERS = 'users';

/** What the internet reaches, unless it is internal or reached through something drawn (a
 *  balancer behind a CloudFront distribution): a load balancer, an API, a distribution. */
const ENTRY_POINTS = new Set([
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGatewayV2::Api',
  'AWS::AppSync::GraphQLApi',
  'AWS::CloudFront::Distribution',
]);

/** Above this many drawn resources and with no VPC to structure them, a CDK app's resources are
 *  grouped by the construct at the top of their path, so the picture stays readable. */
const GROUP_BY_CONSTRUCT_ABOVE = 60;

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

/** Subnets that reach the internet directly: MapPublicIpOnLaunch, or a route table with a route
 *  to an internet gateway. */
function publicSubnets(resources: Resources): Set<string> {
  const igws = new Set(resources.ofType('AWS::EC2::InternetGateway').map((r) => r.logicalId));
  const tables = new Set(
    resources
      .ofType('AWS::EC2::Route')
      .filter((route) => resources.refs(route, route.properties.GatewayId).some((id) => igws.has(id)))
      .flatMap((route) => resources.refs(route, route.properties.RouteTableId)),
  );
  const subnets = new Set(
    resources
      .ofType('AWS::EC2::SubnetRouteTableAssociation')
      .filter((a) => resources.refs(a, a.properties.RouteTableId).some((id) => tables.has(id)))
      .flatMap((a) => resources.refs(a, a.properties.SubnetId)),
  );
  for (const s of resources.ofType(SUBNET))
    if (s.properties.MapPublicIpOnLaunch === true) subnets.add(s.logicalId);
  return subnets;
}

/** Resources folded into another drawn one, by what they are to it: an Aurora instance into its
 *  cluster, an ECS cluster into the (first) service that runs in it. */
function foldedIntoNode(resources: Resources, r: CfnResource, kinds: Map<string, Kind>): string | undefined {
  if (r.type === 'AWS::RDS::DBInstance')
    return resources
      .refs(r, r.properties.DBClusterIdentifier)
      .find((id) => resources.typeOf(id) === 'AWS::RDS::DBCluster');
  if (r.type === 'AWS::ECS::Cluster')
    return resources
      .referrersOf(r.logicalId)
      .find((id) => resources.typeOf(id) === 'AWS::ECS::Service' && kinds.get(id) === 'node');
  return undefined;
}

export function templateToSpec(template: CfnTemplate, options: ImportOptions): ImportResult {
  const resources = new Resources(template);
  const keep = new Set(options.keep ?? []);
  // A CDK app made it: construct paths, its metadata resource, or the bootstrap version it checks.
  const fromCdk =
    template.resources.some((r) => r.cdkPath !== undefined || r.type === 'AWS::CDK::Metadata') ||
    (template.value.Parameters as Record<string, unknown> | undefined)?.BootstrapVersion !== undefined;
  const ids = specIds(template.resources, fromCdk, (r) => r.type === VPC || r.type === SUBNET, [
    ACCOUNT,
    REGION,
    USERS,
  ]);
  const report = new Map<string, ImportedResource>(
    template.resources.map((r) => [
      r.logicalId,
      { logicalId: r.logicalId, type: r.type, drawnAs: null, foldedInto: null },
    ]),
  );
  const kinds = new Map(template.resources.map((r) => [r.logicalId, kindOf(r, keep, fromCdk)]));
  // Some nodes fold into another node: decided before anything is placed.
  const foldedNodes = new Map<string, string>();
  for (const r of template.resources) {
    if (kinds.get(r.logicalId) !== 'node' || keep.has(r.type)) continue;
    const into = foldedIntoNode(resources, r, kinds);
    if (into) foldedNodes.set(r.logicalId, into);
  }

  // Ids of the groups the importer adds (AZs, constructs): the same one for the same name, and
  // never a resource's.
  const resourceIds = new Set(ids.values());
  const added = new Map<string, string>();
  const addedGroup = (base: string): string => {
    let id = added.get(base);
    if (id === undefined) {
      id = base;
      for (let n = 2; resourceIds.has(id); n++) id = `${base}-${n}`;
      added.set(base, id);
    }
    return id;
  };

  // The tree: account > Region > VPC > AZ > subnet.
  const region: SpecNode = { type: 'group.region', label: 'Region', children: {} };
  const account: SpecNode = {
    type: 'group.aws-account',
    label: 'AWS account',
    children: { [REGION]: region },
  };
  const holders = new Map<string, SpecNode>();
  const draw = (r: CfnResource, into: SpecNode, node: SpecNode) => {
    const id = ids.get(r.logicalId)!;
    into.children![id] = node;
    report.get(r.logicalId)!.drawnAs = id;
    return node;
  };
  for (const vpc of resources.ofType(VPC))
    holders.set(
      vpc.logicalId,
      draw(vpc, region, { type: 'group.vpc', label: labelOf(vpc, fromCdk, true), children: {} }),
    );
  const isPublic = publicSubnets(resources);
  for (const subnet of resources.ofType(SUBNET)) {
    const vpc = resources.refs(subnet, subnet.properties.VpcId).find((id) => resources.typeOf(id) === VPC);
    let parent = region;
    if (vpc) {
      const az = azOf(subnet);
      const azId = addedGroup(
        `${ids.get(vpc)}-${az.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, ''),
      );
      parent = holders.get(vpc)!;
      parent.children![azId] ??= { type: 'group.availability-zone', label: specText(az), children: {} };
      parent = parent.children![azId]!;
    }
    // A subnet must sit in a VPC; one whose VPC the template does not hold is a plain group.
    const type = !vpc
      ? 'group.generic'
      : isPublic.has(subnet.logicalId)
        ? 'group.public-subnet'
        : 'group.private-subnet';
    holders.set(
      subnet.logicalId,
      draw(subnet, parent, { type, label: labelOf(subnet, fromCdk, true), children: {} }),
    );
  }

  // Drawn resources: a catalog type, or a generic node for a type the catalog lacks.
  const unmapped = new Set<string>();
  const drawn = new Set<string>();
  const construct = (r: CfnResource) => r.cdkPath?.split('/')[1];
  const groupByConstruct =
    fromCdk &&
    resources.ofType(VPC).length === 0 &&
    template.resources.filter((r) => kinds.get(r.logicalId) === 'node').length > GROUP_BY_CONSTRUCT_ABOVE;
  for (const r of template.resources) {
    if (kinds.get(r.logicalId) !== 'node' || foldedNodes.has(r.logicalId)) continue;
    const type = catalogTypeOf(r.type);
    if (!type) unmapped.add(r.type);
    const subnets = resources.subnetsOf(r);
    const vpcs = [...new Set(subnets.map((subnet) => resources.vpcOfSubnet(subnet)))];
    // One subnet: in it. Several of one VPC (or none, but a VPC named): in the VPC, drawn once.
    // Neither: in the Region (global services in the account).
    if (subnets.length === 0) vpcs.push(...resources.refs(r, r.properties.VpcId));
    let holder =
      subnets.length === 1
        ? holders.get(subnets[0]!)!
        : vpcs.length === 1 && vpcs[0] && holders.has(vpcs[0])
          ? holders.get(vpcs[0])!
          : GLOBAL.test(r.type)
            ? account
            : region;
    if (holder === region && groupByConstruct && construct(r)) {
      const groupId = addedGroup(`construct-${kebab(construct(r)!)}`);
      region.children![groupId] ??= {
        type: 'group.generic',
        label: specText(words(construct(r)!)),
        children: {},
      };
      holder = region.children![groupId]!;
    }
    const node: SpecNode = { type: type ?? 'generic.generic-application', label: labelOf(r, fromCdk, false) };
    // An internet gateway sits on the top border of the VPC it is attached to, as AWS draws it.
    const attachedTo =
      r.type === 'AWS::EC2::InternetGateway'
        ? resources
            .referrersOf(r.logicalId)
            .filter((id) => resources.typeOf(id) === 'AWS::EC2::VPCGatewayAttachment')
            .flatMap((id) =>
              resources.refs(resources.byId.get(id)!, resources.byId.get(id)!.properties.VpcId),
            )
            .find((v) => holders.has(v))
        : undefined;
    if (attachedTo && type) draw(r, holders.get(attachedTo)!, { ...node, border: 'top' });
    else draw(r, holder, node);
    drawn.add(r.logicalId);
  }

  const { flows, intoLines } = findFlows(resources, drawn);
  for (const id of intoLines) report.get(id)!.foldedInto = 'edges';

  // Plumbing folds into what it configures or serves: network plumbing into its subnet or VPC,
  // the rest into a drawn resource that uses it (or that it names), else into the account.
  const targetOf = (logicalId: string): string | null => {
    const entry = report.get(logicalId)!;
    return entry.drawnAs ?? (entry.foldedInto !== 'edges' ? entry.foldedInto : null);
  };
  for (const [id, into] of foldedNodes) report.get(id)!.foldedInto = targetOf(into);
  const open = () =>
    template.resources.filter((r) => targetOf(r.logicalId) === null && !intoLines.has(r.logicalId));
  for (const r of open()) {
    if (!NETWORK_PLUMBING.has(r.type)) continue;
    const refs = resources.refs(r);
    // One subnet: into it. Several (a subnet group): into their VPC.
    const subnets = refs.filter((id) => resources.typeOf(id) === SUBNET);
    const into =
      (subnets.length === 1 ? subnets[0] : undefined) ??
      (subnets.length > 1 ? resources.vpcOfSubnet(subnets[0]!) : undefined) ??
      refs.find((id) => resources.typeOf(id) === VPC) ??
      (resources.ofType(VPC).length === 1 ? resources.ofType(VPC)[0]!.logicalId : undefined);
    if (into) report.get(r.logicalId)!.foldedInto = ids.get(into)!;
  }
  // What uses it first (a role into the function that assumes it, through an instance profile and
  // a launch template if need be), then what it names: plumbing first (a policy into its role's
  // function, not into a table it grants access to), then what is drawn (a log group's function).
  for (const near of [
    (r: CfnResource) => resources.referrersOf(r.logicalId),
    (r: CfnResource) => {
      const refs = resources.refs(r);
      const drawnRef = (id: string) => report.get(id)!.drawnAs !== null;
      return [
        ...refs.filter((id) => !drawnRef(id)),
        ...resources.referrersOf(r.logicalId),
        ...refs.filter(drawnRef),
      ];
    },
  ])
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of open()) {
        const into = near(r)
          .map(targetOf)
          .find((t) => t !== null);
        if (into) {
          report.get(r.logicalId)!.foldedInto = into;
          changed = true;
        }
      }
    }
  for (const r of open()) report.get(r.logicalId)!.foldedInto = ACCOUNT;

  const edges = flows.map((f) => ({ from: ids.get(f.from)!, to: ids.get(f.to)! }));
  // Users reach what the internet reaches: through the internet gateway of a balancer's VPC.
  const entries = template.resources.filter(
    (r) =>
      drawn.has(r.logicalId) &&
      ENTRY_POINTS.has(r.type) &&
      r.properties.Scheme !== 'internal' &&
      !flows.some((f) => f.to === r.logicalId),
  );
  const gatewayOf = (r: CfnResource): string | undefined => {
    const vpc = resources.vpcOf(r);
    return resources
      .ofType('AWS::EC2::VPCGatewayAttachment')
      .filter((a) => vpc !== undefined && resources.refs(a, a.properties.VpcId).includes(vpc))
      .flatMap((a) => resources.refs(a, a.properties.InternetGatewayId))
      .find((g) => drawn.has(g));
  };
  const users = entries.length > 0 ? { [USERS]: { type: 'generic.users', label: 'Users' } } : {};
  for (const entry of entries) {
    const gateway = gatewayOf(entry);
    const via = gateway
      ? [USERS, ids.get(gateway)!, ids.get(entry.logicalId)!]
      : [USERS, ids.get(entry.logicalId)!];
    for (let i = 1; i < via.length; i++)
      if (!edges.some((e) => e.from === via[i - 1] && e.to === via[i]))
        edges.push({ from: via[i - 1]!, to: via[i]! });
  }
  const hasAzGrid = [...holders.values()].some(
    (h) =>
      h.type === 'group.vpc' &&
      Object.values(h.children!).filter((c) => c.type === 'group.availability-zone').length >= 2,
  );
  const nodes = drawn.size + holders.size > 0 ? { ...users, [ACCOUNT]: pruned(account) } : {};
  return {
    spec: {
      refarch: 1,
      title: options.title,
      // AZs side by side, public over private subnets, traffic from the top: as AWS draws a VPC.
      direction: hasAzGrid ? 'down' : 'right',
      nodes,
      ...(edges.length > 0 ? { edges } : {}),
    },
    report: { resources: [...report.values()] },
    unmapped: [...unmapped].sort(),
  };
}

/** The tree without groups the importer added that hold nothing (the Region of a template of
 *  global services only). */
function pruned(account: SpecNode): SpecNode {
  const region = account.children![REGION]!;
  if (Object.keys(region.children!).length > 0) return account;
  const { [REGION]: _, ...rest } = account.children!;
  return { ...account, children: rest };
}
