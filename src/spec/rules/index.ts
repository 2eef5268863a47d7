// The semantic rules, in the order their diagnostics read best.

import { awsContainment } from './containment.js';
import { edgeEndpoints, overlayMembers } from './edges.js';
import { treeLimits, uniqueIds } from './ids.js';
import type { Rule } from './rule.js';
import { stepLegend } from './steps.js';
import { knownTypes } from './types.js';

export const RULES: readonly Rule[] = [
  treeLimits,
  uniqueIds,
  knownTypes,
  edgeEndpoints,
  overlayMembers,
  awsContainment,
  stepLegend,
];
