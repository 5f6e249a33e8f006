import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genericAdapter, loadMapping } from '../../../build-scripts/ingest/adapters/generic';
import { ingest } from '../../../build-scripts/ingest/ingest';
import { CatalogueFileError } from '../../../build-scripts/ingest/issues';
import { RowContext } from '../../../build-scripts/ingest/row-context';
import { fixture, rejectionsOf, reportOf, TODAY, warningsOf } from './helpers';

describe('generic adapter, canonical field names (JSON)', () => {
  const file = fixture('catalogue.json');
  const result = ingest({ sources: [file], today: TODAY });

  it('keeps the good objects and rejects one of each kind, located', () => {
    expect(reportOf(result, file)).toMatchObject({ adapter: 'generic', rows: 12, kept: 3, rejected: 9 });
    expect(rejectionsOf(result, file)).toEqual([
      [3, 'missing_id', 'id'],
      [4, 'duplicate_id', 'id'],
      [5, 'bad_date', 'release_date'],
      [6, 'negative_money', 'budget'],
      [7, 'empty_title', 'title'],
      [8, 'bad_json', 'title'],
      [9, 'bad_row_shape', undefined],
      [10, 'bad_encoding', 'title'],
      [12, 'bad_date', 'year']
    ]);
  });

  it('warns about zero money, empty overview and future dates', () => {
    expect(warningsOf(result, file)).toEqual([
      [2, 'zero_budget', 'budget'],
      [2, 'zero_revenue', 'revenue'],
      [2, 'empty_overview', 'overview'],
      [2, 'future_release', 'release_date'],
      [11, 'empty_overview', 'overview']
    ]);
  });

  it('reads arrays, numbers and nulls as they are, and ignores a "source" field', () => {
    expect(result.movies[0]).toEqual({
      id: 1, title: 'Blue Harbor', original_title: null, release_date: '2001-05-04', year: 2001,
      overview: 'Two sailors wait for a storm.', tagline: null, genres: ['Drama', 'Romance'], keywords: ['sea'],
      cast: ['Ann Example', 'Bob Sample'], directors: ['Cy Director'], runtime: 101, budget: 1000000,
      revenue: 5000000, popularity: 1.5, vote_average: 6.5, vote_count: 42, original_language: 'en',
      production_companies: [], production_countries: ['France'], spoken_languages: ['English'],
      collection: 'Harbor Collection', imdb_id: 'tt0000001', poster_path: '/x.jpg', source: 'generic:catalogue.json'
    });
    expect(result.movies.find((m) => m.id === 2)).toMatchObject({ title: 'Zero Money', budget: null, year: 2099 });
    expect(result.movies.find((m) => m.id === 11)).toMatchObject({ genres: ['Drama', 'Comedy'], year: 1999, release_date: null });
  });
});

describe('generic adapter with a column mapping (CSV)', () => {
  const file = fixture('my-films.csv');
  const mapping = fixture('my-films.mapping.json');
  const result = ingest({ sources: [file], mapping, today: TODAY });

  it('keeps the good rows and rejects one of each kind, named by the file\'s own columns', () => {
    expect(reportOf(result, file)).toMatchObject({ adapter: 'generic', rows: 8, kept: 3, rejected: 5 });
    expect(rejectionsOf(result, file)).toEqual([
      [3, 'missing_id', 'film_id'],
      [4, 'bad_date', 'Released'],
      [5, 'negative_money', 'Budget (M$)'],
      [6, 'duplicate_id', 'id'],
      [7, 'bad_row_shape', undefined]
    ]);
    expect(warningsOf(result, file)).toEqual([
      [2, 'zero_budget', 'Budget (M$)'],
      [2, 'empty_overview', 'overview']
    ]);
  });

  it('maps columns, list separator, D/M/Y dates and the money unit', () => {
    expect(result.movies.find((m) => m.id === 7)).toMatchObject({
      title: 'Night Train', release_date: '1999-12-31', year: 1999, overview: 'A train at night.',
      genres: ['Thriller', 'Mystery'], directors: ['Jan Kowalski'], cast: ['Ann One', 'Bob Two'], budget: 2500000,
      keywords: [], runtime: null
    });
    expect(result.movies.find((m) => m.id === 11)).toMatchObject({ genres: ['Drama', 'War'], year: 1999, release_date: null });
  });

  it('honours a custom delimiter and M/D/Y dates', () => {
    const semi = fixture('semicolon.csv');
    const r = ingest({ sources: [semi], mapping: fixture('semicolon.mapping.json'), today: TODAY });
    expect(r.movies).toMatchObject([{ id: 1, title: 'Semi Film', release_date: '1999-12-31' }]);
  });
});

