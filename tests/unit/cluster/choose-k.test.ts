import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../build-scripts/cluster/matrix';
import { chooseK } from '../../../build-scripts/cluster/choose-k';
import { silhouette } from '../../../build-scripts/cluster/metrics';

const inputs = JSON.parse(readFileSync(new URL('../../fixtures/cluster/inputs.json', import.meta.url), 'utf8'));
const blobs = fromRows(inputs.blobs.points);
const real = fromRows(inputs.real.points);

describe('chooseK (max silhouette over a k range)', () => {
  it('finds the 4 blobs and reports the whole curve', () => {
    const r = chooseK(blobs, { kMin: 2, kMax: 8, sampleSize: 150 });
    expect(r.k).toBe(4);
    expect(r.curve.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...r.curve.map((p) => p.silhouette));
    expect(r.curve.find((p) => p.k === 4)!.silhouette).toBe(best);
    expect(r.model.k).toBe(4);
    expect(r.rule).toMatch(/2\.\.8.*silhouette.*150 points/);
  });
  it('with a full sample the curve holds the exact silhouette of each fit', () => {
    const r = chooseK(real, { kMin: 3, kMax: 9, step: 3, sampleSize: 600, nInit: 2, seed: 5 });
    expect(r.curve.map((p) => p.k)).toEqual([3, 6, 9]);
    const chosen = r.curve.find((p) => p.k === r.k)!;
    expect(chosen.silhouette).toBe(silhouette(real, r.model.labels));
    expect(chosen.inertia).toBe(r.model.inertia);
    expect(r.rule).toMatch(/all points/);
  });
  it('is deterministic for a seed', () => {
    const a = chooseK(real, { kMin: 4, kMax: 10, sampleSize: 200, seed: 3 });
    const b = chooseK(real, { kMin: 4, kMax: 10, sampleSize: 200, seed: 3 });
    expect(b.curve).toEqual(a.curve);
    expect(b.k).toBe(a.k);
  });
  it('caps kMax at n-1 and rejects empty ranges', () => {
    const tiny = fromRows([[0], [1], [5], [6], [9]]);
    expect(chooseK(tiny, { kMin: 2, kMax: 50 }).curve.at(-1)!.k).toBe(4);
    expect(() => chooseK(blobs, { kMin: 1, kMax: 5 })).toThrow(/k range/);
    expect(() => chooseK(blobs, { kMin: 9, kMax: 5 })).toThrow(/k range/);
  });
});
