import { describe, expect, it } from 'vitest';
import inputs from '../../fixtures/cluster/inputs.json';
import ref from '../../fixtures/cluster/gmm_ward.json';
import { fromRows, type Matrix } from '../../../build-scripts/cluster/matrix';
import { cutTree, rollUp, toLinkage, ward, wardTree } from '../../../build-scripts/cluster/ward';
import { rng } from '../../../build-scripts/cluster/types';
import { adjustedRand as ari } from '../../../build-scripts/cluster/metrics';

const blobs = fromRows(inputs.blobs.points);
const real = fromRows(inputs.real.points);
const realTree = wardTree(real);

describe('ward vs sklearn AgglomerativeClustering(linkage="ward")', () => {
  it.each([
    ['blobs', 4, blobs, ref.ward.blobs_k4],
    ['real', 8, real, ref.ward.real_k8],
    ['real', 15, real, ref.ward.real_k15]
  ] as [string, number, Matrix, number[]][])('%s k=%i: identical partition', (_, k, m, expected) => {
    const c = ward(m, k);
    expect(c.k).toBe(k);
    expect(ari(c.labels, expected)).toBe(1);
  });

  it('merge heights equal scipy linkage(X, "ward") within 1e-6 relative', () => {
    const ours = Array.from(realTree.height);
    const theirs = [...ref.ward.real_heights].sort((a, b) => a - b);
    expect(ours.length).toBe(theirs.length);
    ours.forEach((h, i) => expect(Math.abs(h - theirs[i]) / theirs[i]).toBeLessThan(1e-6));
  });

  it('tree is a valid scipy linkage', () => {
    const n = real.rows;
    const Z = toLinkage(realTree);
    const used = new Set<number>();
    const sizeOf = (v: number) => (v < n ? 1 : Z[v - n][3]);
    Z.forEach(([a, b, h, s], i) => {
      expect(a).toBeLessThan(b);
      expect(b).toBeLessThan(n + i); // children exist before their parent
      expect(used.has(a) || used.has(b)).toBe(false);
      used.add(a).add(b);
      expect(s).toBe(sizeOf(a) + sizeOf(b));
      if (i) expect(h).toBeGreaterThanOrEqual(Z[i - 1][2]);
    });
    expect(Z[n - 2][3]).toBe(n);
  });
});

describe('cutTree and rollUp', () => {
  it('cut sizes add up and labels are numbered by first point', () => {
    for (const k of [1, 2, 8, 15, 100, real.rows]) {
      const c = cutTree(realTree, k);
      expect(c.k).toBe(k);
      const sizes = new Array(k).fill(0);
      let seen = -1;
      c.labels.forEach((l) => {
        sizes[l]++;
        if (l > seen) expect(l).toBe(++seen);
      });
      expect(sizes.every((s) => s > 0)).toBe(true);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(real.rows);
    }
  });

  it('each fine cluster lies wholly inside exactly one coarse cluster', () => {
    const { fine, coarse, parent } = rollUp(realTree, 40, 8);
    expect(parent.length).toBe(40);
    fine.labels.forEach((f, i) => expect(coarse.labels[i]).toBe(parent[f]));
    expect(new Set(parent).size).toBe(8); // every coarse cluster has children
    expect(() => rollUp(realTree, 4, 8)).toThrow();
  });

  it('is deterministic, including under ties (duplicated points)', () => {
    const r = rng(5);
    const pts = Array.from({ length: 200 }, () => Array.from({ length: 5 }, () => Math.round(r() * 4)));
    const m = fromRows(pts);
    const a = wardTree(m);
    const b = wardTree(m);
    expect(toLinkage(a)).toEqual(toLinkage(b));
    expect(cutTree(a, 7).labels).toEqual(cutTree(b, 7).labels);
  });
});
