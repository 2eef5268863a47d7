// Worker thread entry: loads the SVG renderer (and so jsdom) as soon as it starts, then renders
// the diagrams the main thread sends.

import { parentPort } from 'node:worker_threads';
import type { Diagram } from '../layout/diagram.js';
import { type RenderOptions, renderSvg } from './svg.js';

interface Job {
  id: number;
  diagram: Diagram;
  options: RenderOptions;
}

parentPort?.on('message', (job: Job) => {
  renderSvg(job.diagram, job.options).then(
    (svg) => parentPort?.postMessage({ id: job.id, svg }),
    (e: unknown) =>
      parentPort?.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
