/**
 * "More like this" (a movie's nearest neighbours, in the whole catalogue or inside its own
 * micro-genre) and "like X but Y" (X's vector pulled towards the text Y).
 *
 * like X but Y: q = normalise(α·v_X + (1 − α)·v_Y). α = 0 ignores X, α = 1 returns X's
 * neighbours; the default (DEFAULT_PARAMS.likeWeight in rank.ts) was chosen on the 14
 * like_but queries of tests/eval. X itself is never a result.
 */
import { makeFilter, type SearchFilters } from './filters';
import { normalize } from './query-chunks';
import { fold } from './tokenize';
import type { ClusterAssignments, SearchMovie, VectorHit, VectorSearcher, VectorStore } from './types';

export function likeButVector(like: Float32Array, text: Float32Array | null, alpha: number): Float32Array {
  if (!text) return normalize(Float32Array.from(like));
  const out = new Float32Array(like.length);
  for (let d = 0; d < like.length; d++) out[d] = alpha * like[d] + (1 - alpha) * text[d];
  return normalize(out);
}

/**
 * "like Jaws but a giant crocodile", "something like Alien, but on a ship", "similar to X
 * except Y" → { like: "Jaws", but: "a giant crocodile" }; otherwise null.
 */
export function parseLikeBut(query: string): { like: string; but: string } | null {
  const m = /^\s*(?:(?:something|a (?:movie|film)|movies?|films?)\s+)?(?:like|similar to)\s+(.+?),?\s+(?:but|except(?: that)?|only)\s+(.+)$/is.exec(query);
  if (!m) return null;
  const like = m[1].trim().replace(/^["'“‘]|["'”’]$/g, '');
  return like ? { like, but: m[2].trim() } : null;
}

/** Title key for exact lookups: folded, punctuation dropped, leading article dropped. */
export function titleKey(title: string): string {
  return fold(title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(the|a|an) /, '');
}

/** Movies by title key; several movies with one title are ordered by vote count (most first). */
export function titleLookup(movies: readonly SearchMovie[]): Map<string, SearchMovie[]> {
  const by = new Map<string, SearchMovie[]>();
  for (const m of movies) {
    for (const t of new Set([m.title, m.original_title ?? ''].filter(Boolean).map(titleKey))) {
      const list = by.get(t) ?? [];
      list.push(m);
      by.set(t, list);
    }
  }
  for (const list of by.values()) list.sort((a, b) => (b.vote_count ?? 0) - (a.vote_count ?? 0));
  return by;
}

export interface SimilarOptions {
  k?: number;
  /** 'global': whole catalogue; 'cluster': only the movie's own micro-genre. */
  scope?: 'global' | 'cluster';
  filters?: SearchFilters;
}

export interface SimilarDeps {
  movies: ReadonlyMap<number, SearchMovie>;
  vectors: VectorSearcher;
  store: VectorStore;
  clusters?: ClusterAssignments;
}

/** Nearest neighbours of movie `id` (itself excluded), best first; [] if it has no vector. */
export async function moreLikeThis(deps: SimilarDeps, id: number, opts: SimilarOptions = {}): Promise<VectorHit[]> {
  const k = opts.k ?? 10;
  const v = await deps.store.vectorOf(id);
  if (!v) return [];
  const filter = makeFilter(opts.filters, deps.clusters);
  let inScope: ((other: number) => boolean) | null = null;
  if (opts.scope === 'cluster') {
    if (!deps.clusters) throw new Error('moreLikeThis: scope "cluster" needs cluster assignments');
    const c = deps.clusters.byMovie.get(id);
    // HDBSCAN noise (-1) is not a micro-genre: its "cluster" would be every outlier.
    if (c === undefined || c < 0) return [];
    inScope = (other) => deps.clusters!.byMovie.get(other) === c;
  }
  const accept = (other: number) => {
    if (other === id || (inScope && !inScope(other))) return false;
    if (!filter) return true;
    const m = deps.movies.get(other);
    return m !== undefined && filter(m);
  };
  // Over-fetch for searchers that ignore `accept`; the post-filter keeps the answer right.
  const hits = await deps.vectors.search(v, filter || inScope ? k * 10 + 1 : k + 1, accept);
  return hits.filter((h) => accept(h.id)).slice(0, k);
}
