import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credit, Movie } from '../../../src/lib/core/movie';
import { readMoviesParquet } from '../../../build-scripts/write/movies-parquet';
import { readPeopleParquet } from '../../../build-scripts/write/people-parquet';
import {
  budgetRevenue, catalogueBounds, countMovies, facetCounts, genreDecadeCounts, movieById, movieList,
  personFilmography, SORT_COLUMNS, tableCounts, topPeople, yearlyStats, type MovieFilters, type SortKey
} from '../../../src/lib/db/queries';
import { toRows } from '../../../src/lib/db/rows';
import { openSampleDb, type SampleDb } from './fixture';

/**
 * The query module against DuckDB-WASM (the Node build of the exact wasm the site ships)
 * on the sample catalogue's artifacts; every expectation is recomputed in plain JS from
 * the same artifacts read back with the build's own DuckDB (node-api).
 */
let s: SampleDb;
let movies: Movie[];
let credits: Credit[];

beforeAll(async () => {
  s = await openSampleDb();
  movies = await readMoviesParquet(join(s.dataDir, 'movies.parquet'));
  credits = await readPeopleParquet(join(s.dataDir, 'people.parquet'));
});
afterAll(() => s?.cleanup());

const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const decadeOf = (y: number) => Math.floor(y / 10) * 10;

/** The same filters in plain JS. */
function matches(m: Movie, f: MovieFilters): boolean {
  const num = (v: number | null | undefined) => typeof v === 'number' && Number.isFinite(v);
  if (num(f.yearMin) && !(m.year !== null && m.year >= f.yearMin!)) return false;
  if (num(f.yearMax) && !(m.year !== null && m.year <= f.yearMax!)) return false;
  if (f.genres?.length) {
    const ok = f.genreMode === 'all' ? f.genres.every((g) => m.genres.includes(g)) : f.genres.some((g) => m.genres.includes(g));
    if (!ok) return false;
  }
  if (num(f.ratingMin) && !(m.vote_average !== null && m.vote_average >= f.ratingMin!)) return false;
  if (num(f.ratingMax) && !(m.vote_average !== null && m.vote_average <= f.ratingMax!)) return false;
  if (num(f.minVotes) && !(m.vote_count !== null && m.vote_count >= f.minVotes!)) return false;
  if (num(f.runtimeMin) && !(m.runtime !== null && m.runtime >= f.runtimeMin!)) return false;
  if (num(f.runtimeMax) && !(m.runtime !== null && m.runtime <= f.runtimeMax!)) return false;
  if (f.languages?.length && !(m.original_language && f.languages.includes(m.original_language))) return false;
  if (f.titlePrefix?.trim() && !fold(m.title).startsWith(fold(f.titlePrefix.trim()))) return false;
  if (f.ids && !f.ids.includes(m.id)) return false;
  return true;
}

describe('artifacts read by DuckDB-WASM 0.9.1 (written by DuckDB 1.5, zstd)', () => {
  it('loads every movie and credit', () => {
    expect(s.report.counts).toEqual({ movies: movies.length, people: credits.length, clusters: 0, clusters_meta: 0, layout: 0 });
    expect(movies.length).toBe(214);
    expect(s.report.absent).toEqual(['clusters.parquet', 'clusters_meta.parquet', 'layout.parquet']);
  });

  it('reads every field of every movie exactly as the build wrote it (lists, DATE, BIGINT, NULLs)', async () => {
    for (const m of movies) {
      const d = await movieById(s.engine, m.id);
      const { credits: _c, clusters: _k, ...record } = d!;
      expect(record).toEqual(m);
    }
  });
});

