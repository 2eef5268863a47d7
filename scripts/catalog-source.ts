// Turns the aws-icons package into the source text of src/catalog/aws-types.generated.ts.
// Reading the icons is the only I/O; naming (ids and display names) is pure and deterministic.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type AwsCategory = 'service' | 'resource';

export interface IconFile {
  category: AwsCategory;
  /** File name without `.svg`, e.g. `AmazonDynamoDB`. */
  base: string;
  /** The `<title>` AWS gave the icon, e.g. `Icon-Architecture/48/Arch_Amazon-DynamoDB_48`, or '' if none. */
  title: string;
}

export interface AwsTypeRecord {
  id: string;
  name: string;
  category: AwsCategory;
  icon: string;
}

const FOLDERS: Record<AwsCategory, string> = {
  service: 'icons/architecture-service',
  resource: 'icons/resource',
};

/** Suffix a resource id gets when a service already owns the same id. */
export const RESOURCE_COLLISION_SUFFIX = '-resource';

const VENDOR = /^(amazon|aws)$/i;

/**
 * Words for splitting file names whose title does not help, beyond those found in any icon title:
 * joining words AWS writes in lower case, and product names no title spells out.
 */
const EXTRA_WORDS = [
  'and',
  'at',
  'for',
  'of',
  'on',
  'or',
  'to',
  'with',
  'bulb',
  'AgentCore',
  'PyTorch',
  'WorkSpaces',
];

/** Reads every service and resource icon under the aws-icons package root (the folder holding `icons/`). */
export function readIconFiles(packageRoot: string): IconFile[] {
  const files: IconFile[] = [];
  for (const category of ['service', 'resource'] as const) {
    const folder = join(packageRoot, FOLDERS[category]);
    const names = readdirSync(folder).filter((f) => f.endsWith('.svg'));
    for (const file of names.sort()) {
      const svg = readFileSync(join(folder, file), 'utf8');
      const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? '';
      files.push({ category, base: file.slice(0, -'.svg'.length), title });
    }
  }
  return files;
}

const alnum = (word: string): string => word.replace(/[^A-Za-z0-9]/g, '');

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function rawTitleWords(title: string): string[] {
  const last = decodeEntities(title).split('/').pop() ?? '';
  return last
    .replace(/^(Arch|Res)_/, '')
    .split(/[-_ ]+/)
    .filter((w) => w !== '' && !/^(32|48)$/.test(w));
}

/**
 * The words of an icon's title (`Res_Amazon-DynamoDB_Stream_48` -> Amazon, DynamoDB, Stream), or undefined
 * when the title is missing or names something other than the file (AWS renamed a few services since).
 */
export function titleWords(title: string, base: string): string[] | undefined {
  const words = rawTitleWords(title);
  const unthemed = /^(Light|Dark)$/.test(words.at(-1) ?? '') ? words.slice(0, -1) : words;
  for (const candidate of [words, unthemed]) {
    if (candidate.length > 0 && candidate.map(alnum).join('') === base) return candidate;
  }
  return undefined;
}

/**
 * Splits a flattened file name into words when no title helps: known words (taken from the titles of
 * other icons, so `DynamoDB` stays whole and `Officebuilding` splits) are cheap, CamelCase chunks dear.
 */
