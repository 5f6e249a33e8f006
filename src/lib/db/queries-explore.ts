/**
 * The extra SQL of the explorer, movie and person pages. Same rules as queries.ts: every
 * value is a bound parameter (the `sql` template), SQL text chosen at run time comes from
 * code constants only, and no lambda macros (list_has_any & co. break next to a column `x`
 * in DuckDB 0.9, see README).
 */
import type { SqlRunner } from './engine';
import { all, movieConditions, type CreditRole, type MovieFilters, type PersonRef } from './queries';
import { join as joinSql, sql, Sql, trusted, tupleOf, whereClause } from './sql';

export interface Bin {
  /** Lower edge of the bin. */
  bin: number;
  movies: number;
}

/**
 * Movies per whole rating point (0–1 … 9–10; a 10 falls in the 9 bin) among movies matching
 * `filters`. Callers leave the rating filter out so the chart shows the alternatives.
 */
export async function ratingHistogram(db: SqlRunner, filters: MovieFilters = {}): Promise<Bin[]> {
  return all<Bin>(
    db,
    sql`SELECT CAST(least(floor(m.vote_average), 9) AS INTEGER) AS bin, count(*) AS movies FROM movies m
        ${whereClause([...movieConditions(filters), trusted('m.vote_average IS NOT NULL')])}
        GROUP BY bin ORDER BY bin`
  );
}

export const RUNTIME_BIN = 30;
export const RUNTIME_LAST_BIN = 210;

/** Movies per 30 minutes of runtime (the last bin, 210, holds everything from 3 h 30 on). */
export async function runtimeHistogram(db: SqlRunner, filters: MovieFilters = {}): Promise<Bin[]> {
  return all<Bin>(
    db,
    sql`SELECT CAST(least(floor(m.runtime / ${RUNTIME_BIN}) * ${RUNTIME_BIN}, ${RUNTIME_LAST_BIN}) AS INTEGER) AS bin, count(*) AS movies
        FROM movies m ${whereClause([...movieConditions(filters), trusted('m.runtime IS NOT NULL AND m.runtime > 0')])}
        GROUP BY bin ORDER BY bin`
  );
}

export interface MovieClusterName {
  id: number;
  cluster: number;
  name: string | null;
}

/** The micro-genre of each of `ids` in `model` (for the cards of one result page). */
export async function clusterNamesFor(db: SqlRunner, ids: readonly number[], model: string): Promise<MovieClusterName[]> {
  if (!ids.length) return [];
  return all<MovieClusterName>(
    db,
    sql`SELECT c.movie_id AS id, c.cluster, meta.name FROM clusters c
        LEFT JOIN clusters_meta meta ON meta.model = c.model AND meta.level = 'micro' AND meta.cluster = c.cluster
        WHERE c.model = ${model} AND c.movie_id IN ${tupleOf(ids)}`
  );
}

export interface MovieClusterDetail {
  model: string;
  cluster: number;
  probability: number | null;
  name: string | null;
  keywords: string[] | null;
  /** Members in the whole catalogue. */
  size: number | null;
}

/** A movie's micro-genre in every model, with the cluster's keywords and size. */
export async function movieClusterDetails(db: SqlRunner, id: number): Promise<MovieClusterDetail[]> {
  return all<MovieClusterDetail>(
    db,
    sql`SELECT c.model, c.cluster, c.probability, meta.name, meta.keywords, meta.size FROM clusters c
        LEFT JOIN clusters_meta meta ON meta.model = c.model AND meta.level = 'micro' AND meta.cluster = c.cluster
        WHERE c.movie_id = ${id} ORDER BY c.model`
  );
}

export interface SimilarRow {
  id: number;
  title: string;
  year: number | null;
  vote_average: number | null;
  genres: string[];
  poster_path: string | null;
  score: number;
  shared_genres: string[];
  shared_keywords: string[];
  shared_directors: string[];
  shared_cast: string[];
  same_collection: boolean;
  same_cluster: boolean;
}

/** Top-billed cast members compared for "more like this". */
const SIMILAR_CAST = 6;

interface SimilarSeed {
  genres: string[];
  keywords: string[];
  directors: string[];
  cast: string[];
  collection: string | null;
  cluster: number | null;
}

/** One bound `list_contains(column, ?)` per value, summed (0 when there are no values). */
function containsCount(column: Sql, values: readonly string[]): Sql {
  if (!values.length) return trusted('0');
  return joinSql(values.map((v) => sql`CAST(list_contains(${column}, ${v}) AS INTEGER)`), ' + ');
}

const shared = (mine: readonly string[], theirs: readonly string[] | null) => {
  const t = new Set(theirs ?? []);
  return mine.filter((v) => t.has(v)).sort((a, b) => a.localeCompare(b));
};

/**
 * "More like this" without vectors: movies ranked by what they share with `id` — genres
 * (Jaccard), keywords, directors, top-billed cast, collection — plus a bonus for the same
 * micro-genre in `model` and a little for rating. scope 'cluster' ranks only the members of
 * the movie's own micro-genre in `model` (none when it has none or is noise).
 *
 * Two statements: the movie's own features, then one scan of the movies with one bound
 * `list_contains` per feature (no unnest of the whole catalogue, no lambda macros).
 */
