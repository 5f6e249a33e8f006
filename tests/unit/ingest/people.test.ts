import { describe, expect, it } from 'vitest';
import { ingest } from '../../../build-scripts/ingest/ingest';
import { fixture, rejectionsOf, reportOf, TODAY } from './helpers';

const movies = fixture('tmdb_5000_movies.csv');
const derived = fixture('tmdb_5000_people_derived.csv');
const credits = fixture('tmdb_5000_credits.csv');

describe('peopleDerived adapter (movies + derived people file)', () => {
  const result = ingest({ sources: [movies], people: [derived], today: TODAY });
  const movie = (id: number) => result.movies.find((m) => m.id === id)!;

  it('joins rows to kept movies by id and rejects the rest, located', () => {
    expect(reportOf(result, movies)).toMatchObject({ rows: 12, kept: 4, rejected: 8 });
    expect(reportOf(result, derived)).toMatchObject({ adapter: 'people-derived', kind: 'people', rows: 10, kept: 3, rejected: 7 });
    expect(rejectionsOf(result, derived)).toEqual([
      [4, 'unknown_movie', 'movie_id'],
      [5, 'bad_id', 'movie_id'],
      [6, 'missing_id', 'movie_id'],
      [7, 'duplicate_id', 'movie_id'],
      [8, 'bad_encoding', 'cast'],
      [9, 'bad_row_shape', undefined],
      [10, 'unknown_movie', 'movie_id'] // its movie (row 7 of the movies file) was rejected
    ]);
  });

  it('fills cast, directors and imdb_id of the movie', () => {
    expect(movie(19995)).toMatchObject({
      cast: ['Sam Worthington', 'Zoe Saldana', 'Sigourney Weaver', 'Stephen Lang', 'Michelle Rodriguez'],
      directors: ['James Cameron'], imdb_id: 'tt0499549'
    });
    expect(movie(285).directors).toEqual(['Gore Verbinski']); // the duplicate row 7 did not win
    expect(movie(12345)).toMatchObject({ directors: ['Jane Doe', 'John Roe'], cast: [], imdb_id: null });
    expect(movie(99001)).toMatchObject({ cast: [], directors: [] });
  });

  it('emits name-only credits in billing order', () => {
    expect(result.credits.filter((c) => c.movie_id === 19995).slice(0, 2)).toEqual([
      { movie_id: 19995, person: 'Sam Worthington', person_id: null, role: 'cast', order: 0, character: null },
      { movie_id: 19995, person: 'Zoe Saldana', person_id: null, role: 'cast', order: 1, character: null }
    ]);
    expect(result.credits.filter((c) => c.role === 'director').map((c) => [c.movie_id, c.person, c.order])).toEqual([
      [19995, 'James Cameron', 0], [285, 'Gore Verbinski', 0], [12345, 'Jane Doe', 0], [12345, 'John Roe', 1]
    ]);
  });
});

describe('tmdbCredits adapter (movies + credits file)', () => {
  const result = ingest({ sources: [movies], people: [credits], today: TODAY });

  it('joins rows to kept movies by id and rejects the rest, located', () => {
    expect(reportOf(result, credits)).toMatchObject({ adapter: 'tmdb-credits', kind: 'people', rows: 9, kept: 3, rejected: 6 });
    expect(rejectionsOf(result, credits)).toEqual([
      [4, 'bad_json', 'cast'],
      [5, 'missing_id', 'movie_id'],
      [6, 'unknown_movie', 'movie_id'],
      [7, 'duplicate_id', 'movie_id'],
      [8, 'bad_encoding', 'cast'],
      [9, 'bad_row_shape', undefined]
    ]);
  });

  it('sorts cast by billing order and keeps each director once', () => {
    const avatar = result.movies.find((m) => m.id === 19995)!;
    expect(avatar.cast).toEqual(['Sam Worthington', 'Zoe Saldana', 'Sigourney Weaver']);
    expect(avatar.directors).toEqual(['James Cameron']);
    expect(result.credits.filter((c) => c.movie_id === 19995)).toEqual([
      { movie_id: 19995, person: 'Sam Worthington', person_id: 65731, role: 'cast', order: 0, character: 'Jake Sully' },
      { movie_id: 19995, person: 'Zoe Saldana', person_id: 8691, role: 'cast', order: 1, character: 'Neytiri' },
      { movie_id: 19995, person: 'Sigourney Weaver', person_id: 10205, role: 'cast', order: 2, character: 'Dr. Grace Augustine' },
      { movie_id: 19995, person: 'James Cameron', person_id: 2710, role: 'director', order: 0, character: null }
    ]);
    expect(result.movies.find((m) => m.id === 285)).toMatchObject({ cast: [], directors: ['Gore Verbinski'] });
  });
});