export function splitFileName(base: string, lexicon: ReadonlySet<string>): string[] {
  const vendor = /^(Amazon|AWS)(?=[A-Z])/.exec(base)?.[0];
  if (vendor !== undefined) return [vendor, ...splitFileName(base.slice(vendor.length), lexicon)];
  const chunk = /^(?:[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+)/;
  const cost: number[] = new Array<number>(base.length + 1).fill(Number.POSITIVE_INFINITY);
  const prev: number[] = new Array<number>(base.length + 1).fill(-1);
  cost[0] = 0;
  for (let i = 0; i < base.length; i++) {
    const here = cost[i] ?? Number.POSITIVE_INFINITY;
    if (here === Number.POSITIVE_INFINITY) continue;
    const steps: [number, number][] = [];
    for (let j = i + 1; j <= base.length; j++) {
      if (lexicon.has(base.slice(i, j))) steps.push([j, 1]);
    }
    const camel = chunk.exec(base.slice(i));
    if (camel) steps.push([i + camel[0].length, 3]);
    for (const [j, c] of steps) {
      if (here + c < (cost[j] ?? Number.POSITIVE_INFINITY)) {
        cost[j] = here + c;
        prev[j] = i;
      }
    }
  }
  const words: string[] = [];
  for (let j = base.length; j > 0; j = prev[j] ?? 0) words.unshift(base.slice(prev[j] ?? 0, j));
  return words;
}

/**
 * Drops a run of words that repeats the run just before it, ignoring vendor words, when more words
 * follow: Amazon EMR EMR Engine -> Amazon EMR Engine, but AWS App Mesh Mesh stays (the mesh resource).
 */
export function dropRepeatedRun(words: string[]): string[] {
  const significant = words.flatMap((w, i) => (VENDOR.test(w) ? [] : [i]));
  const key = (s: number): string => alnum(words[significant[s] ?? -1] ?? '').toLowerCase();
  for (let start = 0; start < significant.length; start++) {
    for (let k = 1; start + 2 * k < significant.length; k++) {
      let repeated = true;
      for (let n = 0; n < k && repeated; n++) repeated = key(start + n) === key(start + k + n);
      if (repeated) {
        const from = (significant[start + k - 1] ?? 0) + 1;
        const to = significant[start + 2 * k - 1] ?? from;
        return dropRepeatedRun([...words.slice(0, from), ...words.slice(to + 1)]);
      }
    }
  }
  return words;
}

/** `aws.<kebab>` from display words: vendor words go (unless last: "on AWS"), numbers join their word. */
export function idFromWords(words: string[]): string {
  const parts: string[] = [];
  words.forEach((word, i) => {
    const part = alnum(word).toLowerCase();
    if (part === '' || (VENDOR.test(part) && i < words.length - 1)) return;
    if (/^[0-9]+$/.test(part) && parts.length > 0) parts[parts.length - 1] += part;
    else parts.push(part);
  });
  return `aws.${parts.join('-')}`;
}

/** Hyphenated product words that titles spell with plain hyphens like every other space. */
const HYPHENATED = [
  'Add-on',
  'Blue/Green',
  'Cross-account',
  'Multi-AZ',
  'Multi-Region',
  'On-premises',
  'Site-to-Site',
  'Well-Architected',
  'X-Ray',
];

export function nameFromWords(words: string[]): string {
  let name = words.join(' ');
  for (const phrase of HYPHENATED) {
    name = name.replace(new RegExp(`\\b${phrase.replace(/[-/]/g, ' ')}\\b`, 'g'), phrase);
  }
  return name;
}

/** Names every icon, resolves service/resource id clashes and fails on any other duplicate. */
export function buildAwsTypes(files: readonly IconFile[]): AwsTypeRecord[] {
  const titled = files.map((file) => ({ file, words: titleWords(file.title, file.base) }));
  const lexicon = new Set<string>(EXTRA_WORDS);
  for (const word of files.flatMap((file) => rawTitleWords(file.title).map(alnum))) {
    if (word.length > 1) lexicon.add(word).add(word.toLowerCase());
  }
  const named = titled.map(({ file, words }) => {
    const display = dropRepeatedRun(words ?? splitFileName(file.base, lexicon));
    return {
      id: idFromWords(display),
      name: nameFromWords(display),
      category: file.category,
      icon: `${FOLDERS[file.category]}/${file.base}.svg`,
    };
  });
  const serviceIds = new Set(named.filter((t) => t.category === 'service').map((t) => t.id));
  const records = named.map((t) =>
    t.category === 'resource' && serviceIds.has(t.id)
      ? { ...t, id: `${t.id}${RESOURCE_COLLISION_SUFFIX}` }
      : t,
  );
  const seen = new Map<string, string>();
  for (const record of records) {
    const earlier = seen.get(record.id);
    if (earlier !== undefined)
      throw new Error(`duplicate catalog id '${record.id}': ${earlier} and ${record.icon}`);
    if (!/^aws\.[a-z0-9]+(-[a-z0-9]+)*$/.test(record.id))
      throw new Error(`malformed catalog id '${record.id}'`);
    seen.set(record.id, record.icon);
  }
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function renderCatalogSource(records: readonly AwsTypeRecord[], version: string): string {
  const lines = records.map(
    (r) =>
      `  { id: ${quote(r.id)}, name: ${quote(r.name)}, category: ${quote(r.category)}, icon: ${quote(r.icon)} },`,
  );
  return [
    `// Generated by scripts/generate-catalog.ts from aws-icons ${version}. Do not edit: run \`npm run generate\`.`,
    '',
    'export interface AwsTypeRecord {',
    '  readonly id: string;',
    '  readonly name: string;',
    "  readonly category: 'service' | 'resource';",
    '  /** Path inside the aws-icons package. */',
    '  readonly icon: string;',
    '}',
    '',
    'export const AWS_TYPES: readonly AwsTypeRecord[] = [',
    ...lines,
    '];',
    '',
  ].join('\n');
}

/** The full text of src/catalog/aws-types.generated.ts for the aws-icons package at `packageRoot`. */
export function generateCatalogSource(packageRoot: string): string {
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return renderCatalogSource(buildAwsTypes(readIconFiles(packageRoot)), version);
}
