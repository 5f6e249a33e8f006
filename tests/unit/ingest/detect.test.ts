import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../build-scripts/ingest/detect';
import { CatalogueFileError } from '../../../build-scripts/ingest/issues';
import { fixture } from './helpers';

describe('detectAdapter', () => {
  it('recognises each format from its header', () => {
    const cases: [string, string][] = [
      ['tmdb_5000_movies.csv', 'tmdb5000'],
      ['tmdb_5000_credits.csv', 'tmdb-credits'],
      ['tmdb_5000_people_derived.csv', 'people-derived'],
      ['tmdb-movies.csv', 'tmdb10k'],
      ['movies_metadata.csv', 'movies-metadata'],
      ['catalogue.json', 'generic']
    ];
    for (const [file, adapter] of cases) expect(detectAdapter(fixture(file)).name, file).toBe(adapter);
    expect(detectAdapter(fixture('tmdb_5000_credits.csv')).kind).toBe('people');
  });

  it('uses a mapping when its id and title columns are present', () => {
    const a = detectAdapter(fixture('my-films.csv'), { mapping: fixture('my-films.mapping.json') });
    expect(a).toMatchObject({ name: 'generic', description: 'generic catalogue mapped by my-films.mapping.json', signature: ['film_id', 'Title'] });
    // Other files in the same run still get their own adapter.
    expect(detectAdapter(fixture('tmdb-movies.csv'), { mapping: fixture('my-films.mapping.json') }).name).toBe('tmdb10k');
  });

  it('says which mapped columns a file lacks', () => {
    expect(() => detectAdapter(fixture('my-films.csv'), { mapping: fixture('missing-column.mapping.json') })).toThrow(
      /my-films\.csv: lacks column\(s\) Synopsis named in the mapping/
    );
  });

  it('rejects a bad mapping file before reading anything', () => {
    expect(() => detectAdapter(fixture('my-films.csv'), { mapping: fixture('bad-field.mapping.json') })).toThrow(/unknown canonical field\(s\) directer/);
  });

  it('gives one clear error for a file that is not a catalogue', () => {
    let error: unknown;
    try {
      detectAdapter(fixture('wrong-columns.csv'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogueFileError);
    const message = (error as Error).message;
    expect(message).toMatch(/wrong-columns\.csv: is not a movie catalogue this tool knows/);
    expect(message).toMatch(/Kaggle TMDB 5000 movies \(tmdb_5000_movies\.csv\): id, title, genres/);
    expect(message).toMatch(/The Movies Dataset \(movies_metadata\.csv\): id, title, belongs_to_collection/);
    expect(message).toMatch(/canonical columns \(id, title\) or a --mapping file/);
    expect(message).toMatch(/Found: name, age$/);
  });

  it('lists the mapping among the expected formats when one was given', () => {
    expect(() => detectAdapter(fixture('wrong-columns.csv'), { mapping: fixture('my-films.mapping.json') })).toThrow(
      /generic catalogue mapped by my-films\.mapping\.json: film_id, Title/
    );
  });

  it('rejects binary, empty and broken files by name', () => {
    expect(() => detectAdapter(fixture('binary.csv'))).toThrow(/binary\.csv: is a binary file; expected a CSV or JSON movie catalogue/);
    expect(() => detectAdapter(fixture('empty.csv'))).toThrow(/empty\.csv: is empty; expected a CSV or JSON movie catalogue/);
    expect(() => detectAdapter(fixture('broken.json'))).toThrow(/broken\.json: is not valid JSON/);
  });
});
