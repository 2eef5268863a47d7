// The type catalog: every node type a spec may name (AWS services and resources, groups, generic
// things), the aliases people use for them, and the SVG icon each one draws with.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPE_ALIASES } from './aliases.js';
import { AWS_TYPES } from './aws-types.generated.js';
import { GENERIC_TYPES } from './generic-types.js';
import { GROUP_TYPES } from './group-types.js';

export type TypeCategory = 'service' | 'resource' | 'group' | 'generic';

/** Where an icon lives: a path inside the aws-icons package, or inside this package (hand-drawn icons). */
export type IconRef = { package: 'aws-icons'; path: string } | { package: 'refarch'; path: string };

export interface CatalogEntry {
  /** The canonical id, e.g. `aws.dynamodb`; for an entry listed as an alias, the alias itself. */
  id: string;
  name: string;
  category: TypeCategory;
  icon: IconRef | null;
  /** Set only on alias entries from `listTypes`: the canonical id the alias stands for. */
  aliasOf?: string;
}

const CATEGORY_ORDER: readonly TypeCategory[] = ['service', 'resource', 'group', 'generic'];

interface CatalogIndex {
  byId: Map<string, CatalogEntry>;
  aliases: Map<string, string>;
  allIds: readonly string[];
}

let index: CatalogIndex | undefined;

// Built on first use so that importing the catalog stays cheap.
function catalogIndex(): CatalogIndex {
  if (index) return index;
  const byId = new Map<string, CatalogEntry>();
  const add = (entry: CatalogEntry): void => {
    if (byId.has(entry.id)) throw new Error(`catalog: duplicate type id '${entry.id}'`);
    byId.set(entry.id, entry);
  };
  for (const t of AWS_TYPES) {
    add({ id: t.id, name: t.name, category: t.category, icon: { package: 'aws-icons', path: t.icon } });
  }
  for (const entry of [...GROUP_TYPES, ...GENERIC_TYPES]) add(entry);
  const aliases = new Map<string, string>();
  for (const [alias, target] of Object.entries(TYPE_ALIASES)) {
    if (byId.has(alias)) throw new Error(`catalog: alias '${alias}' shadows a type id`);
    if (!byId.has(target)) throw new Error(`catalog: alias '${alias}' points at unknown type '${target}'`);
    aliases.set(alias, target);
  }
  const allIds = [...byId.keys(), ...aliases.keys()].sort(compareStrings);
  index = { byId, aliases, allIds };
  return index;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical entry for a type id or alias, or undefined if the catalog has no such type. */
export function resolveType(id: string): CatalogEntry | undefined {
  const { byId, aliases } = catalogIndex();
  return byId.get(aliases.get(id) ?? id);
}

/** Every canonical id and alias, sorted: the schema's type enum and the did-you-mean candidates. */
export function allTypeIds(): readonly string[] {
  return catalogIndex().allIds;
}

export function isGroupType(id: string): boolean {
  return resolveType(id)?.category === 'group';
}

/**
 * Types whose id or name contains every word of `query` (case-insensitive), sorted by category then id.
 * Aliases appear as their own entries with `aliasOf` set, so `refarch types s3` shows `aws.s3`.
 */
export function listTypes(query = ''): CatalogEntry[] {
  const { byId, aliases } = catalogIndex();
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const matches = (entry: CatalogEntry): boolean => {
    const haystack = `${entry.id} ${entry.name} ${entry.aliasOf ?? ''}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  };
  const entries: CatalogEntry[] = [...byId.values()];
  for (const [alias, target] of aliases) {
    const canonical = byId.get(target);
    if (canonical) entries.push({ ...canonical, id: alias, aliasOf: target });
  }
  return entries
    .filter(matches)
    .sort(
      (a, b) =>
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || compareStrings(a.id, b.id),
    );
}

let awsIconsRoot: string | undefined;
let packageRoot: string | undefined;

function rootOf(icon: IconRef): string {
  if (icon.package === 'aws-icons') {
    awsIconsRoot ??= dirname(createRequire(import.meta.url).resolve('aws-icons/package.json'));
    return awsIconsRoot;
  }
  packageRoot ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return packageRoot;
}

// The same walk works from src/catalog (tests, tsx) and from dist/catalog (the built package).
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`catalog: no package.json above ${from}`);
  }
}

/** Absolute path of an icon's SVG file. */
export function iconFilePath(icon: IconRef): string {
  return join(rootOf(icon), icon.path);
}

const svgCache = new Map<string, string>();

/** The icon's SVG text, read once and cached. A missing file is a catalog bug, so it throws. */
export function loadIconSvg(icon: IconRef): string {
  const path = iconFilePath(icon);
  let svg = svgCache.get(path);
  if (svg === undefined) {
    svg = readFileSync(path, 'utf8');
    svgCache.set(path, svg);
  }
  return svg;
}
