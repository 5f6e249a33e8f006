/**
 * The person page's own SQL (filmography: personFilmography in queries.ts; co-credits and
 * the genre baseline: queries-explore.ts). Same rules: every value is a bound parameter.
 */
import type { SqlRunner } from './engine';
import { all, type CreditRole } from './queries';
import { sql } from './sql';

export interface PersonMatch {
  person: string;
  person_id: number | null;
  /** Distinct movies credited. */
  movies: number;
  roles: CreditRole[];
}

/**
 * People whose name contains `text`, ignoring case and accents: the exact name first, then
 * names starting with it, then the rest, most credited first. For the "not found" page
 * ("did you mean…") and for a link whose name is cased or accented differently.
 */
export async function findPeople(db: SqlRunner, text: string, limit = 8): Promise<PersonMatch[]> {
  const q = text.trim().slice(0, 200);
  if (!q) return [];
  const n = Math.min(50, Math.max(1, Math.floor(limit)));
  return all<PersonMatch>(
    db,
    sql`SELECT s.person, s.person_id, s.movies, s.roles FROM (
          SELECT p.person, p.person_id, count(DISTINCT p.movie_id) AS movies, list_sort(list_distinct(list(p.role))) AS roles,
            lower(strip_accents(p.person)) AS k, lower(strip_accents(${q})) AS t
          FROM people p GROUP BY p.person, p.person_id
        ) s
        WHERE contains(s.k, s.t)
        ORDER BY (s.k = s.t) DESC, starts_with(s.k, s.t) DESC, s.movies DESC, s.person
        LIMIT ${n}`
  );
}
