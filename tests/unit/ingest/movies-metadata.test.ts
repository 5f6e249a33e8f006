import { describe, expect, it } from 'vitest';
import { ingest } from '../../../build-scripts/ingest/ingest';
import { fixture, rejectionsOf, reportOf, TODAY, warningsOf } from './helpers';

const file = fixture('movies_metadata.csv');

describe('moviesMetadata adapter', () => {
  const result = ingest({ sources: [file], today: TODAY });

  it('keeps the good rows and rejects one row of each kind, located', () => {
    expect(reportOf(result, file)).toMatchObject({ adapter: 'movies-metadata', rows: 13, kept: 3, rejected: 10 });
    expect(rejectionsOf(result, file)).toEqual([
      [3, 'bad_id', 'id'],
      [4, 'bad_json', 'genres'],
      [5, 'bad_json', 'belongs_to_collection'],
      [6, 'bad_date', 'release_date'],
      [7, 'negative_money', 'budget'],
      [8, 'empty_title', 'title'],
      [9, 'missing_id', 'id'],
      [10, 'duplicate_id', 'id'],
      [11, 'bad_encoding', 'overview'],
      [12, 'bad_row_shape', undefined]
    ]);
    expect(result.rejected.find((r) => r.row === 3)?.value).toBe('1997-08-20');
  });

  it('warns about zero money, empty overview, future and unreleased movies', () => {
    expect(warningsOf(result, file)).toEqual([
      [2, 'zero_budget', 'budget'],
      [2, 'zero_revenue', 'revenue'],
      [13, 'not_released', 'status'],
      [13, 'empty_overview', 'overview'],
      [13, 'future_release', 'release_date']
    ]);
  });

  it('maps a good row, reading Python literals and the collection', () => {
    expect(result.movies.find((m) => m.id === 862)).toMatchObject({
      title: 'Toy Story', collection: 'Toy Story Collection', genres: ['Animation', 'Comedy', 'Family'],
      production_companies: ['Pixar Animation Studios'], production_countries: ['United States of America'],
      spoken_languages: ['English'], imdb_id: 'tt0114709', poster_path: '/rhIRbceoE9lR4veEXuwCC2wARtG.jpg',
      release_date: '1995-10-30', year: 1995, runtime: 81, budget: 30000000, revenue: 373554033,
      vote_average: 7.7, vote_count: 5415, source: 'movies-metadata:movies_metadata.csv'
    });
    expect(result.movies.find((m) => m.id === 8844)).toMatchObject({
      collection: null, budget: null, revenue: null,
      production_companies: ["Cote d'Or Films", 'Café Productions'], spoken_languages: ['English', 'fr']
    });
  });
});
