// The whole pipeline for one spec: validated Model -> laid-out Diagram -> the requested output.
// Layout and rendering modules load on first use, so validation-only callers never pay for them.
// `layout` and `renderModel` run ELK where the caller says, on this thread by default (the build's
// code-cache recording and the in-process benchmark rely on that); the public API exports their
// budgeted forms, which default to a worker thread under the layout budget, like every command.

import type { Diagram } from './diagram/diagram.js';
import { formatInfo, type OutputFormat } from './formats.js';
import { DEFAULT_LAYOUT_TIMEOUT_SECONDS, type ElkEngine, sharedWorkerElk } from './layout/elk-engine.js';
import type { LayoutOptions } from './layout/layout.js';
import { inProcessRenderer, type SvgRenderer } from './render/renderer.js';
import type { ThemeName } from './render/theme.js';
import type { Model } from './spec/model.js';

export { OUTPUT_FORMATS, type OutputFormat } from './formats.js';

export interface OutputOptions {
  format: OutputFormat;
  theme: ThemeName;
  /** Where SVG rendering runs; in-process unless the caller passes a worker renderer. */
  renderer?: SvgRenderer;
  /** Where ELK runs; in-process unless the caller passes a worker engine (with a time budget). */
  elk?: ElkEngine;
}

/** The layout time budget of the public API: the library's `--layout-timeout`. */
export interface LayoutBudget {
  /**
   * Seconds one layout may take (default `DEFAULT_LAYOUT_TIMEOUT_SECONDS`, as on the command line):
   * ELK runs on a worker thread that is stopped when a layout takes longer, and the call rejects
   * with a `LayoutTimeoutError`. Not used with an engine of the caller's: that engine keeps its own.
   */
  layoutTimeout?: number;
}

/** The caller's engine, else the shared ELK worker under `layoutTimeout` seconds. */
function budgetedEngine(
  engine: ElkEngine | undefined,
  layoutTimeout = DEFAULT_LAYOUT_TIMEOUT_SECONDS,
): ElkEngine {
  if (engine) return engine;
  if (!(layoutTimeout > 0))
    throw new RangeError(`layoutTimeout must be a positive number of seconds, not ${layoutTimeout}`);
  return sharedWorkerElk(layoutTimeout * 1000);
}

export async function layout(model: Model, options: LayoutOptions = {}): Promise<Diagram> {
  const { layoutModel } = await import('./layout/layout.js');
  return layoutModel(model, options);
}

/** The formats that are text; the others (PNG) are bytes. */
type TextFormat = Exclude<OutputFormat, 'png'>;

export async function renderDiagram(
  diagram: Diagram,
  options: OutputOptions & { format: TextFormat },
): Promise<string>;
export async function renderDiagram(diagram: Diagram, options: OutputOptions): Promise<string | Uint8Array>;
export async function renderDiagram(diagram: Diagram, options: OutputOptions): Promise<string | Uint8Array> {
  return formatInfo(options.format).render(diagram, {
    svg: () => (options.renderer ?? inProcessRenderer()).render(diagram, { theme: options.theme }),
  });
}

export async function renderModel(
  model: Model,
  options: OutputOptions & { format: TextFormat },
): Promise<string>;
export async function renderModel(model: Model, options: OutputOptions): Promise<string | Uint8Array>;
export async function renderModel(model: Model, options: OutputOptions): Promise<string | Uint8Array> {
  return renderDiagram(await layout(model, options.elk ? { engine: options.elk } : {}), options);
}

/** The library's `layout`: without an engine of the caller's, under the layout budget. */
export async function budgetedLayout(
  model: Model,
  { layoutTimeout, ...options }: LayoutOptions & LayoutBudget = {},
): Promise<Diagram> {
  return layout(model, { ...options, engine: budgetedEngine(options.engine, layoutTimeout) });
}

/** The library's `renderModel`: without an engine of the caller's, under the layout budget. */
export async function budgetedRenderModel(
  model: Model,
  options: OutputOptions & LayoutBudget & { format: TextFormat },
): Promise<string>;
export async function budgetedRenderModel(
  model: Model,
  options: OutputOptions & LayoutBudget,
): Promise<string | Uint8Array>;
export async function budgetedRenderModel(
  model: Model,
  { layoutTimeout, ...options }: OutputOptions & LayoutBudget,
): Promise<string | Uint8Array> {
  return renderModel(model, { ...options, elk: budgetedEngine(options.elk, layoutTimeout) });
}
