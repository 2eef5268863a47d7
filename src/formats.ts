// The output formats: one entry each, read by `render`, `check`, `embed` and the library, so a new
// format is one entry here and its renderer. Renderers load on first use.

import { type Diagnostic, diagnosticAt, plural } from './diagnostics.js';
import type { Diagram } from './diagram/diagram.js';

export type OutputFormat = 'svg' | 'png' | 'json' | 'drawio';

export interface FormatContext {
  /** The diagram as SVG, for formats drawn from it (rendered once, on the caller's renderer). */
  svg(): Promise<string>;
}

export interface FormatInfo {
  name: OutputFormat;
  /** The output file's extension, without the dot. */
  extension: string;
  /** What `refarch render --help` says it is. */
  summary: string;
  /** Bytes rather than UTF-8 text. */
  binary: boolean;
  /** Drawn from the SVG, so rendering needs the SVG renderer (and its worker on the command line). */
  fromSvg: boolean;
  /** `refarch check` requires this output for every spec; the others are compared when committed. */
  alwaysChecked: boolean;
  render(diagram: Diagram, context: FormatContext): Promise<string | Uint8Array>;
  /** What the format could not carry over from the diagram, as warnings on the spec `file`. */
  warnings?(diagram: Diagram, file: string): Promise<Diagnostic[]>;
}

export const FORMATS: readonly FormatInfo[] = [
  {
    name: 'svg',
    extension: 'svg',
    summary: 'self-contained SVG (icons and font subset inlined)',
    binary: false,
    fromSvg: true,
    alwaysChecked: true,
    render: (_diagram, { svg }) => svg(),
  },
  {
    name: 'png',
    extension: 'png',
    summary: 'PNG at twice the size, drawn from the SVG by resvg',
    binary: true,
    fromSvg: true,
    alwaysChecked: false,
    render: async (_diagram, { svg }) => (await import('./render/png.js')).renderPng(await svg()),
  },
  {
    name: 'json',
    extension: 'json',
    summary: 'every box, line and label in absolute coordinates',
    binary: false,
    fromSvg: false,
    alwaysChecked: false,
    render: async (diagram) => (await import('./render/geometry-json.js')).renderGeometryJson(diagram),
  },
  {
    name: 'drawio',
    extension: 'drawio',
    summary: 'editable draw.io (diagrams.net) file with AWS shapes and containers',
    binary: false,
    fromSvg: false,
    alwaysChecked: false,
    render: async (diagram) => (await import('./render/drawio.js')).renderDrawio(diagram),
    // Types draw.io's AWS library has no shape for are drawn as plain boxes.
    warnings: async (diagram, file) => {
      const types = (await import('./render/drawio.js')).drawioFallbackTypes(diagram);
      if (types.length === 0) return [];
      return [
        diagnosticAt(
          file,
          { line: 0, column: 0 },
          'warning',
          'drawio-generic-shape',
          `draw.io's AWS library has no shape for ${plural(types.length, 'type')} (${types.join(', ')}): drawn as plain boxes with their labels`,
        ),
      ];
    },
  },
];

export const OUTPUT_FORMATS: readonly OutputFormat[] = FORMATS.map((f) => f.name);

export function formatInfo(name: OutputFormat): FormatInfo {
  const info = FORMATS.find((f) => f.name === name);
  if (!info) throw new Error(`bug: unknown output format '${name}'`);
  return info;
}
