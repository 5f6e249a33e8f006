/**
 * Cluster quality and agreement metrics, matching scikit-learn's definitions (checked to 1e-6
 * against sklearn in tests/unit/cluster/metrics.test.ts).
 *
 * Noise (label -1) policy:
 *  - silhouette, Davies–Bouldin, Calinski–Harabasz: computed on non-noise points only (the usual
 *    practice for HDBSCAN; noise is not a cluster with a centre or a cohesion). They return NaN
 *    when fewer than 2 clusters remain (sklearn would raise).
 *  - ARI, NMI, genre NMI: every point counts and -1 is one more group — exactly what sklearn does
 *    with the raw label vectors, so all models are compared on the same set of movies and a model
 *    that throws many movies into noise pays for it.
 *  - sizeDistribution ignores noise; noiseFraction reports it.
 * Distances are Euclidean in the space the clustering was fitted in (the 5-D UMAP embedding).
 * Silhouette: the build reports the exact O(n²) score per model (~0.3 s CPU at 10,866 × 5);
 * choose-k scans use a seeded 2,000-point sample (see SilhouetteOptions).
 */
import { sqDistRange, type Matrix } from './matrix';
import { rng } from './types';

type Labels = ArrayLike<number>;

/** Non-noise points gathered contiguously and sorted by cluster, with labels re-coded 0..k-1. */
interface Packed {
  m: Matrix;
  n: number;
  k: number;
  lab: Int32Array;
  start: Int32Array; // cluster c occupies rows start[c]..start[c+1)-1
  rows: Int32Array; // packed row of each non-noise point, in original order
}

function pack(X: Matrix, labels: Labels): Packed {
  if (labels.length !== X.rows) throw new Error(`${labels.length} labels for ${X.rows} points`);
  const d = X.cols;
  const code = new Map<number, number>();
  for (const l of [...new Set(Array.from(labels))].filter((l) => l !== -1).sort((a, b) => a - b)) code.set(l, code.size);
  const k = code.size;
  const start = new Int32Array(k + 1);
  for (let i = 0; i < labels.length; i++) if (labels[i] !== -1) start[code.get(labels[i])! + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const n = start[k];
  const fill = start.slice(0, k);
  const data = new Float64Array(n * d);
  const lab = new Int32Array(n);
  const rows = new Int32Array(n);
  for (let i = 0, o = 0; i < labels.length; i++) {
    if (labels[i] === -1) continue;
    const c = code.get(labels[i])!;
    const r = (rows[o++] = fill[c]++);
    lab[r] = c;
    data.set(X.data.subarray(i * d, i * d + d), r * d);
  }
  return { m: { data, rows: n, cols: d }, n, k, lab, start, rows };
}

function dist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0, p = i * d, q = j * d; t < d; t++) {
    const v = a[p + t] - b[q + t];
    s += v * v;
  }
  return Math.sqrt(s);
}

export interface SilhouetteOptions {
  /**
   * Evaluate s(i) for a seeded random subset of this many points (each against all points)
   * and average. Unlike sklearn's sample_size (silhouette of the subsample alone), every s(i)
   * is exact, so the mean is an unbiased estimate of the full score; cost O(sampleSize·n).
   */
  sampleSize?: number;
  seed?: number;
}

/** Mean silhouette (Euclidean), sklearn's silhouette_score; s(i)=0 for singleton clusters. */
export function silhouette(X: Matrix, labels: Labels, opts: SilhouetteOptions = {}): number {
  const P = pack(X, labels);
  const { m, n, k, lab, start } = P;
  if (k < 2 || k > n - 1) return NaN;
  const sizeOf = (c: number) => start[c + 1] - start[c];
  // sums[c*n + i] = Σ distance from point i to the points of cluster c.
  const score = (i: number, sums: Float64Array, stride: number, at: number): number => {
    const ci = lab[i];
    if (sizeOf(ci) === 1) return 0;
    const a = sums[ci * stride + at] / (sizeOf(ci) - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== ci) b = Math.min(b, sums[c * stride + at] / sizeOf(c));
    const top = Math.max(a, b);
    return top > 0 ? (b - a) / top : 0;
  };

  const buf = new Float64Array(n);
  /** Σ distance from point i to the points of cluster c, j ≥ from; optionally added to into[off + j] too. */
  const blockSum = (c: number, from: number, into: Float64Array | null, off: number): number => {
    let acc = 0;
    for (let j = Math.max(from, start[c]); j < start[c + 1]; j++) {
      const v = Math.sqrt(buf[j]);
      acc += v;
      if (into) into[off + j] += v;
    }
    return acc;
  };

  if (opts.sampleSize !== undefined && opts.sampleSize < n) {
    const size = Math.max(1, Math.floor(opts.sampleSize));
    // Sampled by original position, so a seed picks the same movies whatever the labels.
    const idx = Array.from(sampleIndices(n, size, opts.seed ?? 0), (o) => P.rows[o]);
    const sums = new Float64Array(k * size);
    let total = 0;
    idx.forEach((i, s) => {
      sqDistRange(m, i, m, 0, n, buf);
      for (let c = 0; c < k; c++) sums[c * size + s] = blockSum(c, 0, null, 0);
      total += score(i, sums, size, s);
    });
    return total / size;
  }

  // Exact: each pair once (n²/2 square roots); cluster-major sums keep both writes sequential.
  const sums = new Float64Array(k * n);
  for (let i = 0; i < n; i++) {
    sqDistRange(m, i, m, i + 1, n, buf);
    for (let c = lab[i]; c < k; c++) sums[c * n + i] += blockSum(c, i + 1, sums, lab[i] * n);
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += score(i, sums, n, i);
  return total / n;
}

/** m distinct indices from 0..n-1, seeded partial Fisher–Yates. */
export function sampleIndices(n: number, m: number, seed: number): Int32Array {
  const random = rng(seed);
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (n - i));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p.slice(0, m);
}

