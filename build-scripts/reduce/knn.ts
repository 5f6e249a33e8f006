/**
 * Exact k-nearest-neighbour graph by brute force, for UMAP.
 *
 * Why brute force: at catalogue sizes (≤ ~20k × 384) a tiled dot-product sweep over a flat
 * Float64Array is faster in V8 than umap-js's NN-descent (which calls a generic distance
 * function on number[] rows and recomputes norms every call), it is exact, and it involves
 * no randomness — so one graph can be reused for the 2-D and the n-D layout.
 * Cost: n²·d/2 multiply-adds (each pair is visited once and offered to both rows), O(n·k) memory.
 */
import type { Matrix } from '../cluster/matrix';

export type Metric = 'cosine' | 'euclidean';

/** Row i lists its k nearest points, itself first (distance 0), as umap-js expects. */
export interface KnnGraph {
  indices: Int32Array[];
  distances: Float64Array[];
  k: number;
  metric: Metric;
}

/** Copies rows into one flat Float64Array; for cosine, rows are L2-normalised so dot = cos. */
export function toFlat(vectors: ArrayLike<number>[] | Matrix, metric: Metric): Matrix {
  const isM = !Array.isArray(vectors);
  const n = isM ? (vectors as Matrix).rows : (vectors as ArrayLike<number>[]).length;
  const d = isM ? (vectors as Matrix).cols : n ? (vectors as ArrayLike<number>[])[0].length : 0;
  const data = new Float64Array(n * d);
  if (isM) data.set((vectors as Matrix).data);
  else (vectors as ArrayLike<number>[]).forEach((r, i) => {
    if (r.length !== d) throw new Error(`vector ${i} has ${r.length} values, expected ${d}`);
    for (let j = 0; j < d; j++) data[i * d + j] = r[j];
  });
  if (metric === 'cosine') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = i * d; j < (i + 1) * d; j++) s += data[j] * data[j];
      const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
      for (let j = i * d; j < (i + 1) * d; j++) data[j] *= inv;
    }
  }
  return { data, rows: n, cols: d };
}

/**
 * k nearest neighbours of every row (k includes the point itself). Ties break by lower index,
 * so the graph is a pure function of the input.
 */
export function exactKnn(vectors: ArrayLike<number>[] | Matrix, k: number, metric: Metric): KnnGraph {
  const m = toFlat(vectors, metric);
  const { data, rows: n, cols: d } = m;
  if (k > n) throw new Error(`k=${k} exceeds the number of points (${n})`);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * d; j < (i + 1) * d; j++) s += data[j] * data[j];
    norms[i] = s;
  }
  // Per row: a sorted (ascending) list of the k-1 best "keys" (smaller = nearer) and ids.
  const kk = k - 1;
  const keys = new Float64Array(n * kk).fill(Infinity);
  const ids = new Int32Array(n * kk).fill(-1);
  const offer = (i: number, j: number, key: number) => {
    const base = i * kk;
    let p = base + kk - 1;
    if (kk === 0 || key > keys[p] || (key === keys[p] && j > ids[p])) return;
    // Insertion: shift worse entries right. Ties keep the lower index first.
    while (p > base && (keys[p - 1] > key || (keys[p - 1] === key && ids[p - 1] > j))) {
      keys[p] = keys[p - 1];
      ids[p] = ids[p - 1];
      p--;
    }
    keys[p] = key;
    ids[p] = j;
  };
  // Ranking key (smaller = nearer): -a·b for cosine (distance = 1 - a·b on unit rows);
  // |b|² - 2a·b for euclidean (= distance² - |a|²; |a|² is constant for row a, added back below).
  const cos = metric === 'cosine';
  const TILE = 128; // j rows per tile: 128 × 384 × 8 B ≈ 400 KB stays in cache
  const dots = new Float64Array(4);
  const last = (n - 1) * d; // rows past n-1 in a block of 4 read row n-1 and are discarded
  for (let j0 = 0; j0 < n; j0 += TILE) {
    const j1 = Math.min(n, j0 + TILE);
    // Four i rows against one j row: 5 loads per 4 multiply-adds instead of 8 (≈1.6× faster).
    for (let i0 = 0; i0 < j1 - 1; i0 += 4) {
      const p0 = i0 * d, p1 = Math.min(p0 + d, last), p2 = Math.min(p0 + 2 * d, last), p3 = Math.min(p0 + 3 * d, last);
      for (let j = Math.max(j0, i0 + 1); j < j1; j++) {
        const pj = j * d;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let t = 0; t < d; t++) {
          const v = data[pj + t];
          s0 += data[p0 + t] * v;
          s1 += data[p1 + t] * v;
          s2 += data[p2 + t] * v;
          s3 += data[p3 + t] * v;
        }
        dots[0] = s0; dots[1] = s1; dots[2] = s2; dots[3] = s3;
        for (let r = 0; r < 4; r++) {
          const i = i0 + r;
          if (i >= j) break; // each unordered pair once: i < j
          const dot = dots[r];
          if (cos) {
            offer(i, j, -dot);
            offer(j, i, -dot);
          } else {
            offer(i, j, norms[j] - 2 * dot);
            offer(j, i, norms[i] - 2 * dot);
          }
        }
      }
    }
  }
  const indices: Int32Array[] = [];
  const distances: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const idx = new Int32Array(k);
    const dist = new Float64Array(k);
    idx[0] = i;
    for (let r = 0; r < kk; r++) {
      const key = keys[i * kk + r];
      idx[r + 1] = ids[i * kk + r];
      dist[r + 1] = cos ? Math.max(0, 1 + key) : Math.sqrt(Math.max(0, key + norms[i]));
    }
    indices.push(idx);
    distances.push(dist);
  }
  return { indices, distances, k, metric };
}
