// What `refarch serve` shows, kept in memory: the spec files found, each one's diagnostics, and its
// SVG, rendered when first asked for and again after a change. While a spec has errors, the last SVG
// rendered without errors stays available, so the page keeps a picture next to the diagnostics.

import type { Diagnostic } from '../diagnostics.js';
import { renderModel } from '../pipeline.js';
import type { ThemeName } from '../render/theme.js';
import type { SpecLimits } from '../spec/limits.js';
import { findSpecFiles } from './files.js';
import { type LoadedSpec, loadSpec } from './load.js';

export interface DiagramState {
  file: string;
  title: string;
  diagnostics: Diagnostic[];
  /** The URL of the SVG to show, or null when there is none yet. */
  svg: string | null;
  /** The spec has errors and `svg` is its last version without errors. */
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
  svg?: Promise<string>;
  lastGood?: { version: number; svg: string; title: string };
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
    private readonly limits: SpecLimits,
    private readonly theme: ThemeName,
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
    }
    this.generation++;
  }

  load(file: string): Promise<LoadedSpec> {
    const entry = this.entry(file);
    entry.loaded ??= loadSpec(file, this.limits);
    return entry.loaded;
  }

  /** The SVG to show for a spec: the current one, or the last one without errors; undefined if none. */
  async svg(file: string): Promise<string | undefined> {
    const entry = this.entry(file);
    const { model } = await this.load(file);
    if (!model) return entry.lastGood?.svg;
    if (!entry.svg) {
      const version = entry.version;
      const rendering = renderModel(model, { format: 'svg', theme: this.theme }).then((svg) => {
        if (entry.version === version) entry.lastGood = { version, svg, title: model.title };
        return svg;
      });
      // A failed render (a bug) is retried on the next request rather than cached.
      rendering.catch(() => {
        if (entry.svg === rendering) entry.svg = undefined;
      });
      entry.svg = rendering;
    }
    return entry.svg;
  }

  async state(): Promise<PreviewState> {
    const generation = this.generation;
    const diagrams = await Promise.all(
      this.files.map(async (file): Promise<DiagramState> => {
        const entry = this.entry(file);
        const { model, diagnostics } = await this.load(file);
        const lastGood = entry.lastGood;
        if (model)
          return {
            file,
            title: model.title,
            diagnostics,
            svg: svgUrl(file, entry.version),
            showingLastGood: false,
          };
        return {
          file,
          title: lastGood?.title ?? file,
          diagnostics,
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
