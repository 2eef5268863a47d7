// The whole pipeline for one spec: validated Model -> laid-out Diagram -> the requested output.
// Layout and rendering modules load on first use, so validation-only callers never pay for them.

import type { Diagram } from './diagram/diagram.js';
import type { ElkEngine } from './layout/elk-engine.js';
import type { LayoutOptions } from './layout/layout.js';
import { inProcessRenderer, type SvgRenderer } from './render/renderer.js';
import type { ThemeName } from './render/theme.js';
import type { Model } from './spec/model.js';

export type OutputFormat = 'svg' | 'png' | 'json';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['svg', 'png', 'json'];

export interface OutputOptions {
  format: OutputFormat;
  theme: ThemeName;
  /** Where SVG rendering runs; in-process unless the caller passes a worker renderer. */
  renderer?: SvgRenderer;
  /** Where ELK runs; in-process unless the caller passes a worker engine (with a time budget). */
  elk?: ElkEngine;
}

export async function layout(model: Model, options: LayoutOptions = {}): Promise<Diagram> {
  const { layoutModel } = await import('./layout/layout.js');
  return layoutModel(model, options);
}

/** SVG and JSON are text; PNG is bytes. */
export async function renderDiagram(
  diagram: Diagram,
  options: OutputOptions & { format: 'svg' | 'json' },
): Promise<string>;
export async function renderDiagram(diagram: Diagram, options: OutputOptions): Promise<string | Uint8Array>;
export async function renderDiagram(diagram: Diagram, options: OutputOptions): Promise<string | Uint8Array> {
  if (options.format === 'json') {
    const { renderGeometryJson } = await import('./render/geometry-json.js');
    return renderGeometryJson(diagram);
  }
  const renderer = options.renderer ?? inProcessRenderer();
  const svg = await renderer.render(diagram, { theme: options.theme });
  if (options.format === 'svg') return svg;
  const { renderPng } = await import('./render/png.js');
  return renderPng(svg);
}

export async function renderModel(
  model: Model,
  options: OutputOptions & { format: 'svg' | 'json' },
): Promise<string>;
export async function renderModel(model: Model, options: OutputOptions): Promise<string | Uint8Array>;
export async function renderModel(model: Model, options: OutputOptions): Promise<string | Uint8Array> {
  return renderDiagram(await layout(model, options.elk ? { engine: options.elk } : {}), options);
}
