// Worker thread entry: loads the SVG renderer and sets up its jsdom document as soon as it starts,
// while the main thread is still validating and laying out, then renders the diagrams it is sent.

import { serveRequests } from '../runtime/worker-client.js';
import { prepareCanvas } from './canvas.js';
import type { RenderJob } from './renderer.js';
import { renderSvg } from './svg.js';

prepareCanvas();

serveRequests(({ diagram, options }: RenderJob) => renderSvg(diagram, options));
