// Orthogonal edge routing over placed boxes, with libavoid (the router of Inkscape and Dunnart,
// as WebAssembly): each edge takes the path with the fewest bends and the least length that keeps
// clear of every node and of every group that holds neither of its ends, and lines that share a
// corridor are spread apart. It routes diagrams whose parts were laid out on their own (AZ grids),
// which no single ELK run saw whole.

import { AvoidLib } from 'libavoid-js';
import type { Box, Point } from '../diagram/diagram.js';
import { boxesOverlap, pathCrossesBox, roundPx } from '../diagram/geometry.js';
import type { Direction } from '../spec/types.js';

/** A node edges attach to: `anchor` is the box lines keep clear of, `pins` where on its border
 *  they may meet it; a line goes on to `icon` where that crosses none of its `text`. */
export interface RoutedNode {
  id: string;
  anchor: Box;
  pins: Record<Side, Point>;
  icon: Box | null;
  text: Box[];
  /** The side of the icon the node's text sits on (a border node's label beside its icon, any
   *  other node's under it), if any. */
  textSide?: Side;
}

export interface RouteRequest {
  direction: Direction;
  nodes: RoutedNode[];
  /** Every group: an obstacle to the lines that do not start or end inside it; an edge that
   *  starts or ends at a group meets the middle of the group's side. */
  groups: { id: string; box: Box; header: Box[] }[];
  /** `flow`: the direction of the innermost group holding both ends (the diagram's if unset): the
   *  line meets its ends head-on in that direction. */
  edges: { id: string; from: string; to: string; flow?: Direction }[];
}

/** How far lines keep from the boxes they pass, and from each other where they run side by side. */
const CLEARANCE = 12;
const LINE_GAP = 12;
/** A bend costs as much as this many px of length: straight lines win over slightly shorter ones. */
const BEND_COST = 60;
/** Leaving or entering a node across the flow (its sides, in a top-down flow) costs this much (px
 *  of length): lines meet nodes head-on where they can. */
const CROSS_FLOW_SIDE_COST = 100;

// libavoid's API as refarch uses it (the package's typings are loose).
interface AvoidPoint {
  x: number;
  y: number;
}
interface AvoidPolyLine {
  size(): number;
  get_ps(i: number): AvoidPoint;
}
interface AvoidConnRef {
  displayRoute(): AvoidPolyLine;
}
interface AvoidPin {
  setConnectionCost(cost: number): void;
  setExclusive(exclusive: boolean): void;
}
interface Avoid {
  Router: new (
    flags: number,
  ) => {
    setRoutingParameter(p: number, v: number): void;
    setRoutingOption(o: number, v: boolean): void;
    processTransaction(): boolean;
  };
  Point: new (x: number, y: number) => AvoidPoint;
  Rectangle: new (topLeft: AvoidPoint, bottomRight: AvoidPoint) => object;
  ShapeRef: new (router: object, polygon: object) => object;
  ShapeConnectionPin: new (
    shape: object,
    classId: number,
    xOffset: number,
    yOffset: number,
    proportional: boolean,
    insideOffset: number,
    directions: number,
  ) => AvoidPin;
  ConnEnd: (new (shape: object, classId: number) => object) & (new (point: AvoidPoint) => object);
  ConnRef: new (router: object, source: object, target: object) => AvoidConnRef;
  destroy(o: object): void;
  OrthogonalRouting: number;
  ConnDirUp: number;
  ConnDirDown: number;
  ConnDirLeft: number;
  ConnDirRight: number;
  shapeBufferDistance: number;
  idealNudgingDistance: number;
  segmentPenalty: number;
  nudgeOrthogonalSegmentsConnectedToShapes: number;
}

let loaded: Promise<Avoid> | undefined;

/** Loads libavoid's WebAssembly once per thread (about 20 ms). */
export function loadAvoid(): Promise<Avoid> {
  loaded ??= AvoidLib.load().then(() => AvoidLib.getInstance() as unknown as Avoid);
  return loaded;
}

export type Side = 'top' | 'bottom' | 'left' | 'right';

/** The sides a line leaves its source by, and enters its target by, when it follows the flow. */
const FLOW_SIDES: Record<Direction, { out: Side; in: Side }> = {
  down: { out: 'bottom', in: 'top' },
  up: { out: 'top', in: 'bottom' },
  right: { out: 'right', in: 'left' },
  left: { out: 'left', in: 'right' },
};

const ACROSS: Record<Side, Side[]> = {
  top: ['left', 'right'],
  bottom: ['left', 'right'],
  left: ['top', 'bottom'],
  right: ['top', 'bottom'],
};

const OPPOSITE: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };

