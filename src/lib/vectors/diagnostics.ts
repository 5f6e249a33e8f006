/**
 * Checks the worker's answers against exact search in the page (the /dev/vectors/ page and
 * the browser tests): downloads embeddings.i8.bin here, runs the core's ExactVectorSearcher,
 * and compares top-k ids and scores for queries that mix two movies' vectors (a movie's own
 * vector would make the first hit trivial).
 */
import { ExactVectorSearcher } from '../core/search/exact';
import type { VectorSearcherHandle } from './client';
import { decodeCompact } from './compact-format';

export interface ExactCheck {
  queries: number;
  k: number;
  /** Mean recall@k of the worker's hits against exact search. */
  recall: number;
  /** Largest |score difference| for ids both returned (0 up to float rounding). */
  maxScoreDiff: number;
  /** Round trip page → worker → page. */
  p50Ms: number;
  p95Ms: number;
  /** The search alone, timed inside the worker (0.1 ms resolution; mean from the total). */
  worker: { p50Ms: number; p95Ms: number; meanMs: number };
}

export async function checkAgainstExact(vs: VectorSearcherHandle, compactUrl: string, { queries = 50, k = 10 } = {}): Promise<ExactCheck> {
  const res = await fetch(compactUrl);
  if (!res.ok) throw new Error(`${compactUrl}: HTTP ${res.status}`);
  const c = decodeCompact(new Uint8Array(await res.arrayBuffer()));
  const exact = ExactVectorSearcher.fromInt8(c);
  const n = c.ids.length;
  const nq = Math.min(queries, n);
  const queriesList: Float32Array[] = [];
  for (let t = 0; t < nq; t++) {
    const a = exact.vectorOf(c.ids[Math.floor((t * n) / nq)])!;
    const b = exact.vectorOf(c.ids[Math.floor((t * n) / nq + n / 2) % n])!;
    const q = a.map((x, d) => x + 0.6 * b[d]);
    const norm = Math.hypot(...q);
    queriesList.push(q.map((x) => x / norm));
  }
  let hits = 0;
  let maxScoreDiff = 0;
  const times: number[] = [];
  for (const q of queriesList) {
    const truth = new Map(exact.searchSync(q, k).map((h) => [h.id, h.score]));
    const t0 = performance.now();
    const got = await vs.search(q, k);
    times.push(performance.now() - t0);
    for (const h of got) {
      const s = truth.get(h.id);
      if (s === undefined) continue;
      hits++;
      maxScoreDiff = Math.max(maxScoreDiff, Math.abs(s - h.score));
    }
  }
  const inWorker = await vs.timeSearches(queriesList, k);
  return {
    queries: nq,
    k,
    recall: hits / (nq * Math.min(k, n)),
    maxScoreDiff,
    p50Ms: pct(times, 0.5),
    p95Ms: pct(times, 0.95),
    worker: { p50Ms: pct(inWorker.ms, 0.5), p95Ms: pct(inWorker.ms, 0.95), meanMs: inWorker.totalMs / nq }
  };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}