function centroids(P: Packed): Float64Array {
  const { k, start } = P;
  const { data, cols: d } = P.m;
  const C = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    for (let i = start[c]; i < start[c + 1]; i++) for (let t = 0; t < d; t++) C[c * d + t] += data[i * d + t];
    for (let t = 0; t < d; t++) C[c * d + t] /= start[c + 1] - start[c];
  }
  return C;
}

/** sklearn's davies_bouldin_score (lower is better); non-noise points only. */
export function daviesBouldin(X: Matrix, labels: Labels): number {
  const P = pack(X, labels);
  const { k, start } = P;
  const { data, cols: d } = P.m;
  if (k < 2 || k > P.n - 1) return NaN;
  const C = centroids(P);
  const intra = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let i = start[c]; i < start[c + 1]; i++) intra[c] += dist(data, i, C, c, d);
    intra[c] /= start[c + 1] - start[c];
  }
  // sklearn: 0 if all spreads or all centre distances are ~0 (np.isclose atol 1e-8).
  let allIntraZero = true;
  let allCentresZero = true;
  for (let c = 0; c < k; c++) if (Math.abs(intra[c]) > 1e-8) allIntraZero = false;
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) if (dist(C, a, C, b, d) > 1e-8) allCentresZero = false;
  if (allIntraZero || allCentresZero) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const cd = dist(C, a, C, b, d);
      if (b !== a && cd > 0) worst = Math.max(worst, (intra[a] + intra[b]) / cd);
    }
    total += worst;
  }
  return total / k;
}

/** sklearn's calinski_harabasz_score (higher is better); non-noise points only. */
export function calinskiHarabasz(X: Matrix, labels: Labels): number {
  const P = pack(X, labels);
  const { n, k, start } = P;
  const { data, cols: d } = P.m;
  if (k < 2 || k > n - 1) return NaN;
  const C = centroids(P);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += data[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= n;
  let extra = 0;
  let intra = 0;
  for (let c = 0; c < k; c++) {
    let m = 0;
    for (let t = 0; t < d; t++) m += (C[c * d + t] - mean[t]) ** 2;
    extra += (start[c + 1] - start[c]) * m;
    for (let i = start[c]; i < start[c + 1]; i++) intra += dist(data, i, C, c, d) ** 2;
  }
  return intra === 0 ? 1 : (extra * (n - k)) / (intra * (k - 1));
}

/** Contingency table of two labelings (any integer codes; -1 is an ordinary group here). */
function contingency(a: Labels, b: Labels) {
  if (a.length !== b.length) throw new Error(`label vectors differ in length: ${a.length} vs ${b.length}`);
  const recode = (x: Labels) => {
    const m = new Map<number, number>();
    const out = new Int32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      let c = m.get(x[i]);
      if (c === undefined) m.set(x[i], (c = m.size));
      out[i] = c;
    }
    return { out, k: m.size };
  };
  const A = recode(a);
  const B = recode(b);
  const cells = new Map<number, number>();
  const rowSum = new Float64Array(A.k);
  const colSum = new Float64Array(B.k);
  for (let i = 0; i < a.length; i++) {
    const key = A.out[i] * B.k + B.out[i];
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rowSum[A.out[i]]++;
    colSum[B.out[i]]++;
  }
  return { n: a.length, cells, rowSum, colSum, kb: B.k };
}

