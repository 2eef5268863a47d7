// svg.js needs a DOM: one jsdom XML document serves every render in the process, so the serializer
// writes XML (self-closing tags, escaped text) and the cost of starting jsdom is paid once.

import { registerWindow, SVG, type Svg } from '@svgdotjs/svg.js';
import { loadJsdom } from '../runtime/vendor.js';

let serializer: { serializeToString(node: Node): string } | undefined;

/** Sets up the document once per thread; a render worker calls this while it waits for work. */
export function prepareCanvas(): void {
  if (!serializer) {
    const { JSDOM } = loadJsdom();
    const { window } = new JSDOM('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', {
      contentType: 'image/svg+xml',
    });
    registerWindow(window as unknown as Window, window.document as unknown as Document);
    serializer = new window.XMLSerializer();
  }
}

export function svgCanvas(): Svg {
  prepareCanvas();
  return SVG();
}

/** XML markup of a canvas, without the bookkeeping namespaces svg.js adds to the root. */
export function serializeSvg(root: Svg): string {
  for (const name of ['xmlns:svgjs', 'xmlns', 'xmlns:xlink', 'version']) root.node.removeAttribute(name);
  return `${serializer!.serializeToString(root.node)}\n`;
}
