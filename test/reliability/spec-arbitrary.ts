// fast-check arbitraries for refarch specs: small valid specs (groups nested by the AWS placement
// rules, some of them empty, 1-25 leaves, edges with list endpoints, arrowheads, colours and end
// labels, steps with their legend, overlays, with or without a title) whose text is
// full of markup, unicode and Object.prototype names, and mutations that break them.

import fc from 'fast-check';
import { stringify } from 'yaml';
// XML 1.0 cannot hold these, so the validator rejects them; valid specs never contain them.
import { NOT_XML } from '../../src/xml-chars.js';

/** Leaf types: services, resources and generic things with icons of every kind. */
const LEAF_TYPES = [
  'aws.lambda',
  'aws.sqs',
  'aws.dynamodb',
  'aws.s3',
  'aws.ec2',
  'aws.rds',
  'aws.api-gateway',
  'aws.sns',
  'generic.users',
  'generic.pod',
  'generic.mobile-client',
  'generic.server',
] as const;

/** Services drawn as groups when they have children (an EKS cluster holding pods). */
const SERVICE_GROUPS = ['aws.eks', 'aws.ecs'] as const;

const FREE_GROUPS = [
  'group.aws-cloud',
  'group.aws-account',
  'group.generic',
  'group.security-group',
  'group.auto-scaling-group',
  'group.corporate-data-center',
  'group.ec2-instance-contents',
  'group.spot-fleet',
  'group.server-contents',
] as const;

const SUBNETS = ['group.public-subnet', 'group.private-subnet'];

/** The group types the placement rules allow under these ancestors (outermost first). */
export function allowedGroupTypes(ancestors: readonly string[]): string[] {
  const has = (...types: string[]) => ancestors.some((t) => types.includes(t));
  const allowed: string[] = [...FREE_GROUPS, ...SERVICE_GROUPS];
  if (ancestors.every((t) => t === 'group.aws-cloud' || t === 'group.aws-account'))
    allowed.push('group.region');
  if (
    (ancestors.length === 0 || has('group.region', 'group.aws-account', 'group.aws-cloud')) &&
    !has('group.vpc', 'group.availability-zone', ...SUBNETS)
  )
    allowed.push('group.vpc');
  if (has('group.region', 'group.vpc')) allowed.push('group.availability-zone');
  if (has('group.vpc')) allowed.push(...SUBNETS);
  return allowed;
}

const NASTY_TEXT = [
  '<script>alert(1)</script>',
  '</text><script>alert(1)</script>',
  ']]>',
  '<!-- x -->',
  '<?xml version="1.0"?>',
  '&#x3C;script&#x3E;',
  '&amp; &lt; &gt;',
  '" onload="alert(1)',
  "' onmouseover='alert(1)",
  'A & B < C > D',
  '주문 처리 서버',
  'مرحبا بالعالم',
  'שלום',
  '👩‍👩‍👧‍👦 🏳️‍🌈',
  'e\u0301\u0301',
  '\u202Eevil\u202C',
  'zero\u200Bwidth',
  'url(https://evil.example/x)',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
];

/** Text a spec may hold: markup, scripts, bidi, emoji, and random graphemes. */
export const textArb = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.constantFrom(...NASTY_TEXT),
      fc.string({ unit: 'grapheme', maxLength }),
      fc.string({ unit: 'grapheme-ascii', maxLength }),
      fc.array(fc.constantFrom(...NASTY_TEXT, ' ', 'x'), { maxLength: 4 }).map((parts) => parts.join('')),
    )
    .map((s) => s.slice(0, maxLength))
    .filter((s) => !NOT_XML.test(s));

const LINKS = [
  'https://aws.amazon.com/lambda/',
  'http://example.com/?a=1&b=<2>',
  'https://example.com/#"><script>alert(1)</script>',
  'https://user:pass@example.com:8080/p;q?r#s',
  'https://例え.jp/パス',
];

const OBJECT_MEMBER_IDS = [
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
  'isPrototypeOf',
];

const idArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...OBJECT_MEMBER_IDS) },
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/) },
);

interface RawLeaf {
  kind: 'leaf';
  pick: number;
  label: string | null;
  note: string | null;
  tooltip: string | null;
  link: number | null;
}

interface RawGroup {
  kind: 'group';
  pick: number;
  label: string | null;
  /** Drawn empty (a placeholder) instead of with its children: with `children: {}`, or for a group
   *  type also without the key. */
  empty: 'no' | 'empty-map' | 'no-key';
  children: RawTree[];
}

type RawTree = RawLeaf | RawGroup;

const leafArb: fc.Arbitrary<RawLeaf> = fc.record({
  kind: fc.constant('leaf' as const),
  pick: fc.nat(),
  label: fc.option(textArb(40)),
  note: fc.option(textArb(30)),
  tooltip: fc.option(textArb(60)),
  link: fc.option(fc.nat()),
});

const { tree } = fc.letrec<{ tree: RawTree; group: RawGroup }>((tie) => ({
  tree: fc.oneof({ maxDepth: 4, depthIdentifier: 'tree' }, leafArb, leafArb, tie('group')),
  group: fc.record({
    kind: fc.constant('group' as const),
    pick: fc.nat(),
    label: fc.option(textArb(30)),
    empty: fc.constantFrom(
      'no' as const,
      'no' as const,
      'no' as const,
      'no' as const,
      'empty-map' as const,
      'no-key' as const,
    ),
    children: fc.array(tie('tree'), { minLength: 1, maxLength: 4, depthIdentifier: 'tree' }),
  }),
}));

interface RawEdge {
  from: number[];
  to: number[];
  list: [boolean, boolean];
  label: string | null;
  style: 'sync' | 'async' | null;
  step: number | null;
  arrow: 'end' | 'start' | 'both' | 'none' | null;
  color: string | null;
  sourceLabel: string | null;
  targetLabel: string | null;
}

const edgeArb: fc.Arbitrary<RawEdge> = fc.record({
  from: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
  to: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
  list: fc.tuple(fc.boolean(), fc.boolean()),
  label: fc.option(textArb(30)),
  style: fc.option(fc.constantFrom('sync' as const, 'async' as const)),
  step: fc.option(fc.integer({ min: 1, max: 12 })),
  arrow: fc.option(fc.constantFrom('end' as const, 'start' as const, 'both' as const, 'none' as const)),
  color: fc.option(fc.constantFrom('orange', 'blue', 'teal', 'purple', 'red', 'gray')),
  sourceLabel: fc.option(textArb(20)),
  targetLabel: fc.option(textArb(20)),
});

export interface SpecCase {
  spec: Record<string, unknown>;
  format: 'yaml' | 'json';
}

const MAX_LEAVES = 25;

/** Builds the spec's node map, choosing each group's type among those its ancestors allow. */
function buildNodes(
  raw: RawTree[],
  pool: string[],
  leaves: string[],
  used: Set<string>,
): Record<string, unknown> {
  const nextId = (): string => {
    const id = pool.find((candidate) => !used.has(candidate)) ?? `node${used.size}`;
    used.add(id);
    return id;
  };
  const build = (items: RawTree[], ancestors: string[]): Record<string, unknown> => {
    const map: Record<string, unknown> = {};
    for (const item of items) {
      if (item.kind === 'leaf') {
        if (leaves.length >= MAX_LEAVES) continue;
        const id = nextId();
        leaves.push(id);
        map[id] = {
          type: LEAF_TYPES[item.pick % LEAF_TYPES.length],
          ...(item.label === null ? {} : { label: item.label }),
          ...(item.note === null ? {} : { note: item.note }),
          ...(item.tooltip === null ? {} : { tooltip: item.tooltip }),
          ...(item.link === null ? {} : { link: LINKS[item.link % LINKS.length] }),
        };
        continue;
      }
      const allowed = allowedGroupTypes(ancestors);
      const type = allowed[item.pick % allowed.length]!;
      if (item.empty !== 'no') {
        // A service with no `children:` key is a leaf: it keeps the empty map to be a group.
        const key = item.empty === 'empty-map' || !type.startsWith('group.');
        map[nextId()] = {
          type,
          ...(item.label === null ? {} : { label: item.label }),
          ...(key ? { children: {} } : {}),
        };
        continue;
      }
      const children = build(item.children, [...ancestors, type]);
      // A service without children is a leaf, not a group; a group keeps at least one child.
      if (Object.keys(children).length === 0) continue;
      map[nextId()] = { type, ...(item.label === null ? {} : { label: item.label }), children };
    }
    return map;
  };
  return build(raw, []);
}

