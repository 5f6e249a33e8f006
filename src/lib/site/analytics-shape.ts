/**
 * Pure functions that turn the (already aggregated) rows of queries-analytics.ts into what
 * the Trends and Insights charts draw. No DOM, no d3, no database: unit-tested alone.
 */
import type {
  CalendarCount, CastEraRow, CastSizeBin, DecadeKeyword, GenrePeriodWeight, MicroGenreDecadeCount, PeriodCount,
  PeriodDistribution
} from '$lib/db/queries-analytics';
import type { GenreDecadeCount } from '$lib/db/queries';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

// ---------------------------------------------------------------------------------------
// Genre share over time

export interface ShareSeries {
  /** First year of each period, ascending. */
  periods: number[];
  /** Series names: the top genres by overall weight, then `otherLabel` when any genre was folded in. */
  keys: string[];
  /** shares[p][k]: share of period p's movies in series k; each row sums to 1. */
  shares: number[][];
  /** Genre-tagged movies per period (the weights' sum). */
  totals: number[];
}

/**
 * Shares of each genre per period, from fractional weights (a movie with n genres counts
 * 1/n for each). The `topN` genres by overall weight keep their own series (plus any in
 * `include`, e.g. the genre the visitor focuses on); the others are summed into
 * `otherLabel`. Every period's shares sum to 1. Periods with fewer than `minMovies`
 * genre-tagged movies are dropped.
 */
export function genreShareSeries(
  rows: readonly GenrePeriodWeight[],
  o: { topN?: number; include?: readonly string[]; otherLabel?: string; minMovies?: number } = {}
): ShareSeries {
  const topN = Math.max(1, o.topN ?? 8);
  const otherLabel = o.otherLabel ?? 'Other';
  const overall = new Map<string, number>();
  for (const r of rows) if (finite(r.weight) && r.weight > 0) overall.set(r.genre, (overall.get(r.genre) ?? 0) + r.weight);
  const ranked = [...overall.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([g]) => g);
  const keep = ranked.slice(0, topN);
  for (const g of o.include ?? []) if (overall.has(g) && !keep.includes(g)) keep.push(g);
  const folded = ranked.some((g) => !keep.includes(g));
  const keys = folded ? [...keep, otherLabel] : keep;
  const index = new Map(keep.map((g, i) => [g, i]));

  const periods = [...new Set(rows.filter((r) => finite(r.weight) && r.weight > 0).map((r) => r.period))].sort((a, b) => a - b);
  const pIndex = new Map(periods.map((p, i) => [p, i]));
  const sums = periods.map(() => new Array<number>(keys.length).fill(0));
  for (const r of rows) {
    if (!finite(r.weight) || r.weight <= 0) continue;
    const k = index.get(r.genre) ?? keys.length - 1;
    sums[pIndex.get(r.period)!][k] += r.weight;
  }
  const totals = sums.map((row) => row.reduce((a, b) => a + b, 0));
  // Periods with too few movies (e.g. one film in 1916) are left out: their shares are noise.
  const keepIdx = periods.map((_, i) => i).filter((i) => totals[i] >= (o.minMovies ?? 0) - 1e-9);
  return {
    periods: keepIdx.map((i) => periods[i]),
    keys,
    shares: keepIdx.map((i) => sums[i].map((v) => v / totals[i])),
    totals: keepIdx.map((i) => totals[i])
  };
}

// ---------------------------------------------------------------------------------------
// Decade × genre heatmap

export type HeatMode = 'count' | 'share';

export interface HeatMatrix {
  /** Row labels (genres), largest overall first. */
  rows: string[];
  /** Column labels (decades), every decade from the first to the last, gaps included. */
  cols: number[];
  /** counts[r][c]: movies of genre r in decade c (0 when none). */
  counts: number[][];
  /** values[r][c]: the count, or with mode 'share' the share of decade c's movies tagged r (null when the decade is empty). */
  values: (number | null)[][];
  /** Largest value, for the colour scale (0 when empty). */
  max: number;
  /** Movies per column from `decadeTotals` (null when not given). */
  colTotals: (number | null)[];
}

