import { describe, expect, it } from 'vitest';
import {
  bandPoints, calendarTotals, castEraShares, castSizeSummary, genreShareSeries, heatmapMatrix, keywordClouds,
  microGenreGrowth, moneyFigures, moneySummary, reliablePeriods, slope, topReturns
} from '../../../src/lib/site/analytics-shape';
import type { GenrePeriodWeight, MicroGenreDecadeCount, PeriodDistribution } from '../../../src/lib/db/queries-analytics';

const close = (a: number, b: number, eps = 1e-9) => Math.abs(a - b) < eps;

describe('genreShareSeries', () => {
  // 1990: a Drama+Comedy film (½ each) and a Horror film; 2000: Drama, Western, War, Horror+Drama.
  const rows: GenrePeriodWeight[] = [
    { period: 1990, genre: 'Drama', movies: 1, weight: 0.5 },
    { period: 1990, genre: 'Comedy', movies: 1, weight: 0.5 },
    { period: 1990, genre: 'Horror', movies: 1, weight: 1 },
    { period: 2000, genre: 'Drama', movies: 2, weight: 1.5 },
    { period: 2000, genre: 'Western', movies: 1, weight: 1 },
    { period: 2000, genre: 'War', movies: 1, weight: 1 },
    { period: 2000, genre: 'Horror', movies: 1, weight: 0.5 }
  ];

  it('gives shares that sum to 1 in every period, with and without folding into Other', () => {
    for (const topN of [1, 2, 3, 10]) {
      const s = genreShareSeries(rows, { topN });
      expect(s.periods).toEqual([1990, 2000]);
      for (const row of s.shares) expect(close(row.reduce((a, b) => a + b, 0), 1)).toBe(true);
      expect(s.totals).toEqual([2, 4]);
    }
  });

  it('keeps the top genres by overall weight and folds the rest into Other', () => {
    const s = genreShareSeries(rows, { topN: 2, otherLabel: 'Other' });
    expect(s.keys).toEqual(['Drama', 'Horror', 'Other']);
    expect(s.shares[0]).toEqual([0.25, 0.5, 0.25]);
    expect(s.shares[1]).toEqual([0.375, 0.125, 0.5]);
    expect(genreShareSeries(rows, { topN: 10 }).keys).not.toContain('Other');
  });

  it('keeps an included genre even outside the top N', () => {
    const s = genreShareSeries(rows, { topN: 1, include: ['War', 'Nope'], otherLabel: 'Other' });
    expect(s.keys).toEqual(['Drama', 'War', 'Other']);
  });

  it('drops periods with too few movies and ignores empty or bad weights', () => {
    const s = genreShareSeries([...rows, { period: 1910, genre: 'Drama', movies: 1, weight: 1 }, { period: 1920, genre: 'X', movies: 0, weight: NaN }], { minMovies: 2 });
    expect(s.periods).toEqual([1990, 2000]);
    expect(genreShareSeries([]).periods).toEqual([]);
  });
});

describe('heatmapMatrix', () => {
  const rows = [
    { genre: 'Drama', decade: 1950, movies: 4 },
    { genre: 'Drama', decade: 1970, movies: 2 },
    { genre: 'Comedy', decade: 1970, movies: 3 },
    { genre: 'War', decade: 1950, movies: 1 }
  ];

  it('is genres × every decade from first to last (gaps filled with 0), largest genre first', () => {
    const m = heatmapMatrix(rows);
    expect(m.rows).toEqual(['Drama', 'Comedy', 'War']);
    expect(m.cols).toEqual([1950, 1960, 1970]);
    expect(m.counts).toEqual([[4, 0, 2], [0, 0, 3], [1, 0, 0]]);
    expect(m.values.length).toBe(m.rows.length);
    for (const r of m.values) expect(r.length).toBe(m.cols.length);
    expect(m.max).toBe(4);
    expect(m.colTotals).toEqual([null, null, null]);
  });

  it('in share mode divides by the decade totals (null where the decade is unknown)', () => {
    const m = heatmapMatrix(rows, { mode: 'share', decadeTotals: [{ period: 1950, movies: 5 }, { period: 1970, movies: 4 }] });
    expect(m.values[0]).toEqual([0.8, null, 0.5]);
    expect(m.values[1]).toEqual([0, null, 0.75]);
    expect(m.max).toBe(0.8);
    expect(m.colTotals).toEqual([5, null, 4]);
  });

  it('limits rows and handles no data', () => {
    expect(heatmapMatrix(rows, { maxRows: 1 }).rows).toEqual(['Drama']);
    expect(heatmapMatrix([])).toEqual({ rows: [], cols: [], counts: [], values: [], max: 0, colTotals: [] });
  });
});

