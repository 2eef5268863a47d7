import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { layout, renderDiagram } from '../../src/pipeline.js';
import { fontFilePaths } from '../../src/render/font-embed.js';
import { validateText } from '../../src/spec/validate.js';

/** Whether the pixel at (x, y) of an RGBA raster is dark (a line or an arrowhead, not the page). */
function dark(pixels: Uint8Array, width: number, x: number, y: number): boolean {
  const i = (Math.round(y) * width + Math.round(x)) * 4;
  return pixels[i]! < 160 && pixels[i + 1]! < 160 && pixels[i + 2]! < 160;
}

const ZOOM = 4;

describe('arrowheads in the PNG', () => {
  for (const direction of ['left', 'up', 'right', 'down'] as const) {
    it(`are drawn at the target of a line that runs ${direction}`, async () => {
      const spec = `refarch: 1\ntitle: Arrows\ndirection: ${direction}\nnodes:\n  a: { type: aws.lambda, label: A }\n  b: { type: aws.sqs, label: B }\nedges:\n  - { from: a, to: b }\n`;
      const { model } = validateText(spec, 'arrows.yaml');
      const diagram = await layout(model!);
      const svg = (await renderDiagram(diagram, { format: 'svg', theme: 'light' })) as string;
      // The same rasteriser the PNG output uses, read back as pixels.
      const image = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: ZOOM },
        font: { fontFiles: fontFilePaths(), loadSystemFonts: false, defaultFontFamily: 'Pretendard' },
      }).render();
      const pixels = new Uint8Array(image.pixels);
      const points = diagram.edges[0]!.points;
      const [end, before] = [points.at(-1)!, points.at(-2)!];
      const along: [number, number] = [Math.sign(before[0] - end[0]), Math.sign(before[1] - end[1])];
      // 6 px back from the tip and 2 px to the side: inside the 7-px arrowhead (3 px wide each
      // side there), off the 1.5-px line.
      const side: [number, number] = [along[1], along[0]];
      const at = (back: number, off: number): [number, number] => [
        (end[0] + along[0] * back + side[0] * off) * ZOOM,
        (end[1] + along[1] * back + side[1] * off) * ZOOM,
      ];
      for (const off of [2, -2]) expect(dark(pixels, image.width, ...at(6, off))).toBe(true);
      // Past the arrowhead only the line is left.
      expect(dark(pixels, image.width, ...at(12, 2))).toBe(false);
    });
  }
});
