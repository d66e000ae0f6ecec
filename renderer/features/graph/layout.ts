import type { ItemGraph } from '../../../shared/domain/analysis';

/**
 * A radial layout for an item's neighbourhood (depth 1–3): the centre in the middle, its direct
 * neighbours on a first ring, theirs on a second, and so on. Each node on ring k gets an angular
 * sector proportional to the number of leaves under it (a classic radial tree), so children sit
 * next to their parent and edges rarely cross. Ring radii grow with the number of nodes so that
 * neighbours on a ring keep a minimum distance. Deterministic: the same graph draws the same way.
 */
export interface NodePosition {
  x: number;
  y: number;
  depth: number;
  /** Angle in radians (0 = right, clockwise as y grows downward). */
  angle: number;
}

export interface GraphLayout {
  positions: Map<string, NodePosition>;
  /** The drawing's size (the centre is at width/2, height/2). */
  width: number;
  height: number;
  radii: number[];
}

export interface LayoutOptions {
  /** Radius of the first ring at least. */
  baseRadius?: number;
  /** Space between rings at least. */
  ringGap?: number;
  /** Minimum distance along a ring between two nodes. */
  minSpacing?: number;
  /** Room around the outer ring for labels. */
  margin?: number;
}

export function radialLayout(graph: Pick<ItemGraph, 'center' | 'nodes' | 'edges'>, options: LayoutOptions = {}): GraphLayout {
  const { baseRadius = 170, ringGap = 150, minSpacing = 56, margin = 110 } = options;
  const ids = graph.nodes.map((n) => n.id);
  const known = new Set(ids);
  const neighbours = new Map<string, string[]>();
  for (const id of ids) neighbours.set(id, []);
  for (const edge of graph.edges) {
    if (!known.has(edge.from) || !known.has(edge.to) || edge.from === edge.to) continue;
    neighbours.get(edge.from)!.push(edge.to);
    neighbours.get(edge.to)!.push(edge.from);
  }
  // Stable order: by the nodes' order in the answer (the server lists them breadth-first).
  const order = new Map(ids.map((id, i) => [id, i]));
  for (const list of neighbours.values()) list.sort((a, b) => order.get(a)! - order.get(b)!);

  // Breadth-first tree from the centre; nodes it cannot reach hang off the centre.
  const center = known.has(graph.center) ? graph.center : ids[0];
  const depth = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const id of ids) children.set(id, []);
  if (center !== undefined) {
    depth.set(center, 0);
    const queue = [center];
    while (queue.length) {
      const id = queue.shift()!;
      for (const next of neighbours.get(id)!) {
        if (depth.has(next)) continue;
        depth.set(next, depth.get(id)! + 1);
        children.get(id)!.push(next);
        queue.push(next);
      }
    }
    for (const id of ids) {
      if (depth.has(id)) continue;
      depth.set(id, 1);
      children.get(center)!.push(id);
    }
  }

  const leaves = new Map<string, number>();
  const countLeaves = (id: string): number => {
    const kids = children.get(id)!;
    const n = kids.length === 0 ? 1 : kids.reduce((sum, kid) => sum + countLeaves(kid), 0);
    leaves.set(id, n);
    return n;
  };
  if (center !== undefined) countLeaves(center);

  // Ring radii: far enough apart, and wide enough for their nodes.
  const maxDepth = Math.max(0, ...depth.values());
  const perRing = Array.from({ length: maxDepth + 1 }, (_, d) => [...depth.values()].filter((x) => x === d).length);
  const radii: number[] = [0];
  for (let d = 1; d <= maxDepth; d++) {
    const needed = (perRing[d]! * minSpacing) / (2 * Math.PI);
    radii.push(Math.max(d === 1 ? baseRadius : radii[d - 1]! + ringGap, needed));
  }

  const positions = new Map<string, NodePosition>();
  const outer = radii[maxDepth] ?? 0;
  const half = outer + margin;
  const place = (id: string, from: number, to: number) => {
    const d = depth.get(id)!;
    const angle = d === 0 ? 0 : (from + to) / 2;
    const r = radii[d]!;
    positions.set(id, { x: half + r * Math.cos(angle), y: half + r * Math.sin(angle), depth: d, angle });
    const kids = children.get(id)!;
    // Around the centre, half of the circle is shared equally: a neighbour with one leaf must not
    // be squeezed against one with twenty (their labels would collide).
    const weight = (kid: string) => (d === 0 ? leaves.get(kid)! / leaves.get(id)! + 1 / kids.length : leaves.get(kid)!);
    const total = kids.reduce((sum, kid) => sum + weight(kid), 0);
    let at = from;
    for (const kid of kids) {
      const span = ((to - from) * weight(kid)) / total;
      place(kid, at, at + span);
      at += span;
    }
  };
  // Start at the top (−90°) so a single neighbour sits above the centre, not to its right.
  if (center !== undefined) place(center, -Math.PI / 2, (3 * Math.PI) / 2);
  return { positions, width: 2 * half, height: 2 * half, radii };
}
