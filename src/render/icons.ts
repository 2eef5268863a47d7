// Turns icon files into <symbol> definitions: each icon is inlined once and placed with <use>.
// The icons are AWS's own artwork: their drawing is kept as is; only the file's <title> (which
// screen readers would read as a file name) is dropped and internal ids are made unique.

import { type IconRef, loadIconSvg } from '../catalog/catalog.js';

export interface IconSymbol {
  id: string;
  viewBox: string;
  /** The icon's markup inside its root <svg>. */
  content: string;
}

/** A deterministic, XML-safe id for an icon's symbol, derived from the type id. */
export function symbolId(typeId: string): string {
  return `icon-${typeId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

const cache = new Map<string, IconSymbol>();

export function iconSymbol(typeId: string, ref: IconRef): IconSymbol {
  const id = symbolId(typeId);
  const cached = cache.get(id);
  if (cached) return cached;
  const svg = loadIconSvg(ref);
  const root = /<svg\b([^>]*)>([\s\S]*)<\/svg>\s*$/.exec(svg);
  if (!root) throw new Error(`bug: icon for ${typeId} is not an SVG document`);
  const attributes = root[1] ?? '';
  const viewBox =
    /viewBox="([^"]+)"/.exec(attributes)?.[1] ??
    `0 0 ${/width="(\d+)/.exec(attributes)?.[1] ?? 64} ${/height="(\d+)/.exec(attributes)?.[1] ?? 64}`;
  const content = (root[2] ?? '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/\bid="([^"]+)"/g, `id="${id}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${id}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${id}-$1"`);
  const symbol = { id, viewBox, content };
  cache.set(id, symbol);
  return symbol;
}
