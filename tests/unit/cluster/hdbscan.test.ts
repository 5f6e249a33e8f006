import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRows, sqDist, type Matrix } from '../../../build-scripts/cluster/matrix';
import { hdbscan, hdbscanLinkage, type HdbscanOptions } from '../../../build-scripts/cluster/hdbscan';
import { coreDistancesSq } from '../../../build-scripts/cluster/hdbscan-kdtree';
import { adjustedRand, noiseFraction } from '../../../build-scripts/cluster/metrics';

const dir = new URL('../../fixtures/cluster/', import.meta.url);
const inputs = JSON.parse(readFileSync(new URL('inputs.json', dir), 'utf8'));
const ref = JSON.parse(readFileSync(new URL('hdbscan.json', dir), 'utf8'));
const X = { blobs: fromRows(inputs.blobs.points), real: fromRows(inputs.real.points) } as const;

interface Case {
  name: string;
  dataset: 'blobs' | 'real';
  params: {
    min_cluster_size: number;
    min_samples?: number;
    cluster_selection_method?: 'eom' | 'leaf';
    allow_single_cluster?: boolean;
  };
  n_clusters: number;
  labels: number[];
  probabilities: number[];
}

const optionsOf = (p: Case['params']): HdbscanOptions => ({
  minClusterSize: p.min_cluster_size,
  minSamples: p.min_samples,
  selectionMethod: p.cluster_selection_method,
  allowSingleCluster: p.allow_single_cluster
});

describe('HDBSCAN vs scikit-learn', () => {
  for (const sk of ref.cases as Case[]) {
    it(`${sk.name}: same clusters, noise and probabilities`, () => {
      const r = hdbscan(X[sk.dataset], optionsOf(sk.params));
      expect(r.k).toBe(sk.n_clusters);
      expect(adjustedRand(r.labels, sk.labels)).toBeGreaterThanOrEqual(0.9);
      // Label ids follow sklearn's numbering too. Only mutual-reachability ties can differ:
      // numpy's unstable argsort orders equal-weight MST edges arbitrarily (1 point of 600 in
      // real_mcs10), so demand ≥ 99 % identical labels rather than all.
      const same = r.labels.filter((l, i) => l === sk.labels[i]).length;
      expect(same / r.labels.length).toBeGreaterThanOrEqual(0.99);
      expect(Math.abs(noiseFraction(r.labels) - noiseFraction(sk.labels))).toBeLessThanOrEqual(0.01);
      for (let i = 0; i < r.labels.length; i++) {
        if (r.labels[i] === sk.labels[i]) expect(Math.abs(r.probabilities[i] - sk.probabilities[i])).toBeLessThan(1e-3);
      }
    });
  }

  it('core distances count the point itself, like sklearn min_samples', () => {
    const m = fromRows([[0], [1], [3], [7]]);
    expect(Array.from(coreDistancesSq(m, 1))).toEqual([0, 0, 0, 0]);
    expect(Array.from(coreDistancesSq(m, 2))).toEqual([1, 1, 4, 16]);
    expect(Array.from(coreDistancesSq(m, 3))).toEqual([9, 4, 9, 36]);
  });
});

