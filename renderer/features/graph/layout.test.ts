import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../shared/domain/analysis';
import { radialLayout } from './layout';

const node = (id: string): GraphNode => ({ id, type: 'quote', title: id });
const edge = (from: string, to: string): GraphEdge => ({ id: `${from}-${to}`, from, to, type: 'contradicts' });

describe('radialLayout', () => {
  it('puts the centre in the middle and its neighbours on the first ring', () => {
    const layout = radialLayout({ center: 'c', nodes: ['c', 'a', 'b', 'd'].map(node), edges: [edge('c', 'a'), edge('b', 'c'), edge('c', 'd')] });
    const c = layout.positions.get('c')!;
    expect(c).toMatchObject({ x: layout.width / 2, y: layout.height / 2, depth: 0 });
    for (const id of ['a', 'b', 'd']) {
      const p = layout.positions.get(id)!;
      expect(p.depth).toBe(1);
      expect(Math.hypot(p.x - c.x, p.y - c.y)).toBeCloseTo(layout.radii[1]!, 6);
    }
  });

  it('places second-degree nodes on the second ring, inside their parent’s sector', () => {
    const layout = radialLayout({
      center: 'c',
      nodes: ['c', 'a', 'b', 'a1', 'a2', 'b1'].map(node),
      edges: [edge('c', 'a'), edge('c', 'b'), edge('a', 'a1'), edge('a2', 'a'), edge('b', 'b1')],
    });
    const angle = (id: string) => layout.positions.get(id)!.angle;
    expect(layout.positions.get('a1')!.depth).toBe(2);
    expect(layout.radii[2]!).toBeGreaterThan(layout.radii[1]!);
    // a's sector holds a1 and a2; b's holds b1: a's children are closer to a than b1 is.
    expect(Math.abs(angle('a1') - angle('a'))).toBeLessThan(Math.abs(angle('b1') - angle('a')));
    expect(Math.abs(angle('b1') - angle('b'))).toBeLessThan(1e-9);
  });

  it('never puts two nodes at the same place, even when crowded', () => {
    const ids = ['c', ...Array.from({ length: 80 }, (_, i) => `n${i}`)];
    const layout = radialLayout({ center: 'c', nodes: ids.map(node), edges: ids.slice(1).map((id) => edge('c', id)) });
    const points = [...layout.positions.values()];
    let min = Infinity;
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) min = Math.min(min, Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y));
    expect(min).toBeGreaterThanOrEqual(40);
  });

  it('keeps nodes the edges do not reach, and ignores edges to unknown nodes', () => {
    const layout = radialLayout({ center: 'c', nodes: ['c', 'lonely'].map(node), edges: [edge('c', 'ghost')] });
    expect(layout.positions.get('lonely')!.depth).toBe(1);
    expect(layout.positions.has('ghost')).toBe(false);
  });

  it('is deterministic', () => {
    const graph = { center: 'c', nodes: ['c', 'a', 'b'].map(node), edges: [edge('c', 'a'), edge('a', 'b')] };
    expect([...radialLayout(graph).positions]).toEqual([...radialLayout(graph).positions]);
  });
});
