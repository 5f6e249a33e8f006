import { describe, expect, it } from 'vitest';
import { makeFilter } from '../../../src/lib/core/search/filters';
import { CLUSTERS, MOVIES } from './helpers';

const ids = (f: Parameters<typeof makeFilter>[0]) => MOVIES.filter(makeFilter(f, CLUSTERS) ?? (() => true)).map((m) => m.id);

describe('filters', () => {
  it('no filter → null (callers skip filtering)', () => {
    expect(makeFilter(undefined)).toBeNull();
    expect(makeFilter({})).toBeNull();
    expect(makeFilter({ genres: [] })).toBeNull();
  });

  it('year and runtime ranges are inclusive; unknown values fail a bound', () => {
    expect(ids({ yearMin: 1990, yearMax: 1999 })).toEqual([1, 3, 7]);
    expect(ids({ runtimeMax: 96 })).toEqual([1, 3]);
    expect(ids({ runtimeMin: 0 })).not.toContain(8);
  });

  it('genres any (default) or all, case-insensitively', () => {
    expect(ids({ genres: ['horror'] })).toEqual([1, 3, 6, 7]);
    expect(ids({ genres: ['Horror', 'Comedy'], genreMode: 'all' })).toEqual([1, 3]);
    expect(ids({ genres: ['Documentary', 'Romance'] })).toEqual([5, 8]);
  });

  it('rating, votes and language', () => {
    expect(ids({ ratingMin: 7.5 })).toEqual([5]);
    expect(ids({ votesMin: 1000 })).toEqual([2]);
    expect(ids({ languages: ['KO', 'fr'] })).toEqual([5, 6]);
  });

  it('micro-genre through the movie → cluster map, combined with the rest', () => {
    expect(ids({ clusters: [0] })).toEqual([2, 3, 7]);
    expect(ids({ clusters: [0, 1], yearMin: 1999 })).toEqual([3, 6, 7]);
    expect(() => makeFilter({ clusters: [0] })).toThrow(/cluster assignments/);
  });
});