describe('loadMapping', () => {
  it('accepts a valid mapping', () => {
    expect(loadMapping(fixture('my-films.mapping.json'))).toMatchObject({ listSeparator: ';', dateFormat: 'dmy', moneyUnit: 1000000 });
  });

  it('names the problem in a bad mapping file', () => {
    const cases: [string, RegExp][] = [
      ['bad-field.mapping.json', /unknown canonical field\(s\) directer; allowed: id, title, /],
      ['no-title.mapping.json', /columns\.title is required/],
      ['broken.mapping.json', /is not a readable JSON column mapping/],
      ['no-such.mapping.json', /is not a readable JSON column mapping/]
    ];
    for (const [name, message] of cases) {
      expect(() => loadMapping(fixture(name)), name).toThrow(CatalogueFileError);
      expect(() => loadMapping(fixture(name)), name).toThrow(message);
    }
    const dir = mkdtempSync(join(tmpdir(), 'cineatlas-map-'));
    const write = (value: unknown) => {
      const p = join(dir, 'm.json');
      writeFileSync(p, JSON.stringify(value));
      return p;
    };
    const columns = { id: 'a', title: 'b' };
    expect(() => loadMapping(write({ columns, dateFormat: 'ymd' }))).toThrow(/"dateFormat" must be one of iso, dmy, mdy, year/);
    expect(() => loadMapping(write({ columns, moneyUnit: 0 }))).toThrow(/"moneyUnit" must be a positive number/);
    expect(() => loadMapping(write({ columns, delimiter: ';;' }))).toThrow(/"delimiter" must be one character/);
    expect(() => loadMapping(write({ columns, colums: {} }))).toThrow(/unknown key\(s\) colums/);
    expect(() => loadMapping(write({ columns: { ...columns, source: 'x' } }))).toThrow(/unknown canonical field\(s\) source/);
    expect(() => loadMapping(write([]))).toThrow(/expected a JSON object/);
  });
});

describe('generic adapter reading a catalogue exported in canonical form', () => {
  it('round-trips Movie records written as JSON (with or without a {"movies": [...]} wrapper)', () => {
    const original = ingest({ sources: [fixture('tmdb-movies.csv'), fixture('movies_metadata.csv')], today: TODAY }).movies;
    const dir = mkdtempSync(join(tmpdir(), 'cineatlas-rt-'));
    const plain = join(dir, 'movies.json');
    const wrapped = join(dir, 'wrapped.json');
    writeFileSync(plain, JSON.stringify(original, null, 2));
    writeFileSync(wrapped, JSON.stringify({ movies: original }));
    for (const file of [plain, wrapped]) {
      const back = ingest({ sources: [file], today: TODAY });
      expect(back.files[0]).toMatchObject({ adapter: 'generic', rows: original.length, kept: original.length, rejected: 0 });
      expect(back.movies.map(({ source: _, ...m }) => m)).toEqual(original.map(({ source: _, ...m }) => m));
    }
  });
});

describe('genericAdapter', () => {
  it('reads canonical CSV lists with the default "|" separator and JSON-array cells', () => {
    const a = genericAdapter(null);
    const ctx = new RowContext('x.csv', 1);
    const m = a.mapRow(ctx, { id: '3', title: 'T', genres: 'Drama|Crime', cast: '["A", "B"]', budget: '5' });
    expect(ctx.rejected).toBe(false);
    expect(m).toMatchObject({ id: 3, genres: ['Drama', 'Crime'], cast: ['A', 'B'], budget: 5 });
    expect(a.signature).toEqual(['id', 'title']);
  });
});
