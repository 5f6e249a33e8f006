/**
 * "Similar movies" for the movie page: nearest neighbours of its MiniLM vector (the search
 * session's similarTo, exact cosine over the compact vectors), across the catalogue and
 * within its micro-genre in the default model. When the vectors cannot be had, the
 * shared-features ranking (genres, keywords, people, collection) answers instead, and the
 * page says which method it shows.
 */
import type { Catalogue } from '$lib/db/client';
import { movieCards, type MovieCardRow } from '$lib/db/queries-movie';
import { similarMoviesSql } from '$lib/db/queries-explore';
import { similarTo } from './search-session.svelte';

export interface SimilarLists {
  global: MovieCardRow[];
  /** Within the default model's micro-genre; null when the movie is in none (noise, unassigned). */
  cluster: MovieCardRow[] | null;
  method: 'vectors' | 'features';
}

export const SIMILAR_COUNT = 8;

/** `cluster`: the movie's own cluster in `model`, or null when it has none (noise). */
export async function loadSimilar(cat: Catalogue, model: string | null, id: number, cluster: number | null): Promise<SimilarLists> {
  const member = model !== null && cluster !== null ? { model, cluster } : null;
  const [global, within] = await Promise.all([
    similarTo(cat, model, id, false),
    // Three times the list: HDBSCAN's display clusters include noise movies, dropped below.
    member ? similarTo(cat, model, id, true, SIMILAR_COUNT * 3) : Promise.resolve([])
  ]).catch(() => [null, null] as const);
  if (global?.length && within) {
    // The session scopes "cluster" by display cluster (HDBSCAN noise joins its nearest);
    // the micro-genre's members are its own cluster id, so non-members are dropped here.
    const [g, c] = await Promise.all([
      movieCards(cat.engine, global.slice(0, SIMILAR_COUNT).map((h) => h.id)),
      member ? movieCards(cat.engine, within.map((h) => h.id), member) : Promise.resolve(null)
    ]);
    return { global: g, cluster: c && c.slice(0, SIMILAR_COUNT), method: 'vectors' };
  }
  const [g, c] = await Promise.all([
    similarMoviesSql(cat.engine, id, { scope: 'global', model, limit: SIMILAR_COUNT }),
    member ? similarMoviesSql(cat.engine, id, { scope: 'cluster', model, limit: SIMILAR_COUNT }) : Promise.resolve(null)
  ]);
  return {
    global: await movieCards(cat.engine, g.map((r) => r.id)),
    cluster: c && (await movieCards(cat.engine, c.map((r) => r.id), member)),
    method: 'features'
  };
}
