/**
 * The stated rule for K-Means' k: fit K-Means for every k in [kMin, kMax] and keep the k with
 * the highest mean silhouette (Euclidean, in the clustering space); ties go to the smaller k.
 * Silhouette is estimated on one seeded sample of points shared by every k, so the curve
 * compares like with like and the scan costs O(range · sampleSize · n) instead of O(range · n²).
 */
import type { Matrix } from './matrix';
import { kmeans, type KMeansResult } from './kmeans';
import { silhouette } from './metrics';

export interface ChooseKOptions {
  kMin?: number; // default 5
  kMax?: number; // default 50
  step?: number; // default 1
  seed?: number; // K-Means and the silhouette sample (default 0)
  /** Restarts per k during the scan (default 3; refit the winner with more if wanted). */
  nInit?: number;
  /** Points whose silhouette is evaluated (default 2000; ≥ n means exact). */
  sampleSize?: number;
}

export interface ChooseKPoint {
  k: number;
  silhouette: number;
  inertia: number;
}

export interface ChooseKResult {
  k: number;
  /** Human-readable statement of the rule and its parameters, for the registry/site. */
  rule: string;
  curve: ChooseKPoint[];
  /** The scan's fit at the chosen k. */
  model: KMeansResult;
}

export function chooseK(X: Matrix, opts: ChooseKOptions = {}): ChooseKResult {
  const { kMin = 5, kMax = 50, step = 1, seed = 0, nInit = 3, sampleSize = 2000 } = opts;
  const hi = Math.min(kMax, X.rows - 1); // silhouette needs k ≤ n-1
  if (!(kMin >= 2 && hi >= kMin && step >= 1)) throw new Error(`bad k range ${kMin}..${kMax} step ${step} for n=${X.rows}`);
  const curve: ChooseKPoint[] = [];
  let best: { point: ChooseKPoint; model: KMeansResult } | null = null;
  for (let k = kMin; k <= hi; k += step) {
    const model = kmeans(X, { k, seed, nInit });
    const point = { k, silhouette: silhouette(X, model.labels, { sampleSize, seed }), inertia: model.inertia };
    curve.push(point);
    if (!best || point.silhouette > best.point.silhouette) best = { point, model };
  }
  const sample = sampleSize >= X.rows ? 'all points' : `a seeded sample of ${sampleSize} points`;
  return {
    k: best!.point.k,
    rule: `k in ${kMin}..${hi} (step ${step}) maximising mean Euclidean silhouette over ${sample}; K-Means nInit=${nInit}, seed ${seed}; ties → smaller k`,
    curve,
    model: best!.model
  };
}
