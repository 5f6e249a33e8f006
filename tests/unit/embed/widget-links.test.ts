import { describe, expect, it } from 'vitest';
import { clusterZoom, membersOf } from '../../../src/lib/embed/cluster-view';
import { fullPageHref, moviePageHref } from '../../../src/lib/embed/links';

const common = { theme: null, parentOrigin: null, navigate: true };

describe('links out of a widget', () => {
  it('lead to the full page the widget is a view of, query text encoded', () => {
    expect(fullPageHref({ widget: 'search', q: 'heist & dream', ...common }, '/cineatlas')).toBe('/cineatlas/?q=heist+%26+dream');
    expect(fullPageHref({ widget: 'search', q: '', ...common }, '')).toBe('/');
    expect(fullPageHref({ widget: 'similar', id: 603, ...common }, '/cineatlas')).toBe('/cineatlas/movie/?id=603');
    expect(fullPageHref({ widget: 'map', model: 'hdbscan', cluster: 4, ...common }, '/b')).toBe('/b/map/?model=hdbscan&cluster=4');
    expect(fullPageHref({ widget: 'map', model: null, cluster: 0, ...common }, '/b')).toBe('/b/map/?cluster=0');
    expect(moviePageHref(27205, '..')).toBe('../movie/?id=27205');
  });
});

describe('framing a micro-genre', () => {
  // 100 points on a 10×10 grid over 0..1; cluster 7 = the 3×3 block at the top left.
  const xs: number[] = [];
  const ys: number[] = [];
  const cl: number[] = [];
  for (let i = 0; i < 100; i++) {
    xs.push((i % 10) / 9);
    ys.push(Math.floor(i / 10) / 9);
    cl.push(i % 10 < 3 && i < 30 ? 7 : 1);
  }

  it('finds the members and centres a zoom on them', () => {
    const m = membersOf(Int32Array.from(cl), 7);
    expect(m).toHaveLength(9);
    const z = clusterZoom(xs, ys, m)!;
    expect(z.cx).toBeCloseTo(1 / 9, 5);
    expect(z.cy).toBeCloseTo(1 / 9, 5);
    expect(z.k).toBeGreaterThan(2);
    expect(z.k).toBeLessThanOrEqual(6);
  });

  it('shows the whole map for a cluster spread over it, or with no members', () => {
    expect(clusterZoom(xs, ys, membersOf(cl, 1))).toBe(null);
    expect(clusterZoom(xs, ys, [])).toBe(null);
  });
});
