/**
 * The movie page's own SQL (the record itself is movieById in queries.ts, its micro-genres
 * movieClusterDetails in queries-explore.ts). Same rules: every value is a bound parameter.
 */
import type { SqlRunner } from './engine';
import { all } from './queries';
import { listOf, sql, trusted } from './sql';

/** What a movie card needs (MovieCard.svelte). */
export interface MovieCardRow {
  id: number;
  title: string;
  year: number | null;
  vote_average: number | null;
  vote_count: number | null;
  runtime: number | null;
  genres: string[];
  poster_path: string | null;
}

/**
 * Cards for the given ids in the order given (nearest neighbours come ranked); unknown and
 * repeated ids are left out, and with `member` so are movies outside that cluster (its own
 * cluster id, so HDBSCAN noise is never a member).
 */
export async function movieCards(
  db: SqlRunner,
  ids: readonly number[],
  member: { model: string; cluster: number } | null = null
): Promise<MovieCardRow[]> {
  const clean = [...new Set(ids.filter((i) => Number.isSafeInteger(i)))];
  if (!clean.length) return [];
  const inCluster = member
    ? sql`AND EXISTS (SELECT 1 FROM clusters c WHERE c.movie_id = m.id AND c.model = ${member.model} AND c.cluster = ${member.cluster})`
    : trusted('');
  const rows = await all<MovieCardRow>(
    db,
    sql`SELECT m.id, m.title, m.year, m.vote_average, m.vote_count, m.runtime, m.genres, m.poster_path
        FROM movies m WHERE list_contains(${listOf(clean)}, m.id) ${inCluster}`
  );
  const by = new Map(rows.map((r) => [r.id, r]));
  return clean.map((i) => by.get(i)).filter((r): r is MovieCardRow => !!r);
}
