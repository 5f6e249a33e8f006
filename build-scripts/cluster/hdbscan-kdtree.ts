/**
 * Exact nearest-neighbour queries for HDBSCAN (core distances, noise → nearest cluster) with a
 * KD-tree: median splits on the widest dimension, bounding boxes per node. In 5-D a query
 * touches a few hundred points instead of n — ~20× faster than brute force at 11k points.
 * Squared distances are summed in coordinate order like sklearn's euclidean metric, so the
 * values (and everything built on them) are bit-identical to sklearn's.
 */
import type { Matrix } from './matrix';

const LEAF_SIZE = 16;

export class KdTree {
  /** Point indices, permuted so that node k owns the contiguous range [start[k], end[k]). */
  private readonly idx: Int32Array;
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  private readonly right: number[] = []; // left child is always node + 1; -1 marks a leaf
  private lo: Float64Array;
  private hi: Float64Array;
  private readonly stack: Int32Array;
  // query state: offset of the query row and the running k best (ascending squared distances)
  private q = 0;
  private best = new Float64Array(1);
  private bestIdx = new Int32Array(1);

  /** Indexes the rows of `m` listed in `subset` (all rows by default). */
  constructor(
    private readonly m: Matrix,
    subset?: ArrayLike<number>
  ) {
    this.idx = subset ? Int32Array.from(subset) : Int32Array.from({ length: m.rows }, (_, i) => i);
    const lo: number[] = [];
    const hi: number[] = [];
    if (this.idx.length) this.build(0, this.idx.length, lo, hi);
    this.lo = Float64Array.from(lo);
    this.hi = Float64Array.from(hi);
    this.stack = new Int32Array(this.start.length + 1);
  }

  private build(s: number, e: number, lo: number[], hi: number[]): void {
    const { cols: d, data: x } = this.m;
    const node = this.start.length;
    this.start.push(s);
    this.end.push(e);
    this.right.push(-1);
    let dim = 0;
    let widest = 0;
    for (let c = 0; c < d; c++) {
      let l = Infinity;
      let h = -Infinity;
      for (let p = s; p < e; p++) {
        const v = x[this.idx[p] * d + c];
        if (v < l) l = v;
        if (v > h) h = v;
      }
      lo.push(l);
      hi.push(h);
      if (h - l > widest) {
        widest = h - l;
        dim = c;
      }
    }
    if (e - s <= LEAF_SIZE || widest === 0) return; // widest 0: all points identical
    // Sorting the range costs O(n log² n) overall — a few ms at 11k, simpler than quickselect.
    this.idx.subarray(s, e).sort((a, b) => x[a * d + dim] - x[b * d + dim]);
    const mid = (s + e) >> 1;
    this.build(s, mid, lo, hi);
    this.right[node] = this.start.length;
    this.build(mid, e, lo, hi);
  }

  private boxDistSq(node: number): number {
    const { cols: d, data: x } = this.m;
    let s = 0;
    for (let c = 0, b = node * d; c < d; c++) {
      const v = x[this.q + c];
      const g = v < this.lo[b + c] ? this.lo[b + c] - v : v > this.hi[b + c] ? v - this.hi[b + c] : 0;
      s += g * g;
    }
    return s;
  }

  /** Fills `best`/`bestIdx` with the k nearest indexed points to row i (row i itself included if indexed). */
  private search(i: number, k: number): void {
    const { cols: d, data: x } = this.m;
    if (this.best.length !== k) {
      this.best = new Float64Array(k);
      this.bestIdx = new Int32Array(k);
    }
    const best = this.best;
    const bestIdx = this.bestIdx;
    best.fill(Infinity);
    bestIdx.fill(-1);
    this.q = i * d;
    if (!this.start.length) return;
    const stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      if (this.boxDistSq(node) >= best[k - 1]) continue;
      const r = this.right[node];
      if (r >= 0) {
        // push the farther child first so the nearer one is searched first and tightens the bound
        const l = node + 1;
        if (this.boxDistSq(l) <= this.boxDistSq(r)) {
          stack[top++] = r;
          stack[top++] = l;
        } else {
          stack[top++] = l;
          stack[top++] = r;
        }
        continue;
      }
      for (let p = this.start[node], e = this.end[node]; p < e; p++) {
        const j = this.idx[p];
        let s = 0;
        for (let c = 0, pj = j * d; c < d; c++) {
          const g = x[this.q + c] - x[pj + c];
          s += g * g;
        }
        if (s < best[k - 1]) {
          let at = k - 1;
          while (at > 0 && best[at - 1] > s) {
            best[at] = best[at - 1];
            bestIdx[at] = bestIdx[at - 1];
            at--;
          }
          best[at] = s;
          bestIdx[at] = j;
        }
      }
    }
  }

  /** Squared distance from row i to its k-th nearest indexed point (Infinity if fewer than k). */
  kthNearestSq(i: number, k: number): number {
    this.search(i, k);
    return this.best[k - 1];
  }

  /** Nearest indexed point to row i (ties → whichever the search meets first), -1 if empty. */
  nearest(i: number): number {
    this.search(i, 1);
    return this.bestIdx[0];
  }
}

/**
 * Squared core distance of every point: squared distance to its k-th nearest neighbour,
 * counting the point itself as the first (sklearn's `min_samples` convention, so k = 1 → 0).
 */
export function coreDistancesSq(m: Matrix, k: number): Float64Array {
  const n = m.rows;
  const core = new Float64Array(n);
  const kk = Math.min(k, n);
  if (kk <= 1) return core;
  const tree = new KdTree(m);
  for (let i = 0; i < n; i++) core[i] = tree.kthNearestSq(i, kk);
  return core;
}
