// The semantic rules, in the order their diagnostics read best. The size limits run first and
// alone: a spec over them is not checked further, since its other problems could number hundreds of
// thousands (and ajv gathers the errors of a map in quadratic time).

import { awsContainment } from './containment.js';
import { edgeEndpoints, edgeLimit, endLabelsOnLists, overlayMembers } from './edges.js';
import { treeLimits, uniqueIds } from './ids.js';
import { knownTypes } from './known-types.js';
import { layoutKeys } from './layout-keys.js';
import { linkTargets } from './links.js';
import type { Rule } from './rule.js';
import { stepLegend } from './steps.js';
import { textCharacters } from './text.js';

export const SIZE_RULES: readonly Rule[] = [treeLimits, edgeLimit];

export const RULES: readonly Rule[] = [
  uniqueIds,
  knownTypes,
  edgeEndpoints,
  endLabelsOnLists,
  overlayMembers,
  linkTargets,
  awsContainment,
  layoutKeys,
  stepLegend,
  textCharacters,
];
