/**
 * The extra SQL of the map, micro-genre and models pages (the general queries are in
 * queries.ts). Same rules: every value is a bound parameter; SQL text chosen at run time
 * only comes from constants in this file. Tables as queries.ts describes them: `clusters`,
 * `clusters_meta`, `layout`, `movies`.
 */
import type { SqlRunner } from './engine';
import { all, DEFAULT_MIN_VOTES_FOR_AVG } from './queries';
import { listOf, sql, trusted, type Sql } from './sql';

// ---------------------------------------------------------------------------------------
// Map

export interface AtlasPoint {
  id: number;
  title: string;
  year: number | null;
  vote_count: number | null;
  x: number;
  y: number;
}

/** Every movie with a map position (id order). */
export async function atlasPoints(db: SqlRunner): Promise<AtlasPoint[]> {
  return all<AtlasPoint>(
    db,
    sql`SELECT m.id, m.title, m.year, m.vote_count, l.x, l.y FROM layout l JOIN movies m ON m.id = l.id
        WHERE l.x IS NOT NULL AND l.y IS NOT NULL ORDER BY m.id`
  );
}

export interface Assignment {
  movie_id: number;
  /** −1 = noise (HDBSCAN). */
  cluster: number;
  /** Noise takes its nearest cluster here; others equal `cluster`. */
  display_cluster: number;
}

/** Every movie's cluster under one model (movie id order). */
export async function clusterAssignments(db: SqlRunner, model: string): Promise<Assignment[]> {
  return all<Assignment>(
    db,
    sql`SELECT c.movie_id, c.cluster, c.display_cluster FROM clusters c WHERE c.model = ${model} ORDER BY c.movie_id`
  );
}

// ---------------------------------------------------------------------------------------
// clusters_meta

export interface ClusterMeta {
  model: string;
  level: 'micro' | 'macro';
  cluster: number;
  name: string;
  keywords: string[];
  keyword_scores: number[] | null;
  size: number;
  avg_rating: number | null;
  rated_count: number | null;
  representatives: number[] | null;
  top_genres: string[] | null;
  top_genre_shares: number[] | null;
  top_decades: number[] | null;
  top_decade_shares: number[] | null;
  label_grounded: number | null;
  label_coverage: number | null;
  x: number;
  y: number;
  parent: number | null;
}

/** Columns the loader requires (always there) and the ones a build may lack (read as NULL). */
const META_REQUIRED = ['model', 'level', 'cluster', 'name', 'keywords', 'size', 'x', 'y'] as const;
const META_OPTIONAL = [
  'keyword_scores', 'avg_rating', 'rated_count', 'representatives', 'top_genres', 'top_genre_shares',
  'top_decades', 'top_decade_shares', 'label_grounded', 'label_coverage', 'parent'
] as const;

const metaColumnCache = new WeakMap<SqlRunner, Promise<Set<string>>>();