describe('moneyFigures (ROI with unknowns)', () => {
  it('computes profit, multiple and ROI when both figures are known', () => {
    expect(moneyFigures(100, 350)).toEqual({ budget: 100, revenue: 350, profit: 250, multiple: 3.5, roi: 2.5 });
    expect(moneyFigures(200, 50)).toEqual({ budget: 200, revenue: 50, profit: -150, multiple: 0.25, roi: -0.75 });
  });
  it('gives null wherever a figure is missing', () => {
    expect(moneyFigures(null, 350)).toEqual({ budget: null, revenue: 350, profit: null, multiple: null, roi: null });
    expect(moneyFigures(100, null)).toEqual({ budget: 100, revenue: null, profit: null, multiple: null, roi: null });
    expect(moneyFigures(undefined, undefined)).toEqual({ budget: null, revenue: null, profit: null, multiple: null, roi: null });
    expect(moneyFigures(NaN, Infinity)).toEqual({ budget: null, revenue: null, profit: null, multiple: null, roi: null });
  });
  it('never divides by a zero or negative budget', () => {
    expect(moneyFigures(0, 10)).toEqual({ budget: 0, revenue: 10, profit: 10, multiple: null, roi: null });
    expect(moneyFigures(-5, 10).multiple).toBeNull();
  });
});

describe('moneySummary and topReturns', () => {
  const pts = [
    { id: 1, budget: 10, revenue: 40 },
    { id: 2, budget: 10, revenue: 5 },
    { id: 3, budget: 2e6, revenue: 2e7 },
    { id: 4, budget: 5e7, revenue: 1e6 }
  ];
  it('summarises median multiple and break-even share', () => {
    expect(moneySummary(pts)).toEqual({ movies: 4, medianMultiple: (0.5 + 4) / 2, brokeEven: 0.5 });
    expect(moneySummary([])).toEqual({ movies: 0, medianMultiple: null, brokeEven: null });
  });
  it('ranks returns among films above a minimum budget', () => {
    expect(topReturns(pts, 5, 1e6).map((p) => p.id)).toEqual([3, 4]);
    expect(topReturns(pts, 1, 1e6, 'worst')[0]).toMatchObject({ id: 4, multiple: 0.02 });
  });
});

describe('microGenreGrowth', () => {
  const rows: MicroGenreDecadeCount[] = [
    { cluster: -1, name: 'Unclustered', decade: 1990, movies: 10 },
    { cluster: 0, name: 'Heists', decade: 1990, movies: 10 },
    { cluster: 1, name: 'Space', decade: 1990, movies: 20 },
    { cluster: -1, name: 'Unclustered', decade: 2000, movies: 10 },
    { cluster: 0, name: 'Heists', decade: 2000, movies: 30 },
    { cluster: 1, name: null, decade: 2000, movies: 10 },
    { cluster: 0, name: 'Heists', decade: 1920, movies: 1 }
  ];
  it('gives each cluster its share per included decade, growth first, noise reported apart', () => {
    const g = microGenreGrowth(rows, { minDecadeMovies: 20 });
    expect(g.decades).toEqual([1990, 2000]);
    expect(g.decadeTotals).toEqual([40, 50]);
    expect(g.genres.map((x) => x.cluster)).toEqual([0, 1]);
    expect(g.genres[0].shares).toEqual([0.25, 0.6]);
    expect(close(g.genres[0].slope, 0.35)).toBe(true);
    expect(g.genres[1]).toMatchObject({ name: 'Space', shares: [0.5, 0.2] });
    expect(g.genres[0].movies).toBe(41); // the 1920s film counts in the size, not in the shares
    expect(g.noiseShare).toBeCloseTo(20 / 90);
    // Shares of the clusters plus noise sum to 1 per decade.
    g.decades.forEach((_, i) => {
      const noise = [10, 10][i] / g.decadeTotals[i];
      expect(close(g.genres.reduce((a, x) => a + x.shares[i], 0) + noise, 1)).toBe(true);
    });
  });
  it('orders by size on request and keeps all decades when too few are large enough', () => {
    expect(microGenreGrowth(rows, { sort: 'size' }).genres.map((x) => x.cluster)).toEqual([0, 1]);
    expect(microGenreGrowth(rows, { minDecadeMovies: 1000 }).decades).toEqual([1920, 1990, 2000]);
    expect(microGenreGrowth([])).toEqual({ decades: [], decadeTotals: [], genres: [], noiseShare: 0 });
  });
  it('slope is the least-squares trend', () => {
    expect(slope([1, 2, 3])).toBe(1);
    expect(slope([3, 3, 3])).toBe(0);
    expect(slope([5])).toBe(0);
  });
});

