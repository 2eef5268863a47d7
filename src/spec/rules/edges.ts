// Edges and overlays refer to nodes that exist.

import { didYouMean } from '../suggest.js';
import { isRecord } from '../tree.js';
import { ID_PATTERN } from '../types.js';
import type { Rule, RuleContext } from './rule.js';

const VALID_ID = new RegExp(ID_PATTERN);

function endpointPath(
  edgeIndex: number,
  end: 'from' | 'to',
  value: unknown,
  id: string,
): (string | number)[] {
  const base: (string | number)[] = ['edges', edgeIndex, end];
  return Array.isArray(value) ? [...base, value.indexOf(id)] : base;
}

function checkRef(ctx: RuleContext, id: string, at: (string | number)[], what: string): boolean {
  // A malformed id is reported once, by the schema (invalid-id), not again as an unknown node.
  if (ctx.nodeById.has(id) || !VALID_ID.test(id)) return true;
  ctx.report(
    at,
    'error',
    'unknown-node',
    `${what} refers to '${id}', which is not defined${ctx.full() ? '' : didYouMean(id, ctx.nodeById.keys())}`,
    'define the node under `nodes:` or fix the id',
  );
  return false;
}

export const edgeEndpoints: Rule = (ctx) => {
  for (const edge of ctx.edges) {
    for (const end of ['from', 'to'] as const) {
      for (const id of edge[end])
        checkRef(ctx, id, endpointPath(edge.index, end, edge.value[end], id), `edge '${end}'`);
    }
    for (const from of edge.from) {
      if (edge.to.includes(from)) {
        ctx.report(
          ['edges', edge.index],
          'warning',
          'self-edge',
          `edge from '${from}' to itself`,
          'an edge needs two different nodes',
        );
      }
    }
  }
};

/**
 * `sourceLabel` is drawn at each line's source end: on an edge with one source and a list of
 * targets, every line would repeat it at that one node, stacked up. The same for `targetLabel`
 * with a list of sources. Such an edge is refused, rather than drawn with the text several times.
 */
export const endLabelsOnLists: Rule = (ctx) => {
  for (const edge of ctx.edges) {
    for (const [key, shared, listed] of [
      ['sourceLabel', 'from', 'to'],
      ['targetLabel', 'to', 'from'],
    ] as const) {
      const lines = edge[listed].length;
      if (edge.value[key] === undefined || !Array.isArray(edge.value[listed]) || lines < 2) continue;
      if (edge[shared].length !== 1) continue;
      ctx.report(
        ['edges', edge.index, key],
        'error',
        'repeated-end-label',
        `\`${key}\` would be drawn ${lines} times at '${edge[shared][0]}', once for each line of the list in \`${listed}\``,
        `write one edge per ${listed === 'to' ? 'target' : 'source'} that needs the text, or use \`label\``,
        'key',
      );
    }
  }
};

export const edgeLimit: Rule = (ctx) => {
  let expanded = 0;
  for (const edge of ctx.edges) expanded += edge.from.length * edge.to.length;
  if (expanded > ctx.limits.maxEdges) {
    ctx.report(
      ['edges'],
      'error',
      'too-many-edges',
      `the spec has ${expanded} edges after expanding lists; at most ${ctx.limits.maxEdges} are allowed`,
      'split the diagram',
      'key',
    );
  }
};

export const overlayMembers: Rule = (ctx) => {
  const overlays = ctx.spec.overlays;
  if (!isRecord(overlays)) return;
  for (const [id, overlay] of Object.entries(overlays)) {
    if (!isRecord(overlay) || !Array.isArray(overlay.members)) continue;
    overlay.members.forEach((member, i) => {
      if (typeof member === 'string')
        checkRef(ctx, member, ['overlays', id, 'members', i], `overlay '${id}'`);
    });
  }
};