describe('movieList: filters, sorting, paging', () => {
  const cases: [string, MovieFilters][] = [
    ['no filter', {}],
    ['year range', { yearMin: 1970, yearMax: 1989 }],
    ['open-ended year', { yearMin: 2000 }],
    ['genres any', { genres: ['Horror', 'Western'] }],
    ['genres all', { genres: ['Drama', 'War'], genreMode: 'all' }],
    ['rating range', { ratingMin: 7.5, ratingMax: 8.2 }],
    ['min votes', { minVotes: 5000 }],
    ['runtime range', { runtimeMin: 90, runtimeMax: 110 }],
    ['languages', { languages: ['ja', 'ko'] }],
    ['title prefix', { titlePrefix: 'the ' }],
    ['accent-insensitive prefix', { titlePrefix: 'AME' }],
    ['ids', { ids: [1, 2, 3, 999_999] }],
    ['empty ids', { ids: [] }],
    ['combined', { yearMin: 1950, genres: ['Drama'], ratingMin: 7, languages: ['en', 'fr', 'it'], runtimeMax: 150 }],
    ['non-finite numbers are ignored', { yearMin: Number.NaN, ratingMax: Number.POSITIVE_INFINITY }]
  ];
  for (const [name, f] of cases) {
    it(`counts and lists the same movies as a JS filter: ${name}`, async () => {
      const expected = movies.filter((m) => matches(m, f)).map((m) => m.id).sort((a, b) => a - b);
      const page = await movieList(s.engine, { filters: f, sort: 'year', dir: 'asc', pageSize: 500 });
      expect(page.total).toBe(expected.length);
      expect(await countMovies(s.engine, f)).toBe(expected.length);
      expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected);
    });
  }

  it('finds Amélie by an accented or unaccented prefix', async () => {
    for (const prefix of ['amé', 'Ame', '  AMÉLIE ']) {
      const { rows } = await movieList(s.engine, { filters: { titlePrefix: prefix } });
      expect(rows.map((r) => r.title)).toContain('Amélie');
    }
  });

  it('returns plain rows: numbers, arrays, ISO dates', async () => {
    const { rows } = await movieList(s.engine, { sort: 'release_date', dir: 'asc', pageSize: 1 });
    expect(rows[0]).toMatchObject({ id: 1, title: 'All Quiet on the Western Front', release_date: '1930-04-21', genres: ['Drama', 'War'] });
    expect(typeof rows[0].id).toBe('number');
  });

  it('pages cover the sorted result exactly once, with ties broken by id and NULLs last', async () => {
    for (const sort of Object.keys(SORT_COLUMNS) as SortKey[]) {
      for (const dir of ['asc', 'desc'] as const) {
        const seen: number[] = [];
        let total = 0;
        for (let page = 0; ; page++) {
          const p = await movieList(s.engine, { sort, dir, page, pageSize: 37 });
          total = p.total;
          if (!p.rows.length) break;
          expect(p.rows.length).toBeLessThanOrEqual(37);
          seen.push(...p.rows.map((r) => r.id));
        }
        expect(total).toBe(movies.length);
        expect(seen.length).toBe(movies.length);
        expect(new Set(seen).size).toBe(movies.length);
        const all = (await movieList(s.engine, { sort, dir, pageSize: 500 })).rows.map((r) => r.id);
        expect(seen).toEqual(all);
      }
    }
  });

  it('sorts by rating descending with NULLs last, then by id', async () => {
    const { rows } = await movieList(s.engine, { sort: 'rating', dir: 'desc', pageSize: 500 });
    const expected = [...movies].sort((a, b) =>
      a.vote_average === b.vote_average ? a.id - b.id : a.vote_average === null ? 1 : b.vote_average === null ? -1 : b.vote_average - a.vote_average
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((m) => m.id));
  });

  it('a page past the end is empty but still reports the total', async () => {
    const p = await movieList(s.engine, { page: 99, pageSize: 50 });
    expect(p.rows).toEqual([]);
    expect(p.total).toBe(movies.length);
  });

  it('clamps page size and page number', async () => {
    const p = await movieList(s.engine, { page: -3, pageSize: 10_000 });
    expect(p.page).toBe(0);
    expect(p.pageSize).toBe(500);
    expect((await movieList(s.engine, { pageSize: 0 })).rows.length).toBe(1);
  });

  it('refuses a sort key or direction outside the whitelist', async () => {
    await expect(movieList(s.engine, { sort: 'title; DROP TABLE movies' as SortKey })).rejects.toThrow(/Unknown sort key/);
    await expect(movieList(s.engine, { sort: 'toString' as SortKey })).rejects.toThrow(/Unknown sort key/);
    await expect(movieList(s.engine, { sort: 'year', dir: 'asc; --' as 'asc' })).rejects.toThrow(/Unknown sort direction/);
  });
});

