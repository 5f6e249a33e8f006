/**
 * Search filters as one typed object → one pure predicate over movies. Ranking applies it to
 * both the lexical and the semantic candidates, so filters and ranking compose: results are
 * the best matches among the movies that pass. A movie with an unknown value (no year, no
 * runtime, no rating) fails any bound on that value.
 */
import type { ClusterAssignments, SearchMovie } from './types';

export interface SearchFilters {
  yearMin?: number;
  yearMax?: number;
  /** Genre names, matched case-insensitively. */
  genres?: string[];
  /** 'any' (default): at least one of `genres`; 'all': every one. */
  genreMode?: 'any' | 'all';
  /** Lowest TMDB vote average (0–10). */
  ratingMin?: number;
  /** Fewest votes, so a 9.5 from 3 votes can be kept out. */
  votesMin?: number;
  runtimeMin?: number;
  runtimeMax?: number;
  /** ISO 639-1 codes of the original language ("en", "ko"…). */
  languages?: string[];
  /** Micro-genre ids in the model given to the predicate (ClusterAssignments). */
  clusters?: number[];
}

export type MoviePredicate = (m: SearchMovie) => boolean;

const inRange = (v: number | null, lo?: number, hi?: number) =>
  (lo === undefined || (v !== null && v >= lo)) && (hi === undefined || (v !== null && v <= hi));

/** The predicate, or null when no filter is set (callers skip filtering entirely). */
export function makeFilter(f: SearchFilters | undefined, clusters?: ClusterAssignments): MoviePredicate | null {
  if (!f) return null;
  const tests: MoviePredicate[] = [];
  if (f.yearMin !== undefined || f.yearMax !== undefined) tests.push((m) => inRange(m.year, f.yearMin, f.yearMax));
  if (f.runtimeMin !== undefined || f.runtimeMax !== undefined) tests.push((m) => inRange(m.runtime, f.runtimeMin, f.runtimeMax));
  if (f.ratingMin !== undefined) tests.push((m) => inRange(m.vote_average, f.ratingMin));
  if (f.votesMin !== undefined) tests.push((m) => inRange(m.vote_count, f.votesMin));
  if (f.genres?.length) {
    const want = f.genres.map((g) => g.toLowerCase());
    const all = f.genreMode === 'all';
    tests.push((m) => {
      const has = new Set(m.genres.map((g) => g.toLowerCase()));
      return all ? want.every((g) => has.has(g)) : want.some((g) => has.has(g));
    });
  }
  if (f.languages?.length) {
    const langs = new Set(f.languages.map((l) => l.toLowerCase()));
    tests.push((m) => m.original_language !== null && langs.has(m.original_language.toLowerCase()));
  }
  if (f.clusters?.length) {
    if (!clusters) throw new Error('filters: a micro-genre filter needs the cluster assignments of a model');
    const want = new Set(f.clusters);
    tests.push((m) => want.has(clusters.byMovie.get(m.id) ?? Number.NaN));
  }
  if (!tests.length) return null;
  return (m) => tests.every((t) => t(m));
}
