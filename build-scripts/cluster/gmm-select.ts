/**
 * Number of GMM components by lowest BIC.
 * Rule: fit k = kMin, kMin+step, …, kMax (kMax always included) with `searchInit` restarts;
 * if step > 1, refine around the minimum by halving the step (fit c ± step/2, then c ± step/4,
 * … down to c ± 1); the k with the lowest BIC wins (ties → smaller k), and is refitted with
 * `finalInit` restarts.
 * Why: a full 1-step sweep with many restarts is the dominant cost on 11k points; BIC curves are
 * smooth enough that a coarse pass + local refinement finds the same minimum.
 */
import type { Matrix } from './matrix';
import { gmm, type GmmModel } from './gmm';

export interface GmmSelectOptions {
  kMin?: number;
  kMax?: number;
  step?: number;
  seed?: number;
  /** Restarts per candidate during the search. */
  searchInit?: number;
  /** Restarts for the chosen k. */
  finalInit?: number;
  maxIter?: number;
}

export interface BicPoint {
  k: number;
  bic: number;
  meanLogLikelihood: number;
}

export interface GmmSelection {
  k: number;
  model: GmmModel;
  /** Every evaluated k in ascending order (search fits, not the final refit). */
  curve: BicPoint[];
}

export function selectGmm(m: Matrix, opts: GmmSelectOptions = {}): GmmSelection {
  const { kMin = 2, step = 1, seed = 0, searchInit = 1, finalInit = 3, maxIter = 100 } = opts;
  const kMax = Math.min(opts.kMax ?? 30, m.rows);
  if (!(kMin >= 1 && kMin <= kMax && step >= 1)) throw new Error(`selectGmm: bad range ${kMin}..${kMax} step ${step}`);
  const seen = new Map<number, BicPoint>();
  const fit = (k: number) => {
    if (seen.has(k)) return;
    // Seed per k so a candidate's fit does not depend on which others were evaluated.
    const g = gmm(m, { k, seed: seed + 1000 * k, nInit: searchInit, maxIter });
    seen.set(k, { k, bic: g.bic, meanLogLikelihood: g.meanLogLikelihood });
  };
  const argmin = () => [...seen.values()].reduce((a, b) => (b.bic < a.bic || (b.bic === a.bic && b.k < a.k) ? b : a)).k;

  for (let k = kMin; k <= kMax; k += step) fit(k);
  fit(kMax);
  // Bracket refinement: halve the step around the current minimum until it is 1, fitting
  // the two neighbours each time (2·log2(step) fits instead of every k within one step).
  for (let s = step; s > 1; ) {
    s = Math.ceil(s / 2);
    const c = argmin();
    fit(Math.max(kMin, c - s));
    fit(Math.min(kMax, c + s));
  }
  const k = argmin();
  const model = gmm(m, { k, seed: seed + 1000 * k, nInit: finalInit, maxIter });
  return { k, model, curve: [...seen.values()].sort((a, b) => a.k - b.k) };
}
