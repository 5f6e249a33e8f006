/**
 * The canonical movie record. Every ingest adapter maps its source into this shape,
 * the Parquet schema in build-scripts/write mirrors it, and the site reads it back.
 * Isomorphic: imported by the browser and by build-scripts.
 */

/** Bump when a field is added, removed or changes meaning; recorded in manifest.json. */
export const SCHEMA_VERSION = 1;

export interface Movie {
  /** TMDB id (or the catalogue's own positive integer id for generic sources). */
  id: number;
  title: string;
  original_title: string | null;
  /** ISO date `YYYY-MM-DD`; null when the source has none or only a year. */
  release_date: string | null;
  year: number | null;
  /** Plot synopsis; empty string when the source has none (a kept-with-warning case). */
  overview: string;
  tagline: string | null;
  genres: string[];
  keywords: string[];
  /** Actor names in billing order (top billing first). */
  cast: string[];
  directors: string[];
  /** Minutes; null when unknown (0 in sources means unknown). */
  runtime: number | null;
  /** USD; null when unknown (sources use 0 for unknown). */
  budget: number | null;
  revenue: number | null;
  popularity: number | null;
  vote_average: number | null;
  vote_count: number | null;
  /** ISO 639-1 code, e.g. "en". */
  original_language: string | null;
  production_companies: string[];
  /** Country names, e.g. "United States of America". */
  production_countries: string[];
  /** Language names or codes as the source gives them. */
  spoken_languages: string[];
  /** Franchise / collection name, e.g. "Toy Story Collection". */
  collection: string | null;
  /** IMDb id `tt…`. */
  imdb_id: string | null;
  /** TMDB image path, e.g. "/abc.jpg" (joined to the TMDB image service by the site). */
  poster_path: string | null;
  /** Which adapter and file the row came from, e.g. "tmdb5000:tmdb_5000_movies.csv". */
  source: string;
}

/** Field names in canonical order (Parquet column order, CSV/JSON export order). */
export const MOVIE_FIELDS = [
  'id', 'title', 'original_title', 'release_date', 'year', 'overview', 'tagline', 'genres',
  'keywords', 'cast', 'directors', 'runtime', 'budget', 'revenue', 'popularity', 'vote_average',
  'vote_count', 'original_language', 'production_companies', 'production_countries',
  'spoken_languages', 'collection', 'imdb_id', 'poster_path', 'source'
] as const satisfies readonly (keyof Movie)[];

export type MovieField = (typeof MOVIE_FIELDS)[number];

/** Fields that hold lists of strings. */
export const LIST_FIELDS = [
  'genres', 'keywords', 'cast', 'directors', 'production_companies', 'production_countries',
  'spoken_languages'
] as const satisfies readonly MovieField[];

/** One credit in people.parquet: a person in a role on a movie. */
export interface Credit {
  movie_id: number;
  /** Display name as the source spells it. */
  person: string;
  /** TMDB person id when the source has one (credits JSON), else null. */
  person_id: number | null;
  role: 'cast' | 'director';
  /** Billing order for cast (0 = top), order of listing for directors. */
  order: number;
  /** Character name for cast when known. */
  character: string | null;
}

export const TMDB_ATTRIBUTION =
  'This product uses the TMDB API but is not endorsed or certified by TMDB.';
