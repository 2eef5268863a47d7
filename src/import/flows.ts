// The lines of an imported diagram: the data flows a reader would draw, read from references.
// Direction follows the data: a function that names a table in its environment writes to it (the
// function to the table), a queue that an event source mapping reads feeds the function (the queue
// to the function), a load balancer sends to what its target groups hold.

import type { CfnResource } from './cfn-template.js';
import { EVENT_RULE, FOLLOWED, LINKS, type Resources, STRUCTURAL } from './resources.js';

export interface Flow {
  from: string;
  to: string;
}

export interface FlowsResult {
  /** Lines between logical ids of drawn resources, in the order found, each once. */
  flows: Flow[];
  /** Resources that stand for lines (subscriptions, listeners, ingress rules) and made one. */
  intoLines: Set<string>;
}

/** The security groups a resource is in, through the properties CloudFormation uses for it. */
function securityGroupsOf(resources: Resources, r: CfnResource): string[] {
  const p = r.properties as Record<string, unknown>;
  const network = (p.NetworkConfiguration as Record<string, unknown> | undefined)?.AwsvpcConfiguration as
    | Record<string, unknown>
    | undefined;
  return resources
    .refs(r, [
      p.SecurityGroups,
      p.SecurityGroupIds,
      p.VpcSecurityGroupIds,
      (p.VpcConfig as Record<string, unknown> | undefined)?.SecurityGroupIds,
      network?.SecurityGroups,
    ])
    .filter((id) => resources.typeOf(id) === 'AWS::EC2::SecurityGroup');
}

/** Ingress rules between security groups: [the group allowed in, the group it may reach, the rule
 *  resource when it is one of its own]. */
function ingressRules(resources: Resources): [string, string, string | undefined][] {
  const rules: [string, string, string | undefined][] = [];
  for (const group of resources.ofType('AWS::EC2::SecurityGroup')) {
    const inline = group.properties.SecurityGroupIngress;
    for (const rule of Array.isArray(inline) ? inline : [])
      for (const source of resources.refs(group, (rule as Record<string, unknown>).SourceSecurityGroupId))
        rules.push([source, group.logicalId, undefined]);
  }
  for (const rule of resources.ofType('AWS::EC2::SecurityGroupIngress'))
    for (const target of resources.refs(rule, rule.properties.GroupId))
      for (const source of resources.refs(rule, rule.properties.SourceSecurityGroupId))
        rules.push([source, target, rule.logicalId]);
  return rules;
}

/** Properties that hand a resource its credentials when it is made: not a flow of data. */
const CREDENTIALS = new Set(['MasterUsername', 'MasterUserPassword', 'MasterUserSecret']);

function withoutCredentials(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !CREDENTIALS.has(key)));
}

