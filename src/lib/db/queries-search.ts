/**
 * What the search engine needs from the catalogue: the searchable fields of every movie and
 * one clustering model's assignments with names. Loaded once per tab into the ranking core.
 */
import type { ClusterAssignments, SearchMovie } from '../core/search/types';
import type { SqlRunner } from './engine';
import { all } from './queries';
import { sql } from './sql';

export async function searchRows(db: SqlRunner): Promise<SearchMovie[]> {
  return all<SearchMovie>(
    db,
    sql`SELECT m.id, m.title, m.original_title, m.overview, m.tagline, m.genres, m.keywords, m."cast", m.directors,
          m.year, m.runtime, m.vote_average, m.vote_count, m.original_language, m.collection, m.popularity, m.poster_path
        FROM movies m ORDER BY m.id`
  );
}

/** Cluster of each movie in `model` (display cluster, so HDBSCAN noise has its nearest) and the names. */
export async function clusterAssignments(db: SqlRunner, model: string): Promise<ClusterAssignments> {
  const rows = await all<{ movie_id: number; cluster: number }>(
    db,
    sql`SELECT c.movie_id, c.display_cluster AS cluster FROM clusters c WHERE c.model = ${model}`
  );
  const names = await all<{ cluster: number; name: string }>(
    db,
    sql`SELECT meta.cluster, meta.name FROM clusters_meta meta WHERE meta.model = ${model} AND meta.level = 'micro'`
  );
  return {
    model,
    byMovie: new Map(rows.map((r) => [r.movie_id, r.cluster])),
    names: new Map(names.map((r) => [r.cluster, r.name]))
  };
}
