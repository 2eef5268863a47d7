// The layout stage: Model -> Diagram. elkjs is loaded on first use only, so commands that never
// lay out (validate, types) do not pay for it.

import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Model, ModelNode } from '../spec/model.js';
import { type AzGrid, composeGrid, findAzGrids, gridMembers, leafPiece, type Piece } from './az-grid.js';
import type { Diagram } from './diagram.js';
import { elkBoxes, movedBoxes } from './elk-boxes.js';
import { type ElkEngine, inProcessElk, LayoutTimeoutError } from './elk-engine.js';
import { buildElkGraph, type ElkInput, type SealedBlock } from './elk-graph.js';
import { LARGE_GRAPH } from './elk-options.js';
import { centreFans } from './fans.js';
import { type Laid, placeDiagram } from './place.js';

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

/** One ELK run; if elkjs fails inside its model-order crossing minimisation (0.11 can, on nested
 *  graphs, with a TypeError deep in the compiled code), the run is made again without model order:
 *  the spec's order is then a preference ELK no longer sees, which is better than no diagram. */
async function runLayered(
  build: (keepModelOrder: boolean) => ElkInput,
  options: LayoutOptions,
): Promise<{ input: ElkInput; result: ElkNode }> {
  const input = build(true);
  try {
    return { input, result: await runElk(input.graph, options) };
  } catch (e) {
    if (e instanceof LayoutTimeoutError) throw e;
    const plain = build(false);
    return { input: plain, result: await runElk(plain.graph, { ...options, onElkStarted: undefined }) };
  }
}

/** A group laid out on its own, as the cell of a grid: its size and what it holds. */
async function groupPiece(model: Model, group: ModelNode, options: LayoutOptions): Promise<Piece> {
  const { input, result } = await runLayered(
    (keepModelOrder) => buildElkGraph(model, { keepModelOrder, roots: [group] }),
    options,
  );
  const boxes = elkBoxes(input, result);
  const at = boxes.get(group.id);
  if (!at) throw new Error(`bug: ELK lost group '${group.id}'`);
  return { width: at.width, height: at.height, boxes: movedBoxes(boxes, -at.x, -at.y) };
}

/** Lays out every AZ grid on its own, then the diagram with each grid as one box in it. */
async function layOut(model: Model, grids: AzGrid[], options: LayoutOptions): Promise<Laid> {
  const blocks = new Map<string, SealedBlock>();
  const pieces = new Map<string, Piece>();
  let first = options;
  const rest = { ...options, onElkStarted: undefined };
  for (const grid of grids) {
    const cells = new Map<string, Piece>();
    for (const az of grid.azs) {
      for (const cell of az.children) {
        cells.set(cell.id, cell.isGroup ? await groupPiece(model, cell, first) : leafPiece(cell));
        if (cell.isGroup) first = rest;
      }
    }
    const piece = composeGrid(grid, model.direction, cells);
    const id = `__az-grid:${grid.parent.id}`;
    blocks.set(grid.parent.id, {
      id,
      width: piece.width,
      height: piece.height,
      replaces: new Set(grid.azs.map((az) => az.id)),
      holds: new Map([...gridMembers(grid)].map((id) => [id, piece.boxes.get(id)!])),
    });
    pieces.set(id, piece);
  }
  const { input, result } = await runLayered(
    (keepModelOrder) => buildElkGraph(model, { keepModelOrder, blocks }),
    first,
  );
  const boxes = elkBoxes(input, result);
  for (const [id, piece] of pieces) {
    const at = boxes.get(id);
    if (!at) throw new Error(`bug: ELK lost the AZ grid '${id}'`);
    for (const [node, box] of movedBoxes(piece.boxes, at.x, at.y)) boxes.set(node, box);
  }
  return { input, result, boxes };
}

export async function layoutModel(model: Model, options: LayoutOptions = {}): Promise<Diagram> {
  // Large diagrams favour speed: no grids, and ELK's own routes (libavoid routes a 100-node
  // diagram in ~0.15 s but a 300-node one in ~2 s).
  const grids = model.nodes.size <= LARGE_GRAPH ? findAzGrids(model) : [];
  const laid = await layOut(model, grids, options);
  // ELK routes what it laid out; a diagram with grids, which ELK saw only as boxes, is routed
  // whole by libavoid, and so its nodes may still move: fans are evened out first.
  const route = grids.length > 0;
  if (route) {
    const inGrids = new Set(grids.flatMap((grid) => [...gridMembers(grid)]));
    centreFans(model, model.direction, laid.boxes, inGrids);
  }
  return placeDiagram(model, laid, { route });
}