/** Adjusted Rand index, sklearn's pair-confusion formula in exact integer arithmetic. */
export function adjustedRand(a: Labels, b: Labels): number {
  const { n, cells, rowSum, colSum, kb } = contingency(a, b);
  let sq = 0n;
  let rowDot = 0n;
  let colDot = 0n;
  for (const [key, v] of cells) {
    const x = BigInt(v);
    sq += x * x;
    rowDot += x * BigInt(rowSum[Math.floor(key / kb)]);
    colDot += x * BigInt(colSum[key % kb]);
  }
  const N = BigInt(n);
  const tp = sq - N;
  const fp = rowDot - sq;
  const fn = colDot - sq;
  const tn = N * N - fp - fn - sq;
  if (fn === 0n && fp === 0n) return 1;
  return (2 * Number(tp * tn - fn * fp)) / Number((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

const entropy = (sums: Float64Array, n: number) => {
  let h = 0;
  for (const s of sums) if (s > 0) h -= (s / n) * Math.log(s / n);
  return h;
};

/** Normalised mutual information, arithmetic-mean normalisation (sklearn's default). */
export function normalizedMutualInfo(a: Labels, b: Labels): number {
  const { n, cells, rowSum, colSum, kb } = contingency(a, b);
  if (rowSum.length === colSum.length && rowSum.length <= 1) return 1; // both unsplit: perfect match
  let mi = 0;
  for (const [key, v] of cells) mi += (v / n) * Math.log((n * v) / (rowSum[Math.floor(key / kb)] * colSum[key % kb]));
  if (mi <= 1e-15) return 0; // sklearn clips round-off MI to 0
  return mi / ((entropy(rowSum, n) + entropy(colSum, n)) / 2);
}

/**
 * NMI between clusters and TMDB genres as an outside sanity check. Genres are multi-label, so
 * each movie counts under its first listed genre (TMDB's primary); movies without genres are
 * left out. Noise stays one group, as in the pairwise scores.
 */
export function genreNmi(labels: Labels, genres: readonly (readonly string[] | null | undefined)[]): number {
  if (labels.length !== genres.length) throw new Error(`${labels.length} labels for ${genres.length} genre lists`);
  const l: number[] = [];
  const g: number[] = [];
  const code = new Map<string, number>();
  for (let i = 0; i < labels.length; i++) {
    const first = genres[i]?.[0];
    if (!first) continue;
    if (!code.has(first)) code.set(first, code.size);
    l.push(labels[i]);
    g.push(code.get(first)!);
  }
  return normalizedMutualInfo(l, g);
}

export function noiseFraction(labels: Labels): number {
  let noise = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === -1) noise++;
  return labels.length ? noise / labels.length : 0;
}

export interface SizeDistribution {
  clusters: number;
  min: number;
  median: number;
  max: number;
  mean: number;
  /** Gini coefficient of cluster sizes: 0 = all equal, → 1 = one cluster holds everything. */
  gini: number;
}

/** Sizes of the non-noise clusters. */
export function sizeDistribution(labels: Labels): SizeDistribution {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) if (labels[i] !== -1) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  const s = [...counts.values()].sort((a, b) => a - b);
  const m = s.length;
  if (!m) return { clusters: 0, min: 0, median: 0, max: 0, mean: 0, gini: 0 };
  const total = s.reduce((a, b) => a + b, 0);
  const weighted = s.reduce((acc, x, i) => acc + (i + 1) * x, 0);
  return {
    clusters: m,
    min: s[0],
    median: m % 2 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2,
    max: s[m - 1],
    mean: total / m,
    gini: (2 * weighted) / (m * total) - (m + 1) / m
  };
}

export interface Quality {
  silhouette: number;
  daviesBouldin: number;
  calinskiHarabasz: number;
  noiseFraction: number;
  sizes: SizeDistribution;
}

/** Every per-model score at once; silhouette sampling as in SilhouetteOptions (omit for exact). */
export function clusterQuality(X: Matrix, labels: Labels, opts: SilhouetteOptions = {}): Quality {
  return {
    silhouette: silhouette(X, labels, opts),
    daviesBouldin: daviesBouldin(X, labels),
    calinskiHarabasz: calinskiHarabasz(X, labels),
    noiseFraction: noiseFraction(labels),
    sizes: sizeDistribution(labels)
  };
}

/** ARI and NMI for every pair of models (noise as one group). */
export function pairwiseAgreement(models: Record<string, Labels>): { a: string; b: string; ari: number; nmi: number }[] {
  const names = Object.keys(models);
  const out = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i], names[j]];
      out.push({ a, b, ari: adjustedRand(models[a], models[b]), nmi: normalizedMutualInfo(models[a], models[b]) });
    }
  return out;
}