function buildEdges(raw: RawEdge[], leaves: string[]) {
  const edges: Record<string, unknown>[] = [];
  for (const e of raw) {
    const from = [...new Set(e.from.map((i) => leaves[i % leaves.length]!))];
    const to = [...new Set(e.to.map((i) => leaves[i % leaves.length]!))];
    if (from.some((id) => to.includes(id))) continue; // self-edges are warnings, not wanted here
    edges.push({
      from: e.list[0] || from.length > 1 ? from : from[0],
      to: e.list[1] || to.length > 1 ? to : to[0],
      ...(e.label === null ? {} : { label: e.label }),
      ...(e.style === null ? {} : { style: e.style }),
      ...(e.step === null ? {} : { step: e.step }),
      ...(e.arrow === null ? {} : { arrow: e.arrow }),
      ...(e.color === null ? {} : { color: e.color }),
      // An end label on the shared end of a list would be drawn once per line: refused, so not made.
      ...(e.sourceLabel === null || to.length > 1 ? {} : { sourceLabel: e.sourceLabel }),
      ...(e.targetLabel === null || from.length > 1 ? {} : { targetLabel: e.targetLabel }),
    });
  }
  return edges;
}

/** A valid spec of 1-25 leaves, as YAML or JSON. */
export const validSpecArb: fc.Arbitrary<SpecCase> = fc
  .record({
    roots: fc.array(tree, { minLength: 1, maxLength: 5 }),
    ids: fc.uniqueArray(idArb, { minLength: 80, maxLength: 80 }),
    edges: fc.array(edgeArb, { maxLength: 15 }),
    title: fc.option(
      textArb(60).filter((t) => t.length > 0),
      { freq: 4 },
    ),
    description: fc.option(textArb(120)),
    source: fc.option(textArb(60)),
    direction: fc.option(fc.constantFrom('right', 'down', 'left', 'up')),
    legend: fc.array(textArb(60), { minLength: 12, maxLength: 12 }),
    overlay: fc.option(
      fc.record({
        members: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
        label: fc.option(textArb(20)),
        style: fc.option(fc.constantFrom('dashed' as const, 'solid' as const)),
      }),
    ),
    format: fc.constantFrom('yaml' as const, 'json' as const),
  })
  .map((raw) => {
    const leaves: string[] = [];
    const used = new Set<string>();
    const nodes = buildNodes(raw.roots, raw.ids, leaves, used);
    if (leaves.length === 0) {
      leaves.push('only');
      nodes.only = { type: 'aws.lambda' };
      used.add('only');
    }
    const edges = buildEdges(raw.edges, leaves);
    const steps = [...new Set(edges.map((e) => e.step).filter((s): s is number => typeof s === 'number'))];
    const overlayId = raw.ids.find((id) => !used.has(id)) ?? 'overlayGroup';
    const spec: Record<string, unknown> = {
      refarch: 1,
      ...(raw.title === null ? {} : { title: raw.title }),
      ...(raw.description === null ? {} : { description: raw.description }),
      ...(raw.source === null ? {} : { source: raw.source }),
      ...(raw.direction === null ? {} : { direction: raw.direction }),
      nodes,
      ...(edges.length > 0 ? { edges } : {}),
      ...(steps.length > 0
        ? {
            steps: Object.fromEntries(
              steps.sort((a, b) => a - b).map((s) => [String(s), raw.legend[s - 1]!]),
            ),
          }
        : {}),
      ...(raw.overlay && !used.has(overlayId)
        ? {
            overlays: {
              [overlayId]: {
                type: 'group.auto-scaling-group',
                ...(raw.overlay.label === null ? {} : { label: raw.overlay.label }),
                ...(raw.overlay.style === null ? {} : { style: raw.overlay.style }),
                members: [...new Set(raw.overlay.members.map((i) => leaves[i % leaves.length]!))],
              },
            },
          }
        : {}),
    };
    return { spec, format: raw.format };
  });

