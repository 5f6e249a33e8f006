import { describe, expect, it } from 'vitest';
import { centroid, clusterStats } from '../../../build-scripts/label/cluster-stats';

const m = (id: number, genres: string[], year: number | null, vote_average: number | null, vote_count: number | null) =>
  ({ id, genres, year, vote_average, vote_count });

const movies = [
  m(10, ['Horror', 'Comedy'], 1985, 7, 100),
  m(11, ['Horror'], 1989, 6, 50),
  m(12, ['Horror', 'Thriller'], 2004, 9, 2), // too few votes: left out of the rating
  m(13, ['Comedy'], null, 5, null), // unknown vote count: kept
  m(14, ['Drama'], 1950, 8, 500) // not a member
];
const s = Math.SQRT1_2;
const emb = [[1, 0], [s, s], [0, 1], [s, -s], [-1, 0]];

describe('clusterStats', () => {
  const st = clusterStats(movies, emb, [0, 1, 2, 3], { representatives: 2 });

  it('size and unweighted average rating over members with enough votes', () => {
    expect(st.size).toBe(4);
    expect(st.ratedCount).toBe(3);
    expect(st.avgRating).toBeCloseTo((7 + 6 + 5) / 3, 12);
  });

  it('representatives are the members closest to the centroid, closest first', () => {
    // centroid of the four vectors points along +x (with a little +y): 10 then 11.
    expect(st.representatives).toEqual([10, 11]);
  });

  it('top genres as shares of members, ties by name', () => {
    expect(st.topGenres).toEqual([
      { value: 'Horror', count: 3, share: 0.75 },
      { value: 'Comedy', count: 2, share: 0.5 },
      { value: 'Thriller', count: 1, share: 0.25 }
    ]);
  });

  it('top decades as shares of members with a known year', () => {
    expect(st.topDecades).toEqual([
      { value: 1980, count: 2, share: 2 / 3 },
      { value: 2000, count: 1, share: 1 / 3 }
    ]);
  });

  it('null rating when nobody qualifies; unit centroid', () => {
    expect(clusterStats(movies, emb, [2]).avgRating).toBeNull();
    const c = centroid(emb, [0, 2]);
    expect(Math.hypot(...c)).toBeCloseTo(1, 12);
    expect(c[0]).toBeCloseTo(c[1], 12);
  });
});
