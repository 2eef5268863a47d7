// Links become the href of an <a> in the SVG. The schema admits only text starting with http:// or
// https://; this rule also refuses what still is not a working web address there: whitespace or
// control characters (`https://x\njavascript:…`), no host, or text no URL parser accepts.

import type { Rule } from './rule.js';

const HTTP = /^https?:\/\//;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

function linkProblem(link: string): string | undefined {
  if (SPACE_OR_CONTROL.test(link)) return 'holds a space or control character';
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return 'is not a valid URL';
  }
  if (url.hostname === '') return 'names no host';
  return undefined;
}

export const linkTargets: Rule = (ctx) => {
  for (const node of ctx.nodes) {
    const link = node.value.link;
    // Anything else the schema has reported already.
    if (typeof link !== 'string' || !HTTP.test(link)) continue;
    const problem = linkProblem(link);
    if (!problem) continue;
    const shown = link.length > 40 ? `${link.slice(0, 40)}…` : link;
    ctx.report(
      [...node.path, 'link'],
      'error',
      'unsafe-link',
      `link '${shown}' ${problem}`,
      'write a whole web address, e.g. https://aws.amazon.com/lambda/; encode spaces as %20',
    );
  }
};
