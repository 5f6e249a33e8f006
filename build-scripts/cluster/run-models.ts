/**
 * Runs the four clusterers side by side on the n-D UMAP layout, each with its stated rule
 * for the number of clusters, and scores them the same way. Pure computation: the stage
 * around it handles embeddings, labels and files.
 */
import { chooseK } from './choose-k';
import { selectGmm } from './gmm-select';
import { hdbscan, hdbscanLinkage, type HdbscanResult } from './hdbscan';
import { kmeans } from './kmeans';
import type { Matrix } from './matrix';
import { clusterQuality, genreNmi, pairwiseAgreement, silhouette, noiseFraction, type Quality } from './metrics';
import type { Clustering } from './types';
import { cutTree, rollUp, wardTree } from './ward';

export type ModelId = 'kmeans' | 'kmeans75' | 'hdbscan' | 'gmm' | 'ward';

export interface SelectionPoint {
  /** The parameter being chosen (k, or min cluster size for HDBSCAN). */
  value: number;
  score: number;
}

export interface ModelRun {
  id: ModelId;
  algorithm: 'K-Means' | 'HDBSCAN' | 'Gaussian mixture' | 'Ward agglomerative';
  params: Record<string, number | string | boolean>;
  /** How the number of clusters was chosen, in words (shown on the Models page). */
  rule: string;
  selection: SelectionPoint[];
  clustering: Clustering;
  /** Cluster to colour each point by: HDBSCAN noise takes its nearest cluster; others = labels. */
  displayLabels: Int32Array;
  quality: Quality;
  /** NMI with each movie's first TMDB genre: an outside sanity check, not a target. */
  genreNmi: number;
  /** Ward only: coarse (macro-genre) cluster of each fine cluster. */
  macro?: { k: number; parentOf: number[]; labels: Int32Array };
  seconds: number;
}

export interface RunModelsOptions {
  seed?: number;
  /** Fine-grained K-Means for comparison (a common micro-genre granularity). */
  fineK?: number;
  /** Points in the silhouette sample used while choosing k (final metrics are exact). */
  selectionSample?: number;
  /** Override the scanned k range (default: kRange(n)). */
  kMin?: number;
  kMax?: number;
  onProgress?: (model: ModelId) => void;
}

export interface ModelSuite {
  models: ModelRun[];
  agreement: { a: string; b: string; ari: number; nmi: number }[];
  /** Metrics space, stated for the registry. */
  space: string;
}

/**
 * The k range every k-choosing rule scans. The range sets the granularity - micro-genres of
 * roughly 60-300 movies - and the rule picks within it: silhouette alone, left free, prefers
 * a handful of macro-genres (on TMDB 5000 it falls to the smallest k offered).
 */
export function kRange(n: number): { kMin: number; kMax: number } {
  const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
  const kMin = Math.min(clamp(Math.round(n / 300), 8, 30), Math.max(2, Math.floor(n / 10)));
  const kMax = Math.max(kMin, Math.min(80, Math.max(kMin + 6, Math.round(n / 60)), Math.floor(n / 10)));
  return { kMin, kMax };
}