async function metaColumns(db: SqlRunner): Promise<Set<string>> {
  let p = metaColumnCache.get(db);
  if (!p) {
    p = all<{ column_name: string }>(
      db,
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'clusters_meta'`
    ).then((rows) => new Set(rows.map((r) => r.column_name)));
    metaColumnCache.set(db, p);
  }
  return p;
}

/** The SELECT list over `meta`: optional columns the table lacks become typed NULLs. */
async function metaSelect(db: SqlRunner): Promise<Sql> {
  const have = await metaColumns(db);
  // Column names are the constants above, never input.
  const parts = [
    ...META_REQUIRED.map((c) => `meta.${c}`),
    ...META_OPTIONAL.map((c) => (have.has(c) ? `meta.${c}` : `NULL AS ${c}`))
  ];
  return trusted(parts.join(', '));
}

/**
 * The named clusters of one model. `level`: 'micro' (the model's clusters, HDBSCAN's noise
 * row −1 included), 'macro' (Ward's roll-up) or null for both. Ordered by level, cluster.
 */
export async function clusterMeta(db: SqlRunner, model: string, level: 'micro' | 'macro' | null = 'micro'): Promise<ClusterMeta[]> {
  const cols = await metaSelect(db);
  const lv = level ? sql`AND meta.level = ${level}` : trusted('');
  return all<ClusterMeta>(db, sql`SELECT ${cols} FROM clusters_meta meta WHERE meta.model = ${model} ${lv} ORDER BY meta.level DESC, meta.cluster`);
}

/** One cluster's row (micro level), or null. */
export async function clusterMetaOne(db: SqlRunner, model: string, cluster: number, level: 'micro' | 'macro' = 'micro'): Promise<ClusterMeta | null> {
  const cols = await metaSelect(db);
  const [row] = await all<ClusterMeta>(
    db,
    sql`SELECT ${cols} FROM clusters_meta meta WHERE meta.model = ${model} AND meta.level = ${level} AND meta.cluster = ${cluster}`
  );
  return row ?? null;
}

export interface ClusterSize {
  model: string;
  cluster: number;
  size: number;
}

/** Sizes of every model's micro clusters (noise left out), for the size distributions. */
export async function clusterSizes(db: SqlRunner): Promise<ClusterSize[]> {
  return all<ClusterSize>(
    db,
    sql`SELECT c.model, c.cluster, count(*) AS size FROM clusters c WHERE c.cluster >= 0
        GROUP BY c.model, c.cluster ORDER BY c.model, size DESC, c.cluster`
  );
}

// ---------------------------------------------------------------------------------------
// Movies by id, titles

export interface MovieBrief {
  id: number;
  title: string;
  year: number | null;
  vote_average: number | null;
  vote_count: number | null;
}

/** Titles of the given movies (unknown ids are left out), in the order given. */
export async function movieBriefs(db: SqlRunner, ids: readonly number[]): Promise<MovieBrief[]> {
  const clean = [...new Set(ids.filter((i) => Number.isSafeInteger(i)))];
  if (!clean.length) return [];
  const rows = await all<MovieBrief>(
    db,
    sql`SELECT m.id, m.title, m.year, m.vote_average, m.vote_count FROM movies m WHERE list_contains(${listOf(clean)}, m.id)`
  );
  const by = new Map(rows.map((r) => [r.id, r]));
  return clean.map((i) => by.get(i)).filter((r): r is MovieBrief => !!r);
}

/**
 * Movies on the map whose title contains `text` (case and accents ignored): titles that
 * start with it first, then by votes. For the map's "find a movie" box.
 */
export async function findOnMap(db: SqlRunner, text: string, limit = 8): Promise<MovieBrief[]> {
  const q = text.trim().slice(0, 100);
  if (!q) return [];
  const n = Math.min(50, Math.max(1, Math.floor(limit)));
  return all<MovieBrief>(
    db,
    sql`SELECT m.id, m.title, m.year, m.vote_average, m.vote_count FROM movies m JOIN layout l ON l.id = m.id
        WHERE contains(m.title_key, lower(strip_accents(${q})))
        ORDER BY NOT starts_with(m.title_key, lower(strip_accents(${q}))), m.vote_count DESC NULLS LAST, m.id
        LIMIT ${n}`
  );
}

// ---------------------------------------------------------------------------------------
// One micro-genre

const memberJoin = (model: string, cluster: number) =>
  sql`FROM clusters c JOIN movies m ON m.id = c.movie_id WHERE c.model = ${model} AND c.cluster = ${cluster}`;

export interface DecadeCount {
  decade: number;
  movies: number;
}

/** Members per decade of release. */
export async function clusterDecades(db: SqlRunner, model: string, cluster: number): Promise<DecadeCount[]> {
  return all<DecadeCount>(
    db,
    sql`SELECT m.decade, count(*) AS movies ${memberJoin(model, cluster)} AND m.decade IS NOT NULL GROUP BY m.decade ORDER BY m.decade`
  );
}

export interface RatingBin {
  /** Lower edge of the bin (e.g. 6.5 for 6.5–7.0). */
  bin: number;
  movies: number;
}

/** Histogram of members' ratings in half-point bins (movies with at least `minVotes` votes). */
export async function clusterRatings(db: SqlRunner, model: string, cluster: number, minVotes = DEFAULT_MIN_VOTES_FOR_AVG): Promise<RatingBin[]> {
  return all<RatingBin>(
    db,
    sql`SELECT CAST(least(floor(m.vote_average * 2) / 2, 9.5) AS DOUBLE) AS bin, count(*) AS movies ${memberJoin(model, cluster)}
        AND m.vote_average IS NOT NULL AND m.vote_count >= ${minVotes} GROUP BY bin ORDER BY bin`
  );
}

export interface KeywordCount {
  text: string;
  members: number;
}

/** The TMDB keywords most members carry (each member counted once per keyword). */
export async function clusterMemberKeywords(db: SqlRunner, model: string, cluster: number, limit = 40): Promise<KeywordCount[]> {
  const n = Math.min(200, Math.max(1, Math.floor(limit)));
  return all<KeywordCount>(
    db,
    sql`SELECT k.kw AS text, count(*) AS members
        FROM (SELECT DISTINCT m.id, unnest(m.keywords) AS kw ${memberJoin(model, cluster)}) k
        GROUP BY k.kw ORDER BY members DESC, text LIMIT ${n}`
  );
}

/**
 * For each word, how many members mention it in their title, overview, tagline or keywords
 * (case-insensitive substring). Words are bound one parameter each.
 */
export async function wordMembers(db: SqlRunner, model: string, cluster: number, words: readonly string[]): Promise<KeywordCount[]> {
  const ws = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))].slice(0, 100);
  if (!ws.length) return [];
  return all<KeywordCount>(
    db,
    sql`WITH mem AS (
          SELECT lower(concat_ws(' ', m.title, m.overview, m.tagline, list_aggregate(m.keywords, 'string_agg', ' '))) AS t
          ${memberJoin(model, cluster)}
        ), w AS (SELECT unnest(${listOf(ws)}) AS text)
        SELECT w.text, count(mem.t) FILTER (WHERE contains(mem.t, w.text)) AS members
        FROM w, mem GROUP BY w.text ORDER BY members DESC, w.text`
  );
}
