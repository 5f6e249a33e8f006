import { describe, expect, it } from 'vitest';
import { ingest } from '../../../build-scripts/ingest/ingest';
import { fixture, rejectionsOf, reportOf, TODAY, warningsOf } from './helpers';

const file = fixture('tmdb_5000_movies.csv');

describe('tmdb5000 adapter', () => {
  const result = ingest({ sources: [file], today: TODAY });

  it('keeps the good rows and rejects one row of each kind, located', () => {
    expect(reportOf(result, file)).toMatchObject({ adapter: 'tmdb5000', kind: 'movies', rows: 12, kept: 4, rejected: 8 });
    expect(rejectionsOf(result, file)).toEqual([
      [4, 'missing_id', 'id'],
      [5, 'duplicate_id', 'id'],
      [6, 'bad_json', 'genres'],
      [7, 'bad_date', 'release_date'],
      [8, 'negative_money', 'budget'],
      [9, 'empty_title', 'title'],
      [10, 'bad_encoding', 'title'],
      [11, 'bad_row_shape', undefined]
    ]);
    // Physical lines: row 2's tagline spans two lines, so row 12 starts on line 14.
    expect(result.rejected.find((r) => r.row === 11)?.line).toBe(13);
    expect(result.rejected.find((r) => r.row === 5)?.message).toMatch(/already used by "Avatar"/);
  });

  it('warns about zero money, empty overview, future and unreleased movies', () => {
    expect(warningsOf(result, file)).toEqual([
      [2, 'zero_budget', 'budget'],
      [2, 'zero_revenue', 'revenue'],
      [2, 'empty_overview', 'overview'],
      [3, 'not_released', 'status'],
      [3, 'future_release', 'release_date']
    ]);
  });

  it('maps a good row field by field', () => {
    const avatar = result.movies.find((m) => m.id === 19995)!;
    expect(avatar).toMatchObject({
      title: 'Avatar', original_title: 'Avatar', release_date: '2009-12-10', year: 2009, runtime: 162,
      budget: 237000000, revenue: 2787965087, popularity: 150.437577, vote_average: 7.2, vote_count: 11800,
      genres: ['Action', 'Adventure'], keywords: ['culture clash', 'future'],
      production_companies: ['Ingenious Film Partners'], production_countries: ['United States of America'],
      spoken_languages: ['English', 'Español'], tagline: 'Enter the World of Pandora.', original_language: 'en',
      cast: [], directors: [], collection: null, source: 'tmdb5000:tmdb_5000_movies.csv'
    });
    const pirates = result.movies.find((m) => m.id === 285)!;
    expect(pirates).toMatchObject({ budget: null, revenue: null, overview: '', tagline: 'At the end of the world,\nthe adventure begins.' });
    expect(result.movies.find((m) => m.id === 99001)!.spoken_languages).toEqual(['fr']);
    expect(result.movies.map((m) => m.id)).toEqual([19995, 285, 99001, 12345]);
  });
});