const PIN_AT: Record<Side, [number, number]> = {
  top: [0.5, 0],
  bottom: [0.5, 1],
  left: [0, 0.5],
  right: [1, 0.5],
};

/** A node has a pin in the middle of each side for each way its lines flow (usually one), of that
 *  way's class. Lines in and out share them: two pins at one point make libavoid give up and draw
 *  a straight line, so a second way's pins sit a pixel further along the side. */
const PIN_CLASS: Record<Direction, number> = { right: 1, down: 2, left: 3, up: 4 };

function rectangle(avoid: Avoid, box: Box): object {
  return new avoid.Rectangle(
    new avoid.Point(box.x, box.y),
    new avoid.Point(box.x + box.width, box.y + box.height),
  );
}

/** Removes points that continue a straight line, and repeated points. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    const before = out[out.length - 2];
    if (
      before &&
      last &&
      ((before[0] === last[0] && last[0] === p[0]) || (before[1] === last[1] && last[1] === p[1]))
    )
      out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** A jog this short between two parallel stretches is not worth two bends. */
const MAX_JOG = 16;
/** How close to a corner a line may meet a node's side. */
const CORNER_MARGIN = 8;

function within(v: number, low: number, high: number): boolean {
  return v >= low + CORNER_MARGIN && v <= high - CORNER_MARGIN;
}

/**
 * A Z-shaped route with a short middle stretch (two nodes a few px out of line) becomes one
 * straight line, its end slid along the side of the node it meets, where nothing is in the way.
 */
function straighten(points: Point[], source: Box, target: Box, blockers: Box[]): Point[] {
  if (points.length !== 4) return points;
  const [p0, p1, p2, p3] = points as [Point, Point, Point, Point];
  const vertical = p0[0] === p1[0] && p2[0] === p3[0] && p1[1] === p2[1];
  const horizontal = p0[1] === p1[1] && p2[1] === p3[1] && p1[0] === p2[0];
  if (!vertical && !horizontal) return points;
  const axis = vertical ? 0 : 1;
  if (Math.abs(p1[axis] - p2[axis]) > MAX_JOG) return points;
  const span = (b: Box): [number, number] => (vertical ? [b.x, b.x + b.width] : [b.y, b.y + b.height]);
  const at = (p: Point, v: number): Point => (vertical ? [v, p[1]] : [p[0], v]);
  const options: Point[][] = [];
  if (within(p0[axis], ...span(target))) options.push([p0, at(p3, p0[axis])]);
  if (within(p3[axis], ...span(source))) options.push([at(p0, p3[axis]), p3]);
  return options.find((line) => !blockers.some((b) => pathCrossesBox(line, b))) ?? points;
}

/** The line's first point carried on to the node's icon along its first stretch, unless that
 *  would cross the node's text (a line meeting a label from below stays where it meets it). */
function toIcon(points: Point[], node: RoutedNode): Point[] {
  const { icon } = node;
  if (!icon || points.length < 2) return points;
  const [first, next] = points as [Point, Point, ...Point[]];
  let end: Point | null = null;
  if (first[0] === next[0] && first[0] > icon.x && first[0] < icon.x + icon.width)
    end = [first[0], next[1] < icon.y ? icon.y : icon.y + icon.height];
  else if (first[1] === next[1] && first[1] > icon.y && first[1] < icon.y + icon.height)
    end = [next[0] < icon.x ? icon.x : icon.x + icon.width, first[1]];
  if (!end || node.text.some((t) => pathCrossesBox([first, end], t))) return points;
  // Only outward: the new end must lie between the icon and the rest of the line.
  const along = first[0] === next[0] ? 1 : 0;
  const towards = Math.sign(next[along] - first[along]);
  if (Math.sign(end[along] - first[along]) === towards && end[along] !== first[along]) return points;
  return [end, ...points.slice(1)];
}

/**
 * Two nodes that face each other (one above the other, or side by side) with nothing between them
 * are joined by one straight line from pin to pin, where libavoid may bend round the space it
 * keeps clear of each node (close nodes leave it no straight way).
 */
function directLine(source: RoutedNode, target: RoutedNode, blockers: Box[]): Point[] | null {
  const [s, t] = [source.anchor, target.anchor];
  // A straight line must meet each end's icon where there is one, not the text beside it.
  const [si, ti] = [source.icon ?? s, target.icon ?? t];
  const below = t.y >= s.y + s.height;
  const above = t.y + t.height <= s.y;
  const after = t.x >= s.x + s.width;
  const before = t.x + t.width <= s.x;
  const lines: Point[][] = [];
  if (below || above) {
    const [out, into] = below ? (['bottom', 'top'] as const) : (['top', 'bottom'] as const);
    for (const x of [source.pins[out][0], target.pins[into][0]])
      if (within(x, si.x, si.x + si.width) && within(x, ti.x, ti.x + ti.width))
        lines.push([
          [x, source.pins[out][1]],
          [x, target.pins[into][1]],
        ]);
  } else if (after || before) {
    const [out, into] = after ? (['right', 'left'] as const) : (['left', 'right'] as const);
    for (const y of [source.pins[out][1], target.pins[into][1]])
      if (within(y, si.y, si.y + si.height) && within(y, ti.y, ti.y + ti.height))
        lines.push([
          [source.pins[out][0], y],
          [target.pins[into][0], y],
        ]);
  }
  return lines.find((line) => !blockers.some((b) => pathCrossesBox(line, b))) ?? null;
}

