import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { LIST_FIELDS, MOVIE_FIELDS, type Movie } from '../../../src/lib/core/movie';
import { isoDateToDays, SchemaMismatchError, withDb } from '../../../build-scripts/write/duckdb';
import {
  checkMovieSchema, MOVIE_COLUMNS, MOVIE_SCHEMA, readMoviesParquet, writeMoviesParquet
} from '../../../build-scripts/write/movies-parquet';
import { movie, sparseMovie, tempDir } from './fixtures';

const tmp = tempDir();
afterAll(tmp.cleanup);

const movies: Movie[] = [
  sparseMovie(862, 'Toy Story'),
  movie(),
  movie({
    id: 12,
    title: "L'Odyssée de Pi — 少年派的奇幻漂流 🐯",
    original_title: 'Amélie\u0301 "quoted" \\ back\\slash',
    release_date: '1916-09-04',
    year: 1916,
    overview: "'; DROP TABLE movies; -- and a\nnewline\tand tab",
    genres: ['Drama'],
    cast: ['Zoë', 'Björk', 'Ólafur Arnalds', '李安', ''],
    directors: [],
    runtime: 97.5,
    budget: 12215500000,
    vote_count: 0,
    collection: null
  })
];

describe('movies schema', () => {
  it('covers exactly MOVIE_FIELDS, in order, with lists as VARCHAR[]', () => {
    expect(() => checkMovieSchema()).not.toThrow();
    expect(MOVIE_COLUMNS.map((c) => c.name)).toEqual([...MOVIE_FIELDS]);
    const lists = MOVIE_COLUMNS.filter((c) => c.type === 'VARCHAR[]').map((c) => c.name);
    expect(lists.sort()).toEqual([...LIST_FIELDS].sort());
    expect(Object.keys(MOVIE_SCHEMA)).toEqual([...MOVIE_FIELDS]);
  });

  it('converts ISO dates to DuckDB day numbers, including years before 100', () => {
    expect(isoDateToDays('1970-01-01')).toBe(0);
    expect(isoDateToDays('1969-12-31')).toBe(-1);
    expect(isoDateToDays('2009-12-10')).toBe(14588);
    expect(isoDateToDays('0099-01-01')).toBe(-683_368); // checked with DuckDB: '0099-01-01'::DATE - '1970-01-01'::DATE
    expect(isoDateToDays('2001-02-30')).toBeNull();
    expect(isoDateToDays('10/12/09')).toBeNull();
  });
});

describe('writeMoviesParquet', () => {
  it('writes a typed, zstd-compressed file ordered by id and reads back identical movies', async () => {
    const artifact = await writeMoviesParquet(movies, tmp.dir);
    expect(artifact).toMatchObject({ name: 'movies.parquet', rows: 3 });
    expect(artifact.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(artifact.bytes).toBeGreaterThan(0);

    const back = await readMoviesParquet(artifact.path);
    expect(back.map((m) => m.id)).toEqual([12, 862, 19995]);
    const byId = new Map(movies.map((m) => [m.id, m]));
    for (const m of back) expect(m).toEqual(byId.get(m.id));
    // Column order is the canonical one.
    expect(Object.keys(back[0])).toEqual([...MOVIE_FIELDS]);
  });

  it('stores the declared SQL types, NULL for unknowns and [] for empty lists', async () => {
    const file = join(tmp.dir, 'movies.parquet');
    await withDb(async (db) => {
      const types = await db.all('SELECT column_name, column_type, "null" AS nullable FROM (DESCRIBE SELECT * FROM read_parquet($1))', [file]);
      const typeOf = Object.fromEntries(types.map((t) => [t.column_name, t.column_type]));
      expect(typeOf).toMatchObject({
        id: 'BIGINT', title: 'VARCHAR', release_date: 'DATE', year: 'INTEGER', genres: 'VARCHAR[]',
        cast: 'VARCHAR[]', budget: 'DOUBLE', runtime: 'DOUBLE', vote_count: 'INTEGER'
      });
      const meta = await db.all('SELECT DISTINCT compression FROM parquet_metadata($1)', [file]);
      expect(meta.map((m) => m.compression)).toEqual(['ZSTD']);
      const kv = await db.all("SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata($1) ORDER BY k", [file]);
      expect(kv).toEqual([
        { k: 'cineatlas_artifact', v: 'movies' },
        { k: 'cineatlas_schema_version', v: '1' }
      ]);
      const [toy] = await db.all('SELECT budget, release_date, genres, len("cast")::INTEGER AS n FROM read_parquet($1) WHERE id = $2', [file, 862]);
      expect(toy).toEqual({ budget: null, release_date: null, genres: [], n: 0 });
      const [pi] = await db.all('SELECT release_date::VARCHAR AS d, "cast"[2] AS second FROM read_parquet($1) WHERE id = 12', [file]);
      expect(pi).toEqual({ d: '1916-09-04', second: 'Björk' });
    });
  });

  it('names the movie and column when a value does not fit the schema', async () => {
    const bad = movie({ id: 7, vote_count: 2 ** 40 });
    await expect(writeMoviesParquet([bad], tmp.dir)).rejects.toThrow(SchemaMismatchError);
    await expect(writeMoviesParquet([movie({ id: 8, release_date: '12/10/2009' })], tmp.dir)).rejects.toThrow(
      /movies\.release_date \(movie id 8\): expected an ISO date/
    );
    await expect(writeMoviesParquet([movie({ id: 9, title: null as unknown as string })], tmp.dir)).rejects.toThrow(/NOT NULL/);
    // The earlier good file is untouched by the failed writes.
    expect((await readMoviesParquet(join(tmp.dir, 'movies.parquet'))).length).toBe(3);
  });

  it('writes an empty catalogue as a valid empty file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const a = await writeMoviesParquet([], dir);
      expect(a.rows).toBe(0);
      expect(await readMoviesParquet(a.path)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('appends 10k movies quickly', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const many = Array.from({ length: 10_000 }, (_, i) => movie({ id: 10_000 - i, title: `Movie ${i}` }));
      const t0 = performance.now();
      const a = await writeMoviesParquet(many, dir);
      const ms = performance.now() - t0;
      expect(a.rows).toBe(10_000);
      expect(ms).toBeLessThan(10_000); // typically ~0.3 s; generous for slow CI
    } finally {
      cleanup();
    }
  });
});
