// The layout stage: Model -> Diagram. elkjs is loaded on first use only, so commands that never
// lay out (validate, types) do not pay for it.
//
// Most diagrams are one ELK run. Parts that ELK cannot draw the way AWS does are laid out first, on
// their own, and ELK then sees each as one sealed box: the AZs of an AZ grid, the children of an
// arranged group, a group whose children flow in another direction than its parent's. Those parts
// can hold such parts themselves, so laying out is recursive.

import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Box, Diagram } from '../diagram/diagram.js';
import type { Model, ModelNode } from '../spec/model.js';
import type { Arrangement, Direction } from '../spec/types.js';
import { type AzGrid, composeGrid, isAvailabilityZone, leafPiece, type Piece } from './az-grid.js';
import { alignBorderNodes } from './border-nodes.js';
import { straightenChains } from './chains.js';
import { elkBoxes, movedBoxes } from './elk-boxes.js';
import { type ElkEngine, inProcessElk, isElkTypeError, isNetworkSimplexRefusal } from './elk-engine.js';
import { buildElkGraph, type ElkInput, type SealedBlock } from './elk-graph.js';
import { LARGE_GRAPH, type NodePlacement } from './elk-options.js';
import { centreFans, centreFeeders, hasUnevenFan } from './fans.js';
import { centreGroupContents } from './group-contents.js';
import { type Laid, placeDiagram } from './place.js';
import { composeStack } from './stack.js';

export interface LayoutTiming {
  /** Milliseconds spent inside the ELK call alone. */
  elkMs: number;
}

export interface LayoutOptions {
  /** Where ELK runs (default: on this thread). */
  engine?: ElkEngine;
  /** Adds the time spent inside ELK, for benchmarks. */
  timing?: LayoutTiming;
  /** Called once ELK has the graph: work to do while waiting for it (on a worker engine). */
  onElkStarted?: () => void;
}

async function runElk(
  graph: ElkNode,
  { engine = inProcessElk(), timing, onElkStarted }: LayoutOptions,
): Promise<ElkNode> {
  const started = performance.now();
  try {
    const result = engine.layout(graph);
    onElkStarted?.();
    return await result;
  } finally {
    if (timing) timing.elkMs += performance.now() - started;
  }
}

/** The ELK runs to try, in order, while elkjs 0.11 fails in one of two known ways: a TypeError
 *  (a Java null dereference, unchecked in the compiled JavaScript) in its model-order crossing
 *  minimisation or its network-simplex node placement on some nested graphs, and network simplex
 *  refusing a graph with a border node and a line into its group ("does not support self-loops").
 *  Without model order the spec's order is a preference ELK no longer sees; Brandes-Koepf places
 *  nodes a little less evenly. Either is better than no diagram. */
const ATTEMPTS: readonly { keepModelOrder: boolean; placement?: NodePlacement }[] = [
  { keepModelOrder: true },
  { keepModelOrder: false },
  { keepModelOrder: true, placement: 'BRANDES_KOEPF' },
  { keepModelOrder: false, placement: 'BRANDES_KOEPF' },
];

/** One ELK run, made again (see ATTEMPTS) only on elkjs's known failures: on anything else a
 *  second run would hide a bug of ours, and after a timeout it would only take twice as long. */
async function runLayered(
  build: (keepModelOrder: boolean, placement?: NodePlacement) => ElkInput,
  options: LayoutOptions,
): Promise<{ input: ElkInput; result: ElkNode }> {
  let failure: unknown;
  for (const attempt of ATTEMPTS) {
    // Network simplex refused the graph itself: only another placement can help.
    if (isNetworkSimplexRefusal(failure) && !attempt.placement) continue;
    const input = build(attempt.keepModelOrder, attempt.placement);
    try {
      const runOptions = failure === undefined ? options : { ...options, onElkStarted: undefined };
      return { input, result: await runElk(input.graph, runOptions) };
    } catch (e) {
      if (!isElkTypeError(e) && !isNetworkSimplexRefusal(e)) throw e;
      failure = e;
    }
  }
  throw failure;
}

/** A part laid out before the run that holds it. */
type Sealed =
  /** The AZs of a group, as a grid. */
  | { kind: 'grid'; holder: ModelNode; grid: AzGrid }
  /** The children of an arranged group (all but those on its border). */
  | { kind: 'stack'; holder: ModelNode; arrange: Arrangement; members: ModelNode[] }
  /** A group whose children flow in another direction than the run's. */
  | { kind: 'turn'; holder: ModelNode | null; group: ModelNode };

/** The parts under `roots` to lay out first, outermost only: each lays out what it holds itself. */
function findSealed(roots: readonly ModelNode[], direction: Direction, own: ModelNode | null): Sealed[] {
  const found: Sealed[] = [];
  const visit = (node: ModelNode, holder: ModelNode | null) => {
    if (!node.isGroup) return;
    if (node !== own && node.direction !== undefined && node.direction !== direction) {
      found.push({ kind: 'turn', holder, group: node });
      return;
    }
    const azs = node.children.filter(isAvailabilityZone);
    if (azs.length >= 2) {
      found.push({ kind: 'grid', holder: node, grid: { parent: node, azs } });
      for (const child of node.children) if (!azs.includes(child)) visit(child, node);
      return;
    }
    const members = node.children.filter((c) => !c.border);
    if (node.arrange && members.length > 0) {
      found.push({ kind: 'stack', holder: node, arrange: node.arrange, members });
      return;
    }
    for (const child of node.children) visit(child, node);
  };
  for (const root of roots) visit(root, null);
  return found;
}

