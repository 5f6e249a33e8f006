import type { PeopleAdapter, PersonCredit } from '../adapter';
import { parseId, splitList, text } from '../fields';

/**
 * `tmdb_5000_people_derived.csv` (made for this project, see shared/data/README.md):
 * directors and top cast as pipe-separated names per TMDB 5000 movie, plus the IMDb id.
 * Names only, no person ids; the `*_source` columns are provenance and not needed here.
 */
export const peopleDerived: PeopleAdapter = {
  kind: 'people',
  name: 'people-derived',
  description: 'TMDB 5000 derived people (tmdb_5000_people_derived.csv)',
  signature: ['movie_id', 'directors', 'top_cast'],
  expected: ['movie_id', 'title', 'release_date', 'directors', 'top_cast', 'imdb_id'],
  mapRow(ctx, v) {
    const movieId = parseId(ctx, 'movie_id', v.movie_id);
    if (movieId === null) return null;
    const person = (name: string): PersonCredit => ({ name, person_id: null, character: null });
    return {
      movie_id: movieId,
      cast: splitList(v.top_cast, '|').map(person),
      // A name listed twice is one director (credits are keyed by name here).
      directors: [...new Set(splitList(v.directors, '|'))].map(person),
      imdb_id: text(v.imdb_id)
    };
  }
};
