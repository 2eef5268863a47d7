// Numbered steps and their legend agree: every step has a legend entry and every entry is used.

import { type EdgeEntry, isRecord } from '../tree.js';
import type { Rule } from './rule.js';

/** Steps the schema rejects (0, 1.5, 1000) are reported there, not again as missing from the legend. */
function hasStepNumber(edge: EdgeEntry): edge is EdgeEntry & { step: number } {
  return edge.step !== undefined && Number.isInteger(edge.step) && edge.step >= 1 && edge.step <= 999;
}

export const stepLegend: Rule = (ctx) => {
  const legend = isRecord(ctx.spec.steps) ? ctx.spec.steps : undefined;
  const numbered = ctx.edges.filter(hasStepNumber);
  const used = new Set<number>();
  for (const edge of numbered) {
    used.add(edge.step);
    if (legend && !Object.hasOwn(legend, String(edge.step))) {
      ctx.report(
        ['edges', edge.index, 'step'],
        'warning',
        'step-without-legend',
        `step ${edge.step} has no entry under \`steps:\``,
        `add \`${edge.step}: <what happens>\` under \`steps:\``,
      );
    }
  }
  if (!legend) {
    const first = numbered[0];
    if (first) {
      ctx.report(
        ['edges', first.index, 'step'],
        'warning',
        'step-without-legend',
        'edges have step numbers but the spec has no `steps:` legend',
        'add a `steps:` map of number -> text',
      );
    }
    return;
  }
  for (const key of Object.keys(legend)) {
    if (/^\d+$/.test(key) && !used.has(Number(key))) {
      ctx.report(
        ['steps', key],
        'warning',
        'unused-step',
        `legend entry ${key} is not the step of any edge`,
        `add \`step: ${key}\` to the edge it describes, or remove the entry`,
        'key',
      );
    }
  }
};
