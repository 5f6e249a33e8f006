import { join } from 'node:path';
import { LIST_FIELDS, MOVIE_FIELDS, SCHEMA_VERSION, type Movie, type MovieField } from '../../src/lib/core/movie';
import {
  appendRows, copyToParquet, createTableSql, fromJsonRow, ident, withDb,
  type ColumnSpec, type Db, type ParquetArtifact, type SqlType
} from './duckdb';

/**
 * movies.parquet: one row per kept movie, columns in MOVIE_FIELDS order, ordered by id.
 *
 * THE schema of the movies artifact. `satisfies Record<MovieField, …>` makes the compiler
 * reject a missing or extra field, and `checkMovieSchema` (run at import, since tsx does
 * not type-check) fails the build if MOVIE_FIELDS or LIST_FIELDS drift from it.
 *
 * Type choices:
 * - id BIGINT: ingest accepts any positive safe integer (generic catalogues), which can
 *   exceed INTEGER. DuckDB-WASM hands BIGINT to JS as bigint; the site converts.
 * - year, vote_count INTEGER: the parsers only produce integers here (4-digit years,
 *   integral counts); the writer still range-checks and names the movie if not.
 * - runtime, budget, revenue, popularity, vote_average DOUBLE: the parsers accept
 *   fractional values (and non-USD budgets reach 1.2e10), DOUBLE is exact for integers
 *   below 2^53 and reaches JS as a plain number. Unknown money/runtime is NULL, never 0.
 * - release_date DATE; lists VARCHAR[] (never NULL: an empty list means "none known").
 */
export const MOVIE_SCHEMA = {
  id: { type: 'BIGINT', nullable: false },
  title: { type: 'VARCHAR', nullable: false },
  original_title: { type: 'VARCHAR', nullable: true },
  release_date: { type: 'DATE', nullable: true },
  year: { type: 'INTEGER', nullable: true },
  overview: { type: 'VARCHAR', nullable: false },
  tagline: { type: 'VARCHAR', nullable: true },
  genres: { type: 'VARCHAR[]', nullable: false },
  keywords: { type: 'VARCHAR[]', nullable: false },
  cast: { type: 'VARCHAR[]', nullable: false },
  directors: { type: 'VARCHAR[]', nullable: false },
  runtime: { type: 'DOUBLE', nullable: true },
  budget: { type: 'DOUBLE', nullable: true },
  revenue: { type: 'DOUBLE', nullable: true },
  popularity: { type: 'DOUBLE', nullable: true },
  vote_average: { type: 'DOUBLE', nullable: true },
  vote_count: { type: 'INTEGER', nullable: true },
  original_language: { type: 'VARCHAR', nullable: true },
  production_companies: { type: 'VARCHAR[]', nullable: false },
  production_countries: { type: 'VARCHAR[]', nullable: false },
  spoken_languages: { type: 'VARCHAR[]', nullable: false },
  collection: { type: 'VARCHAR', nullable: true },
  imdb_id: { type: 'VARCHAR', nullable: true },
  poster_path: { type: 'VARCHAR', nullable: true },
  source: { type: 'VARCHAR', nullable: false }
} as const satisfies Record<MovieField, { type: SqlType; nullable: boolean }>;

export const MOVIES_TABLE = 'movies';
export const MOVIES_FILE = 'movies.parquet';

/** Throws if the schema above and MOVIE_FIELDS / LIST_FIELDS disagree. */
export function checkMovieSchema(): void {
  const schemaKeys = Object.keys(MOVIE_SCHEMA);
  const missing = MOVIE_FIELDS.filter((f) => !(f in MOVIE_SCHEMA));
  const extra = schemaKeys.filter((k) => !(MOVIE_FIELDS as readonly string[]).includes(k));
  const lists = new Set<string>(LIST_FIELDS);
  const wrongList = MOVIE_FIELDS.filter((f) => (MOVIE_SCHEMA[f].type === 'VARCHAR[]') !== lists.has(f));
  if (missing.length || extra.length || wrongList.length)
    throw new Error(
      `movies.parquet schema out of date with src/lib/core/movie.ts: missing ${missing.join(', ') || '-'}; ` +
        `extra ${extra.join(', ') || '-'}; list type mismatch ${wrongList.join(', ') || '-'}`
    );
}
checkMovieSchema();

/** Column specs in canonical (MOVIE_FIELDS) order. */
export const MOVIE_COLUMNS: ColumnSpec<Movie>[] = MOVIE_FIELDS.map((f) => ({
  name: f,
  type: MOVIE_SCHEMA[f].type,
  nullable: MOVIE_SCHEMA[f].nullable,
  get: (m: Movie) => m[f]
}));

/** Loads movies into table `movies` of `db` (replacing it). */
export async function loadMovies(db: Db, movies: Iterable<Movie>): Promise<number> {
  await db.run(createTableSql(MOVIES_TABLE, MOVIE_COLUMNS as ColumnSpec<never>[]));
  return appendRows(db, MOVIES_TABLE, MOVIE_COLUMNS, movies, (m) => `movie id ${m.id}`);
}

/** Writes `outDir/movies.parquet` (atomically) and returns its row count, size and sha256. */
export async function writeMoviesParquet(movies: Movie[], outDir: string, db?: Db): Promise<ParquetArtifact> {
  const write = async (d: Db) => {
    await loadMovies(d, movies);
    const cols = MOVIE_FIELDS.map(ident).join(', ');
    return copyToParquet(d, `SELECT ${cols} FROM ${ident(MOVIES_TABLE)} ORDER BY ${ident('id')}`, join(outDir, MOVIES_FILE), {
      cineatlas_artifact: 'movies',
      cineatlas_schema_version: String(SCHEMA_VERSION)
    });
  };
  return db ? write(db) : withDb(write);
}

/** Reads a movies.parquet back into Movie objects (ordered by id). */
export async function readMoviesParquet(file: string, db?: Db): Promise<Movie[]> {
  const read = async (d: Db) => {
    const cols = MOVIE_FIELDS.map(ident).join(', ');
    const rows = await d.all(`SELECT ${cols} FROM read_parquet($1) ORDER BY ${ident('id')}`, [file]);
    return rows.map((r) => fromJsonRow(MOVIE_COLUMNS as ColumnSpec<never>[], r) as unknown as Movie);
  };
  return db ? read(db) : withDb(read);
}