export async function similarMoviesSql(
  db: SqlRunner,
  id: number,
  o: { scope: 'global' | 'cluster'; model: string | null; limit?: number }
): Promise<SimilarRow[]> {
  const limit = Math.min(100, Math.max(1, Math.floor(o.limit ?? 8)));
  const model = o.model ?? '';
  const [seed] = await all<SimilarSeed>(
    db,
    sql`SELECT list_distinct(m.genres) AS genres, list_distinct(m.keywords) AS keywords, list_distinct(m.directors) AS directors,
          list_distinct(m."cast"[1:${SIMILAR_CAST}]) AS "cast", m.collection,
          (SELECT c.cluster FROM clusters c WHERE c.movie_id = m.id AND c.model = ${model} AND c.cluster >= 0) AS cluster
        FROM movies m WHERE m.id = ${id}`
  );
  if (!seed) return [];
  if (o.scope === 'cluster' && seed.cluster === null) return [];
  const g = (seed.genres ?? []).filter(Boolean);
  const k = (seed.keywords ?? []).filter(Boolean);
  const d = (seed.directors ?? []).filter(Boolean);
  const c = (seed.cast ?? []).filter(Boolean);
  const conditions = [sql`m.id <> ${id}`];
  if (o.scope === 'cluster') conditions.push(sql`cl.cluster = ${seed.cluster}`);
  const sameCluster = seed.cluster === null ? trusted('false') : sql`coalesce(cl.cluster = ${seed.cluster}, false)`;
  const sameCollection = seed.collection === null ? trusted('false') : sql`coalesce(m.collection = ${seed.collection}, false)`;
  const rows = await all<Omit<SimilarRow, 'shared_genres' | 'shared_keywords' | 'shared_directors' | 'shared_cast'> & {
    keywords: string[] | null;
    directors: string[] | null;
    top_cast: string[] | null;
  }>(
    db,
    sql`SELECT s.id, s.title, s.year, s.vote_average, s.genres, s.poster_path, s.keywords, s.directors, s.top_cast,
          s.same_collection, s.same_cluster,
          CAST(2.0 * s.ng / greatest(1, len(list_distinct(s.genres)) + ${g.length} - s.ng)
            + 0.6 * least(s.nk, 5) + 1.5 * least(s.nd, 2) + 0.5 * least(s.nc, 4)
            + (CASE WHEN s.same_collection THEN 2.0 ELSE 0 END) + (CASE WHEN s.same_cluster THEN 1.5 ELSE 0 END)
            + 0.03 * coalesce(s.vote_average, 5) AS DOUBLE) AS score
        FROM (
          SELECT m.id, m.title, m.year, m.vote_average, m.genres, m.poster_path, m.keywords, m.directors,
            m."cast"[1:${SIMILAR_CAST}] AS top_cast,
            ${containsCount(trusted('m.genres'), g)} AS ng,
            ${containsCount(trusted('m.keywords'), k)} AS nk,
            ${containsCount(trusted('m.directors'), d)} AS nd,
            ${containsCount(trusted(`m."cast"[1:${SIMILAR_CAST}]`), c)} AS nc,
            ${sameCollection} AS same_collection,
            ${sameCluster} AS same_cluster
          FROM movies m LEFT JOIN clusters cl ON cl.movie_id = m.id AND cl.model = ${model}
          ${whereClause(conditions)}
        ) s
        ${o.scope === 'global' ? trusted('WHERE s.ng + s.nk + s.nd + s.nc > 0 OR s.same_collection OR s.same_cluster') : trusted('')}
        ORDER BY score DESC, s.id
        LIMIT ${limit}`
  );
  return rows.map(({ keywords, directors, top_cast, ...r }) => ({
    ...r,
    shared_genres: shared(g, r.genres),
    shared_keywords: shared(k, keywords),
    shared_directors: shared(d, directors),
    shared_cast: shared(c, top_cast)
  }));
}

export interface CoCreditRow {
  movie_id: number;
  person: string;
  person_id: number | null;
  role: CreditRole;
  billing_order: number;
}

/** Every credit of every movie the person has a credit in (for frequent collaborators). */
export async function coCredits(db: SqlRunner, who: PersonRef): Promise<CoCreditRow[]> {
  const match = who.id !== undefined ? sql`q.person_id = ${who.id}` : sql`q.person = ${who.name}`;
  return all<CoCreditRow>(
    db,
    sql`SELECT p.movie_id, p.person, p.person_id, p.role, p.billing_order FROM people p
        WHERE p.movie_id IN (SELECT q.movie_id FROM people q WHERE ${match})
        ORDER BY p.movie_id, p.role, p.billing_order`
  );
}

/** The catalogue's genre counts and size, the baseline of genre specialisation. */
export async function genreBaseline(db: SqlRunner): Promise<{ genres: { value: string; movies: number }[]; total: number }> {
  const [genres, [t]] = await Promise.all([
    all<{ value: string; movies: number }>(
      db,
      sql`SELECT g.genre AS value, count(*) AS movies FROM (SELECT unnest(list_distinct(m.genres)) AS genre FROM movies m) g GROUP BY g.genre`
    ),
    all<{ n: number }>(db, sql`SELECT count(*) AS n FROM movies m`)
  ]);
  return { genres, total: t.n };
}
