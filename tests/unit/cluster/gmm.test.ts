import { describe, expect, it } from 'vitest';
import inputs from '../../fixtures/cluster/inputs.json';
import ref from '../../fixtures/cluster/gmm_ward.json';
import { fromRows } from '../../../build-scripts/cluster/matrix';
import { gmm, gmmBic, gmmParamCount, gmmPosteriors } from '../../../build-scripts/cluster/gmm';
import { selectGmm } from '../../../build-scripts/cluster/gmm-select';
import { adjustedRand as ari } from '../../../build-scripts/cluster/metrics';

const blobs = fromRows(inputs.blobs.points);
const real = fromRows(inputs.real.points);
const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('gmm vs sklearn GaussianMixture(full, n_init=3)', () => {
  const fit = gmm(blobs, { k: 4, seed: 1, nInit: 3 });

  it('blobs: mean log-likelihood within 1%, labels ARI ≥ 0.9', () => {
    expect(relDiff(fit.meanLogLikelihood, ref.gmm.blobs.score)).toBeLessThan(0.01);
    expect(ari(fit.labels, ref.gmm.blobs.labels)).toBeGreaterThanOrEqual(0.9);
    expect(ari(fit.labels, inputs.blobs.truth)).toBeGreaterThanOrEqual(0.9);
  });

  it('blobs: BIC computed the sklearn way within 1%', () => {
    expect(gmmParamCount(4, 5)).toBe(83); // 4·15 cov + 4·5 means + 3 weights
    expect(fit.bic).toBeCloseTo(gmmBic(fit.meanLogLikelihood, 300, 4, 5), 9);
    expect(relDiff(fit.bic, ref.gmm.blobs.bic)).toBeLessThan(0.01);
  });

  it('real slice (6 components): mean log-likelihood within 1%', () => {
    const r = gmm(real, { k: 6, seed: 1, nInit: 3 });
    expect(relDiff(r.meanLogLikelihood, ref.gmm.real.score)).toBeLessThan(0.01);
    expect(relDiff(r.bic, ref.gmm.real.bic)).toBeLessThan(0.01);
  });

  it('posteriors sum to 1 per point and reproduce labels, confidence and score', () => {
    const { resp, meanLogLikelihood } = gmmPosteriors(fit, blobs);
    expect(meanLogLikelihood).toBeCloseTo(fit.meanLogLikelihood, 12);
    for (let i = 0; i < blobs.rows; i++) {
      const p = resp.subarray(i * 4, i * 4 + 4);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.max(...p)).toBeCloseTo(fit.probabilities[i], 12);
      expect(p[fit.labels[i]]).toBe(Math.max(...p));
    }
    expect(fit.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is deterministic for a seed', () => {
    const again = gmm(blobs, { k: 4, seed: 1, nInit: 3 });
    expect(again.labels).toEqual(fit.labels);
    expect(again.meanLogLikelihood).toBe(fit.meanLogLikelihood);
  });

  it('accepts initial labels', () => {
    const g = gmm(blobs, { k: 4, initLabels: Int32Array.from(inputs.blobs.truth) });
    expect(ari(g.labels, inputs.blobs.truth)).toBeGreaterThanOrEqual(0.99);
  });
});

describe('selectGmm (lowest BIC)', () => {
  it('picks 4 on blobs and its curve tracks sklearn near the minimum', () => {
    const sel = selectGmm(blobs, { kMin: 2, kMax: 10, seed: 3 });
    expect(sel.k).toBe(4);
    const sk = ref.gmm.blobs.bic_curve;
    expect(sk.reduce((a, b) => (b.bic < a.bic ? b : a)).k).toBe(4);
    for (const { k, bic } of sk.filter((p) => p.k <= 5)) {
      expect(relDiff(sel.curve.find((p) => p.k === k)!.bic, bic)).toBeLessThan(0.01);
    }
    expect(sel.model.k).toBe(4);
  });

  it('coarse step + local refinement still finds 4 and skips most k', () => {
    const sel = selectGmm(blobs, { kMin: 2, kMax: 12, step: 3, seed: 3 });
    expect(sel.k).toBe(4);
    // Coarse 2,5,8,11,12 → minimum at 5 → refine 3..7.
    expect(sel.curve.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 11, 12]);
  });
});
