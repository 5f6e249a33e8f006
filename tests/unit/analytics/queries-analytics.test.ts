/**
 * queries-analytics.ts against DuckDB-WASM (the Node build of the wasm the site ships) on a
 * full sample build (tiny test model, so clusters exist). Every expectation is recomputed in
 * plain JS from the same artifacts read back with the build's own DuckDB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../../build-scripts/cluster/registry';
import { runBuild } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { CLUSTERS, CLUSTERS_META, readTable, type ClusterMetaRow, type ClusterRow } from '../../../build-scripts/write/atlas-parquet';
import { readMoviesParquet } from '../../../build-scripts/write/movies-parquet';
import { readPeopleParquet } from '../../../build-scripts/write/people-parquet';
import type { Credit, Movie } from '../../../src/lib/core/movie';
import { loadArtifacts } from '../../../src/lib/db/client';
import type { DbEngine } from '../../../src/lib/db/engine';
import { fetchFromDir, openNodeEngine } from '../../../src/lib/db/node';
import { countMovies } from '../../../src/lib/db/queries';
import {
  analyticsQueries, castEras, castSizeStats, collectionSummary, companyStats, countryStats, duplicateTitles,
  franchiseStats, genreFrequency, genreWeightsByPeriod, keywordsByDecade, longestCareers, microGenreDecadeCounts,
  movieMoney, moviesPerPeriod, PRODUCTION_KEYWORDS, releaseCalendar, releasesOn, runtimeRatingByPeriod, searchTitles,
  type PeriodBucket
} from '../../../src/lib/db/queries-analytics';
import { genreShareSeries, heatmapMatrix } from '../../../src/lib/site/analytics-shape';
import { TINY_MODEL } from '../embed/helpers';

const dataUrl = (f: string) => `/cineatlas/data/${f}`;
let out: string;
let db: DbEngine;
let movies: Movie[];
let credits: Credit[];
let clusters: ClusterRow[];
let meta: ClusterMetaRow[];
let registry: Registry;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'cineatlas-analytics-'));
  await runBuild({
    sources: [], out, progress: silentProgress(),
    embed: { model: TINY_MODEL, dtype: 'fp32' }, clusters: { seed: 3 }
  });
  registry = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8')) as Registry;
  movies = await readMoviesParquet(join(out, 'movies.parquet'));
  credits = await readPeopleParquet(join(out, 'people.parquet'));
  clusters = await readTable(CLUSTERS, out);
  meta = await readTable(CLUSTERS_META, out);
  db = await openNodeEngine();
  await loadArtifacts(db, { dataUrl, fetch: fetchFromDir(out) });
}, 240_000);
afterAll(async () => {
  await db?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const decadeOf = (y: number) => Math.floor(y / 10) * 10;
const periodOf = (y: number, b: PeriodBucket) => (b === 'year' ? y : b === '5y' ? Math.floor(y / 5) * 5 : decadeOf(y));
const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];
const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const count = <K>(keys: K[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
/** DuckDB quantile_cont: linear interpolation at (n − 1)·q. */
function quantile(xs: number[], q: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('trends queries', () => {
  it('genre weights: 1/n per genre, per period; shares built from them sum to 1', async () => {
    for (const bucket of ['year', '5y', 'decade'] as const) {
      const rows = await genreWeightsByPeriod(db, {}, bucket);
      const expected = new Map<string, { movies: number; weight: number }>();
      for (const m of movies) {
        const g = uniq(m.genres);
        if (m.year === null || !g.length) continue;
        for (const x of g) {
          const k = `${periodOf(m.year, bucket)}|${x}`;
          const e = expected.get(k) ?? { movies: 0, weight: 0 };
          expected.set(k, { movies: e.movies + 1, weight: e.weight + 1 / g.length });
        }
      }
      expect(rows.length).toBe(expected.size);
      for (const r of rows) {
        const e = expected.get(`${r.period}|${r.genre}`)!;
        expect(r.movies).toBe(e.movies);
        expect(r.weight).toBeCloseTo(e.weight, 9);
      }
      const total = rows.reduce((a, r) => a + r.weight, 0);
      expect(total).toBeCloseTo(movies.filter((m) => m.year !== null && m.genres.length).length, 6);
      const s = genreShareSeries(rows, { topN: 5 });
      for (const row of s.shares) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('genre weights honour the movie filters', async () => {
    const rows = await genreWeightsByPeriod(db, { yearMin: 1990 }, 'decade');
    expect(rows.every((r) => r.period >= 1990)).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('movies per period', async () => {
    for (const bucket of ['year', '5y', 'decade'] as const) {
      const rows = await moviesPerPeriod(db, {}, bucket);
      const e = count(movies.filter((m) => m.year !== null).map((m) => periodOf(m.year!, bucket)));
      expect(Object.fromEntries(rows.map((r) => [r.period, r.movies]))).toEqual(Object.fromEntries(e));
    }
  });

  it('heatmap matrix from genreDecadeCounts has genres × decades', async () => {
    const q = analyticsQueries(db);
    const m = heatmapMatrix(await q.genreDecadeCounts(), { mode: 'share', decadeTotals: await q.moviesPerPeriod({}, 'decade') });
    const genres = uniq(movies.flatMap((x) => (x.year === null ? [] : x.genres)));
    expect(m.rows.sort()).toEqual(genres.sort());
    const decades = movies.filter((x) => x.year !== null).map((x) => decadeOf(x.year!));
    expect(m.cols[0]).toBe(Math.min(...decades));
    expect(m.cols.at(-1)).toBe(Math.max(...decades));
    for (const r of m.values) {
      expect(r.length).toBe(m.cols.length);
      for (const v of r) if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it('runtime and rating quartiles per period (ratings only with enough votes)', async () => {
    const rows = await runtimeRatingByPeriod(db, {}, 'decade', 100);
    for (const r of rows) {
      const ms = movies.filter((m) => m.year !== null && decadeOf(m.year) === r.period);
      const rt = ms.map((m) => m.runtime).filter((v): v is number => v !== null && v > 0);
      const rated = ms.filter((m) => (m.vote_count ?? -1) >= 100 && m.vote_average !== null).map((m) => m.vote_average!);
      expect(r.movies).toBe(ms.length);
      expect(r.runtime_movies).toBe(rt.length);
      expect(r.rated_movies).toBe(rated.length);
      for (const [got, want] of [
        [r.runtime_p25, quantile(rt, 0.25)], [r.runtime_median, quantile(rt, 0.5)], [r.runtime_p75, quantile(rt, 0.75)],
        [r.rating_p25, quantile(rated, 0.25)], [r.rating_median, quantile(rated, 0.5)], [r.rating_p75, quantile(rated, 0.75)]
      ])
        want === null ? expect(got).toBeNull() : expect(got).toBeCloseTo(want, 9);
    }
    const drama = await runtimeRatingByPeriod(db, { genres: ['Drama'] }, '5y');
    expect(drama.reduce((a, r) => a + r.movies, 0)).toBe(movies.filter((m) => m.year !== null && m.genres.includes('Drama')).length);
  });

  it('micro-genre counts per decade for the default model, named from clusters_meta', async () => {
    const model = registry.default_model;
    const rows = await microGenreDecadeCounts(db, model);
    const byId = new Map(movies.map((m) => [m.id, m]));
    const e = count(
      clusters.filter((c) => c.model === model && byId.get(c.movie_id)?.year != null).map((c) => `${c.cluster}|${decadeOf(byId.get(c.movie_id)!.year!)}`)
    );
    expect(rows.length).toBe(e.size);
    for (const r of rows) {
      expect(r.movies).toBe(e.get(`${r.cluster}|${r.decade}`));
      const label = meta.find((x) => x.model === model && x.level === 'micro' && x.cluster === r.cluster);
      expect(r.name).toBe(label?.name ?? null);
    }
    expect(await microGenreDecadeCounts(db, "no-such-model'; DROP TABLE clusters; --")).toEqual([]);
    expect((await analyticsQueries(db).microGenreDecadeCounts(model)).length).toBe(rows.length);
  });

  it('top keywords per decade, production tags left out', async () => {
    const rows = await keywordsByDecade(db, { ranking: 'top', perDecade: 4 });
    const perDecade = count(rows.map((r) => r.decade));
    for (const n of perDecade.values()) expect(n).toBeLessThanOrEqual(4);
    for (const r of rows) {
      expect(PRODUCTION_KEYWORDS).not.toContain(r.keyword);
      const ms = movies.filter((m) => m.year !== null && decadeOf(m.year) === r.decade);
      expect(r.movies).toBe(ms.filter((m) => m.keywords.includes(r.keyword)).length);
      expect(r.decade_movies).toBe(ms.filter((m) => m.keywords.length > 0).length);
      expect(r.score).toBe(r.movies);
      // Nothing left out of the top 4 beats the last one kept.
      const kept = rows.filter((x) => x.decade === r.decade);
      const floor = Math.min(...kept.map((x) => x.movies));
      const counts = count(ms.flatMap((m) => uniq(m.keywords)).filter((k) => !PRODUCTION_KEYWORDS.includes(k)));
      for (const [k, c] of counts) if (!kept.some((x) => x.keyword === k)) expect(c).toBeLessThanOrEqual(floor);
    }
  });

  it('distinctive keywords score count × ln(N / total) and need two films', async () => {
    const rows = await keywordsByDecade(db, { ranking: 'distinctive', perDecade: 5, exclude: [] });
    const withKw = movies.filter((m) => m.year !== null && m.keywords.length > 0);
    for (const r of rows) {
      expect(r.movies).toBeGreaterThanOrEqual(2);
      expect(r.total).toBe(withKw.filter((m) => m.keywords.includes(r.keyword)).length);
      expect(r.score).toBeCloseTo(r.movies * Math.log(withKw.length / r.total), 9);
    }
    await expect(keywordsByDecade(db, { ranking: 'sql' as never })).rejects.toThrow(/Unknown keyword ranking/);
  });

  it('refuses a period bucket outside the whitelist', async () => {
    await expect(genreWeightsByPeriod(db, {}, 'century' as never)).rejects.toThrow(/Unknown period bucket/);
    await expect(moviesPerPeriod(db, {}, 'm.id; DROP TABLE movies' as never)).rejects.toThrow(/Unknown period bucket/);
  });
});

describe('insights queries', () => {
  it('release calendar: month × weekday (0 = Sunday) from full release dates', async () => {
    const rows = await releaseCalendar(db);
    const e = count(movies.filter((m) => m.release_date).map((m) => `${utc(m.release_date!).getUTCMonth() + 1}|${utc(m.release_date!).getUTCDay()}`));
    expect(Object.fromEntries(rows.map((r) => [`${r.month}|${r.weekday}`, r.movies]))).toEqual(Object.fromEntries(e));
  });

  it('releases in a month and/or on a weekday, most voted first', async () => {
    const march = await releasesOn(db, { month: 3, limit: 50 });
    const want = movies.filter((m) => m.release_date && utc(m.release_date).getUTCMonth() === 2);
    expect(march.length).toBe(Math.min(50, want.length));
    expect(march.every((r) => r.release_date.slice(5, 7) === '03')).toBe(true);
    for (let i = 1; i < march.length; i++) expect((march[i - 1].vote_count ?? -1) >= (march[i].vote_count ?? -1)).toBe(true);
    const wed = await releasesOn(db, { month: 3, weekday: 3, limit: 50 });
    expect(wed.every((r) => utc(r.release_date).getUTCDay() === 3)).toBe(true);
    expect(wed.length).toBe(want.filter((m) => utc(m.release_date!).getUTCDay() === 3).length);
    expect((await releasesOn(db, { limit: 3 })).length).toBe(3);
  });

  it('collections: summary and per-franchise totals and averages', async () => {
    const inColl = movies.filter((m) => m.collection !== null);
    const s = await collectionSummary(db);
    expect(s).toMatchObject({ movies: movies.length, collections: uniq(inColl.map((m) => m.collection)).length, franchise_movies: inColl.length });
    const rev = (ms: Movie[]) => ms.reduce((a, m) => a + (m.revenue ?? 0), 0);
    expect(s.revenue_share).toBeCloseTo(rev(inColl) / rev(movies), 9);

    const rows = await franchiseStats(db, { sort: 'revenue', limit: 100, minMovies: 2, minVotes: 10 });
    const groups = new Map<string, Movie[]>();
    for (const m of inColl) groups.set(m.collection!, [...(groups.get(m.collection!) ?? []), m]);
    expect(rows.length).toBe([...groups.values()].filter((g) => g.length >= 2).length);
    for (const r of rows) {
      const g = groups.get(r.collection)!;
      const revs = g.map((m) => m.revenue).filter((v): v is number => v !== null);
      const rated = g.filter((m) => (m.vote_count ?? -1) >= 10 && m.vote_average !== null);
      expect(r.movies).toBe(g.length);
      expect(r.revenue_known).toBe(revs.length);
      revs.length ? expect(r.revenue_total).toBeCloseTo(revs.reduce((a, b) => a + b, 0), 3) : expect(r.revenue_total).toBeNull();
      revs.length ? expect(r.revenue_avg).toBeCloseTo(revs.reduce((a, b) => a + b, 0) / revs.length, 3) : expect(r.revenue_avg).toBeNull();
      expect(r.first_year).toBe(Math.min(...g.map((m) => m.year ?? Infinity)));
      rated.length ? expect(r.rating_avg).toBeCloseTo(rated.reduce((a, m) => a + m.vote_average!, 0) / rated.length, 9) : expect(r.rating_avg).toBeNull();
    }
    for (let i = 1; i < rows.length; i++) expect((rows[i - 1].revenue_total ?? -1) >= (rows[i].revenue_total ?? -1)).toBe(true);
    const byMovies = await franchiseStats(db, { sort: 'movies', limit: 3 });
    expect(byMovies[0].movies).toBe(Math.max(...[...groups.values()].map((g) => g.length)));
    await expect(franchiseStats(db, { sort: 'revenue DESC; --' as never })).rejects.toThrow(/Unknown franchise sort/);
  });

  it('countries: co-productions count for each country', async () => {
    const s = await countryStats(db, { limit: 300 });
    const e = count(movies.flatMap((m) => uniq(m.production_countries)));
    expect(Object.fromEntries(s.rows.map((r) => [r.country, r.movies]))).toEqual(Object.fromEntries(e));
    expect(s.countries).toBe(e.size);
    expect(s.coproductions).toBe(movies.filter((m) => uniq(m.production_countries).length > 1).length);
    expect(s.movies_with_country).toBe(movies.filter((m) => m.production_countries.length).length);
    const us = s.rows.find((r) => r.country === 'United States of America')!;
    expect(us.solo).toBe(movies.filter((m) => uniq(m.production_countries).join() === 'United States of America').length);
    expect((await countryStats(db, { limit: 3 })).rows.map((r) => r.country)).toEqual(s.rows.slice(0, 3).map((r) => r.country));
  });

  it('companies by revenue and by count', async () => {
    const rows = await companyStats(db, { sort: 'revenue', limit: 300 });
    const names = uniq(movies.flatMap((m) => m.production_companies));
    expect(rows.length).toBe(names.length);
    for (const r of rows.slice(0, 10)) {
      const ms = movies.filter((m) => m.production_companies.includes(r.company));
      expect(r.movies).toBe(ms.length);
      const revs = ms.map((m) => m.revenue).filter((v): v is number => v !== null);
      expect(r.revenue_known).toBe(revs.length);
      revs.length ? expect(r.revenue_total).toBeCloseTo(revs.reduce((a, b) => a + b, 0), 3) : expect(r.revenue_total).toBeNull();
    }
    const byCount = await companyStats(db, { sort: 'movies', limit: 5 });
    for (let i = 1; i < byCount.length; i++) expect(byCount[i - 1].movies).toBeGreaterThanOrEqual(byCount[i].movies);
    await expect(companyStats(db, { sort: 'x' as never })).rejects.toThrow(/Unknown company sort/);
  });

  it('title search: parameterised prefix, case and accents ignored; injection matches nothing', async () => {
    const hits = await searchTitles(db, 'the', 50);
    expect(hits.length).toBe(Math.min(50, movies.filter((m) => fold(m.title).startsWith('the')).length));
    const amelie = movies.find((m) => /^Amélie/.test(m.title));
    if (amelie) expect((await searchTitles(db, 'AMELIE')).map((h) => h.id)).toContain(amelie.id);
    expect(await searchTitles(db, '   ')).toEqual([]);
    for (const evil of ["'; DROP TABLE movies; --", "x' OR '1'='1", '%', '_']) expect(await searchTitles(db, evil)).toEqual([]);
    expect(await countMovies(db)).toBe(movies.length);
  });

  it("a movie's money and how its return ranks", async () => {
    const both = movies.filter((m) => (m.budget ?? 0) > 0 && (m.revenue ?? 0) > 0);
    const m = both[0];
    const r = (await movieMoney(db, m.id))!;
    expect(r).toMatchObject({ id: m.id, title: m.title, year: m.year, budget: m.budget, revenue: m.revenue, collection: m.collection });
    expect(r.roi_peers).toBe(both.length);
    expect(r.roi_below).toBe(both.filter((x) => x.revenue! / x.budget! < m.revenue! / m.budget!).length);
    const noBudget = movies.find((x) => x.budget === null)!;
    expect((await movieMoney(db, noBudget.id))!.roi_below).toBeNull();
    expect(await movieMoney(db, 987654321)).toBeNull();
  });

  it('genre frequency and films without a genre', async () => {
    const g = await genreFrequency(db);
    expect(Object.fromEntries(g.rows.map((r) => [r.genre, r.movies]))).toEqual(Object.fromEntries(count(movies.flatMap((m) => uniq(m.genres)))));
    expect(g.without).toBe(movies.filter((m) => !m.genres.length).length);
    expect(g.movies).toBe(movies.length);
  });

  it('cast size histogram (films without credits count as 0) and by decade', async () => {
    const { bins, byDecade } = await castSizeStats(db);
    const size = (id: number) => credits.filter((c) => c.movie_id === id && c.role === 'cast').length;
    expect(Object.fromEntries(bins.map((b) => [b.cast_size, b.movies]))).toEqual(Object.fromEntries(count(movies.map((m) => size(m.id)))));
    for (const d of byDecade) {
      const ms = movies.filter((m) => m.year !== null && decadeOf(m.year) === d.decade);
      expect(d.movies).toBe(ms.length);
      expect(d.avg_cast).toBeCloseTo(ms.reduce((a, m) => a + size(m.id), 0) / ms.length, 9);
    }
  });

  it('cast eras: newcomers + returning + veterans = the decade\'s actors', async () => {
    const rows = await castEras(db, { veteranYears: 20 });
    const year = new Map(movies.map((m) => [m.id, m.year]));
    const cast = credits.filter((c) => c.role === 'cast' && year.get(c.movie_id) != null);
    const key = (c: Credit) => (c.person_id !== null ? `id:${c.person_id}` : `name:${c.person}`);
    const first = new Map<string, number>();
    for (const c of cast) first.set(key(c), Math.min(first.get(key(c)) ?? Infinity, year.get(c.movie_id)!));
    for (const r of rows) {
      expect(r.newcomers + r.returning + r.veterans).toBe(r.actors);
      const inDecade = new Map<string, number>();
      for (const c of cast) {
        const y = year.get(c.movie_id)!;
        if (decadeOf(y) === r.decade) inDecade.set(key(c), Math.min(inDecade.get(key(c)) ?? Infinity, y));
      }
      expect(r.actors).toBe(inDecade.size);
      let nw = 0, vet = 0;
      for (const [k, y] of inDecade) {
        const f = first.get(k)!;
        if (f >= r.decade) nw++;
        else if (y - f >= 20) vet++;
      }
      expect(r.newcomers).toBe(nw);
      expect(r.veterans).toBe(vet);
    }
    expect(rows[0].newcomers).toBe(rows[0].actors); // the first decade can only have newcomers
  });

  it('longest careers', async () => {
    const rows = await longestCareers(db, { minMovies: 3, limit: 5 });
    const year = new Map(movies.map((m) => [m.id, m.year]));
    for (const r of rows) {
      const ys = credits.filter((c) => c.role === 'cast' && c.person === r.person && year.get(c.movie_id) != null).map((c) => year.get(c.movie_id)!);
      expect(r.first_year).toBe(Math.min(...ys));
      expect(r.last_year).toBe(Math.max(...ys));
      expect(r.movies).toBeGreaterThanOrEqual(3);
    }
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1].last_year - rows[i - 1].first_year).toBeGreaterThanOrEqual(rows[i].last_year - rows[i].first_year);
  });

  it('duplicate titles: none in the sample; double entries and remakes once added', async () => {
    expect(await duplicateTitles(db)).toEqual({ rows: [], summary: { titles: 0, movies: 0, same_year_titles: 0 } });
    const engine = await openNodeEngine();
    try {
      await loadArtifacts(engine, { dataUrl, fetch: fetchFromDir(out) });
      const [a, b] = movies;
      // A double entry of `a` (same title, same year, other case/accents) and a remake of `b`.
      await engine.query(`INSERT INTO movies SELECT * REPLACE (id + 900000 AS id, upper(title) AS title) FROM movies WHERE id = ?`, [a.id]);
      await engine.query(`INSERT INTO movies SELECT * REPLACE (id + 900000 AS id, year + 30 AS year) FROM movies WHERE id = ?`, [b.id]);
      const d = await duplicateTitles(engine);
      expect(d.summary).toEqual({ titles: 2, movies: 4, same_year_titles: 1 });
      expect(d.rows[0]).toMatchObject({ movies: 2, same_year: true, years: [a.year, a.year], ids: [a.id, a.id + 900000] });
      expect(d.rows[1]).toMatchObject({ title: b.title, same_year: false, years: [b.year, b.year! + 30] });
    } finally {
      await engine.close();
    }
  });
});
