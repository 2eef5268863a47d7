// The HTML that `refarch embed` writes between the markers: a <picture> that GitHub (and any
// browser) shows in light or dark to match the reader, with the spec's title and description as alt text.

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One line (a blank line would end the HTML block in Markdown): "Title — description", or what
 *  there is of the two; `fallback` (the file's name) when the spec has neither. */
export function altText(
  title: string | undefined,
  description: string | undefined,
  fallback: string,
): string {
  const text =
    title !== undefined && description ? `${title} — ${description}` : (title ?? description ?? fallback);
  return text.replace(/\s+/g, ' ').trim();
}

/** A relative file path as a URL path: forward slashes, each segment percent-encoded. */
export function urlPath(relativePath: string): string {
  return relativePath
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export interface PictureSources {
  /** URL paths, relative to the Markdown file. */
  light: string;
  dark: string;
  alt: string;
}

/** The block content: whole lines, each ending with `eol`. */
export function pictureMarkup({ light, dark, alt }: PictureSources, eol: string): string {
  return [
    '<picture>',
    `  <source media="(prefers-color-scheme: dark)" srcset="${escapeHtml(dark)}">`,
    `  <img src="${escapeHtml(light)}" alt="${escapeHtml(alt)}">`,
    '</picture>',
    '',
  ].join(eol);
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * The folder (relative to the Markdown file, with the platform's separators) of the light image a
 * block already shows, so a later run keeps the images where the first run put them; undefined for
 * an empty block or an image that is a URL or an absolute path.
 */
export function imageFolderOf(content: string): string | undefined {
  const src = /<img\s[^>]*?\bsrc="([^"]*)"/.exec(content)?.[1];
  if (!src || /^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(src)) return undefined;
  let decoded: string[];
  try {
    decoded = src
      .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
      .split('/')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  if (decoded.length < 2) return '.';
  return decoded.slice(0, -1).join('/');
}