/** One libavoid run over the nodes, with these group boxes as obstacles, for these edges. */
function runRouter(
  avoid: Avoid,
  request: RouteRequest,
  groupObstacles: readonly Box[],
  edges: RouteRequest['edges'],
): Map<string, Point[]> {
  const router = new avoid.Router(avoid.OrthogonalRouting);
  try {
    router.setRoutingParameter(avoid.shapeBufferDistance, CLEARANCE);
    router.setRoutingParameter(avoid.idealNudgingDistance, LINE_GAP);
    router.setRoutingParameter(avoid.segmentPenalty, BEND_COST);
    // Lines that meet a node on one side are spread along it rather than drawn on top of each other.
    router.setRoutingOption(avoid.nudgeOrthogonalSegmentsConnectedToShapes, true);

    const direction: Record<Side, number> = {
      top: avoid.ConnDirUp,
      bottom: avoid.ConnDirDown,
      left: avoid.ConnDirLeft,
      right: avoid.ConnDirRight,
    };
    const flowsAt = new Map<string, Direction[]>();
    for (const edge of edges)
      for (const id of [edge.from, edge.to])
        flowsAt.set(id, [...(flowsAt.get(id) ?? []), edge.flow ?? request.direction]);
    const shapes = new Map<string, object>();
    for (const node of request.nodes) {
      const shape = new avoid.ShapeRef(router, rectangle(avoid, node.anchor));
      shapes.set(node.id, shape);
      // One set of pins for each way its lines flow, priced for it; a line uses its flow's set.
      const flows = [...new Set(flowsAt.get(node.id) ?? [request.direction])];
      for (const [k, flowDirection] of flows.entries()) {
        const across = ACROSS[FLOW_SIDES[flowDirection].out];
        const horizontalFlow = flowDirection === 'right' || flowDirection === 'left';
        for (const side of Object.keys(PIN_AT) as Side[]) {
          // No pin on a side behind the node's text: a line would point at the text. (A cost did
          // not keep lines off a pin at their target end in libavoid 0.4.) Text under the icon is
          // behind the bottom only across a left-right flow: top-down, lines leave under the label.
          if (node.textSide === side && (side !== 'bottom' || horizontalFlow)) continue;
          const [px, py] = node.pins[side];
          const [x, y] = side === 'top' || side === 'bottom' ? [px + k, py] : [px, py + k];
          const pin = new avoid.ShapeConnectionPin(
            shape,
            PIN_CLASS[flowDirection],
            x - node.anchor.x,
            y - node.anchor.y,
            false,
            0,
            direction[side],
          );
          // libavoid gives a pin to one line only unless told otherwise.
          pin.setExclusive(false);
          if (across.includes(side)) pin.setConnectionCost(CROSS_FLOW_SIDE_COST);
        }
      }
    }

    const groups = new Map(request.groups.map((g) => [g.id, g.box]));
    const nodes = new Map(request.nodes.map((n) => [n.id, n]));
    /** Where a line meets a group: on the side facing the flow, level with the node at the line's
     *  other end when that lies along the side (so the line can run straight), else mid-side. */
    const groupPoint = (box: Box, side: Side, other: string): [number, number] => {
      const [fx, fy] = PIN_AT[side];
      const mid: [number, number] = [box.x + fx * box.width, box.y + fy * box.height];
      const partner = nodes.get(other);
      if (!partner) return mid;
      const horizontalSide = side === 'top' || side === 'bottom';
      const [px, py] = partner.pins[OPPOSITE[side]];
      if (horizontalSide && within(px, box.x, box.x + box.width)) return [px, mid[1]];
      if (!horizontalSide && within(py, box.y, box.y + box.height)) return [mid[0], py];
      return mid;
    };
    const end = (id: string, side: Side, other: string, flowDirection: Direction): object => {
      const shape = shapes.get(id);
      if (shape) return new avoid.ConnEnd(shape, PIN_CLASS[flowDirection]);
      // A group holds what its lines lead to, so it cannot be an obstacle: meet its side instead.
      const box = groups.get(id);
      if (!box) throw new Error(`bug: an edge joins '${id}', which was not placed`);
      const [x, y] = groupPoint(box, side, other);
      return new avoid.ConnEnd(new avoid.Point(x, y));
    };
    for (const box of groupObstacles) new avoid.ShapeRef(router, rectangle(avoid, box));
    const connections = edges.map((edge) => ({
      id: edge.id,
      ref: new avoid.ConnRef(
        router,
        end(
          edge.from,
          FLOW_SIDES[edge.flow ?? request.direction].out,
          edge.to,
          edge.flow ?? request.direction,
        ),
        end(
          edge.to,
          FLOW_SIDES[edge.flow ?? request.direction].in,
          edge.from,
          edge.flow ?? request.direction,
        ),
      ),
    }));
    router.processTransaction();

    const routes = new Map<string, Point[]>();
    for (const { id, ref } of connections) {
      const line = ref.displayRoute();
      const points: Point[] = [];
      for (let i = 0; i < line.size(); i++) {
        const p = line.get_ps(i);
        points.push([roundPx(p.x), roundPx(p.y)]);
      }
      routes.set(id, simplify(points));
    }
    return routes;
  } finally {
    avoid.destroy(router);
  }
}