export function runModels(X: Matrix, genres: readonly (readonly string[])[], opts: RunModelsOptions = {}): ModelSuite {
  const { seed = 42, fineK = 75, selectionSample = 2000 } = opts;
  const n = X.rows;
  const { kMin, kMax } = { ...kRange(n), ...(opts.kMin !== undefined && { kMin: opts.kMin }), ...(opts.kMax !== undefined && { kMax: opts.kMax }) };
  const models: ModelRun[] = [];
  const finish = (run: Omit<ModelRun, 'quality' | 'genreNmi' | 'seconds'>, started: number) => {
    models.push({
      ...run,
      quality: clusterQuality(X, run.clustering.labels),
      genreNmi: genreNmi(run.clustering.labels, genres),
      seconds: (performance.now() - started) / 1000
    });
    opts.onProgress?.(run.id);
  };

  let t = performance.now();
  const km = chooseK(X, { kMin, kMax, seed, nInit: 3, sampleSize: selectionSample });
  const kmFinal = kmeans(X, { k: km.k, seed, nInit: 10 });
  finish({
    id: 'kmeans', algorithm: 'K-Means', params: { k: km.k, nInit: 10, init: 'k-means++', seed },
    rule: km.rule, selection: km.curve.map((p) => ({ value: p.k, score: p.silhouette })),
    clustering: kmFinal, displayLabels: kmFinal.labels
  }, t);

  t = performance.now();
  const k75 = Math.min(fineK, Math.max(2, Math.floor(n / 10)));
  const kmFine = kmeans(X, { k: k75, seed, nInit: 5 });
  finish({
    id: 'kmeans75', algorithm: 'K-Means', params: { k: k75, nInit: 5, init: 'k-means++', seed },
    rule: `fixed k = ${k75} (${fineK}, capped at n/10): a common micro-genre granularity, for comparison`,
    selection: [], clustering: kmFine, displayLabels: kmFine.labels
  }, t);

  t = performance.now();
  const hd = chooseHdbscan(X, selectionSample, seed);
  finish({
    id: 'hdbscan', algorithm: 'HDBSCAN', params: { minClusterSize: hd.minClusterSize, minSamples: hd.best.minSamples, selection: 'eom' },
    rule: hd.rule, selection: hd.curve, clustering: hd.best, displayLabels: hd.best.nearestCluster
  }, t);

  t = performance.now();
  const step = Math.max(1, Math.ceil((kMax - kMin) / 8));
  const gm = selectGmm(X, { kMin, kMax, step, seed, searchInit: 1, finalInit: 2 });
  finish({
    id: 'gmm', algorithm: 'Gaussian mixture', params: { k: gm.k, covariance: 'full', nInit: 2, seed },
    rule: `k in ${kMin}..${kMax} (coarse step ${step}, then refined around the minimum) with the lowest BIC`,
    selection: gm.curve.map((p) => ({ value: p.k, score: p.bic })), clustering: gm.model, displayLabels: gm.model.labels
  }, t);

  t = performance.now();
  const tree = wardTree(X);
  const wardCurve: SelectionPoint[] = [];
  for (let k = kMin; k <= kMax; k++)
    wardCurve.push({ value: k, score: silhouette(X, cutTree(tree, k).labels, { sampleSize: selectionSample, seed }) });
  const wardK = wardCurve.reduce((a, b) => (b.score > a.score ? b : a)).value;
  const coarseK = Math.max(2, Math.min(10, Math.round(wardK / 4)));
  const roll = rollUp(tree, wardK, Math.min(coarseK, wardK));
  finish({
    id: 'ward', algorithm: 'Ward agglomerative', params: { k: wardK, macroK: roll.coarse.k, linkage: 'ward (nearest-neighbour chain)' },
    rule: `cut of one Ward tree at the k in ${kMin}..${kMax} maximising mean silhouette (seeded ${selectionSample}-point sample); macro-genres = cut at k/4`,
    selection: wardCurve, clustering: roll.fine, displayLabels: roll.fine.labels,
    macro: { k: roll.coarse.k, parentOf: [...roll.parent], labels: roll.coarse.labels }
  }, t);

  return {
    models,
    agreement: pairwiseAgreement(Object.fromEntries(models.map((m) => [m.id, m.clustering.labels]))),
    space: `${X.cols}-D UMAP layout, Euclidean distance; silhouette, Davies–Bouldin and Calinski–Harabasz on non-noise points`
  };
}

/**
 * HDBSCAN's rule: try a few minimum cluster sizes (scaled with n) over one shared linkage
 * and keep the one maximising silhouette × (1 − noise fraction), so a setting cannot win
 * by calling most movies noise.
 */
function chooseHdbscan(X: Matrix, sampleSize: number, seed: number) {
  const n = X.rows;
  const sizes = [...new Set([0.002, 0.004, 0.008, 0.016].map((f) => Math.max(5, Math.round(n * f))))];
  const minSamples = Math.min(5, n);
  const linkage = hdbscanLinkage(X, minSamples);
  let best: { result: HdbscanResult; size: number; score: number } | null = null;
  const curve: SelectionPoint[] = [];
  for (const size of sizes) {
    const result = hdbscan(X, { minClusterSize: size, minSamples, linkage });
    const sil = result.k >= 2 ? silhouette(X, result.labels, { sampleSize, seed }) : -1;
    const score = sil * (1 - noiseFraction(result.labels));
    curve.push({ value: size, score });
    if (!best || score > best.score) best = { result, size, score };
  }
  return {
    best: best!.result,
    minClusterSize: best!.size,
    curve,
    rule: `min cluster size from {${sizes.join(', ')}} (≈0.2–1.6% of n), min_samples ${minSamples}, maximising silhouette × (1 − noise fraction)`
  };
}
