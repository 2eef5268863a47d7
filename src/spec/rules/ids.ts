// Node ids are unique across the whole tree (edges name nodes by id alone), and the tree stays
// within the configured size and depth.

import type { Rule } from './rule.js';

export const uniqueIds: Rule = (ctx) => {
  const first = new Map<string, (string | number)[]>();
  for (const node of ctx.nodes) {
    const earlier = first.get(node.id);
    if (earlier) {
      const at = ctx.doc.positionOf(earlier, 'key');
      ctx.report(
        node.path,
        'error',
        'duplicate-id',
        `node id '${node.id}' is already used at line ${at.line}`,
        'ids must be unique across the whole spec, not only among siblings; rename one',
        'key',
      );
    } else {
      first.set(node.id, [...node.path]);
    }
  }
  const overlays = ctx.spec.overlays;
  if (overlays && typeof overlays === 'object') {
    for (const id of Object.keys(overlays)) {
      if (first.has(id)) {
        ctx.report(
          ['overlays', id],
          'error',
          'duplicate-id',
          `overlay id '${id}' is already used by a node`,
          'give the overlay its own id',
          'key',
        );
      }
    }
  }
};

export const treeLimits: Rule = (ctx) => {
  if (ctx.nodes.length > ctx.limits.maxNodes) {
    ctx.report(
      ['nodes'],
      'error',
      'too-many-nodes',
      `the spec has ${ctx.nodes.length} nodes; at most ${ctx.limits.maxNodes} are allowed`,
      'split it into several diagrams, or raise the limit with --max-nodes',
      'key',
    );
  }
  const deepest = ctx.nodes.find((n) => n.depth + 1 >= ctx.limits.maxDepth);
  if (deepest) {
    ctx.report(
      deepest.path,
      'error',
      'nesting-too-deep',
      `nodes are nested more than ${ctx.limits.maxDepth - 1} levels deep`,
      'real architectures need a handful of levels (cloud > region > VPC > AZ > subnet)',
      'key',
    );
  }
};
