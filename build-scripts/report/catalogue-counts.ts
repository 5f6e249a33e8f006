/**
 * Headline figures of a catalogue for manifest.json, so the home page can show them without
 * opening any Parquet file (DuckDB-WASM is a 4 MB download the home page does not need).
 */
import type { Credit, Movie } from '../../src/lib/core/movie';

export interface CatalogueCounts {
  movies: number;
  credits: number;
  /** Distinct people credited (TMDB person id when known, else the name as spelt). */
  people: number;
  genres: number;
  languages: number;
  /** First and last release year, or null when no movie has a year. */
  years: [number, number] | null;
}

export function catalogueCounts(movies: readonly Pick<Movie, 'year' | 'genres' | 'original_language'>[], credits: readonly Pick<Credit, 'person' | 'person_id'>[]): CatalogueCounts {
  const genres = new Set<string>();
  const languages = new Set<string>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of movies) {
    for (const g of m.genres) genres.add(g);
    if (m.original_language) languages.add(m.original_language);
    if (m.year !== null) {
      lo = Math.min(lo, m.year);
      hi = Math.max(hi, m.year);
    }
  }
  const people = new Set(credits.map((c) => (c.person_id !== null ? `#${c.person_id}` : c.person)));
  return {
    movies: movies.length,
    credits: credits.length,
    people: people.size,
    genres: genres.size,
    languages: languages.size,
    years: lo <= hi ? [lo, hi] : null
  };
}