/**
 * Genre × decade matrix from per-(genre, decade) counts. 'share' divides by the decade's
 * movie count from `decadeTotals` (a movie has several genres, so a column's shares can sum
 * to more than 1: read each cell as "x % of that decade's movies are …").
 */
export function heatmapMatrix(
  rows: readonly GenreDecadeCount[],
  o: { mode?: HeatMode; decadeTotals?: readonly PeriodCount[]; maxRows?: number } = {}
): HeatMatrix {
  const mode = o.mode ?? 'count';
  const totalsByGenre = new Map<string, number>();
  for (const r of rows) totalsByGenre.set(r.genre, (totalsByGenre.get(r.genre) ?? 0) + r.movies);
  const genres = [...totalsByGenre.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, o.maxRows ?? Infinity)
    .map(([g]) => g);
  const decadesSeen = rows.map((r) => r.decade);
  const cols: number[] = [];
  if (decadesSeen.length) for (let d = Math.min(...decadesSeen); d <= Math.max(...decadesSeen); d += 10) cols.push(d);
  const gi = new Map(genres.map((g, i) => [g, i]));
  const ci = new Map(cols.map((d, i) => [d, i]));
  const counts = genres.map(() => new Array<number>(cols.length).fill(0));
  for (const r of rows) {
    const g = gi.get(r.genre);
    if (g !== undefined) counts[g][ci.get(r.decade)!] += r.movies;
  }
  const decadeTotal = new Map((o.decadeTotals ?? []).map((t) => [t.period, t.movies]));
  const values =
    mode === 'share'
      ? counts.map((row) => row.map((v, c) => {
          const t = decadeTotal.get(cols[c]);
          return t ? v / t : null;
        }))
      : counts.map((row) => [...row]);
  const max = Math.max(0, ...values.flat().filter(finite));
  const colTotals = cols.map((d) => decadeTotal.get(d) ?? null);
  return { rows: genres, cols, counts, values, max, colTotals };
}

// ---------------------------------------------------------------------------------------
// Micro-genre growth

export interface MicroGenreTrend {
  cluster: number;
  name: string;
  /** Members with a known decade. */
  movies: number;
  /** Share of each included decade's movies (aligned with MicroGenreGrowth.decades). */
  shares: number[];
  /** Least-squares slope of the share per decade (0.01 = +1 percentage point a decade). */
  slope: number;
}

export interface MicroGenreGrowth {
  /** Decades with enough movies to give a share (≥ minDecadeMovies). */
  decades: number[];
  decadeTotals: number[];
  genres: MicroGenreTrend[];
  /** Share of the included decades' movies that the model left unclustered (HDBSCAN noise). */
  noiseShare: number;
}

/** Least-squares slope of y over x = 0, 1, 2, … (0 with fewer than two points). */
export function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/**
 * Each micro-genre's share of every decade's movies. Decades with fewer than
 * `minDecadeMovies` movies are left out (one film in the 1910s is 100 % of its decade);
 * when that leaves fewer than two, all decades are kept. Noise (cluster −1) is not a genre:
 * it counts in the decade totals and is reported as `noiseShare`.
 */
export function microGenreGrowth(
  rows: readonly MicroGenreDecadeCount[],
  o: { minDecadeMovies?: number; sort?: 'growth' | 'size' } = {}
): MicroGenreGrowth {
  const min = o.minDecadeMovies ?? 20;
  const perDecade = new Map<number, number>();
  for (const r of rows) perDecade.set(r.decade, (perDecade.get(r.decade) ?? 0) + r.movies);
  const all = [...perDecade.keys()].sort((a, b) => a - b);
  let decades = all.filter((d) => perDecade.get(d)! >= min);
  if (decades.length < 2) decades = all;
  const di = new Map(decades.map((d, i) => [d, i]));
  const decadeTotals = decades.map((d) => perDecade.get(d)!);
  const byCluster = new Map<number, MicroGenreTrend>();
  let noise = 0;
  for (const r of rows) {
    const i = di.get(r.decade);
    if (r.cluster < 0) {
      if (i !== undefined) noise += r.movies;
      continue;
    }
    let g = byCluster.get(r.cluster);
    if (!g) {
      g = { cluster: r.cluster, name: r.name ?? `Cluster ${r.cluster}`, movies: 0, shares: new Array<number>(decades.length).fill(0), slope: 0 };
      byCluster.set(r.cluster, g);
    }
    g.movies += r.movies;
    if (i !== undefined) g.shares[i] += r.movies / decadeTotals[i];
  }
  const genres = [...byCluster.values()];
  for (const g of genres) g.slope = slope(g.shares);
  genres.sort(
    o.sort === 'size'
      ? (a, b) => b.movies - a.movies || a.cluster - b.cluster
      : (a, b) => b.slope - a.slope || b.movies - a.movies || a.cluster - b.cluster
  );
  const included = decadeTotals.reduce((a, b) => a + b, 0);
  return { decades, decadeTotals, genres, noiseShare: included ? noise / included : 0 };
}

