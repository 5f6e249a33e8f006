/**
 * Person pages: statistics, genre specialisation and frequent collaborators from a
 * filmography and the credits of its movies. Pure (tests/unit/explore/explore-people.test.ts).
 *
 * People are keyed by TMDB person id when the source has one, else by name: the sample and
 * CSV catalogues have names only.
 */
import type { CreditRole, FilmographyRow } from '$lib/db/queries';

/** Votes a movie needs for its rating to count in an average (as DEFAULT_MIN_VOTES_FOR_AVG). */
export const MIN_VOTES_FOR_AVG = 10;

export interface PersonKey {
  name: string;
  id: number | null;
}

export function samePerson(a: { person: string; person_id: number | null }, b: PersonKey): boolean {
  return a.person_id !== null && b.id !== null ? a.person_id === b.id : a.person === b.name;
}

/** Credits of the person's movies, as coCredits() returns them. */
export interface CoCredit {
  movie_id: number;
  person: string;
  person_id: number | null;
  role: CreditRole;
  billing_order: number;
}

export interface PersonStats {
  /** Distinct movies (a movie they both directed and acted in counts once). */
  movies: number;
  asCast: number;
  asDirector: number;
  firstYear: number | null;
  lastYear: number | null;
  /** Mean rating of their movies with at least MIN_VOTES_FOR_AVG votes; null when none has. */
  avgRating: number | null;
  ratedMovies: number;
}

/** One row per movie (the first credit seen for each id). */
export function distinctMovies<T extends { id: number }>(rows: readonly T[]): T[] {
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && (seen.add(r.id), true));
}

export function personStats(rows: readonly FilmographyRow[], minVotes = MIN_VOTES_FOR_AVG): PersonStats {
  const movies = distinctMovies(rows);
  const ids = (role: CreditRole) => new Set(rows.filter((r) => r.role === role).map((r) => r.id)).size;
  const years = movies.map((m) => m.year).filter((y): y is number => y !== null);
  const rated = movies.filter((m) => m.vote_average !== null && (m.vote_count ?? 0) >= minVotes);
  return {
    movies: movies.length,
    asCast: ids('cast'),
    asDirector: ids('director'),
    firstYear: years.length ? Math.min(...years) : null,
    lastYear: years.length ? Math.max(...years) : null,
    avgRating: rated.length ? rated.reduce((s, m) => s + (m.vote_average as number), 0) / rated.length : null,
    ratedMovies: rated.length
  };
}

export interface GenreShare {
  genre: string;
  /** Their movies in this genre. */
  movies: number;
  /** Share of their movies (0–1); a movie counts once in each of its genres, so shares can sum past 1. */
  share: number;
  /** Share of the whole catalogue in this genre (0–1), null when unknown. */
  baseline: number | null;
  /** share / baseline: 2 = twice as often as the catalogue; null when the baseline is unknown or 0. */
  lift: number | null;
}

/**
 * Genre specialisation: for each genre, the share of the person's (distinct) movies in it,
 * against the catalogue's share. Sorted by share (then lift, then name).
 */
export function genreSpecialisation(
  rows: readonly { id: number; genres: readonly string[] }[],
  catalogue: { genres: readonly { value: string; movies: number }[]; total: number } | null = null
): GenreShare[] {
  const movies = distinctMovies(rows);
  if (!movies.length) return [];
  const counts = new Map<string, number>();
  for (const m of movies) for (const g of new Set(m.genres)) counts.set(g, (counts.get(g) ?? 0) + 1);
  const base = new Map(catalogue?.genres.map((g) => [g.value, g.movies]) ?? []);
  const out: GenreShare[] = [...counts].map(([genre, n]) => {
    const share = n / movies.length;
    const b = catalogue && catalogue.total > 0 && base.has(genre) ? (base.get(genre) as number) / catalogue.total : null;
    return { genre, movies: n, share, baseline: b, lift: b ? share / b : null };
  });
  return out.sort((a, b) => b.movies - a.movies || (b.lift ?? 0) - (a.lift ?? 0) || a.genre.localeCompare(b.genre));
}

export interface Collaborator {
  person: string;
  person_id: number | null;
  /** Their role on the shared movies. */
  role: CreditRole;
  /** Movies shared. */
  movies: number;
  movieIds: number[];
}

