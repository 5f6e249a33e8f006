import { describe, expect, it } from 'vitest';
import { ingest } from '../../../build-scripts/ingest/ingest';
import { fixture, rejectionsOf, reportOf, TODAY, warningsOf } from './helpers';

const file = fixture('tmdb-movies.csv');

describe('tmdb10k adapter', () => {
  const result = ingest({ sources: [file], today: TODAY });
  const movie = (id: number) => result.movies.find((m) => m.id === id)!;

  it('keeps the good rows and rejects one row of each kind, located', () => {
    expect(reportOf(result, file)).toMatchObject({ adapter: 'tmdb10k', rows: 13, kept: 5, rejected: 8 });
    expect(rejectionsOf(result, file)).toEqual([
      [4, 'bad_date', 'release_date'],
      [5, 'bad_date', 'release_date'],
      [6, 'missing_id', 'id'],
      [7, 'duplicate_id', 'id'],
      [8, 'negative_money', 'revenue'],
      [9, 'empty_title', 'title'],
      [10, 'bad_encoding', 'overview'],
      [11, 'bad_row_shape', undefined]
    ]);
    expect(result.rejected.find((r) => r.row === 4)?.message).toBe('release_date 6/9/15 disagrees with release_year 2014');
    expect(result.rejected.find((r) => r.row === 11)?.line).toBe(12);
  });

  it('warns about repaired and unrepaired mojibake, zero money and empty overview', () => {
    expect(warningsOf(result, file)).toEqual([
      [2, 'mojibake_repaired', 'original_title'],
      [2, 'mojibake_repaired', 'overview'],
      [2, 'mojibake_repaired', 'tagline'],
      [2, 'mojibake_repaired', 'keywords'],
      [3, 'mojibake_unrepaired', 'director'],
      [3, 'zero_budget', 'budget'],
      [3, 'zero_revenue', 'revenue'],
      [3, 'empty_overview', 'overview']
    ]);
    expect(result.warnings.find((w) => w.reason === 'mojibake_unrepaired')?.value).toBe('Ãlex de la Iglesia');
  });

  it('maps a good row: original_title as title, pipe lists, M/D/YY with the century from release_year', () => {
    expect(movie(135397)).toMatchObject({
      title: 'Jurassic World', original_title: 'Jurassic World', release_date: '2015-06-09', year: 2015,
      cast: ['Chris Pratt', 'Bryce Dallas Howard', 'Irrfan Khan'], directors: ['Colin Trevorrow'],
      genres: ['Action', 'Adventure', 'Science Fiction', 'Thriller'], keywords: ['monster', 'dna', 'island'],
      production_companies: ['Universal Studios', 'Amblin Entertainment'], budget: 150000000, revenue: 1513528810,
      runtime: 124, popularity: 32.985763, vote_count: 5562, vote_average: 6.5, imdb_id: 'tt0369610',
      tagline: 'The park is open.', source: 'tmdb10k:tmdb-movies.csv'
    });
    expect(movie(22)).toMatchObject({ release_date: '1965-01-01', year: 1965, budget: null, revenue: null });
    expect(movie(130013)).toMatchObject({ release_date: null, year: 2010 });
    expect(movie(120012).overview).toBe('First line.\r\nSecond line.');
  });

  it('repairs mojibake in every text field', () => {
    expect(movie(10681)).toMatchObject({
      title: 'WALL·E',
      tagline: 'After 700 years of doing what he was built for – he\'ll discover what he was meant for.',
      keywords: ['robot', 'café'],
      overview: 'Dude, Where’s My Car? “Café” is closed.'
    });
    expect(movie(22).directors).toEqual(['Ãlex de la Iglesia']);
  });
});
