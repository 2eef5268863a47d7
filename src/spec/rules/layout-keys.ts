// Keys that place nodes (`border`, `direction`, `arrange`) where they can take effect: a node sits
// on the border of the group that holds it, so it needs one and must be a single node; a group's
// own direction and arrangement apply to its children, so a node without any has nothing to apply
// them to.

import { ARRANGEMENTS, BORDER_SIDES, DIRECTIONS } from '../types.js';
import type { Rule } from './rule.js';

export const layoutKeys: Rule = (ctx) => {
  for (const node of ctx.nodes) {
    const { border, direction, arrange } = node.value;
    if (typeof border === 'string' && (BORDER_SIDES as readonly string[]).includes(border)) {
      if (node.ancestors.length === 0)
        ctx.report(
          [...node.path, 'border'],
          'error',
          'border-without-group',
          `'${node.id}' is on the ${border} border, but no group holds it`,
          'move it into the group whose edge it sits on, or remove `border`',
        );
      else if (node.hasChildren)
        ctx.report(
          [...node.path, 'border'],
          'error',
          'border-on-group',
          `'${node.id}' holds other nodes, so it cannot sit on a border`,
          'put a single node on the border, or remove `border`',
        );
    }
    for (const [key, value, allowed] of [
      ['direction', direction, DIRECTIONS],
      ['arrange', arrange, ARRANGEMENTS],
    ] as const) {
      // A value the schema rejects is reported there.
      const valid = typeof value === 'string' && (allowed as readonly string[]).includes(value);
      if (valid && !node.hasChildren)
        ctx.report(
          [...node.path, key],
          'warning',
          'nothing-to-arrange',
          `'${node.id}' has \`${key}\`, but no children for it to lay out`,
          `add children to '${node.id}', or remove \`${key}\``,
        );
    }
  }
};
