// "Did you mean …?" suggestions for misspelt ids, keys and types.

import { distance } from 'fastest-levenshtein';

/** The closest candidate within a typo's reach of `word`, or undefined. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const budget = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    // The edit distance is at least the difference in length: skipping such candidates keeps a
    // megabyte-long id from costing a megabyte of work per candidate, and changes no answer.
    const other = candidate.toLowerCase();
    if (Math.abs(other.length - lower.length) > Math.min(budget, bestDistance)) continue;
    const d = distance(lower, other);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= budget ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}