describe('HDBSCAN behaviour', () => {
  it('recovers the four blobs without noise, probabilities in [0, 1] and 0 for noise', () => {
    const r = hdbscan(X.blobs, { minClusterSize: 10 });
    expect(adjustedRand(r.labels, inputs.blobs.truth)).toBe(1);
    const real = hdbscan(X.real, { minClusterSize: 10, minSamples: 3 });
    for (let i = 0; i < real.labels.length; i++) {
      expect(real.probabilities[i]).toBeGreaterThanOrEqual(0);
      expect(real.probabilities[i]).toBeLessThanOrEqual(1);
      if (real.labels[i] === -1) expect(real.probabilities[i]).toBe(0);
    }
  });

  it('nearestCluster: identity for clustered points, nearest clustered point for noise', () => {
    const m = X.real;
    const r = hdbscan(m, { minClusterSize: 8, minSamples: 2, selectionMethod: 'leaf' });
    expect(r.k).toBeGreaterThan(1);
    for (let i = 0; i < m.rows; i++) {
      expect(r.nearestCluster[i]).toBeGreaterThanOrEqual(0);
      if (r.labels[i] >= 0) {
        expect(r.nearestCluster[i]).toBe(r.labels[i]);
        continue;
      }
      let best = Infinity;
      for (let j = 0; j < m.rows; j++) if (r.labels[j] >= 0) best = Math.min(best, sqDist(m, i, m, j));
      const chosen = [...Array(m.rows).keys()].filter((j) => r.labels[j] === r.nearestCluster[i]);
      expect(Math.min(...chosen.map((j) => sqDist(m, i, m, j)))).toBe(best);
    }
  });

  it('is deterministic and reuses a precomputed linkage', () => {
    const a = hdbscan(X.real, { minClusterSize: 10, minSamples: 3 });
    const b = hdbscan(X.real, { minClusterSize: 10, minSamples: 3 });
    expect(b.labels).toEqual(a.labels);
    expect(b.probabilities).toEqual(a.probabilities);
    const linkage = hdbscanLinkage(X.real, 3);
    const c = hdbscan(X.real, { minClusterSize: 10, minSamples: 3, linkage });
    expect(c.labels).toEqual(a.labels);
    expect(() => hdbscan(X.real, { minClusterSize: 10, linkage })).toThrow(/minSamples/);
  });

  it("'leaf' gives finer clusters than 'eom'; epsilon merges leaves born below it", () => {
    const leaf = hdbscan(X.blobs, { minClusterSize: 5, minSamples: 2, selectionMethod: 'leaf' });
    expect(leaf.k).toBeGreaterThan(4); // blobs split into dense cores
    // Leaves are born at distance ~1, blobs separate at ≥ 7: epsilon 2 lifts every leaf to its blob.
    const merged = hdbscan(X.blobs, { minClusterSize: 5, minSamples: 2, selectionMethod: 'leaf', clusterSelectionEpsilon: 2 });
    expect(merged.k).toBe(4);
    expect(adjustedRand(merged.labels, inputs.blobs.truth)).toBe(1);
    const tiny = hdbscan(X.blobs, { minClusterSize: 5, minSamples: 2, selectionMethod: 'leaf', clusterSelectionEpsilon: 0.1 });
    expect(tiny.labels).toEqual(leaf.labels);
  });

  it('reports the condensed cluster tree with the selected nodes', () => {
    const r = hdbscan(X.blobs, { minClusterSize: 10 });
    expect(r.tree[0]).toMatchObject({ parent: -1, size: 300, label: -1 });
    expect(r.tree.filter((t) => t.label >= 0).map((t) => t.size)).toEqual([75, 75, 75, 75]);
    for (const [i, t] of r.tree.entries()) if (i > 0) expect(t.parent).toBeLessThan(i);
  });
});

describe('HDBSCAN edge cases', () => {
  const identical: Matrix = fromRows(Array.from({ length: 50 }, () => [1, 2, 3, 4, 5]));

  it('all points identical: all noise, or one cluster with allowSingleCluster (as sklearn)', () => {
    const r = hdbscan(identical, { minClusterSize: 10 });
    expect(r.k).toBe(0);
    expect(Array.from(new Set(r.labels))).toEqual([-1]);
    expect(Array.from(new Set(r.nearestCluster))).toEqual([-1]);
    const single = hdbscan(identical, { minClusterSize: 10, allowSingleCluster: true });
    expect(single.k).toBe(1);
    expect(Array.from(new Set(single.labels))).toEqual([0]);
    expect(Array.from(new Set(single.probabilities))).toEqual([1]);
  });

  it('fewer points than minClusterSize → all noise, no throw (minSamples clamped to n)', () => {
    const m = fromRows(inputs.blobs.points.slice(0, 7));
    const r = hdbscan(m, { minClusterSize: 10 });
    expect(r).toMatchObject({ k: 0, minSamples: 7 });
    expect(Array.from(r.labels)).toEqual(Array(7).fill(-1));
    expect(hdbscan(fromRows([]), { minClusterSize: 5 }).labels.length).toBe(0);
    expect(hdbscan(fromRows([[1, 2]]), { minClusterSize: 2 }).k).toBe(0);
    const clamped = hdbscan(fromRows(inputs.blobs.points.slice(0, 30)), { minClusterSize: 5, minSamples: 50 });
    expect(clamped.minSamples).toBe(30);
  });

  it('rejects invalid parameters and non-finite input', () => {
    expect(() => hdbscan(X.blobs, { minClusterSize: 1 })).toThrow(/minClusterSize/);
    expect(() => hdbscan(X.blobs, { minClusterSize: 5, minSamples: 0 })).toThrow(/minSamples/);
    expect(() => hdbscan(X.blobs, { minClusterSize: 5, clusterSelectionEpsilon: -1 })).toThrow(/Epsilon/);
    expect(() => hdbscan(fromRows([[0, 1], [NaN, 1], [2, 2]]), { minClusterSize: 2 })).toThrow(/row 1/);
  });
});