describe('calendar, cast and bands', () => {
  it('totals months and weekdays from the month × weekday counts', () => {
    const t = calendarTotals([
      { month: 3, weekday: 3, movies: 2 },
      { month: 3, weekday: 5, movies: 1 },
      { month: 12, weekday: 0, movies: 4 },
      { month: 13, weekday: 0, movies: 99 }
    ]);
    expect(t.byMonth).toHaveLength(12);
    expect(t.byWeekday).toHaveLength(7);
    expect(t.byMonth[2]).toBe(3);
    expect(t.byWeekday).toEqual([4, 0, 0, 2, 0, 1, 0]);
    expect(t.matrix[2][3]).toBe(2);
    expect(t.total).toBe(7);
  });

  it('summarises cast sizes from a histogram', () => {
    expect(castSizeSummary([{ cast_size: 0, movies: 1 }, { cast_size: 3, movies: 2 }, { cast_size: 5, movies: 1 }])).toEqual({ movies: 4, mean: 11 / 4, median: 3, max: 5, none: 1 });
    expect(castSizeSummary([{ cast_size: 2, movies: 1 }, { cast_size: 4, movies: 1 }]).median).toBe(3);
    expect(castSizeSummary([])).toEqual({ movies: 0, mean: null, median: null, max: null, none: 0 });
  });

  it('turns cast eras into shares that sum to 1', () => {
    const s = castEraShares([{ decade: 1990, actors: 10, newcomers: 6, returning: 3, veterans: 1 }, { decade: 2000, actors: 0, newcomers: 0, returning: 0, veterans: 0 }]);
    expect(s).toEqual([{ decade: 1990, actors: 10, newcomers: 0.6, returning: 0.3, veterans: 0.1 }]);
  });

  it('builds band points, skipping thin periods', () => {
    const r = (period: number, n: number): PeriodDistribution => ({
      period, movies: n, runtime_movies: n, runtime_p25: 90, runtime_median: 100, runtime_p75: 120,
      rated_movies: n - 1, rating_p25: 6, rating_median: n > 3 ? 7 : null, rating_p75: 8
    });
    expect(bandPoints([r(1990, 3), r(2000, 5)], 'runtime', 3)).toEqual([
      { period: 1990, low: 90, mid: 100, high: 120, n: 3 },
      { period: 2000, low: 90, mid: 100, high: 120, n: 5 }
    ]);
    expect(bandPoints([r(1990, 3), r(2000, 5)], 'rating', 3).map((p) => p.period)).toEqual([2000]);
    expect(reliablePeriods([1, 5, 9], (x) => x, 5)).toEqual([5, 9]);
  });

  it('groups keywords per decade, alphabetically', () => {
    const c = keywordClouds([
      { decade: 1990, keyword: 'zombie', movies: 3, total: 5, score: 3, decade_movies: 10 },
      { decade: 1990, keyword: 'alien', movies: 2, total: 2, score: 2, decade_movies: 10 },
      { decade: 1980, keyword: 'heist', movies: 1, total: 1, score: 1, decade_movies: 4 }
    ]);
    expect(c.map((x) => x.decade)).toEqual([1980, 1990]);
    expect(c[1]).toMatchObject({ decadeMovies: 10, maxScore: 3 });
    expect(c[1].words.map((w) => w.keyword)).toEqual(['alien', 'zombie']);
  });
});