export interface CollaboratorGroups {
  /** When the person acts: the directors of their movies (actor–director pairs). */
  directors: Collaborator[];
  /** When the person directs: the actors in their movies (director–actor pairs). */
  actors: Collaborator[];
  /** When the person acts: their co-stars. */
  costars: Collaborator[];
}

/**
 * Frequent collaborators of `who`. Pairs are counted per movie: an actor–director pair is
 * a movie where `who` acts and the other directs (and the reverse for a director); co-stars
 * are other cast members of the movies `who` acts in. The person never pairs with themself
 * (an actor who directs their own film). Only collaborators on at least `minMovies` movies
 * are kept, most shared movies first, then by name; at most `limit` per group.
 * `role` restricts to one of `who`'s roles.
 */
export function collaboratorPairs(
  who: PersonKey,
  credits: readonly CoCredit[],
  o: { role?: CreditRole | null; minMovies?: number; limit?: number } = {}
): CollaboratorGroups {
  const mine = { cast: new Set<number>(), director: new Set<number>() };
  for (const c of credits) if (samePerson(c, who)) mine[c.role].add(c.movie_id);
  const useCast = !o.role || o.role === 'cast';
  const useDirector = !o.role || o.role === 'director';

  const groups = { directors: new Map<string, Collaborator>(), actors: new Map<string, Collaborator>(), costars: new Map<string, Collaborator>() };
  const add = (g: Map<string, Collaborator>, c: CoCredit) => {
    const key = c.person_id !== null ? `#${c.person_id}` : `n:${c.person}`;
    const entry = g.get(key) ?? { person: c.person, person_id: c.person_id, role: c.role, movies: 0, movieIds: [] };
    if (!entry.movieIds.includes(c.movie_id)) {
      entry.movieIds.push(c.movie_id);
      entry.movies++;
    }
    g.set(key, entry);
  };
  for (const c of credits) {
    if (samePerson(c, who)) continue;
    if (useCast && mine.cast.has(c.movie_id)) add(c.role === 'director' ? groups.directors : groups.costars, c);
    if (useDirector && mine.director.has(c.movie_id) && c.role === 'cast') add(groups.actors, c);
  }
  const minMovies = o.minMovies ?? 1;
  const limit = o.limit ?? 12;
  const finish = (g: Map<string, Collaborator>) =>
    [...g.values()]
      .filter((c) => c.movies >= minMovies)
      .sort((a, b) => b.movies - a.movies || a.person.localeCompare(b.person))
      .slice(0, limit);
  return { directors: finish(groups.directors), actors: finish(groups.actors), costars: finish(groups.costars) };
}

/** The roles a filmography has, most credits first (the person page's default tab). */
export function rolesOf(rows: readonly FilmographyRow[]): CreditRole[] {
  const cast = rows.filter((r) => r.role === 'cast').length;
  const dir = rows.filter((r) => r.role === 'director').length;
  const roles: CreditRole[] = [];
  if (cast) roles.push('cast');
  if (dir) roles.push('director');
  return dir > cast ? roles.reverse() : roles;
}

/** Display name of a role for a person ("Actor", "Director"). */
export function roleLabel(role: CreditRole): string {
  return role === 'cast' ? 'Actor' : 'Director';
}

/** The person page link parameters for a credit: id when the source has one, else the name. */
export function personParams(p: { person: string; person_id: number | null }, role?: CreditRole | null): string {
  const q = new URLSearchParams();
  if (p.person_id !== null) q.set('id', String(p.person_id));
  else q.set('name', p.person);
  if (role) q.set('role', role);
  return q.toString();
}

/**
 * URL parameters of /person/: `id` (TMDB person id) or `name`, and `role` (cast | director,
 * optional). Returns null when neither id nor name is given.
 */
export function parsePersonParams(p: URLSearchParams): { who: { id: number } | { name: string }; role: CreditRole | null } | null {
  const role = p.get('role');
  const r: CreditRole | null = role === 'cast' || role === 'director' ? role : null;
  const idRaw = p.get('id');
  const id = idRaw !== null && /^\d+$/.test(idRaw.trim()) ? Number(idRaw) : null;
  if (id !== null && Number.isSafeInteger(id)) return { who: { id }, role: r };
  const name = (p.get('name') ?? '').trim().slice(0, 300);
  return name ? { who: { name }, role: r } : null;
}
