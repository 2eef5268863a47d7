// What the layout benchmarks count in a drawing: proper crossings between lines, bends, line
// length and the size of the graph. Works on any drawing given as lines of axis-parallel segments
// (refarch's, or Graphviz's orthogonal splines), so two engines are counted the same way.

/** Points that continue a straight line, or repeat, removed. */
export function corners(points) {
  const out = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last[0] - p[0]) < 0.5 && Math.abs(last[1] - p[1]) < 0.5) continue;
    const before = out[out.length - 2];
    const straight =
      before &&
      last &&
      ((Math.abs(before[0] - last[0]) < 0.5 && Math.abs(last[0] - p[0]) < 0.5) ||
        (Math.abs(before[1] - last[1]) < 0.5 && Math.abs(last[1] - p[1]) < 0.5));
    if (straight) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** Proper crossings between axis-parallel segments of different lines. */
export function crossings(lines) {
  const segments = [];
  for (const { id, points } of lines)
    for (let i = 1; i < points.length; i++) segments.push([id, points[i - 1], points[i]]);
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const [ea, a1, a2] = segments[i];
      const [eb, b1, b2] = segments[j];
      if (ea === eb) continue;
      const aVertical = Math.abs(a1[0] - a2[0]) < 0.5;
      const bVertical = Math.abs(b1[0] - b2[0]) < 0.5;
      if (aVertical === bVertical) continue;
      const [v1, v2, h1, h2] = aVertical ? [a1, a2, b1, b2] : [b1, b2, a1, a2];
      const x = v1[0];
      const y = h1[1];
      const within = (p, q, r) => p > Math.min(q, r) + 0.5 && p < Math.max(q, r) - 0.5;
      if (within(x, h1[0], h2[0]) && within(y, v1[1], v2[1])) count++;
    }
  }
  return count;
}

/** Crossings, bends and length of `lines` ({ id, points }), with the graph's size. */
export function lineQuality(lines, width, height) {
  let bends = 0;
  let length = 0;
  const simple = lines.map(({ id, points }) => ({ id, points: corners(points) }));
  for (const { points } of simple) {
    bends += Math.max(0, points.length - 2);
    for (let i = 1; i < points.length; i++)
      length += Math.abs(points[i][0] - points[i - 1][0]) + Math.abs(points[i][1] - points[i - 1][1]);
  }
  return { crossings: crossings(simple), bends, length: Math.round(length), width, height };
}

/** The box around a refarch diagram's nodes and lines (without title and legend). */
export function graphExtent(diagram) {
  const xs = [];
  const ys = [];
  for (const n of diagram.nodes) {
    xs.push(n.box.x, n.box.x + n.box.width);
    ys.push(n.box.y, n.box.y + n.box.height);
  }
  for (const e of diagram.edges) {
    for (const [x, y] of e.points) {
      xs.push(x);
      ys.push(y);
    }
  }
  return {
    width: Math.round(Math.max(...xs) - Math.min(...xs)),
    height: Math.round(Math.max(...ys) - Math.min(...ys)),
  };
}