/** Every node a block stands for, at any depth (the nodes fans must leave where they are). */
export interface LaidLevel extends Laid {
  sealed: Set<string>;
}

class Layouter {
  /** The options of the first ELK run carry `onElkStarted`; later runs do not. */
  private first = true;

  constructor(
    private readonly model: Model,
    private readonly options: LayoutOptions,
    /** Whether parts are laid out on their own at all (not for large diagrams: one run is fastest). */
    private readonly seal: boolean,
  ) {}

  private runOptions(): LayoutOptions {
    if (!this.first) return { ...this.options, onElkStarted: undefined };
    this.first = false;
    return this.options;
  }

  /** A node laid out on its own: its size and what it holds, from its own top-left corner. */
  async piece(node: ModelNode, direction: Direction): Promise<Piece> {
    if (!node.isGroup) return leafPiece(node);
    const { boxes } = await this.level([node], node.direction ?? direction, node);
    const at = boxes.get(node.id);
    if (!at) throw new Error(`bug: ELK lost group '${node.id}'`);
    return { width: at.width, height: at.height, boxes: movedBoxes(boxes, -at.x, -at.y) };
  }

  private async sealedPiece(part: Sealed, direction: Direction): Promise<Piece> {
    if (part.kind === 'turn') return this.piece(part.group, part.group.direction ?? direction);
    const members = part.kind === 'grid' ? part.grid.azs.flatMap((az) => az.children) : part.members;
    const pieces = new Map<string, Piece>();
    for (const member of members) pieces.set(member.id, await this.piece(member, direction));
    return part.kind === 'grid'
      ? composeGrid(part.grid, direction, pieces)
      : composeStack(part.members, part.arrange, pieces);
  }

  /** Lays out `roots` in one ELK run, after the parts it holds sealed. */
  async level(roots: ModelNode[], direction: Direction, own: ModelNode | null): Promise<LaidLevel> {
    const blocks: SealedBlock[] = [];
    const pieces = new Map<string, Piece>();
    const sealed = new Set<string>();
    for (const part of this.seal ? findSealed(roots, direction, own) : []) {
      const piece = await this.sealedPiece(part, direction);
      const replaces =
        part.kind === 'turn' ? [part.group] : part.kind === 'grid' ? part.grid.azs : part.members;
      const id = `__${part.kind}:${part.kind === 'turn' ? part.group.id : part.holder.id}`;
      const holds = new Map<string, Box>();
      for (const node of replaces) {
        holds.set(node.id, piece.boxes.get(node.id)!);
        for (const inner of descendants(node)) holds.set(inner.id, piece.boxes.get(inner.id)!);
      }
      for (const node of holds.keys()) sealed.add(node);
      blocks.push({
        id,
        holder: part.holder?.id ?? null,
        width: piece.width,
        height: piece.height,
        replaces: new Set(replaces.map((n) => n.id)),
        holds,
      });
      pieces.set(id, piece);
    }
    const { input, result } = await runLayered(
      (keepModelOrder, nodePlacement) =>
        buildElkGraph(this.model, { keepModelOrder, roots, blocks, direction, nodePlacement }),
      this.runOptions(),
    );
    const boxes = elkBoxes(input, result);
    for (const [id, piece] of pieces) {
      const at = boxes.get(id);
      if (!at) throw new Error(`bug: ELK lost the sealed block '${id}'`);
      for (const [node, box] of movedBoxes(piece.boxes, at.x, at.y)) boxes.set(node, box);
    }
    return { input, result, boxes, sealed };
  }
}

function descendants(node: ModelNode): ModelNode[] {
  return node.children.flatMap((child) => [child, ...descendants(child)]);
}

export async function layoutModel(model: Model, options: LayoutOptions = {}): Promise<Diagram> {
  // Large diagrams favour speed: one ELK run and ELK's own routes (libavoid routes a 100-node
  // diagram in ~0.15 s but a 300-node one in ~2 s), so no grids, stacks or turns.
  const large = model.nodes.size > LARGE_GRAPH;
  const laid = await new Layouter(model, options, !large).level(model.roots, model.direction, null);
  // ELK routes what it laid out whole, unless ELK saw parts of it only as boxes (sealed parts) or
  // as ports (nodes on borders), or left a fan uneven: then libavoid routes the whole diagram, and
  // so nodes may still move first: fans are evened out, chains straightened, border nodes slid.
  const bordered = [...model.nodes.values()].some((n) => n.border !== undefined);
  const route =
    !large && (laid.sealed.size > 0 || bordered || hasUnevenFan(model, model.direction, laid.boxes));
  if (route) {
    centreGroupContents(model, model.direction, laid.boxes);
    // Border nodes first face what they connect to inside their group; fans then centre over
    // where those ended up, chains line up with both, and entry points gather around what they
    // feed.
    alignBorderNodes(model, laid.boxes);
    centreFans(model, model.direction, laid.boxes, laid.sealed);
    straightenChains(model, model.direction, laid.boxes, laid.sealed);
    centreFeeders(model, model.direction, laid.boxes, laid.sealed);
  }
  return placeDiagram(model, laid, { route });
}
