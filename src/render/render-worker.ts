// Worker thread entry: loads the SVG renderer and sets up its jsdom document as soon as it starts,
// while the main thread is still validating and laying out, then renders the diagrams it is sent.

import { parentPort } from 'node:worker_threads';
import type { Diagram } from '../layout/diagram.js';
import { prepareCanvas } from './canvas.js';
import { type RenderOptions, renderSvg } from './svg.js';

prepareCanvas();

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
