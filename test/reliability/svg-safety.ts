// The injection-safety check for rendered SVG: parse it as XML and walk every node, allowing only
// the elements and attributes refarch draws with, internal references, and http(s) links on <a>.

import { JSDOM } from 'jsdom';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What refarch and the AWS icons draw with: shapes, text, grouping, reuse and accessibility. */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  'svg',
  'title',
  'desc',
  'style',
  'defs',
  'symbol',
  'marker',
  'mask',
  'clipPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polygon',
  'polyline',
  'text',
  'tspan',
  'use',
  'a',
]);

export const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'xmlns',
  'id',
  'class',
  'role',
  'aria-labelledby',
  'viewBox',
  'width',
  'height',
  'x',
  'y',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'x1',
  'x2',
  'y1',
  'y2',
  'd',
  'points',
  'offset',
  'fill',
  'fill-rule',
  'fill-opacity',
  'clip-path',
  'clip-rule',
  'mask',
  'maskUnits',
  'clipPathUnits',
  'gradientUnits',
  'gradientTransform',
  'stop-color',
  'stop-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'opacity',
  'transform',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'marker-start',
  'marker-end',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'href',
  'target',
  'rel',
  'data-id',
  'data-type',
  'data-from',
  'data-to',
  'data-style',
  'data-members',
  'data-step',
  'data-arrow',
  'data-color',
  'data-end',
  'data-mark',
]);

const HTTP_LINK = /^https?:\/\/[^\s]+$/;
const URL_REFERENCE = /url\(\s*(['"]?)([^)'"]*)\1\s*\)/gi;

/** Every way the SVG breaks the rules, as readable lines; empty for a safe SVG. */
export function svgViolations(svg: string): string[] {
  let document: Document;
  try {
    document = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
  } catch (e) {
    return [`not well-formed XML: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  if (document.getElementsByTagName('parsererror').length > 0) problems.push('not well-formed XML');
  if (document.doctype) problems.push('has a DOCTYPE (entities could be declared in it)');
  const root = document.documentElement;
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NS) problems.push('root is not an SVG <svg>');
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === child.TEXT_NODE) continue;
      if (child.nodeType !== child.ELEMENT_NODE) {
        problems.push(`a ${child.nodeName} node (only elements and text are drawn)`);
        continue;
      }
      problems.push(...elementViolations(child as Element));
      walk(child);
    }
  };
  problems.push(...elementViolations(root));
  walk(root);
  return problems;
}

function elementViolations(el: Element): string[] {
  const problems: string[] = [];
  const name = el.localName;
  if (el.namespaceURI !== SVG_NS) problems.push(`<${el.nodeName}> outside the SVG namespace`);
  if (!ALLOWED_ELEMENTS.has(name)) problems.push(`element <${name}> is not allowed`);
  for (const attr of el.attributes) {
    const where = `<${name} ${attr.name}="${attr.value.slice(0, 60)}">`;
    if (!ALLOWED_ATTRIBUTES.has(attr.name)) problems.push(`attribute ${where} is not allowed`);
    if (/^on/i.test(attr.localName)) problems.push(`event handler ${where}`);
    if (attr.localName === 'href') {
      const internal = attr.value.startsWith('#');
      const link = name === 'a' && HTTP_LINK.test(attr.value);
      if (!internal && !link) problems.push(`reference ${where} is neither #… nor an http(s) link on <a>`);
    }
    for (const [, , target] of attr.value.matchAll(URL_REFERENCE)) {
      if (!target?.startsWith('#')) problems.push(`external url() in ${where}`);
    }
    // An href was judged above (an https link may carry such words in its query).
    if (attr.localName !== 'href' && /javascript:|vbscript:/i.test(attr.value)) {
      problems.push(`script URL in ${where}`);
    }
  }
  if (name === 'style') problems.push(...styleViolations(el.textContent ?? ''));
  return problems;
}

/** The one stylesheet holds the embedded font (a data: URL) and theme rules: nothing it could load. */
function styleViolations(css: string): string[] {
  const problems: string[] = [];
  if (/@import/i.test(css)) problems.push('@import in <style>');
  if (/expression\s*\(|javascript:|behavior\s*:/i.test(css)) problems.push('script in <style>');
  for (const [, , target] of css.matchAll(URL_REFERENCE)) {
    if (!target?.startsWith('#') && !target?.startsWith('data:font/')) {
      problems.push(`url(${target?.slice(0, 40)}) in <style> loads something from outside`);
    }
  }
  return problems;
}