export function specText({ spec, format }: SpecCase): string {
  return format === 'json' ? `${JSON.stringify(spec, null, 2)}\n` : stringify(spec, { lineWidth: 0 });
}

// --- mutations

type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const found: Path[] = [at];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      found.push(...paths(item, [...at, i]));
    });
  } else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...at, key]));
  return found;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let current = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) current = current[segment] as Record<string | number, unknown>;
  return current;
}

export type Mutation =
  | { kind: 'delete-key'; at: number }
  | { kind: 'change-type'; at: number; value: unknown }
  | { kind: 'swap-ids'; a: number; b: number }
  | { kind: 'insert-junk'; at: number; junk: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'insert-bytes'; at: number; bytes: Uint8Array };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-key' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('change-type' as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        null,
        0,
        -1,
        1.5,
        '',
        'x',
        true,
        [],
        {},
        ['a'],
        JSON.parse('{"__proto__": {"polluted": 1}}'),
      ),
    ),
  }),
  fc.record({ kind: fc.constant('swap-ids' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('insert-junk' as const),
    at: fc.nat(),
    junk: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
      fc.constantFrom(
        ':',
        '- ',
        '{',
        '}',
        '[',
        ']',
        '"',
        "'",
        '&a ',
        '*a',
        '!!binary ',
        '? ',
        '\t',
        '\n  ',
        '#',
        '%',
        '@',
        '`',
        '|',
        '>',
        '---\n',
        '<<: ',
      ),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert-bytes' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }),
  }),
);

/** Applies a mutation; structural ones change the spec before it is written, textual ones the text. */
export function mutate(specCase: SpecCase, mutation: Mutation): Uint8Array {
  const spec = structuredClone(specCase.spec);
  const all = paths(spec).filter((p) => p.length > 0);
  const pick = (n: number) => all[n % all.length]!;
  if (mutation.kind === 'delete-key' || mutation.kind === 'change-type') {
    const path = pick(mutation.at);
    const parent = parentOf(spec, path)!;
    const key = path[path.length - 1]!;
    if (mutation.kind === 'change-type') parent[key] = mutation.value;
    else if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    return new TextEncoder().encode(specText({ spec, format: specCase.format }));
  }
  const text = specText(specCase);
  if (mutation.kind === 'swap-ids') {
    const ids = [...new Set([...text.matchAll(/([A-Za-z][A-Za-z0-9_-]*):/g)].map((m) => m[1]!))];
    const a = ids[mutation.a % ids.length] ?? 'a';
    const b = ids[mutation.b % ids.length] ?? 'b';
    const swapped = text.replace(new RegExp(`\\b(${a}|${b})\\b`, 'g'), (m) => (m === a ? b : a));
    return new TextEncoder().encode(swapped);
  }
  const at = mutation.at % (text.length + 1);
  if (mutation.kind === 'insert-junk')
    return new TextEncoder().encode(text.slice(0, at) + mutation.junk + text.slice(at));
  if (mutation.kind === 'truncate') return new TextEncoder().encode(text.slice(0, at));
  if (mutation.kind === 'duplicate-line') {
    const lines = text.split('\n');
    const i = mutation.at % lines.length;
    lines.splice(i, 0, lines[i]!);
    return new TextEncoder().encode(lines.join('\n'));
  }
  const bytes = new TextEncoder().encode(text);
  const cut = mutation.at % (bytes.length + 1);
  return new Uint8Array([...bytes.subarray(0, cut), ...mutation.bytes, ...bytes.subarray(cut)]);
}