/** The flows between the resources in `drawn` (logical ids). */
export function findFlows(resources: Resources, drawn: ReadonlySet<string>): FlowsResult {
  const flows: Flow[] = [];
  const intoLines = new Set<string>();
  const seen = new Set<string>();
  const add = (from: string, to: string) => {
    const key = `${from}->${to}`;
    if (from === to || seen.has(key) || !drawn.has(from) || !drawn.has(to)) return false;
    seen.add(key);
    flows.push({ from, to });
    return true;
  };

  // Load balancers send to what their target groups hold: a listener joins the two.
  const behind = new Map<string, string[]>();
  for (const tg of resources.ofType('AWS::ElasticLoadBalancingV2::TargetGroup'))
    behind.set(tg.logicalId, resources.refs(tg, tg.properties.Targets));
  for (const r of resources.all)
    if (drawn.has(r.logicalId))
      for (const tg of resources.refs(r, r.properties.LoadBalancers)) behind.get(tg)?.push(r.logicalId);
  for (const r of resources.all)
    if (r.type === 'AWS::AutoScaling::AutoScalingGroup')
      for (const tg of resources.refs(r, r.properties.TargetGroupARNs)) behind.get(tg)?.push(r.logicalId);
  for (const listener of resources.ofType('AWS::ElasticLoadBalancingV2::Listener')) {
    const balancers = resources.refs(listener, listener.properties.LoadBalancerArn);
    const groups = [
      ...resources.refs(listener),
      ...resources
        .referrersOf(listener.logicalId)
        .filter((id) => resources.typeOf(id) === 'AWS::ElasticLoadBalancingV2::ListenerRule')
        .flatMap((id) => resources.refs(resources.byId.get(id)!)),
    ].filter((id) => behind.has(id));
    for (const lb of balancers)
      for (const tg of groups)
        for (const target of behind.get(tg)!) {
          add(lb, target);
          intoLines.add(listener.logicalId).add(tg);
        }
  }

  // A drawn resource to what it refers to (and what its task definition or launch template does).
  for (const r of resources.all) {
    if (!drawn.has(r.logicalId)) continue;
    const followed = resources
      .refs(r)
      .filter((id) => FOLLOWED.test(resources.typeOf(id)!))
      .flatMap((id) => resources.refs(resources.byId.get(id)!));
    const own = resources.refs(r, withoutCredentials(r.properties));
    for (const target of [...own, ...followed])
      if (!STRUCTURAL.has(resources.typeOf(target)!)) add(r.logicalId, target);
  }

  // Resources that stand for a line: from their source to their target.
  for (const r of resources.all) {
    const link =
      LINKS[r.type] ??
      (r.type === EVENT_RULE && !drawn.has(r.logicalId) ? ['EventBusName', 'Targets'] : undefined);
    if (!link) continue;
    for (const source of resources.refs(r, r.properties[link[0]]))
      for (const target of resources.refs(r, r.properties[link[1]]))
        if (add(source, target) || seen.has(`${source}->${target}`)) intoLines.add(r.logicalId);
  }

  // Security groups that let one group of resources reach another: a line between their members.
  const members = new Map<string, string[]>();
  for (const r of resources.all)
    if (drawn.has(r.logicalId))
      for (const group of securityGroupsOf(resources, r))
        members.set(group, [...(members.get(group) ?? []), r.logicalId]);
  for (const [source, target, rule] of ingressRules(resources))
    for (const from of members.get(source) ?? [])
      for (const to of members.get(target) ?? [])
        if ((add(from, to) || seen.has(`${from}->${to}`)) && rule) intoLines.add(rule);

  return { flows: throughGatewayEndpoints(resources, flows, drawn), intoLines };
}

/** A gateway endpoint (S3, DynamoDB) carries what its VPC's resources send to that service: such
 *  a line goes through it. */
function throughGatewayEndpoints(resources: Resources, flows: Flow[], drawn: ReadonlySet<string>): Flow[] {
  const endpoints = resources
    .ofType('AWS::EC2::VPCEndpoint')
    .filter((e) => drawn.has(e.logicalId) && e.properties.VpcEndpointType !== 'Interface')
    .map((e) => {
      const service = JSON.stringify(e.properties.ServiceName ?? '');
      const type = /\.s3\b/.test(service)
        ? 'AWS::S3::Bucket'
        : /\.dynamodb\b/.test(service)
          ? 'AWS::DynamoDB::Table'
          : undefined;
      return { id: e.logicalId, vpc: resources.refs(e, e.properties.VpcId)[0], type };
    })
    .filter((e) => e.type !== undefined);
  if (endpoints.length === 0) return flows;
  const out: Flow[] = [];
  const seen = new Set<string>();
  const push = (from: string, to: string) => {
    if (!seen.has(`${from}->${to}`)) out.push({ from, to });
    seen.add(`${from}->${to}`);
  };
  for (const flow of flows) {
    const endpoint = endpoints.find(
      (e) =>
        resources.typeOf(flow.to) === e.type &&
        e.vpc !== undefined &&
        resources.vpcOf(resources.byId.get(flow.from)!) === e.vpc,
    );
    if (endpoint) {
      push(flow.from, endpoint.id);
      push(endpoint.id, flow.to);
    } else push(flow.from, flow.to);
  }
  return out;
}
