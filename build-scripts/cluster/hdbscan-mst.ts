/**
 * HDBSCAN* stage 1: minimum spanning tree of the mutual-reachability graph, a port of sklearn's
 * `mst_from_data_matrix` (Prim, O(n²) time, O(n) memory — no distance matrix).
 *
 * Runs on squared distances: max() and the MST are invariant under the monotone sqrt, so the
 * inner loop skips n² square roots and the one sqrt per edge at the end yields exactly the
 * value sklearn computes (same summation order as its euclidean metric).
 * Why Prim and not a KD-tree Borůvka: it measures ~0.5 s at 11k × 5-D (well inside budget) and
 * reproduces sklearn's MST edge for edge — mutual-reachability ties are common (a point's core
 * distance is often the weight of several edges), and Borůvka would resolve them differently.
 */
import type { Matrix } from './matrix';

/** MST edges in the order Prim adds them; `weight` is the mutual-reachability distance. */
export interface MstEdges {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/**
 * Prim's algorithm on the implicit mutual-reachability graph, max(core_i, core_j, d_ij),
 * with sklearn's exact visiting order and strict comparisons so ties pick the same edges.
 * Unvisited points are kept in an ascending compact list (same order as sklearn's `in_tree`
 * skip), and a pair's distance is computed only if it could lower that point's best reach.
 */
export function primMst(m: Matrix, coreSq: Float64Array): MstEdges {
  const n = m.rows;
  const d = m.cols;
  const x = m.data;
  const d5 = d === 5;
  const e = Math.max(n - 1, 0);
  const from = new Int32Array(e);
  const to = new Int32Array(e);
  const weight = new Float64Array(e);
  const minReach = new Float64Array(n).fill(Infinity);
  const source = new Int32Array(n);
  const left = new Int32Array(n); // unvisited points, ascending
  for (let i = 0; i < n; i++) left[i] = i;
  let nLeft = n;
  let cur = 0;
  for (let step = 0; step < e; step++) {
    // drop `cur` from the unvisited list, keeping ascending order
    let at = 0;
    while (left[at] !== cur) at++;
    left.copyWithin(at, at + 1, nLeft);
    nLeft--;
    const cc = coreSq[cur];
    const pc = cur * d;
    // UMAP output is 5-D: an unrolled kernel is ~40 % faster than the generic loop in V8.
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0;
    if (d5) [a0, a1, a2, a3, a4] = [x[pc], x[pc + 1], x[pc + 2], x[pc + 3], x[pc + 4]];
    let bestW = Number.MAX_VALUE;
    let bestFrom = 0;
    let bestTo = 0;
    for (let q = 0; q < nLeft; q++) {
      const j = left[q];
      const reach = minReach[j];
      const cj = coreSq[j];
      const lb = cc > cj ? cc : cj;
      if (lb < reach) {
        const pj = j * d;
        let s: number;
        if (d5) {
          const t0 = a0 - x[pj], t1 = a1 - x[pj + 1], t2 = a2 - x[pj + 2], t3 = a3 - x[pj + 3], t4 = a4 - x[pj + 4];
          s = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4; // same order as the loop below
        } else {
          s = 0;
          for (let c = 0; c < d; c++) {
            const t = x[pc + c] - x[pj + c];
            s += t * t;
          }
        }
        const mrd = lb > s ? lb : s;
        if (mrd < reach) {
          minReach[j] = mrd;
          source[j] = cur;
          if (mrd < bestW) {
            bestW = mrd;
            bestFrom = cur;
            bestTo = j;
          }
          continue;
        }
      }
      if (reach < bestW) {
        bestW = reach;
        bestFrom = source[j];
        bestTo = j;
      }
    }
    from[step] = bestFrom;
    to[step] = bestTo;
    weight[step] = Math.sqrt(bestW);
    cur = bestTo;
  }
  return { from, to, weight };
}
