/**
 * The query mix timed by build-scripts/bench/duckdb-wasm-bench.ts, in Node and (through the
 * /dev/db/ page) in Chromium: one representative call of each page query.
 */
import type { CatalogueQueries } from './queries';

export interface BenchQuery {
  name: string;
  run(q: CatalogueQueries): Promise<unknown>;
}

const NINETIES = { yearMin: 1990, yearMax: 1999 };

export const BENCH_QUERIES: BenchQuery[] = [
  { name: 'movieList default page', run: (q) => q.movieList({ pageSize: 50 }) },
  {
    name: 'movieList filtered+sorted p2',
    run: (q) =>
      q.movieList({
        filters: { ...NINETIES, genres: ['Drama', 'Comedy'], ratingMin: 6, minVotes: 50, runtimeMin: 80, languages: ['en', 'fr'] },
        sort: 'rating',
        dir: 'desc',
        page: 1,
        pageSize: 50
      })
  },
  { name: 'movieList title prefix', run: (q) => q.movieList({ filters: { titlePrefix: 'the ' }, sort: 'title', dir: 'asc' }) },
  { name: 'movieById (+credits)', run: (q) => q.movieById(155) },
  { name: 'facetCounts (filtered)', run: (q) => q.facetCounts({ ...NINETIES, genres: ['Drama'] }) },
  { name: 'yearlyStats', run: (q) => q.yearlyStats() },
  { name: 'genreDecadeCounts', run: (q) => q.genreDecadeCounts() },
  { name: 'topPeople directors by count', run: (q) => q.topPeople({ role: 'director', limit: 20 }) },
  { name: 'topPeople cast by avg rating', run: (q) => q.topPeople({ role: 'cast', by: 'avg_rating', minMovies: 5, limit: 20 }) },
  { name: 'personFilmography', run: (q) => q.personFilmography({ name: 'Steven Spielberg' }) },
  { name: 'budgetRevenue', run: (q) => q.budgetRevenue() }
];

export interface BenchFigure {
  name: string;
  /** First (cold) call, then the median and minimum of the repeats, in ms. */
  first: number;
  median: number;
  min: number;
}

const round = (x: number) => Math.round(x * 10) / 10;

export async function runBench(q: CatalogueQueries, repeats = 10): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  for (const b of BENCH_QUERIES) {
    let t = performance.now();
    await b.run(q);
    const first = performance.now() - t;
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      t = performance.now();
      await b.run(q);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out.push({ name: b.name, first: round(first), median: round(times[Math.floor(times.length / 2)]), min: round(times[0]) });
  }
  return out;
}
