import type { VectorHit } from '../../../src/lib/core/search/types';
import { ExactVectorSearcher } from '../../../src/lib/core/search/exact';
import type { CompactVectors } from '../../../src/lib/vectors/compact-format';

/** Mean recall@k of `search` against exact search over the same int8 vectors. */
export function recallVsExact(c: CompactVectors, queries: Float32Array[], k: number, search: (q: Float32Array) => VectorHit[]): number {
  const exact = ExactVectorSearcher.fromInt8(c);
  let hits = 0;
  for (const q of queries) {
    const truth = new Set(exact.searchSync(q, k).map((h) => h.id));
    hits += search(q).filter((h) => truth.has(h.id)).length;
  }
  return hits / (queries.length * k);
}

/** Rows [from, to) of a row-major matrix as separate vectors. */
export function rows(m: Float32Array, dim: number, from: number, to: number): Float32Array[] {
  return Array.from({ length: to - from }, (_, i) => m.slice((from + i) * dim, (from + i + 1) * dim));
}
