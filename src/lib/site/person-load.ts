/**
 * Loads what the person page needs: their credits, the credits of their movies (for
 * collaborators) and the catalogue's genre counts (for specialisation). A name that matches
 * no credit exactly but exactly one person ignoring case and accents opens that person
 * (hand-typed links); otherwise the answer is "not found" with close names to suggest.
 */
import type { SqlRunner } from '$lib/db/engine';
import { personFilmography, type FilmographyRow } from '$lib/db/queries';
import { coCredits, genreBaseline, type CoCreditRow } from '$lib/db/queries-explore';
import { findPeople, type PersonMatch } from '$lib/db/queries-person';
import type { PersonKey } from './explore-people';

export interface PersonData {
  key: PersonKey;
  films: FilmographyRow[];
  credits: CoCreditRow[];
  /** null when the counts could not be had (the page then shows shares without the baseline). */
  baseline: { genres: { value: string; movies: number }[]; total: number } | null;
}

export type PersonLookup = { found: true; data: PersonData } | { found: false; asked: string; suggestions: PersonMatch[] };

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

export async function loadPerson(db: SqlRunner, who: { id: number } | { name: string }): Promise<PersonLookup> {
  let key: PersonKey = 'id' in who ? { name: '', id: who.id } : { name: who.name, id: null };
  let films = await personFilmography(db, 'id' in who ? { id: who.id } : { name: who.name });
  if (!films.length) {
    if ('id' in who) return { found: false, asked: `person #${who.id}`, suggestions: [] };
    const suggestions = await findPeople(db, who.name, 8);
    const same = suggestions.filter((s) => fold(s.person) === fold(who.name));
    if (same.length !== 1) return { found: false, asked: who.name, suggestions };
    key = { name: same[0].person, id: same[0].person_id };
    films = await personFilmography(db, key.id !== null ? { id: key.id } : { name: key.name });
  }
  const [credits, baseline] = await Promise.all([
    coCredits(db, key.id !== null ? { id: key.id } : { name: key.name }),
    genreBaseline(db).catch(() => null)
  ]);
  return { found: true, data: { key, films, credits, baseline } };
}
