import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../build-scripts/cluster/matrix';
import {
  adjustedRand, calinskiHarabasz, clusterQuality, daviesBouldin, genreNmi, noiseFraction,
  normalizedMutualInfo, pairwiseAgreement, silhouette, sizeDistribution
} from '../../../build-scripts/cluster/metrics';

const dir = new URL('../../fixtures/cluster/', import.meta.url);
const inputs = JSON.parse(readFileSync(new URL('inputs.json', dir), 'utf8'));
const ref = JSON.parse(readFileSync(new URL('kmeans_metrics.json', dir), 'utf8'));
const X = { blobs: fromRows(inputs.blobs.points), real: fromRows(inputs.real.points) } as const;
type Ds = keyof typeof X;
const labeling = (name: string): { X: (typeof X)[Ds]; labels: number[] } => {
  const l = ref.labelings[name];
  return { X: X[l.dataset as Ds], labels: l.labels };
};

describe('metrics match scikit-learn on identical labels (noise dropped for S/DB/CH)', () => {
  for (const [name, want] of Object.entries<Record<string, number>>(ref.scores)) {
    it(name, () => {
      const { X: m, labels } = labeling(name);
      expect(Math.abs(silhouette(m, labels) - want.silhouette)).toBeLessThan(1e-6);
      expect(Math.abs(daviesBouldin(m, labels) - want.davies_bouldin)).toBeLessThan(1e-6);
      expect(Math.abs(calinskiHarabasz(m, Int32Array.from(labels)) - want.calinski_harabasz)).toBeLessThan(1e-6);
    });
  }
  it('ARI and NMI (noise = one group) for every fixture pair', () => {
    for (const p of ref.pairs) {
      const a = ref.labelings[p.a].labels;
      const b = ref.labelings[p.b].labels;
      expect(Math.abs(adjustedRand(a, b) - p.ari)).toBeLessThan(1e-6);
      expect(Math.abs(normalizedMutualInfo(a, b) - p.nmi)).toBeLessThan(1e-6);
      expect(Math.abs(normalizedMutualInfo(b, a) - p.nmi)).toBeLessThan(1e-6); // symmetric
    }
  });
});

describe('silhouette sampling', () => {
  const { X: m, labels } = labeling('real_sk_k8');
  const exact = silhouette(m, labels);
  it('is exact when the sample covers every point', () => {
    expect(silhouette(m, labels, { sampleSize: 600 })).toBe(exact);
    expect(silhouette(m, labels, { sampleSize: 10_000 })).toBe(exact);
  });
  it('is seeded, and close to the exact score', () => {
    const a = silhouette(m, labels, { sampleSize: 300, seed: 3 });
    expect(silhouette(m, labels, { sampleSize: 300, seed: 3 })).toBe(a);
    expect(Math.abs(a - exact)).toBeLessThan(0.02);
  });
  it('samples by original position, so renaming clusters keeps the sample', () => {
    const renamed = labels.map((l: number) => 7 - l);
    const opts = { sampleSize: 100, seed: 9 };
    expect(silhouette(m, renamed, opts)).toBeCloseTo(silhouette(m, labels, opts), 12);
  });
});

describe('edge cases', () => {
  const m = fromRows([[0, 0], [0, 1], [5, 5], [5, 6], [9, 9]]);
  it('S/DB/CH are NaN with fewer than 2 clusters left after dropping noise', () => {
    for (const f of [silhouette, daviesBouldin, calinskiHarabasz]) {
      expect(f(m, [0, 0, 0, 0, 0])).toBeNaN();
      expect(f(m, [0, 0, -1, -1, -1])).toBeNaN();
    }
    expect(silhouette(m, [0, 1, 2, 3, 4])).toBeNaN(); // k = n, as sklearn refuses
  });
  it('label codes are arbitrary', () => {
    expect(silhouette(m, [7, 7, 3, 3, 3])).toBeCloseTo(silhouette(m, [0, 0, 1, 1, 1]), 12);
    expect(adjustedRand([0, 0, 1, 1], [5, 5, -1, -1])).toBe(1);
    expect(normalizedMutualInfo([0, 0, 1, 1], [5, 5, -1, -1])).toBeCloseTo(1, 12);
  });
  it('degenerate agreement cases follow sklearn', () => {
    expect(normalizedMutualInfo([1, 1, 1], [0, 0, 0])).toBe(1);
    expect(normalizedMutualInfo([1, 1, 1, 1], [0, 0, 1, 1])).toBe(0);
    expect(adjustedRand([1, 1, 1], [0, 0, 0])).toBe(1);
    expect(adjustedRand([0, 1, 2, 3], [0, 0, 0, 0])).toBe(0);
    expect(() => adjustedRand([0, 1], [0])).toThrow(/length/);
  });
  it('genre NMI uses the first genre and skips movies without genres', () => {
    const labels = [0, 0, 1, 1, 2, -1];
    const genres = [['Drama', 'Comedy'], ['Drama'], ['Horror'], ['Horror', 'Drama'], [], null];
    expect(genreNmi(labels, genres)).toBeCloseTo(normalizedMutualInfo([0, 0, 1, 1], [0, 0, 1, 1]), 12);
    expect(genreNmi([0, 1, 0, 1], [['A'], ['A', 'B'], ['B'], ['B']])).toBe(0);
  });
  it('noise fraction and size distribution', () => {
    expect(noiseFraction([0, -1, 1, -1])).toBe(0.5);
    expect(noiseFraction([])).toBe(0);
    const s = sizeDistribution([0, 0, 0, 0, 1, 1, 2, -1, -1]);
    expect(s).toMatchObject({ clusters: 3, min: 1, median: 2, max: 4 });
    expect(s.mean).toBeCloseTo(7 / 3, 12);
    expect(s.gini).toBeCloseTo(2 / 7, 12); // Σ|xi − xj| / (2 n² mean) = 12 / 42 for sizes 1, 2, 4
    expect(sizeDistribution([0, 1, 2, 3]).gini).toBeCloseTo(0, 12);
    expect(sizeDistribution([0, 0, 1, 1, 2, 2, 3]).median).toBe(2);
    expect(sizeDistribution([-1]).clusters).toBe(0);
  });
  it('clusterQuality and pairwiseAgreement bundle the scores', () => {
    const q = clusterQuality(m, [0, 0, 1, 1, -1]);
    expect(q.noiseFraction).toBeCloseTo(0.2, 12);
    expect(q.sizes.clusters).toBe(2);
    expect(q.silhouette).toBeCloseTo(silhouette(m, [0, 0, 1, 1, -1]), 12);
    const pw = pairwiseAgreement({ a: [0, 0, 1, 1], b: [1, 1, 0, 0], c: [0, 1, 0, 1] });
    expect(pw.map((p) => `${p.a}${p.b}`)).toEqual(['ab', 'ac', 'bc']);
    expect(pw[0].ari).toBe(1);
  });
});
