/**
 * UMAP reduction (umap-js), seeded and reproducible.
 *
 * - 2-D layout for the map (normalise with `normaliseLayout`), n-D (default 5, min_dist 0,
 *   cosine — BERTopic practice) for the clusterers.
 * - The kNN graph is computed exactly here (see knn.ts) and handed to umap-js via
 *   setPrecomputedKNN, so umap-js never runs its random-projection forest / NN-descent.
 *   Compute it once with `exactKnn` and pass it as `knn` to both runs.
 * - umap-js draws every random number (initial layout, negative sampling) from the `random`
 *   function we give it, so a seeded mulberry32 makes the output a pure function of
 *   (input, parameters, seed).
 */
import { UMAP } from 'umap-js';
import type { Matrix } from '../cluster/matrix';
import { rng } from '../cluster/types';
import { exactKnn, type KnnGraph, type Metric } from './knn';

export type { KnnGraph, Metric } from './knn';
export { exactKnn } from './knn';

export interface UmapOptions {
  nComponents: number;
  nNeighbors: number;
  minDist: number;
  metric: Metric;
  seed: number;
  /** Default: umap-js's own schedule (500 epochs ≤ 2.5k points … 200 above 7.5k). */
  nEpochs?: number;
  /** Called every ~10 % of the epochs and at the end. */
  onProgress?: (epoch: number, nEpochs: number) => void;
  /** A graph from `exactKnn(vectors, nNeighbors, metric)`, to share it between runs. */
  knn?: KnnGraph;
}

/** Parameters as recorded in the manifest (everything that changes the output). */
export interface UmapParams {
  nComponents: number;
  nNeighbors: number;
  minDist: number;
  metric: Metric;
  seed: number;
  nEpochs: number;
  knn: 'exact';
  library: string;
}

export interface UmapResult {
  layout: Matrix;
  params: UmapParams;
}

export const UMAP_JS_VERSION = '1.4.0';

/** Reduce n × d vectors to n × nComponents. See `reduceWithParams` for the manifest record. */
export function reduce(vectors: ArrayLike<number>[] | Matrix, opts: UmapOptions): Matrix {
  return reduceWithParams(vectors, opts).layout;
}

export function reduceWithParams(vectors: ArrayLike<number>[] | Matrix, opts: UmapOptions): UmapResult {
  const n = Array.isArray(vectors) ? vectors.length : (vectors as Matrix).rows;
  const { nComponents, nNeighbors, minDist, metric, seed } = opts;
  if (n <= nNeighbors) throw new Error(`UMAP needs more than nNeighbors=${nNeighbors} points, got ${n}`);
  const knn = opts.knn ?? exactKnn(vectors, nNeighbors, metric);
  if (knn.k !== nNeighbors || knn.metric !== metric || knn.indices.length !== n) {
    throw new Error(`precomputed kNN (k=${knn.k}, ${knn.metric}, n=${knn.indices.length}) does not match the options`);
  }
  const umap = new UMAP({
    nComponents, nNeighbors, minDist, nEpochs: opts.nEpochs, random: rng(seed)
  });
  umap.setPrecomputedKNN(knn.indices.map((r) => Array.from(r)), knn.distances.map((r) => Array.from(r)));
  // With a precomputed graph umap-js reads only X.length (and keeps X for transform(), which
  // we don't use), so placeholders avoid copying n × 384 numbers into number[][].
  const placeholder: number[][] = Array.from({ length: n }, () => []);
  const nEpochs = umap.initializeFit(placeholder);
  const every = Math.max(1, Math.round(nEpochs / 10));
  for (let e = 0; e < nEpochs; ) {
    e = umap.step();
    if (opts.onProgress && (e % every === 0 || e === nEpochs)) opts.onProgress(e, nEpochs);
  }
  const emb = umap.getEmbedding();
  const data = new Float64Array(n * nComponents);
  for (let i = 0; i < n; i++) for (let j = 0; j < nComponents; j++) data[i * nComponents + j] = emb[i][j];
  return {
    layout: { data, rows: n, cols: nComponents },
    params: { nComponents, nNeighbors, minDist, metric, seed, nEpochs, knn: 'exact', library: `umap-js@${UMAP_JS_VERSION}` }
  };
}

/**
 * Scales a layout into [0, 1] with ONE factor for all axes (the largest range), so the
 * aspect ratio and relative distances are preserved: the longest axis spans exactly [0, 1],
 * shorter axes are centred within it. A degenerate (single-point) layout maps to 0.5.
 */
export function normaliseLayout(m: Matrix): Matrix {
  const { rows: n, cols: d } = m;
  const lo = new Float64Array(d).fill(Infinity);
  const hi = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = m.data[i * d + j];
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  }
  let span = 0;
  for (let j = 0; j < d; j++) span = Math.max(span, hi[j] - lo[j]);
  const data = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    const offset = span > 0 ? (span - (hi[j] - lo[j])) / 2 : 0; // centre the shorter axes
    for (let i = 0; i < n; i++) {
      data[i * d + j] = span > 0 ? (m.data[i * d + j] - lo[j] + offset) / span : 0.5;
    }
  }
  return { data, rows: n, cols: d };
}

export interface AtlasLayoutOptions {
  seed: number;
  nNeighbors?: number;
  /** n-D layout for clustering (default 5, min_dist 0). */
  nComponents?: number;
  minDistNd?: number;
  /** 2-D layout for the map (default min_dist 0.1: a little air between points). */
  minDist2d?: number;
  metric?: Metric;
  nEpochs?: number;
  onProgress?: (phase: 'knn' | '2d' | 'nd', done: number, total: number) => void;
}

/**
 * Both layouts the build needs from one shared kNN graph: `layout2d` normalised to [0,1]
 * (aspect preserved) for the map, `layoutNd` raw for the clusterers, and the manifest record.
 */
export function reduceForAtlas(vectors: ArrayLike<number>[] | Matrix, o: AtlasLayoutOptions) {
  const nNeighbors = o.nNeighbors ?? 15;
  const metric = o.metric ?? 'cosine';
  o.onProgress?.('knn', 0, 1);
  const knn = exactKnn(vectors, nNeighbors, metric);
  o.onProgress?.('knn', 1, 1);
  const common = { nNeighbors, metric, seed: o.seed, nEpochs: o.nEpochs, knn };
  const r2 = reduceWithParams(vectors, {
    ...common, nComponents: 2, minDist: o.minDist2d ?? 0.1, onProgress: (e, t) => o.onProgress?.('2d', e, t)
  });
  const rn = reduceWithParams(vectors, {
    ...common, nComponents: o.nComponents ?? 5, minDist: o.minDistNd ?? 0, onProgress: (e, t) => o.onProgress?.('nd', e, t)
  });
  return {
    layout2d: normaliseLayout(r2.layout),
    layoutNd: rn.layout,
    params: { umap2d: { ...r2.params, normalised: 'unit-square, aspect preserved' }, umapNd: rn.params }
  };
}