describe('injection attempts are plain values', () => {
  const attacks = [
    "'; DROP TABLE movies; --",
    "x' OR '1'='1",
    "Drama'); DROP TABLE people; --",
    '"; DELETE FROM movies; --',
    "\\'; SELECT * FROM movies; --"
  ];

  it('in every text filter: match nothing and leave the tables intact', async () => {
    const before = await tableCounts(s.engine);
    for (const a of attacks) {
      expect((await movieList(s.engine, { filters: { titlePrefix: a } })).rows).toEqual([]);
      expect(await countMovies(s.engine, { genres: [a] })).toBe(0);
      expect(await countMovies(s.engine, { genres: ['Drama', a], genreMode: 'all' })).toBe(0);
      expect(await countMovies(s.engine, { languages: [a] })).toBe(0);
      expect(await personFilmography(s.engine, { name: a })).toEqual([]);
      expect(await countMovies(s.engine, { cluster: { model: a, cluster: 0 } })).toBe(0);
      expect((await facetCounts(s.engine, { titlePrefix: a })).genres).toEqual([]);
    }
    expect(await tableCounts(s.engine)).toEqual(before);
    expect(toRows(await s.engine.query('SELECT count(*) AS n FROM movies'))[0]).toEqual({ n: movies.length });
  });
});

describe('movieById', () => {
  it('returns the record with cast (billing order) and directors from people.parquet', async () => {
    const m = movies.find((x) => x.directors.length && x.cast.length >= 3)!;
    const d = await movieById(s.engine, m.id);
    expect(d!.title).toBe(m.title);
    expect(d!.credits.cast.map((c) => c.person)).toEqual(m.cast);
    expect(d!.credits.cast.map((c) => c.billing_order)).toEqual(m.cast.map((_, i) => i));
    expect(d!.credits.directors.map((c) => c.person)).toEqual(m.directors);
    expect(d!.clusters).toEqual([]);
  });

  it('is null for an unknown id', async () => {
    expect(await movieById(s.engine, 987_654_321)).toBeNull();
  });
});

describe('facets under the current filters', () => {
  it('count genres, decades and languages, each ignoring its own filter', async () => {
    const f: MovieFilters = { yearMin: 1960, yearMax: 1999, genres: ['Drama'], languages: ['en'], ratingMin: 7 };
    const facets = await facetCounts(s.engine, f);
    const tally = <T>(pool: Movie[], keys: (m: Movie) => T[]) => {
      const c = new Map<T, number>();
      for (const m of pool) for (const k of new Set(keys(m))) c.set(k, (c.get(k) ?? 0) + 1);
      return c;
    };
    const genres = tally(movies.filter((m) => matches(m, { ...f, genres: [] })), (m) => m.genres);
    const decades = tally(movies.filter((m) => matches(m, { ...f, yearMin: null, yearMax: null }) && m.year !== null), (m) => [decadeOf(m.year!)]);
    const langs = tally(movies.filter((m) => matches(m, { ...f, languages: [] }) && m.original_language), (m) => [m.original_language!]);
    expect(new Map(facets.genres.map((g) => [g.value, g.movies]))).toEqual(genres);
    expect(new Map(facets.decades.map((g) => [g.value, g.movies]))).toEqual(decades);
    expect(new Map(facets.languages.map((g) => [g.value, g.movies]))).toEqual(langs);
    // Ordered: genres and languages by count (desc), decades chronologically.
    expect(facets.genres.map((g) => g.movies)).toEqual([...facets.genres.map((g) => g.movies)].sort((a, b) => b - a));
    expect(facets.decades.map((d) => d.value)).toEqual([...facets.decades.map((d) => d.value)].sort((a, b) => a - b));
    expect(facets.decades.some((d) => d.value < 1960)).toBe(true);
  });

  it('catalogueBounds gives the slider ranges', async () => {
    const years = movies.map((m) => m.year).filter((y): y is number => y !== null);
    const b = await catalogueBounds(s.engine);
    expect(b).toMatchObject({ movies: movies.length, year_min: Math.min(...years), year_max: Math.max(...years) });
  });
});

