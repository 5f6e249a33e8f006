import { describe, expect, it } from 'vitest';
import { catalogueCounts } from '../../../build-scripts/report/catalogue-counts';

const movie = (year: number | null, genres: string[], original_language: string | null) => ({ year, genres, original_language });

describe('catalogueCounts', () => {
  it('counts distinct people by TMDB id when known, else by name; genres, languages and the year span', () => {
    const c = catalogueCounts(
      [movie(1999, ['Drama', 'Crime'], 'en'), movie(1954, ['Drama'], 'ja'), movie(null, ['Horror'], null)],
      [
        { person: 'Toshiro Mifune', person_id: 7450 },
        { person: 'Toshirō Mifune', person_id: 7450 }, // one person, spelt two ways
        { person: 'Jane Doe', person_id: null },
        { person: 'Jane Doe', person_id: null },
        { person: 'John Roe', person_id: null }
      ]
    );
    expect(c).toEqual({ movies: 3, credits: 5, people: 3, genres: 3, languages: 2, years: [1954, 1999] });
  });

  it('has no year span when no movie has a year', () => {
    expect(catalogueCounts([movie(null, [], null)], []).years).toBeNull();
    expect(catalogueCounts([], [])).toEqual({ movies: 0, credits: 0, people: 0, genres: 0, languages: 0, years: null });
  });
});
