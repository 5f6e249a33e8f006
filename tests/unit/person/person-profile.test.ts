import { describe, expect, it } from 'vitest';
import type { FilmographyRow } from '../../../src/lib/db/queries';
import type { CoCreditRow } from '../../../src/lib/db/queries-explore';
import { personProfile } from '../../../src/lib/site/person-profile';

const ME = 'Dana Director';
const film = (p: Partial<FilmographyRow> & { id: number }): FilmographyRow => ({
  title: `Movie ${p.id}`, year: 2000 + p.id, release_date: null, genres: ['Drama'], vote_average: 7, vote_count: 100,
  poster_path: null, role: 'director', character: null, billing_order: 0, person: ME, person_id: null, ...p
});
const credit = (movie_id: number, person: string, role: 'cast' | 'director', billing_order = 0): CoCreditRow => ({
  movie_id, person, person_id: null, role, billing_order
});

// Dana directs movies 1–4 and acts in 4 and 5 (5 directed by Otto).
const films = [
  film({ id: 1, genres: ['Horror', 'Thriller'], vote_average: 6, vote_count: 50 }),
  film({ id: 2, genres: ['Horror'], vote_average: 8, vote_count: 5000 }),
  film({ id: 3, genres: ['Horror', 'Comedy'], vote_average: 9.5, vote_count: 3 }),
  film({ id: 4, genres: ['Drama'], vote_average: 7 }),
  film({ id: 4, genres: ['Drama'], vote_average: 7, role: 'cast', character: 'Cameo' }),
  film({ id: 5, genres: ['Comedy'], role: 'cast', vote_average: null, vote_count: 0 })
];
const credits: CoCreditRow[] = [
  credit(1, ME, 'director'), credit(1, 'Ava Actor', 'cast', 0), credit(1, 'Ben Actor', 'cast', 1),
  credit(2, ME, 'director'), credit(2, 'Ava Actor', 'cast', 0),
  credit(3, ME, 'director'), credit(3, 'Ava Actor', 'cast', 1), credit(3, 'Ben Actor', 'cast', 0),
  credit(4, ME, 'director'), credit(4, ME, 'cast', 3), credit(4, 'Cy Actor', 'cast', 0),
  credit(5, 'Otto Other', 'director'), credit(5, ME, 'cast', 2), credit(5, 'Ava Actor', 'cast', 0)
];
// Catalogue of 100 movies: 10 % horror, 50 % drama, 20 % comedy, 10 % thriller.
const baseline = { total: 100, genres: [{ value: 'Horror', movies: 10 }, { value: 'Drama', movies: 50 }, { value: 'Comedy', movies: 20 }, { value: 'Thriller', movies: 10 }] };
const key = { name: ME, id: null };

describe('person profile', () => {
  const p = personProfile(key, films, credits, baseline)!;

  it('counts distinct movies, roles, years and the plain mean of well-voted ratings', () => {
    expect(p.name).toBe(ME);
    expect(p.roles).toEqual(['director', 'cast']);
    expect(p.stats).toMatchObject({ movies: 5, asCast: 2, asDirector: 4, firstYear: 2001, lastYear: 2005, ratedMovies: 3 });
    // Movies 1, 2, 4 have ≥ 10 votes: (6 + 8 + 7) / 3; the 9.5 from 3 votes is left out.
    expect(p.stats.avgRating).toBeCloseTo(7, 10);
    expect(p.timeline.marks).toHaveLength(5);
  });

  it('genre specialisation: share of their movies against the catalogue share', () => {
    const horror = p.shares.find((s) => s.genre === 'Horror')!;
    expect(p.shares[0].genre).toBe('Horror');
    expect(horror.movies).toBe(3);
    expect(horror.share).toBeCloseTo(3 / 5);
    expect(horror.baseline).toBeCloseTo(0.1);
    expect(horror.lift).toBeCloseTo(6);
    const drama = p.shares.find((s) => s.genre === 'Drama')!;
    // Movie 4 is listed twice (directed and acted) but counts once.
    expect(drama.movies).toBe(1);
    expect(drama.lift).toBeCloseTo(0.2 / 0.5);
    // Without a baseline the shares stand alone.
    expect(personProfile(key, films, credits, null)!.shares.every((s) => s.baseline === null && s.lift === null)).toBe(true);
  });

  it('collaborators: the actors they directed and the directors they acted for, with counts', () => {
    const actors = p.collaborators.find((g) => g.role === 'cast')!;
    const directors = p.collaborators.find((g) => g.role === 'director')!;
    expect(actors.title).toBe('Actors they directed');
    // Ava is in 1, 2, 3 (directed by Dana) and 5 (not): 3; Ben 2; Cy 1; never Dana herself.
    expect(actors.people.map((c) => [c.person, c.movies])).toEqual([['Ava Actor', 3], ['Ben Actor', 2], ['Cy Actor', 1]]);
    expect(actors.people[1].titles).toEqual(['Movie 1', 'Movie 3']);
    expect(directors.people.map((c) => [c.person, c.movies])).toEqual([['Otto Other', 1]]);
  });

  it('the role filter restricts films, statistics and collaborator groups', () => {
    const acting = personProfile(key, films, credits, baseline, 'cast')!;
    expect(acting.role).toBe('cast');
    expect(acting.stats.movies).toBe(2);
    expect(acting.timeline.marks.map((m) => m.id)).toEqual([4, 5]);
    expect(acting.collaborators.map((g) => g.role)).toEqual(['director']);
    // A role they never had is ignored rather than emptying the page.
    const other = personProfile({ name: 'Ava Actor', id: null }, [film({ id: 1, person: 'Ava Actor', role: 'cast' })], credits, baseline, 'director')!;
    expect(other.role).toBeNull();
    expect(other.stats.movies).toBe(1);
  });

  it('someone with no credits has no profile', () => {
    expect(personProfile({ name: 'Nobody', id: null }, films, credits, baseline)).toBeNull();
    expect(personProfile(key, [], [], baseline)).toBeNull();
  });
});
