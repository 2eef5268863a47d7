// A diff in words: the Markdown summary for a pull-request comment, and the same as JSON data.

import type { Model } from '../spec/model.js';
import { isUnchanged, likelyRenames, type ModelChanges } from './changes.js';
import { edgeNote, nodeNote } from './merge.js';

export interface SpecDiff {
  /** The spec's path, as given. */
  file: string;
  base: Model;
  head: Model;
  changes: ModelChanges;
}

const count = (c: ModelChanges['nodes'] | ModelChanges['edges']) =>
  `+${c.added.length} / −${c.removed.length} / ~${Object.keys(c.changed).length}`;

/** Markdown cells hold text: pipes and line breaks would break the table, markup would render. */
function cell(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ')
    .trim();
}

const code = (id: string) => `\`${id.replace(/`/g, "'")}\``;

function nodeRows(diff: SpecDiff): string[] {
  const { base, head, changes } = diff;
  const label = (model: Model, id: string) => cell(model.nodes.get(id)?.label ?? '');
  return [
    ...changes.nodes.added.map((id) => `| + | ${code(id)} | ${label(head, id)} | added |`),
    ...changes.nodes.removed.map((id) => `| − | ${code(id)} | ${label(base, id)} | removed |`),
    ...Object.entries(changes.nodes.changed).map(
      ([id, fields]) =>
        `| ~ | ${code(id)} | ${label(head, id)} | ${cell(nodeNote(base.nodes.get(id)!, head.nodes.get(id)!, fields))} |`,
    ),
  ];
}

function edgeRows({ base, head, changes }: SpecDiff): string[] {
  const byId = (model: Model, id: string) => model.edges.find((e) => e.id === id)!;
  const pair = ([from, to]: [string, string]) => `${code(from)} → ${code(to)}`;
  return [
    ...changes.edges.added.map((e) => `| + | ${pair(e)} | added |`),
    ...changes.edges.removed.map((e) => `| − | ${pair(e)} | removed |`),
    ...Object.entries(changes.edges.changed).map(([id, fields]) => {
      const [from, to] = id.replace(/#\d+$/, '').split('->') as [string, string];
      return `| ~ | ${pair([from, to])} | ${cell(edgeNote(byId(base, id), byId(head, id), fields))} |`;
    }),
  ];
}

/** One spec's part of the summary; `image` is the src of the picture to embed, if any. */
export function markdownSummary(diff: SpecDiff, image?: string): string {
  const lines = [`### ${cell(diff.head.title ?? diff.file)} (\`${diff.file.replace(/`/g, "'")}\`)`, ''];
  if (isUnchanged(diff.changes)) return [...lines, 'No changes to the architecture.', ''].join('\n');
  lines.push(`**Nodes** ${count(diff.changes.nodes)} · **Edges** ${count(diff.changes.edges)}`, '');
  const nodes = nodeRows(diff);
  if (nodes.length > 0) lines.push('| | Node | Label | Change |', '|---|---|---|---|', ...nodes, '');
  const edges = edgeRows(diff);
  if (edges.length > 0) lines.push('| | Edge | Change |', '|---|---|---|', ...edges, '');
  for (const [from, to] of likelyRenames(diff.base, diff.head, diff.changes))
    lines.push(`${code(from)} was probably renamed to ${code(to)}; a new id shows as removed and added.`, '');
  if (image)
    lines.push(
      `<img src="${image.replace(/"/g, '%22')}" alt="What this change does to ${cell(diff.head.title ?? diff.file).replace(/"/g, '')}">`,
      '',
    );
  return lines.join('\n');
}

/** The changes as data, in the documented shape. */
export function jsonSummary(diff: SpecDiff): ModelChanges {
  return diff.changes;
}
