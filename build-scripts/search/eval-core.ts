/**
 * The search evaluation itself, shared by `npm run eval:search` and the integration test:
 * run each query of tests/eval/queries.jsonl through the ranking core and record the rank of
 * its target (hit@1, hit@10, MRR@100 per mode and per query kind).
 */
import { readFileSync } from 'node:fs';
import type { SearchEngine, SearchOptions } from '../../src/lib/core/search/rank';
import type { TextEmbedder } from '../../src/lib/core/search/types';

export interface EvalQuery {
  id: string;
  query: string;
  target: number;
  target_title: string;
  kind: string;
  like?: number;
  ambiguous?: boolean;
}

export const KINDS = ['short', 'description', 'vague_memory', 'like_but', 'people', 'keyword'] as const;
/** Depth of each ranked list: MRR counts a target found below this as 0. */
export const EVAL_DEPTH = 100;

export function loadQueries(file: string): EvalQuery[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalQuery);
}

export interface QueryOutcome {
  id: string;
  kind: string;
  /** 1-based rank of the target, null when not in the top EVAL_DEPTH. */
  rank: number | null;
  /** For like_but: whether "like X" in the text resolved to the query's `like` movie. */
  likeResolved?: boolean;
  ms: number;
}

export interface Metrics {
  n: number;
  hit1: number;
  hit10: number;
  mrr: number;
}

export function metrics(outcomes: readonly QueryOutcome[]): Metrics {
  const n = outcomes.length;
  const at = (k: number) => outcomes.filter((o) => o.rank !== null && o.rank <= k).length / (n || 1);
  const mrr = outcomes.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / (n || 1);
  return { n, hit1: at(1), hit10: at(10), mrr };
}

export function byKind(outcomes: readonly QueryOutcome[]): Record<string, Metrics> {
  return Object.fromEntries(KINDS.map((k) => [k, metrics(outcomes.filter((o) => o.kind === k))]));
}

/** Runs every query (the like X of like_but queries is parsed from the text, as a user types it). */
export async function runQueries(engine: SearchEngine, queries: readonly EvalQuery[], opts: SearchOptions = {}): Promise<QueryOutcome[]> {
  const out: QueryOutcome[] = [];
  for (const q of queries) {
    const t = performance.now();
    const r = await engine.search(q.query, { k: EVAL_DEPTH, ...opts });
    const i = r.results.findIndex((x) => x.id === q.target);
    out.push({
      id: q.id, kind: q.kind, rank: i < 0 ? null : i + 1, ms: performance.now() - t,
      ...(q.like !== undefined ? { likeResolved: r.like?.id === q.like } : {})
    });
  }
  return out;
}

/** Remembers vectors by text: parameter sweeps re-rank without re-running the model. */
export function memoEmbedder(inner: TextEmbedder): TextEmbedder & { calls: number } {
  const cache = new Map<string, Float32Array>();
  const self = {
    calls: 0,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      if (missing.length) {
        self.calls++;
        const vecs = await inner.embed(missing);
        missing.forEach((t, i) => cache.set(t, vecs[i]));
      }
      return texts.map((t) => cache.get(t)!);
    }
  };
  return self;
}
