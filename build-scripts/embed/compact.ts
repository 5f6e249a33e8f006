/**
 * Compact vectors for the browser: int8 with one float32 scale per vector (4× smaller than
 * float32, ~2.0 MB for 5k movies), plus the measure that justifies it (recall@10 against the
 * float32 vectors). The file format itself lives in src/lib/vectors/compact-format.ts (one
 * isomorphic copy, also read by the browser's vector worker) and is re-exported here.
 */

export {
  COMPACT_FILE, COMPACT_FORMAT, decodeCompact, dequantizeInt8, encodeCompact, quantizeInt8, type CompactVectors
} from '../../src/lib/vectors/compact-format';

/** Indices of the k largest scores, best first, skipping `skip`. */
function topK(scores: Float32Array, k: number, skip: number): number[] {
  const best: number[] = [];
  for (let j = 0; j < scores.length; j++) {
    if (j === skip) continue;
    if (best.length === k && scores[j] <= scores[best[k - 1]]) continue;
    let p = Math.min(best.length, k - 1);
    best[p] = j;
    while (p > 0 && scores[best[p - 1]] < scores[j]) {
      best[p] = best[p - 1];
      best[--p] = j;
    }
  }
  return best;
}

/** Scores of every row of `exact` and of `approx` against one query, in a single pass. */
function scoreBoth(exact: Float32Array, approx: Float32Array, dim: number, query: Float32Array, a: Float32Array, b: Float32Array): void {
  for (let j = 0, base = 0; j < a.length; j++, base += dim) {
    let s = 0;
    let t = 0;
    for (let d = 0; d < dim; d++) {
      const x = query[d];
      s += exact[base + d] * x;
      t += approx[base + d] * x;
    }
    a[j] = s;
    b[j] = t;
  }
}

/**
 * Mean recall@k of nearest-neighbour search over `approx` vectors, taking search over `exact`
 * as the truth. Queries are the exact vectors of up to `maxQueries` evenly spread items (the
 * item itself excluded): a stand-in for real search queries until an evaluation set exists.
 */
export function recallAtK(
  exact: Float32Array,
  approx: Float32Array,
  dim: number,
  { k = 10, maxQueries = 1000 }: { k?: number; maxQueries?: number } = {}
): number {
  const n = exact.length / dim;
  if (n < 2) return 1;
  const kk = Math.min(k, n - 1);
  const nq = Math.min(n, maxQueries);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  let hits = 0;
  for (let t = 0; t < nq; t++) {
    const i = Math.floor((t * n) / nq);
    const query = exact.subarray(i * dim, (i + 1) * dim);
    scoreBoth(exact, approx, dim, query, a, b);
    const truth = new Set(topK(a, kk, i));
    for (const j of topK(b, kk, i)) if (truth.has(j)) hits++;
  }
  return hits / (nq * kk);
}
