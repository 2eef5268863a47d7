// Numbered steps and their legend agree: every step has a legend entry and every entry is used.

import { isRecord } from '../tree.js';
import type { Rule } from './rule.js';

export const stepLegend: Rule = (ctx) => {
  const legend = isRecord(ctx.spec.steps) ? ctx.spec.steps : undefined;
  const used = new Set<number>();
  for (const edge of ctx.edges) {
    if (edge.step === undefined) continue;
    used.add(edge.step);
    if (legend && !(String(edge.step) in legend)) {
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
    if (used.size > 0) {
      const first = ctx.edges.find((e) => e.step !== undefined)!;
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
