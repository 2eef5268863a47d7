// AWS containment rules from the Architecture Icons guidelines, judged on all ancestors (not only
// the direct parent): subnets live in a VPC, AZs in a region or VPC, VPCs and regions in the cloud.

import { resolveType } from '../../catalog/catalog.js';
import type { CodeOf } from '../../diagnostic-codes.js';
import type { NodeEntry } from '../tree.js';
import type { Rule, RuleContext } from './rule.js';

function canonicalType(type: string | undefined): string | undefined {
  return type === undefined ? undefined : (resolveType(type)?.id ?? type);
}

function ancestorTypes(ctx: RuleContext, node: NodeEntry): string[] {
  return node.ancestors.map((id) => canonicalType(ctx.nodeById.get(id)?.type) ?? '');
}

const SUBNETS = new Set(['group.public-subnet', 'group.private-subnet']);

interface Placement {
  applies(type: string): boolean;
  allowed(ancestors: string[]): boolean;
  code: CodeOf<'rules'>;
  message: (id: string) => string;
  hint: string;
}

const PLACEMENTS: Placement[] = [
  {
    applies: (t) => SUBNETS.has(t),
    allowed: (a) => a.includes('group.vpc'),
    code: 'subnet-outside-vpc',
    message: (id) => `subnet '${id}' is not inside a VPC`,
    hint: 'move it under a group.vpc (directly or inside a group.availability-zone)',
  },
  {
    applies: (t) => t === 'group.availability-zone',
    allowed: (a) => a.includes('group.region') || a.includes('group.vpc'),
    code: 'az-outside-region',
    message: (id) => `availability zone '${id}' is not inside a region or VPC`,
    hint: 'move it under a group.region or a group.vpc',
  },
  {
    applies: (t) => t === 'group.vpc',
    // Judged on all ancestors, so a region further up must not excuse a VPC inside a VPC, AZ or subnet.
    allowed: (a) =>
      (a.length === 0 ||
        a.some((t) => t === 'group.region' || t === 'group.aws-account' || t === 'group.aws-cloud')) &&
      !a.some((t) => t === 'group.vpc' || t === 'group.availability-zone' || SUBNETS.has(t)),
    code: 'vpc-misplaced',
    message: (id) =>
      `VPC '${id}' must sit in a region, account or AWS cloud group, or at the top level, and not inside another VPC, AZ or subnet`,
    hint: 'move it under a group.region, group.aws-account or group.aws-cloud',
  },
  {
    applies: (t) => t === 'group.region',
    allowed: (a) => a.every((t) => t === 'group.aws-cloud' || t === 'group.aws-account'),
    code: 'region-misplaced',
    message: (id) => `region '${id}' must sit in an AWS cloud or account group, or at the top level`,
    hint: 'move it to the top level or under a group.aws-cloud or group.aws-account',
  },
];

export const awsContainment: Rule = (ctx) => {
  for (const node of ctx.nodes) {
    const type = canonicalType(node.type);
    if (type === undefined) continue;
    for (const placement of PLACEMENTS) {
      if (placement.applies(type) && !placement.allowed(ancestorTypes(ctx, node))) {
        ctx.report(node.path, 'error', placement.code, placement.message(node.id), placement.hint, 'key');
      }
    }
  }
};
