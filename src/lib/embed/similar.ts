/**
 * The similar widget's data: the movie and its vector neighbours from the search session
 * (`similarTo`, the same path as "more like this"), with each neighbour's record for its card.
 */
import type { Catalogue } from '$lib/db/client';
import type { SearchMovie, SearchResult } from '$lib/core/search/types';
import { similarTo } from '$lib/site/search-session.svelte';

export type SimilarData =
  | { status: 'ready'; movie: SearchMovie; results: { result: SearchResult; movie: SearchMovie }[] }
  | { status: 'missing'; message: string };

export async function loadSimilar(cat: Catalogue, model: string | null, id: number, limit = 8): Promise<SimilarData> {
  const movie = await cat.queries.movieById(id);
  if (!movie) return { status: 'missing', message: `There is no movie with TMDB id ${id} in this catalogue.` };
  const hits = await similarTo(cat, model, id);
  if (hits === null) return { status: 'missing', message: 'Similar movies need the movie vectors, which could not be loaded.' };
  const top = hits.filter((h) => h.id !== id).slice(0, limit);
  const rows = await Promise.all(top.map((h) => cat.queries.movieById(h.id)));
  const results = top.flatMap((result, i) => (rows[i] ? [{ result, movie: rows[i] as SearchMovie }] : []));
  if (!results.length) return { status: 'missing', message: `${movie.title} has no neighbours in this catalogue (it may lack an embedding).` };
  return { status: 'ready', movie, results };
}
