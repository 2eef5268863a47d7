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

type Arrow = 'end' | 'start' | 'both' | 'none';

/** Renders a two-node diagram with one line, through the PNG renderer, and says whether each end
 *  of the line has an arrowhead: dark pixels either side of the line just back from its tip. */
async function arrowheads(direction: string, arrow: Arrow): Promise<{ start: boolean; end: boolean }> {
  const spec = `refarch: 1\ntitle: Arrows\ndirection: ${direction}\nnodes:\n  a: { type: aws.lambda, label: A }\n  b: { type: aws.sqs, label: B }\nedges:\n  - { from: a, to: b, arrow: ${arrow} }\n`;
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
  const headAt = (tip: [number, number], next: [number, number]): boolean => {
    const along: [number, number] = [Math.sign(next[0] - tip[0]), Math.sign(next[1] - tip[1])];
    // 6 px back from the tip and 2 px to the side: inside the 7-px arrowhead (3 px wide each
    // side there), off the 1.5-px line; 12 px back only the line is left.
    const side: [number, number] = [along[1], along[0]];
    const at = (back: number, off: number): [number, number] => [
      (tip[0] + along[0] * back + side[0] * off) * ZOOM,
      (tip[1] + along[1] * back + side[1] * off) * ZOOM,
    ];
    const head = [2, -2].every((off) => dark(pixels, image.width, ...at(6, off)));
    expect(dark(pixels, image.width, ...at(12, 2)), 'only the line 12 px back from a tip').toBe(false);
    return head;
  };
  return {
    start: headAt(points[0]!, points[1]!),
    end: headAt(points.at(-1)!, points.at(-2)!),
  };
}

describe('arrowheads in the PNG', () => {
  for (const direction of ['left', 'up', 'right', 'down'] as const) {
    it(`are drawn at the target of a line that runs ${direction}`, async () => {
      expect(await arrowheads(direction, 'end')).toEqual({ start: false, end: true });
    });

    it(`are drawn at the source of a line that runs ${direction}, with arrow: start`, async () => {
      expect(await arrowheads(direction, 'start')).toEqual({ start: true, end: false });
    });
  }

  it('are drawn at both ends with arrow: both, and at neither with arrow: none', async () => {
    expect(await arrowheads('right', 'both')).toEqual({ start: true, end: true });
    expect(await arrowheads('down', 'none')).toEqual({ start: false, end: false });
  });
});