// ---------------------------------------------------------------------------------------
// Runtime and rating over time

/** One period of a quartile band chart. */
export interface BandPoint {
  period: number;
  low: number;
  mid: number;
  high: number;
  /** Values behind the quartiles. */
  n: number;
}

/** Periods with at least `min` values (fewer make a quartile band meaningless); keeps the order. */
export function reliablePeriods<T>(rows: readonly T[], count: (r: T) => number, min: number): T[] {
  return rows.filter((r) => count(r) >= min);
}

/** Band points of one measure from runtimeRatingByPeriod rows, skipping periods with fewer than `min` values. */
export function bandPoints(rows: readonly PeriodDistribution[], measure: 'runtime' | 'rating', min = 3): BandPoint[] {
  const out: BandPoint[] = [];
  for (const r of rows) {
    const n = measure === 'runtime' ? r.runtime_movies : r.rated_movies;
    const [low, mid, high] = measure === 'runtime' ? [r.runtime_p25, r.runtime_median, r.runtime_p75] : [r.rating_p25, r.rating_median, r.rating_p75];
    if (n >= min && finite(low) && finite(mid) && finite(high)) out.push({ period: r.period, low, mid, high, n });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Keywords

export interface KeywordCloud {
  decade: number;
  /** Movies of the decade with any keyword. */
  decadeMovies: number;
  /** Alphabetical, like a tag cloud; size by `score`. */
  words: { keyword: string; movies: number; score: number }[];
  maxScore: number;
}

export function keywordClouds(rows: readonly DecadeKeyword[]): KeywordCloud[] {
  const byDecade = new Map<number, KeywordCloud>();
  for (const r of rows) {
    let c = byDecade.get(r.decade);
    if (!c) byDecade.set(r.decade, (c = { decade: r.decade, decadeMovies: r.decade_movies, words: [], maxScore: 0 }));
    c.words.push({ keyword: r.keyword, movies: r.movies, score: r.score });
    c.maxScore = Math.max(c.maxScore, r.score);
  }
  const clouds = [...byDecade.values()].sort((a, b) => a.decade - b.decade);
  for (const c of clouds) c.words.sort((a, b) => a.keyword.localeCompare(b.keyword));
  return clouds;
}

// ---------------------------------------------------------------------------------------
// Money

export interface MoneyFigures {
  budget: number | null;
  revenue: number | null;
  /** revenue − budget; null unless both are known. */
  profit: number | null;
  /** revenue / budget (3 = "made three times its budget"); null unless both are known and budget > 0. */
  multiple: number | null;
  /** Return on investment, (revenue − budget) / budget (2 = +200 %); null like `multiple`. */
  roi: number | null;
}

/** Budget, revenue and return, with null wherever a figure is unknown (0 or negative budgets give no ratio). */
export function moneyFigures(budget: number | null | undefined, revenue: number | null | undefined): MoneyFigures {
  const b = finite(budget) && budget >= 0 ? budget : null;
  const r = finite(revenue) && revenue >= 0 ? revenue : null;
  const both = b !== null && r !== null;
  const multiple = both && b > 0 ? r / b : null;
  return { budget: b, revenue: r, profit: both ? r - b : null, multiple, roi: multiple === null ? null : multiple - 1 };
}

/** The movies with the highest revenue / budget among those with a budget of at least `minBudget`. */
export function topReturns<T extends { budget: number; revenue: number }>(points: readonly T[], n = 8, minBudget = 1e6, dir: 'best' | 'worst' = 'best'): (T & { multiple: number })[] {
  const withMultiple = points.filter((p) => p.budget >= minBudget && p.budget > 0).map((p) => ({ ...p, multiple: p.revenue / p.budget }));
  withMultiple.sort((a, b) => (dir === 'best' ? b.multiple - a.multiple : a.multiple - b.multiple) || b.budget - a.budget);
  return withMultiple.slice(0, n);
}

export interface MoneySummary {
  movies: number;
  /** Median of revenue / budget; null without movies. */
  medianMultiple: number | null;
  /** Share of movies whose revenue reached their budget. */
  brokeEven: number | null;
}

export function moneySummary(points: readonly { budget: number; revenue: number }[]): MoneySummary {
  const ms = points.filter((p) => p.budget > 0 && finite(p.revenue)).map((p) => p.revenue / p.budget).sort((a, b) => a - b);
  const n = ms.length;
  if (!n) return { movies: 0, medianMultiple: null, brokeEven: null };
  const median = n % 2 ? ms[(n - 1) / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  return { movies: n, medianMultiple: median, brokeEven: ms.filter((m) => m >= 1).length / n };
}

/** A labelled horizontal bar. */
export interface HBar {
  label: string;
  value: number;
  note?: string;
}

// ---------------------------------------------------------------------------------------
// Calendar

export interface CalendarTotals {
  /** byMonth[0] = January. */
  byMonth: number[];
  /** byWeekday[0] = Sunday (JS convention). */
  byWeekday: number[];
  /** matrix[month − 1][weekday]. */
  matrix: number[][];
  total: number;
}

export function calendarTotals(rows: readonly CalendarCount[]): CalendarTotals {
  const matrix = Array.from({ length: 12 }, () => new Array<number>(7).fill(0));
  for (const r of rows) if (r.month >= 1 && r.month <= 12 && r.weekday >= 0 && r.weekday <= 6) matrix[r.month - 1][r.weekday] += r.movies;
  const byMonth = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const byWeekday = Array.from({ length: 7 }, (_, d) => matrix.reduce((a, row) => a + row[d], 0));
  return { byMonth, byWeekday, matrix, total: byMonth.reduce((a, b) => a + b, 0) };
}

// ---------------------------------------------------------------------------------------
// Cast

export interface CastSizeSummary {
  movies: number;
  mean: number | null;
  median: number | null;
  max: number | null;
  /** Movies without any credited cast. */
  none: number;
}

export function castSizeSummary(bins: readonly CastSizeBin[]): CastSizeSummary {
  const sorted = [...bins].filter((b) => b.movies > 0).sort((a, b) => a.cast_size - b.cast_size);
  const movies = sorted.reduce((a, b) => a + b.movies, 0);
  if (!movies) return { movies: 0, mean: null, median: null, max: null, none: 0 };
  const mean = sorted.reduce((a, b) => a + b.cast_size * b.movies, 0) / movies;
  const at = (k: number) => {
    let seen = 0;
    for (const b of sorted) if ((seen += b.movies) > k) return b.cast_size;
    return sorted[sorted.length - 1].cast_size;
  };
  const median = movies % 2 ? at((movies - 1) / 2) : (at(movies / 2 - 1) + at(movies / 2)) / 2;
  return { movies, mean, median, max: sorted[sorted.length - 1].cast_size, none: sorted.find((b) => b.cast_size === 0)?.movies ?? 0 };
}

export interface EraShare {
  decade: number;
  actors: number;
  newcomers: number;
  returning: number;
  veterans: number;
}

/** Each decade's actors as shares (newcomers + returning + veterans = 1); decades without actors are dropped. */
export function castEraShares(rows: readonly CastEraRow[]): EraShare[] {
  return rows
    .filter((r) => r.actors > 0)
    .map((r) => ({
      decade: r.decade,
      actors: r.actors,
      newcomers: r.newcomers / r.actors,
      returning: r.returning / r.actors,
      veterans: r.veterans / r.actors
    }));
}
