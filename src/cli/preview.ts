// What `refarch serve` shows, kept in memory: the spec files found, each one's diagnostics, and its
// SVG, rendered when first asked for and again after a change. While a spec has errors, the last SVG
// rendered without errors stays available, so the page keeps a picture next to the diagnostics. A
// layout over the budget is one more diagnostic of that version of the spec.

import type { Diagnostic } from '../diagnostics.js';
import { type ElkEngine, LayoutTimeoutError } from '../layout/elk-engine.js';
import { renderModel } from '../pipeline.js';
import type { ThemeName } from '../render/theme.js';
import type { SpecLimits } from '../spec/limits.js';
import type { Model } from '../spec/model.js';
import { findSpecFiles } from './files.js';
import { layoutTimeoutProblem } from './layout-budget.js';
import { type LoadedSpec, loadSpec } from './load.js';

export interface DiagramState {
  file: string;
  title: string;
  diagnostics: Diagnostic[];
  /** The URL of the SVG to show, or null when there is none yet. */
  svg: string | null;
  /** The spec has errors (its layout may have run out of time) and `svg` is its last version without. */
  showingLastGood: boolean;
}

export interface PreviewState {
  /** Goes up on every change, so a client can tell states apart. */
  generation: number;
  diagrams: DiagramState[];
  /** Problems with the paths themselves (a folder without specs, a missing file). */
  diagnostics: Diagnostic[];
}

interface Entry {
  version: number;
  loaded?: Promise<LoadedSpec>;
  /** The SVG of this version; undefined when its layout ran out of time. */
  svg?: Promise<string | undefined>;
  /** This version's layout ran out of time. */
  layoutTimeout?: Diagnostic;
  lastGood?: { version: number; svg: string; title: string };
}

export interface PreviewStoreOptions {
  limits: SpecLimits;
  theme: ThemeName;
  /** Where ELK runs, under the layout budget. */
  elk: ElkEngine;
  /** Told when a layout ran out of time (the page is then out of date). */
  onLayoutTimeout: (diagnostic: Diagnostic) => void;
}

export function svgUrl(file: string, version: number): string {
  return `/diagram.svg?file=${encodeURIComponent(file)}&v=${version}`;
}

export class PreviewStore {
  generation = 0;
  private files: string[] = [];
  private pathDiagnostics: Diagnostic[] = [];
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly inputs: readonly string[],
    private readonly options: PreviewStoreOptions,
  ) {}

  /** Finds the spec files again (one may have been added or removed). */
  async scan(): Promise<void> {
    const found = await findSpecFiles(this.inputs);
    this.files = found.files;
    this.pathDiagnostics = found.diagnostics;
    for (const file of this.entries.keys()) if (!this.files.includes(file)) this.entries.delete(file);
  }

  has(file: string): boolean {
    return this.files.includes(file);
  }

  /** Forgets what was computed for these files; they are read again when next asked for. */
  changed(files: readonly string[]): void {
    for (const file of files) {
      const entry = this.entries.get(file);
      if (!entry) continue;
      entry.version++;
      entry.loaded = undefined;
      entry.svg = undefined;
      entry.layoutTimeout = undefined;
    }
    this.generation++;
  }

  load(file: string): Promise<LoadedSpec> {
    const entry = this.entry(file);
    entry.loaded ??= loadSpec(file, this.options.limits);
    return entry.loaded;
  }

  /** The SVG to show for a spec: the current one, or the last one without errors; undefined if none. */
  async svg(file: string): Promise<string | undefined> {
    const entry = this.entry(file);
    const { model } = await this.load(file);
    if (!model) return entry.lastGood?.svg;
    if (!entry.svg) {
      const rendering = this.render(file, entry, model);
      // A failed render (a bug, reported by the server) is tried again on the next request, not cached.
      rendering.catch(() => {
        if (entry.svg === rendering) entry.svg = undefined;
      });
      entry.svg = rendering;
    }
    return (await entry.svg) ?? entry.lastGood?.svg;
  }

  /** Renders the entry's current version; undefined when its layout ran out of time. */
  private async render(file: string, entry: Entry, model: Model): Promise<string | undefined> {
    const version = entry.version;
    try {
      const svg = await renderModel(model, {
        format: 'svg',
        theme: this.options.theme,
        elk: this.options.elk,
      });
      if (entry.version === version) entry.lastGood = { version, svg, title: model.title ?? file };
      return svg;
    } catch (e) {
      if (!(e instanceof LayoutTimeoutError)) throw e;
      if (entry.version === version) {
        entry.layoutTimeout = layoutTimeoutProblem(file, e, 'no diagram was drawn');
        this.generation++;
        this.options.onLayoutTimeout(entry.layoutTimeout);
      }
      return undefined;
    }
  }

  async state(): Promise<PreviewState> {
    const generation = this.generation;
    const diagrams = await Promise.all(
      this.files.map(async (file): Promise<DiagramState> => {
        const entry = this.entry(file);
        const { model, diagnostics } = await this.load(file);
        const lastGood = entry.lastGood;
        if (model && !entry.layoutTimeout)
          return {
            file,
            title: model.title ?? file,
            diagnostics,
            svg: svgUrl(file, entry.version),
            showingLastGood: false,
          };
        return {
          file,
          title: model?.title ?? lastGood?.title ?? file,
          diagnostics: entry.layoutTimeout ? [...diagnostics, entry.layoutTimeout] : diagnostics,
          svg: lastGood ? svgUrl(file, lastGood.version) : null,
          showingLastGood: lastGood !== undefined,
        };
      }),
    );
    return { generation, diagrams, diagnostics: this.pathDiagnostics };
  }

  private entry(file: string): Entry {
    let entry = this.entries.get(file);
    if (!entry) {
      entry = { version: 0 };
      this.entries.set(file, entry);
    }
    return entry;
  }
}
