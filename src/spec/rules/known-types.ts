// Every node and overlay names a type from the catalog.

import { allTypeIds, resolveType } from '../../catalog/catalog.js';
import { closestMatch } from '../suggest.js';
import { isRecord } from '../tree.js';
import type { Rule, RuleContext } from './rule.js';

function checkType(ctx: RuleContext, type: string, at: (string | number)[]): void {
  if (resolveType(type)) return;
  const guess = ctx.full()
    ? undefined
    : (closestMatch(type, allTypeIds()) ?? closestMatch(`aws.${type}`, allTypeIds()));
  ctx.report(
    at,
    'error',
    'unknown-type',
    `unknown type '${type}'${guess ? ` (did you mean '${guess}'?)` : ''}`,
    // Search for the suggestion's words, not the typo's: `refarch types lamda` would find nothing.
    guess
      ? `use '${guess}'; \`refarch types ${guess.replace(/^\w+\./, '')}\` lists similar types`
      : '`refarch types <word>` searches the catalog, e.g. `refarch types queue`',
  );
}

export const knownTypes: Rule = (ctx) => {
  for (const node of ctx.nodes) {
    if (node.type !== undefined) checkType(ctx, node.type, [...node.path, 'type']);
  }
  const overlays = ctx.spec.overlays;
  if (isRecord(overlays)) {
    for (const [id, overlay] of Object.entries(overlays)) {
      if (isRecord(overlay) && typeof overlay.type === 'string')
        checkType(ctx, overlay.type, ['overlays', id, 'type']);
    }
  }
};
