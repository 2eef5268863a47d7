// Where SVG rendering runs. Setting up jsdom costs ~0.2 s even bundled and cached (0.6 s from the
// package), so the CLI renders in a worker thread that starts it at once, in parallel with
// validation and the ELK layout on the main thread; batches then overlap layout and rendering.
// Library callers and tests render in-process.

import type { Diagram } from '../diagram/diagram.js';
import { workerClient } from '../runtime/worker-client.js';
import { diagramFontCss } from './diagram-font.js';
import type { RenderOptions } from './svg.js';

/** What the render worker is sent. */
export interface RenderJob {
  diagram: Diagram;
  options: RenderOptions;
}

export interface SvgRenderer {
  render(diagram: Diagram, options: RenderOptions): Promise<string>;
  close(): Promise<void>;
}

export function inProcessRenderer(): SvgRenderer {
  return {
    async render(diagram, options) {
      const { renderSvg } = await import('./svg.js');
      return renderSvg(diagram, options);
    },
    async close() {},
  };
}

/**
 * A renderer on a worker thread; in-process when running from TypeScript sources (tests). A worker
 * that died (it should not) is replaced on the next render, so a long watch session goes on.
 */
export function workerRenderer(): SvgRenderer {
  if (import.meta.url.endsWith('.ts')) return inProcessRenderer();
  const client = workerClient<RenderJob, string>(new URL('./render-worker.js', import.meta.url));
  return {
    async render(diagram, options) {
      // The font subset is made here while the worker is still loading jsdom.
      const fontCss = options.embedFont === false ? '' : (options.fontCss ?? (await diagramFontCss(diagram)));
      return client.request({ diagram, options: { ...options, fontCss } });
    },
    close: () => client.close(),
  };
}
