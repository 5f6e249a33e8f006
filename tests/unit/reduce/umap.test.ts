import { describe, expect, it } from 'vitest';
import { fromRows, type Matrix } from '../../../build-scripts/cluster/matrix';
import { rng } from '../../../build-scripts/cluster/types';
import { exactKnn } from '../../../build-scripts/reduce/knn';
import { normaliseLayout, reduce, reduceForAtlas, reduceWithParams } from '../../../build-scripts/reduce/umap';

/** `groups` gaussian blobs on the unit sphere in d dimensions, group-major order. */
function blobs(perGroup: number, groups: number, d: number, spread: number, seed: number): number[][] {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const out: number[][] = [];
  for (let g = 0; g < groups; g++) {
    const c = Array.from({ length: d }, gauss);
    for (let i = 0; i < perGroup; i++) {
      const v = c.map((x) => x + spread * gauss());
      const s = Math.hypot(...v);
      out.push(v.map((x) => x / s));
    }
  }
  return out;
}

const at = (m: Matrix, i: number, j: number) => m.data[i * m.cols + j];
const base = { nNeighbors: 10, minDist: 0.1, metric: 'cosine' as const, seed: 7, nEpochs: 120 };
const X = blobs(60, 2, 48, 0.6, 1);

describe('exactKnn', () => {
  it('matches a naive search, self first, for both metrics', () => {
    const pts = blobs(15, 3, 8, 1, 3).map((v, i) => v.map((x) => x * (1 + (i % 4)))); // unequal norms
    for (const metric of ['cosine', 'euclidean'] as const) {
      const g = exactKnn(pts, 5, metric);
      pts.forEach((p, i) => {
        const dist = (q: number[]) =>
          metric === 'euclidean'
            ? Math.hypot(...p.map((x, t) => x - q[t]))
            : 1 - p.reduce((s, x, t) => s + x * q[t], 0) / (Math.hypot(...p) * Math.hypot(...q));
        const naive = pts.map((q, j) => ({ j, d: j === i ? -1 : dist(q) })).sort((a, b) => a.d - b.d || a.j - b.j);
        expect(Array.from(g.indices[i])).toEqual(naive.slice(0, 5).map((x) => x.j));
        expect(g.distances[i][0]).toBe(0);
        for (let r = 1; r < 5; r++) expect(g.distances[i][r]).toBeCloseTo(naive[r].d, 9);
      });
    }
  });
});

describe('reduce', () => {
  it('returns n × nComponents', () => {
    const m2 = reduce(X, { ...base, nComponents: 2 });
    const m5 = reduce(fromRows(X), { ...base, nComponents: 5, minDist: 0 });
    expect([m2.rows, m2.cols, m2.data.length]).toEqual([120, 2, 240]);
    expect([m5.rows, m5.cols]).toEqual([120, 5]);
    expect(m5.data.every(Number.isFinite)).toBe(true);
  });

  it('is reproducible: same seed → identical output; another seed → different', () => {
    const a = reduce(X, { ...base, nComponents: 2 });
    const b = reduce(X, { ...base, nComponents: 2 });
    const c = reduce(X, { ...base, nComponents: 2, seed: 8 });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it('gives the same result with a shared precomputed kNN graph', () => {
    const knn = exactKnn(X, base.nNeighbors, 'cosine');
    const a = reduce(X, { ...base, nComponents: 2 });
    const b = reduce(X, { ...base, nComponents: 2, knn });
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(() => reduce(X, { ...base, nNeighbors: 12, nComponents: 2, knn })).toThrow(/does not match/);
  });

  it('keeps two well-separated groups apart', () => {
    const m = reduce(X, { ...base, nComponents: 2 });
    const mean = (g: number) => [0, 1].map((j) => {
      let s = 0;
      for (let i = g * 60; i < (g + 1) * 60; i++) s += at(m, i, j);
      return s / 60;
    });
    const [c0, c1] = [mean(0), mean(1)];
    const radius = (g: number, c: number[]) => {
      let s = 0;
      for (let i = g * 60; i < (g + 1) * 60; i++) s = Math.max(s, Math.hypot(at(m, i, 0) - c[0], at(m, i, 1) - c[1]));
      return s;
    };
    // Every point of group 0 is nearer its own centre than the other's, and vice versa.
    for (let i = 0; i < 120; i++) {
      const p = [at(m, i, 0), at(m, i, 1)];
      const own = i < 60 ? c0 : c1, other = i < 60 ? c1 : c0;
      expect(Math.hypot(p[0] - own[0], p[1] - own[1])).toBeLessThan(Math.hypot(p[0] - other[0], p[1] - other[1]));
    }
    expect(Math.hypot(c0[0] - c1[0], c0[1] - c1[1])).toBeGreaterThan(radius(0, c0) + radius(1, c1));
  });

  it('records its parameters and reports progress', () => {
    const seen: number[] = [];
    const r = reduceWithParams(X, { ...base, nComponents: 2, onProgress: (e) => seen.push(e) });
    expect(r.params).toMatchObject({ nComponents: 2, nNeighbors: 10, minDist: 0.1, metric: 'cosine', seed: 7, nEpochs: 120, knn: 'exact' });
    expect(seen.at(-1)).toBe(120);
  });
});

describe('normaliseLayout', () => {
  it('maps into [0,1] with one scale factor (aspect ratio preserved)', () => {
    const m = fromRows([[-2, 10], [2, 11], [0, 10.5]]); // x range 4, y range 1
    const n = normaliseLayout(m);
    expect(Math.min(...n.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...n.data)).toBeLessThanOrEqual(1);
    expect([at(n, 0, 0), at(n, 1, 0)]).toEqual([0, 1]); // longest axis spans [0,1]
    expect(at(n, 1, 1) - at(n, 0, 1)).toBeCloseTo(0.25, 12); // y keeps its 1:4 ratio
    expect((at(n, 0, 1) + at(n, 1, 1)) / 2).toBeCloseTo(0.5, 12); // and is centred
  });

  it('maps a degenerate layout to the centre', () => {
    expect(Array.from(normaliseLayout(fromRows([[3, 3], [3, 3]])).data)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('reduceForAtlas gives a unit-square 2-D layout and a raw n-D layout from one graph', () => {
    const r = reduceForAtlas(X, { seed: 3, nNeighbors: 10, nEpochs: 60 });
    expect([r.layout2d.cols, r.layoutNd.cols]).toEqual([2, 5]);
    expect(Math.min(...r.layout2d.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...r.layout2d.data)).toBe(1);
    expect(r.params.umapNd.minDist).toBe(0);
  });
});