function holds(group: Box, box: Box): boolean {
  return (
    group.x <= box.x &&
    group.y <= box.y &&
    box.x + box.width <= group.x + group.width &&
    box.y + box.height <= group.y + group.height
  );
}

/**
 * Routes every edge; returns each edge's polyline, from its source to its target.
 *
 * A group is an obstacle too: libavoid lets a line into the shapes that hold one of its ends and
 * keeps it out of every other group, so lines keep to the gaps between subnets and AZs. But inside
 * a shape that holds its end, libavoid 0.4 does not see the shapes nested in it (its visibility
 * sweep assumes obstacles do not overlap), and may draw the line through a sibling node or a
 * nested group. Such a line is routed again on its own, with only the groups that hold neither of
 * its ends and the headers of the others, and kept if it crosses less: it then loses only the
 * spreading apart from other lines.
 */
export async function routeEdges(request: RouteRequest): Promise<Map<string, Point[]>> {
  const avoid = await loadAvoid();
  const routes = runRouter(
    avoid,
    request,
    request.groups.map((g) => g.box),
    request.edges,
  );
  const byId = new Map(request.nodes.map((n) => [n.id, n]));
  const groupBox = new Map(request.groups.map((g) => [g.id, g.box]));
  const blockersOf = (edge: RouteRequest['edges'][number]) =>
    request.nodes.flatMap((n) => (n.id === edge.from || n.id === edge.to ? [] : [n.anchor]));
  for (const edge of request.edges) {
    const route = routes.get(edge.id);
    if (!route) continue;
    const ends = [edge.from, edge.to].map((id) => byId.get(id)?.anchor ?? groupBox.get(id)!);
    const apart = request.groups
      .filter((g) => g.id !== edge.from && g.id !== edge.to && !ends.some((e) => holds(g.box, e)))
      .map((g) => g.box);
    // The groups around its ends are no obstacles now, so their headers are.
    const headers = request.groups.filter((g) => !apart.includes(g.box)).flatMap((g) => g.header);
    // Nodes crossed weigh more than groups: a line through a node is a defect. (A line through a
    // header is not: the renderer masks it there, and going round a subnet's header costs more
    // than it saves.)
    const astray = (line: Point[]) =>
      blockersOf(edge).filter((b) => pathCrossesBox(line, b)).length * 100 +
      apart.filter((b) => pathCrossesBox(line, b)).length;
    const before = astray(route);
    if (before === 0) continue;
    const alone = runRouter(avoid, request, [...apart, ...headers], [edge]).get(edge.id);
    if (alone && astray(alone) < before) routes.set(edge.id, alone);
  }
  for (const edge of request.edges) {
    const source = byId.get(edge.from);
    const target = byId.get(edge.to);
    const route = routes.get(edge.id);
    if (!source || !target || !route) continue;
    const others = blockersOf(edge).filter((b) => b !== source.anchor && b !== target.anchor);
    const ends = [source.anchor, target.anchor];
    // Lines may not cross groups that hold neither end (a node on a border is half in its
    // group), nor run through any group's header.
    const walls = request.groups.flatMap((g) =>
      ends.some((e) => boxesOverlap(g.box, e)) ? g.header : [g.box, ...g.header],
    );
    const direct = route.length > 2 ? directLine(source, target, [...others, ...walls]) : null;
    const line = direct ?? straighten(route, source.anchor, target.anchor, others);
    routes.set(edge.id, toIcon(toIcon(line, source).reverse(), target).reverse());
  }
  return routes;
}
