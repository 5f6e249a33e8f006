/**
 * Everything the person page shows, shaped from their filmography, the credits of their
 * movies and the catalogue's genre counts (statistics, specialisation and collaborator
 * counting themselves live in explore-people.ts). Pure.
 */
import type { CreditRole, FilmographyRow } from '$lib/db/queries';
import type { CoCreditRow } from '$lib/db/queries-explore';
import {
  collaboratorPairs, distinctMovies, genreSpecialisation, personStats, rolesOf, samePerson,
  type Collaborator, type GenreShare, type PersonKey, type PersonStats
} from './explore-people';
import { timelineMarks, type Timeline } from './person-timeline';

export interface CollaboratorGroup {
  /** "Directors they worked with" / "Actors they directed". */
  title: string;
  /** The collaborators' role (for their links and labels). */
  role: CreditRole;
  people: (Collaborator & { titles: string[] })[];
}

export interface PersonProfile {
  key: PersonKey;
  /** The name as their credits spell it. */
  name: string;
  /** Every role they have, most credits first (the role filter's choices). */
  roles: CreditRole[];
  /** The role the page is restricted to, or null for all. */
  role: CreditRole | null;
  /** Credits shown (restricted to `role`), oldest first. */
  films: FilmographyRow[];
  stats: PersonStats;
  shares: GenreShare[];
  timeline: Timeline;
  collaborators: CollaboratorGroup[];
}

/** Collaborators listed per group. */
export const COLLABORATOR_LIMIT = 10;

/** null when the filmography is empty (an unknown person). */
export function personProfile(
  key: PersonKey,
  filmography: readonly FilmographyRow[],
  credits: readonly CoCreditRow[],
  baseline: { genres: readonly { value: string; movies: number }[]; total: number } | null,
  role: CreditRole | null = null
): PersonProfile | null {
  const own = filmography.filter((r) => samePerson(r, key));
  if (!own.length) return null;
  const roles = rolesOf(own);
  const active = role && roles.includes(role) ? role : null;
  const films = active ? own.filter((r) => r.role === active) : own;
  const titles = new Map(distinctMovies(own).map((r) => [r.id, r.title]));
  const pairs = collaboratorPairs(key, credits, { role: active, limit: COLLABORATOR_LIMIT });
  const withTitles = (list: Collaborator[]) => list.map((c) => ({ ...c, titles: c.movieIds.map((id) => titles.get(id) ?? `#${id}`) }));
  const collaborators: CollaboratorGroup[] = [];
  for (const r of active ? [active] : roles) {
    if (r === 'cast') collaborators.push({ title: 'Directors they acted for', role: 'director', people: withTitles(pairs.directors) });
    else collaborators.push({ title: 'Actors they directed', role: 'cast', people: withTitles(pairs.actors) });
  }
  return {
    key,
    name: own[0].person,
    roles,
    role: active,
    films,
    stats: personStats(films),
    shares: genreSpecialisation(films, baseline),
    timeline: timelineMarks(films),
    collaborators
  };
}
