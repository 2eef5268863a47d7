// PNG without a browser: resvg draws the SVG with the same font files the layout measured
// (resvg ignores @font-face, so the files are passed directly).

import { Resvg } from '@resvg/resvg-js';
import { fontFilePaths } from './font-embed.js';

export function renderPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: fontFilePaths(), loadSystemFonts: false, defaultFontFamily: 'Pretendard' },
  });
  return resvg.render().asPng();
}