describe('people', () => {
  it('personFilmography lists every credit of a name, oldest first', async () => {
    const name = 'Charlie Chaplin';
    const rows = await personFilmography(s.engine, { name });
    const expected = credits.filter((c) => c.person === name);
    expect(rows.length).toBe(expected.length);
    expect(new Set(rows.map((r) => `${r.id}:${r.role}`))).toEqual(new Set(expected.map((c) => `${c.movie_id}:${c.role}`)));
    expect(rows.some((r) => r.role === 'director') && rows.some((r) => r.role === 'cast')).toBe(true);
    const dates = rows.map((r) => r.release_date!).filter(Boolean);
    expect(dates).toEqual([...dates].sort());
    expect(await personFilmography(s.engine, { id: 123456 })).toEqual([]);
  });

  it('topPeople by count matches a JS tally of directors', async () => {
    const rows = await topPeople(s.engine, { role: 'director', limit: 5 });
    const tally = new Map<string, Set<number>>();
    for (const c of credits.filter((c) => c.role === 'director')) tally.set(c.person, (tally.get(c.person) ?? new Set()).add(c.movie_id));
    const top = [...tally.entries()].sort((a, b) => b[1].size - a[1].size);
    expect(rows[0].movies).toBe(top[0][1].size);
    expect(rows.map((r) => r.movies)).toEqual(top.slice(0, 5).map(([, ids]) => ids.size));
    for (const r of rows) expect(tally.get(r.person)!.size).toBe(r.movies);
  });

  it('topPeople by average rating uses only movies with enough votes and people with enough of them', async () => {
    const rows = await topPeople(s.engine, { role: 'cast', by: 'avg_rating', minMovies: 2, minVotes: 100, limit: 10 });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const ids = new Set(credits.filter((c) => c.role === 'cast' && c.person === r.person).map((c) => c.movie_id));
      const rated = movies.filter((m) => ids.has(m.id) && m.vote_count !== null && m.vote_count >= 100 && m.vote_average !== null);
      expect(r.rated_movies).toBe(rated.length);
      expect(r.rated_movies).toBeGreaterThanOrEqual(2);
      expect(r.avg_rating).toBeCloseTo(rated.reduce((a, m) => a + m.vote_average!, 0) / rated.length, 9);
    }
    expect(rows.map((r) => r.avg_rating)).toEqual([...rows.map((r) => r.avg_rating!)].sort((a, b) => b - a));
  });

  it('topPeople honours movie filters and billing order, and refuses an unknown role', async () => {
    const rows = await topPeople(s.engine, { role: 'cast', maxBillingOrder: 0, filters: { yearMin: 1990 }, limit: 500 });
    const ids = new Set(movies.filter((m) => m.year !== null && m.year >= 1990).map((m) => m.id));
    const leads = new Set(credits.filter((c) => c.role === 'cast' && c.order === 0 && ids.has(c.movie_id)).map((c) => c.person));
    expect(new Set(rows.map((r) => r.person))).toEqual(leads);
    await expect(topPeople(s.engine, { role: 'writer' as 'cast' })).rejects.toThrow(/Unknown role/);
  });
});

describe('aggregations', () => {
  it('yearlyStats: count, mean rating (enough votes), mean runtime per year', async () => {
    const rows = await yearlyStats(s.engine, {}, 10);
    const years = [...new Set(movies.map((m) => m.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
    expect(rows.map((r) => r.year)).toEqual(years);
    for (const r of rows) {
      const ms = movies.filter((m) => m.year === r.year);
      expect(r.movies).toBe(ms.length);
      const rated = ms.filter((m) => m.vote_count !== null && m.vote_count >= 10 && m.vote_average !== null);
      if (rated.length) expect(r.avg_rating).toBeCloseTo(rated.reduce((a, m) => a + m.vote_average!, 0) / rated.length, 9);
      else expect(r.avg_rating).toBeNull();
      const rt = ms.filter((m) => m.runtime !== null);
      if (rt.length) expect(r.avg_runtime).toBeCloseTo(rt.reduce((a, m) => a + m.runtime!, 0) / rt.length, 9);
    }
  });

  it('genreDecadeCounts: a movie counts once per genre in its decade', async () => {
    const rows = await genreDecadeCounts(s.engine, { languages: ['en'] });
    const expected = new Map<string, number>();
    for (const m of movies.filter((m) => m.year !== null && m.original_language === 'en'))
      for (const g of new Set(m.genres)) expected.set(`${g}|${decadeOf(m.year!)}`, (expected.get(`${g}|${decadeOf(m.year!)}`) ?? 0) + 1);
    expect(new Map(rows.map((r) => [`${r.genre}|${r.decade}`, r.movies]))).toEqual(expected);
  });

  it('budgetRevenue: only movies with both figures known', async () => {
    const rows = await budgetRevenue(s.engine, { yearMin: 1980 });
    const expected = movies.filter((m) => m.year !== null && m.year >= 1980 && m.budget !== null && m.budget >= 1 && m.revenue !== null && m.revenue > 0);
    expect(rows.map((r) => r.id)).toEqual(expected.map((m) => m.id));
    expect(rows[0]).toMatchObject({ budget: expected[0].budget, revenue: expected[0].revenue });
    expect((await budgetRevenue(s.engine, {}, { minBudget: 100_000_000 })).every((r) => r.budget >= 100_000_000)).toBe(true);
  });
});
