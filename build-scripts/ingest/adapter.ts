import type { Movie } from '../../src/lib/core/movie';
import type { RowContext } from './row-context';

/** A movie as an adapter maps it; `source` is filled in by the ingester. */
export type MovieDraft = Omit<Movie, 'source'>;

/** One credited person as a people/credits source gives it. */
export interface PersonCredit {
  name: string;
  person_id: number | null;
  character: string | null;
}

/** What a people/credits file says about one movie, joined to movies by id. */
export interface PeopleRecord {
  movie_id: number;
  cast: PersonCredit[];
  directors: PersonCredit[];
  imdb_id: string | null;
}

interface AdapterBase {
  /** Short stable name, used in `Movie.source` and reports, e.g. "tmdb5000". */
  name: string;
  /** What file this adapter reads, for error messages. */
  description: string;
  /** Columns whose presence identifies the format (all must be present). */
  signature: string[];
  /** Columns the adapter reads; listed in the "not a catalogue" error. */
  expected: string[];
  /** CSV delimiter when not a comma. */
  delimiter?: string;
}

export interface MovieAdapter extends AdapterBase {
  kind: 'movies';
  /** Maps one row; problems go on ctx. Returning null means "rejected" (ctx says why). */
  mapRow(ctx: RowContext, values: Record<string, unknown>): MovieDraft | null;
}

export interface PeopleAdapter extends AdapterBase {
  kind: 'people';
  mapRow(ctx: RowContext, values: Record<string, unknown>): PeopleRecord | null;
}

export type Adapter = MovieAdapter | PeopleAdapter;

/** An empty draft, so adapters only set what their source has. */
export function emptyDraft(id: number, title: string): MovieDraft {
  return {
    id, title, original_title: null, release_date: null, year: null, overview: '', tagline: null,
    genres: [], keywords: [], cast: [], directors: [], runtime: null, budget: null, revenue: null,
    popularity: null, vote_average: null, vote_count: null, original_language: null,
    production_companies: [], production_countries: [], spoken_languages: [], collection: null,
    imdb_id: null, poster_path: null
  };
}
