import { describe, expect, it } from 'vitest';
import { ingest } from '../../../build-scripts/ingest/ingest';
import { CatalogueFileError } from '../../../build-scripts/ingest/issues';
import { fixture, rejectionsOf, reportOf, TODAY } from './helpers';

const movies = fixture('tmdb_5000_movies.csv');
const derived = fixture('tmdb_5000_people_derived.csv');
const credits = fixture('tmdb_5000_credits.csv');

describe('ingest: merging files into one catalogue', () => {
  it('movies + derived people + credits: credits with person ids win, names fill the rest', () => {
    const result = ingest({ sources: [movies], people: [derived, credits], today: TODAY });
    for (const f of [movies, derived, credits]) reportOf(result, f); // rows = kept + rejected
    expect(result.files.map((f) => [f.adapter, f.rows, f.kept, f.rejected])).toEqual([
      ['tmdb5000', 12, 4, 8],
      ['people-derived', 10, 3, 7],
      ['tmdb-credits', 9, 3, 6]
    ]);
    // Both people files cover Avatar: not a duplicate across files.
    expect(rejectionsOf(result, credits).filter(([, reason]) => reason === 'duplicate_id')).toEqual([[7, 'duplicate_id', 'movie_id']]);
    const movie = (id: number) => result.movies.find((m) => m.id === id)!;
    // Avatar: cast and director from the credits file (person ids), imdb_id from the derived file.
    expect(movie(19995)).toMatchObject({
      cast: ['Sam Worthington', 'Zoe Saldana', 'Sigourney Weaver'], directors: ['James Cameron'], imdb_id: 'tt0499549'
    });
    // Pirates: credits has no cast, so the derived names stay; the director comes with an id.
    expect(movie(285)).toMatchObject({ cast: ['Johnny Depp', 'Orlando Bloom', 'Keira Knightley'], directors: ['Gore Verbinski'] });
    expect(result.credits.filter((c) => c.movie_id === 285).map((c) => [c.role, c.person, c.person_id])).toEqual([
      ['cast', 'Johnny Depp', null], ['cast', 'Orlando Bloom', null], ['cast', 'Keira Knightley', null],
      ['director', 'Gore Verbinski', 1704]
    ]);
    // Future Film: cast only in the credits file; Last Good: directors only in the derived file.
    expect(movie(99001).cast).toEqual(['Ann Example']);
    expect(movie(12345).directors).toEqual(['Jane Doe', 'John Roe']);
  });

  it('a credits file with person ids wins whatever the order of people files', () => {
    const a = ingest({ sources: [movies], people: [derived, credits], today: TODAY });
    const b = ingest({ sources: [movies], people: [credits, derived], today: TODAY });
    expect(b.movies).toEqual(a.movies);
    expect(b.credits).toEqual(a.credits);
  });

  it('people files can be given as sources too (detected by header)', () => {
    const result = ingest({ sources: [movies, derived], today: TODAY });
    expect(result.files.map((f) => f.kind)).toEqual(['movies', 'people']);
    expect(result.movies.find((m) => m.id === 19995)!.directors).toEqual(['James Cameron']);
  });

  it('movies in several files: the first file with an id wins, later ones are duplicate_id', () => {
    const tenK = fixture('tmdb-movies.csv');
    const json = fixture('catalogue.json');
    const result = ingest({ sources: [movies, tenK, json], today: TODAY });
    expect(result.files.map((f) => [f.adapter, f.rows, f.kept, f.rejected])).toEqual([
      ['tmdb5000', 12, 4, 8],
      ['tmdb10k', 13, 5, 8],
      ['generic', 12, 3, 9]
    ]);
    expect(result.movies).toHaveLength(12);
    expect(new Set(result.movies.map((m) => m.id)).size).toBe(12);
    expect(result.movies.map((m) => m.source.split(':')[0])).toEqual([
      ...Array(4).fill('tmdb5000'), ...Array(5).fill('tmdb10k'), ...Array(3).fill('generic')
    ]);
  });

  it('counts every row once: kept movies and people rows add up with rejections', () => {
    const result = ingest({ sources: [movies], people: [derived, credits], today: TODAY });
    const rejectedRows = new Set(result.rejected.map((r) => `${r.file}#${r.row}`));
    for (const f of result.files) {
      const r = reportOf(result, f.file);
      expect([...rejectedRows].filter((k) => k.startsWith(`${f.file}#`))).toHaveLength(r.rejected);
    }
    expect(result.movies).toHaveLength(reportOf(result, movies).kept);
  });

  it('stops with one clear error on a file that is not a catalogue', () => {
    expect(() => ingest({ sources: [movies, fixture('wrong-columns.csv')], today: TODAY })).toThrow(CatalogueFileError);
    expect(() => ingest({ sources: [fixture('empty.csv')], today: TODAY })).toThrow(/empty\.csv: is empty/);
  });

  it('reports progress per file', () => {
    const events: [string, number, number][] = [];
    ingest({ sources: [movies], today: TODAY, onProgress: (e) => events.push([e.file, e.done, e.total]) });
    expect(events).toEqual([[movies, 1, 12], [movies, 12, 12]]);
  });
});
