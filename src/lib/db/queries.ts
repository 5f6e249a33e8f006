/**
 * Every SQL statement the site runs, typed and parameterised. All user-supplied values are
 * bound parameters (see sql.ts); the only SQL text chosen at run time is picked from
 * whitelists in this file (sort columns, directions, roles). Results are plain objects
 * (rows.ts): ids and counts are numbers, dates ISO strings, lists arrays.
 *
 * Tables (created by the loader from the artifacts, see ARTIFACTS):
 *   movies         movies.parquet + `decade` (1990 for 1990–1999) + `title_key` (lower, unaccented title)
 *   people         people.parquet (one row per credit)
 *   clusters       clusters.parquet (movie × model → cluster (-1 noise), display_cluster, probability); empty when not built
 *   clusters_meta  clusters_meta.parquet (model × level × cluster → name, keywords, size, x, y, …); empty when not built.
 *                  Queries join level 'micro' (the model's own clusters); 'macro' is Ward's roll-up.
 *   layout         layout.parquet (movie → x, y on the 2-D map, in [0, 1]); empty when not built
 */
import { MOVIE_FIELDS, type Movie } from '../core/movie';
import type { SqlRunner } from './engine';
import { toRows } from './rows';
import { join as joinSql, listOf, quoteLiteral, sql, Sql, trusted, tupleOf, whereClause } from './sql';

// ---------------------------------------------------------------------------------------
// Artifacts → tables

export interface ArtifactSpec {
  /** File name under `<base>/data/`. */
  file: string;
  table: string;
  /** A required artifact that is missing is an error; an optional one becomes an empty table. */
  required: boolean;
  /** Columns the queries rely on; a file without them is refused with a message naming them. */
  columns: readonly string[];
  /** CREATE TABLE … AS SELECT … FROM the registered file. */
  createFrom(registeredFile: string): string;
  /** CREATE TABLE for an optional artifact that is absent. */
  createEmpty?: string;
}

export const ARTIFACTS: readonly ArtifactSpec[] = [
  {
    file: 'movies.parquet',
    table: 'movies',
    required: true,
    columns: MOVIE_FIELDS,
    createFrom: (f) =>
      `CREATE OR REPLACE TABLE movies AS SELECT *, ` +
      `CAST(floor(year / 10) * 10 AS INTEGER) AS decade, lower(strip_accents(title)) AS title_key ` +
      `FROM read_parquet(${quoteLiteral(f)})`
  },
  {
    file: 'people.parquet',
    table: 'people',
    required: true,
    columns: ['movie_id', 'person', 'person_id', 'role', 'billing_order', 'character'],
    createFrom: (f) => `CREATE OR REPLACE TABLE people AS SELECT * FROM read_parquet(${quoteLiteral(f)})`
  },
  {
    file: 'clusters.parquet',
    table: 'clusters',
    required: false,
    columns: ['movie_id', 'model', 'cluster', 'display_cluster', 'probability'],
    createFrom: (f) => `CREATE OR REPLACE TABLE clusters AS SELECT * FROM read_parquet(${quoteLiteral(f)})`,
    createEmpty:
      'CREATE OR REPLACE TABLE clusters (movie_id BIGINT, model VARCHAR, cluster INTEGER, display_cluster INTEGER, probability DOUBLE, macro_cluster INTEGER)'
  },
  {
    file: 'clusters_meta.parquet',
    table: 'clusters_meta',
    required: false,
    columns: ['model', 'level', 'cluster', 'name', 'keywords', 'size', 'x', 'y'],
    createFrom: (f) => `CREATE OR REPLACE TABLE clusters_meta AS SELECT * FROM read_parquet(${quoteLiteral(f)})`,
    createEmpty:
      'CREATE OR REPLACE TABLE clusters_meta (model VARCHAR, level VARCHAR, cluster INTEGER, name VARCHAR, keywords VARCHAR[], size INTEGER, x DOUBLE, y DOUBLE)'
  },
  {
    file: 'layout.parquet',
    table: 'layout',
    required: false,
    columns: ['id', 'x', 'y'],
    // The n-D coordinates stay out: the site only draws the 2-D map.
    createFrom: (f) => `CREATE OR REPLACE TABLE layout AS SELECT id, x, y FROM read_parquet(${quoteLiteral(f)})`,
    createEmpty: 'CREATE OR REPLACE TABLE layout (id BIGINT, x DOUBLE, y DOUBLE)'
  }
];

/** Column names of a registered Parquet file (reads the footer only). */
export function describeFileSql(registeredFile: string): string {
  return `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(registeredFile)})`;
}

/** The tables' row counts, for the loader's summary and the diagnostics page. */
export async function tableCounts(db: SqlRunner): Promise<Record<string, number>> {
  const parts = ARTIFACTS.map((a) => `SELECT ${quoteLiteral(a.table)} AS t, count(*) AS n FROM ${a.table}`);
  const rows = toRows<{ t: string; n: number }>(await db.query(parts.join(' UNION ALL ')));
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

// ---------------------------------------------------------------------------------------
// Filters

export interface MovieFilters {
  /** Inclusive year range; null/undefined = open. */
  yearMin?: number | null;
  yearMax?: number | null;
  genres?: readonly string[];
  /** 'any' (default): at least one of `genres`; 'all': every one of them. */
  genreMode?: 'any' | 'all';
  ratingMin?: number | null;
  ratingMax?: number | null;
  /** Only movies with at least this many votes (applies to the rating filter's meaning too). */
  minVotes?: number | null;
  runtimeMin?: number | null;
  runtimeMax?: number | null;
  /** original_language codes (ISO 639-1), any of them. */
  languages?: readonly string[];
  /** Case- and accent-insensitive prefix of the title. */
  titlePrefix?: string | null;
  /** Restrict to these movie ids (e.g. semantic search hits). An empty array matches nothing. */
  ids?: readonly number[] | null;
  /** Members of one cluster of one model. */
  cluster?: { model: string; cluster: number } | null;
}

/** A filter dimension a facet leaves out so it can show the alternatives to the current choice. */
type FilterDimension = 'year' | 'genres' | 'languages';

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The WHERE conditions on `movies m` for `f`, leaving out `omit`. */
export function movieConditions(f: MovieFilters = {}, omit?: FilterDimension): Sql[] {
  const c: Sql[] = [];
  if (omit !== 'year') {
    if (isNum(f.yearMin)) c.push(sql`m.year >= ${f.yearMin}`);
    if (isNum(f.yearMax)) c.push(sql`m.year <= ${f.yearMax}`);
  }
  if (omit !== 'genres' && f.genres?.length) {
    // One list_contains per genre, not list_has_any/list_has_all: in DuckDB 0.9 those are
    // macros over a lambda named x, which fail to bind ("Conflicting column names for column
    // x") in any query that also reads a table with a column x (layout, clusters_meta).
    const each = f.genres.map((g) => sql`list_contains(m.genres, ${g})`);
    c.push(sql`(${joinSql(each, f.genreMode === 'all' ? ' AND ' : ' OR ')})`);
  }
  if (isNum(f.ratingMin)) c.push(sql`m.vote_average >= ${f.ratingMin}`);
  if (isNum(f.ratingMax)) c.push(sql`m.vote_average <= ${f.ratingMax}`);
  if (isNum(f.minVotes) && f.minVotes > 0) c.push(sql`m.vote_count >= ${f.minVotes}`);
  if (isNum(f.runtimeMin)) c.push(sql`m.runtime >= ${f.runtimeMin}`);
  if (isNum(f.runtimeMax)) c.push(sql`m.runtime <= ${f.runtimeMax}`);
  if (omit !== 'languages' && f.languages?.length) c.push(sql`m.original_language IN ${tupleOf(f.languages)}`);
  const prefix = f.titlePrefix?.trim();
  if (prefix) c.push(sql`starts_with(m.title_key, lower(strip_accents(${prefix})))`);
  if (f.ids) c.push(f.ids.length ? sql`list_contains(${listOf(f.ids)}, m.id)` : trusted('false'));
  if (f.cluster)
    c.push(sql`EXISTS (SELECT 1 FROM clusters c WHERE c.movie_id = m.id AND c.model = ${f.cluster.model} AND c.cluster = ${f.cluster.cluster})`);
  return c;
}

/** Ratings from fewer votes than this are left out of averages (TMDB's 0/10 from one vote). */
export const DEFAULT_MIN_VOTES_FOR_AVG = 10;

export async function all<T>(db: SqlRunner, q: Sql): Promise<T[]> {
  return toRows<T>(await db.query(q.text, q.params));
}

// ---------------------------------------------------------------------------------------
// Movies

export interface MovieListItem {
  id: number;
  title: string;
  year: number | null;
  release_date: string | null;
  genres: string[];
  directors: string[];
  vote_average: number | null;
  vote_count: number | null;
  runtime: number | null;
  popularity: number | null;
  original_language: string | null;
  poster_path: string | null;
}

const LIST_COLUMNS = trusted(
  'm.id, m.title, m.year, m.release_date, m.genres, m.directors, m.vote_average, m.vote_count, m.runtime, ' +
    'm.popularity, m.original_language, m.poster_path'
);

/** Sort keys the pages may offer, mapped to SQL. Anything else is refused. */
export const SORT_COLUMNS = {
  title: 'm.title_key',
  year: 'm.year',
  release_date: 'm.release_date',
  rating: 'm.vote_average',
  votes: 'm.vote_count',
  popularity: 'm.popularity',
  runtime: 'm.runtime',
  budget: 'm.budget',
  revenue: 'm.revenue'
} as const;
export type SortKey = keyof typeof SORT_COLUMNS;
export type SortDir = 'asc' | 'desc';

export function isSortKey(v: unknown): v is SortKey {
  return typeof v === 'string' && Object.hasOwn(SORT_COLUMNS, v);
}

export interface MovieListOptions {
  filters?: MovieFilters;
  sort?: SortKey;
  dir?: SortDir;
  /** Zero-based page number. */
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  rows: T[];
  /** Rows matching the filters, over all pages. */
  total: number;
  page: number;
  pageSize: number;
}

export const MAX_PAGE_SIZE = 500;

function orderBy(sort: SortKey, dir: SortDir): Sql {
  if (!isSortKey(sort)) throw new Error(`Unknown sort key ${JSON.stringify(sort)}; expected one of ${Object.keys(SORT_COLUMNS).join(', ')}`);
  if (dir !== 'asc' && dir !== 'desc') throw new Error(`Unknown sort direction ${JSON.stringify(dir)}`);
  return trusted(`ORDER BY ${SORT_COLUMNS[sort]} ${dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, m.id ASC`);
}

/** One page of movies matching `filters`, sorted by a whitelisted column (ties by id). */
export async function movieList(db: SqlRunner, o: MovieListOptions = {}): Promise<Page<MovieListItem>> {
  const page = Math.max(0, Math.floor(o.page ?? 0));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(o.pageSize ?? 50)));
  const where = whereClause(movieConditions(o.filters));
  const [rows, total] = await Promise.all([
    all<MovieListItem>(db, sql`SELECT ${LIST_COLUMNS} FROM movies m ${where} ${orderBy(o.sort ?? 'popularity', o.dir ?? 'desc')} LIMIT ${pageSize} OFFSET ${page * pageSize}`),
    countMovies(db, o.filters)
  ]);
  return { rows, total, page, pageSize };
}

export async function countMovies(db: SqlRunner, filters?: MovieFilters): Promise<number> {
  const [r] = await all<{ n: number }>(db, sql`SELECT count(*) AS n FROM movies m ${whereClause(movieConditions(filters))}`);
  return r.n;
}

export interface CreditRow {
  person: string;
  person_id: number | null;
  character: string | null;
  billing_order: number;
}

export interface MovieCluster {
  model: string;
  /** −1 = noise (HDBSCAN). */
  cluster: number;
  /** The cluster to colour by (noise takes its nearest cluster). */
  display_cluster: number;
  probability: number | null;
  name: string | null;
}

export interface MovieDetail extends Movie {
  credits: { cast: CreditRow[]; directors: CreditRow[] };
  clusters: MovieCluster[];
}

const MOVIE_COLUMNS = trusted(MOVIE_FIELDS.map((f) => `m."${f}"`).join(', '));

/** One movie with its full record, cast and directors from people.parquet, and its clusters; null if unknown. */
export async function movieById(db: SqlRunner, id: number): Promise<MovieDetail | null> {
  const [movie] = await all<Movie>(db, sql`SELECT ${MOVIE_COLUMNS} FROM movies m WHERE m.id = ${id}`);
  if (!movie) return null;
  const credits = await all<CreditRow & { role: string }>(
    db,
    sql`SELECT p.role, p.person, p.person_id, p.character, p.billing_order FROM people p WHERE p.movie_id = ${id} ORDER BY p.role, p.billing_order, p.person`
  );
  const clusters = await all<MovieCluster>(
    db,
    sql`SELECT c.model, c.cluster, c.display_cluster, c.probability, meta.name FROM clusters c
        LEFT JOIN clusters_meta meta ON meta.model = c.model AND meta.level = 'micro' AND meta.cluster = c.cluster
        WHERE c.movie_id = ${id} ORDER BY c.model`
  );
  const pick = (role: string) => credits.filter((c) => c.role === role).map(({ role: _r, ...c }) => c);
  return { ...movie, credits: { cast: pick('cast'), directors: pick('director') }, clusters };
}

// ---------------------------------------------------------------------------------------
// Facets and bounds

export interface FacetCount<T> {
  value: T;
  movies: number;
}

export interface Facets {
  genres: FacetCount<string>[];
  decades: FacetCount<number>[];
  languages: FacetCount<string>[];
}

/**
 * Counts per genre, decade and original language among movies matching `filters`. Each
 * facet ignores its own dimension (genres ignore the genre filter, decades the year range,
 * languages the language filter), so it lists the alternatives to the current choice with
 * the counts they would give; every other filter applies.
 */
export async function facetCounts(db: SqlRunner, filters: MovieFilters = {}): Promise<Facets> {
  const genres = await all<FacetCount<string>>(
    db,
    sql`SELECT g.genre AS value, count(*) AS movies
        FROM (SELECT unnest(list_distinct(m.genres)) AS genre FROM movies m ${whereClause(movieConditions(filters, 'genres'))}) g
        GROUP BY g.genre ORDER BY movies DESC, value`
  );
  const decades = await all<FacetCount<number>>(
    db,
    sql`SELECT m.decade AS value, count(*) AS movies FROM movies m
        ${whereClause([...movieConditions(filters, 'year'), trusted('m.decade IS NOT NULL')])}
        GROUP BY m.decade ORDER BY value`
  );
  const languages = await all<FacetCount<string>>(
    db,
    sql`SELECT m.original_language AS value, count(*) AS movies FROM movies m
        ${whereClause([...movieConditions(filters, 'languages'), trusted('m.original_language IS NOT NULL')])}
        GROUP BY m.original_language ORDER BY movies DESC, value`
  );
  return { genres, decades, languages };
}

export interface CatalogueBounds {
  movies: number;
  year_min: number | null;
  year_max: number | null;
  runtime_min: number | null;
  runtime_max: number | null;
  rating_min: number | null;
  rating_max: number | null;
  votes_max: number | null;
}

/** Ranges of the filterable columns over the whole catalogue (slider bounds). */
export async function catalogueBounds(db: SqlRunner): Promise<CatalogueBounds> {
  const [r] = await all<CatalogueBounds>(
    db,
    sql`SELECT count(*) AS movies, min(m.year) AS year_min, max(m.year) AS year_max,
          min(m.runtime) AS runtime_min, max(m.runtime) AS runtime_max,
          min(m.vote_average) AS rating_min, max(m.vote_average) AS rating_max, max(m.vote_count) AS votes_max
        FROM movies m`
  );
  return r;
}

// ---------------------------------------------------------------------------------------
// People

export type PersonRef = { id: number; name?: undefined } | { name: string; id?: undefined };
export type CreditRole = 'cast' | 'director';

export interface FilmographyRow {
  id: number;
  title: string;
  year: number | null;
  release_date: string | null;
  genres: string[];
  vote_average: number | null;
  vote_count: number | null;
  poster_path: string | null;
  role: CreditRole;
  character: string | null;
  billing_order: number;
  /** The name as this credit spells it. */
  person: string;
  person_id: number | null;
}

/** Every credit of one person (by TMDB person id, or by name when the source has no ids), oldest first. */
export async function personFilmography(db: SqlRunner, who: PersonRef): Promise<FilmographyRow[]> {
  const match = who.id !== undefined ? sql`p.person_id = ${who.id}` : sql`p.person = ${who.name}`;
  return all<FilmographyRow>(
    db,
    sql`SELECT m.id, m.title, m.year, m.release_date, m.genres, m.vote_average, m.vote_count, m.poster_path,
          p.role, p.character, p.billing_order, p.person, p.person_id
        FROM people p JOIN movies m ON m.id = p.movie_id
        WHERE ${match}
        ORDER BY m.release_date ASC NULLS LAST, m.year ASC NULLS LAST, m.id, p.role`
  );
}

export interface TopPerson {
  person: string;
  person_id: number | null;
  movies: number;
  /** Mean vote_average over their movies with enough votes; null when none has. */
  avg_rating: number | null;
  rated_movies: number;
}

export interface TopPeopleOptions {
  role: CreditRole;
  /** 'count' (default): most movies; 'avg_rating': best mean rating among people with ≥ minMovies rated movies. */
  by?: 'count' | 'avg_rating';
  /** People with fewer movies are left out (default 1 for count, 3 for avg_rating). */
  minMovies?: number;
  /** Votes a movie needs to count towards the average (default DEFAULT_MIN_VOTES_FOR_AVG). */
  minVotes?: number;
  /** Cast only: credits billed at or above this position (0 = top billing); default all. */
  maxBillingOrder?: number | null;
  filters?: MovieFilters;
  limit?: number;
}

const ROLES: readonly CreditRole[] = ['cast', 'director'];

/** People ranked by number of movies or by mean rating, among movies matching `filters`. */
export async function topPeople(db: SqlRunner, o: TopPeopleOptions): Promise<TopPerson[]> {
  if (!ROLES.includes(o.role)) throw new Error(`Unknown role ${JSON.stringify(o.role)}`);
  const by = o.by ?? 'count';
  if (by !== 'count' && by !== 'avg_rating') throw new Error(`Unknown ranking ${JSON.stringify(by)}`);
  const minVotes = o.minVotes ?? DEFAULT_MIN_VOTES_FOR_AVG;
  const minMovies = Math.max(1, o.minMovies ?? (by === 'count' ? 1 : 3));
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(o.limit ?? 20)));
  const conditions = [sql`p.role = ${o.role}`, ...movieConditions(o.filters)];
  if (isNum(o.maxBillingOrder)) conditions.push(sql`p.billing_order <= ${o.maxBillingOrder}`);
  const having =
    by === 'count'
      ? sql`HAVING count(DISTINCT m.id) >= ${minMovies}`
      : sql`HAVING count(DISTINCT m.id) FILTER (WHERE m.vote_count >= ${minVotes} AND m.vote_average IS NOT NULL) >= ${minMovies}`;
  const order = trusted(by === 'count' ? 'ORDER BY movies DESC, avg_rating DESC NULLS LAST, person' : 'ORDER BY avg_rating DESC, rated_movies DESC, person');
  return all<TopPerson>(
    db,
    sql`SELECT p.person, p.person_id, count(DISTINCT m.id) AS movies,
          avg(m.vote_average) FILTER (WHERE m.vote_count >= ${minVotes}) AS avg_rating,
          count(DISTINCT m.id) FILTER (WHERE m.vote_count >= ${minVotes} AND m.vote_average IS NOT NULL) AS rated_movies
        FROM people p JOIN movies m ON m.id = p.movie_id
        ${whereClause(conditions)}
        GROUP BY p.person, p.person_id
        ${having} ${order} LIMIT ${limit}`
  );
}

// ---------------------------------------------------------------------------------------
// Aggregations

export interface YearStats {
  year: number;
  movies: number;
  /** Mean vote_average of the year's movies with enough votes; null when none has. */
  avg_rating: number | null;
  avg_runtime: number | null;
}

export async function yearlyStats(db: SqlRunner, filters: MovieFilters = {}, minVotes = DEFAULT_MIN_VOTES_FOR_AVG): Promise<YearStats[]> {
  return all<YearStats>(
    db,
    sql`SELECT m.year, count(*) AS movies,
          avg(m.vote_average) FILTER (WHERE m.vote_count >= ${minVotes}) AS avg_rating,
          avg(m.runtime) AS avg_runtime
        FROM movies m ${whereClause([...movieConditions(filters), trusted('m.year IS NOT NULL')])}
        GROUP BY m.year ORDER BY m.year`
  );
}

export interface GenreDecadeCount {
  genre: string;
  decade: number;
  movies: number;
}

/** Movies per genre and decade (a movie counts once in each of its genres). */
export async function genreDecadeCounts(db: SqlRunner, filters: MovieFilters = {}): Promise<GenreDecadeCount[]> {
  return all<GenreDecadeCount>(
    db,
    sql`SELECT g.genre, g.decade, count(*) AS movies
        FROM (SELECT unnest(list_distinct(m.genres)) AS genre, m.decade FROM movies m
              ${whereClause([...movieConditions(filters), trusted('m.decade IS NOT NULL')])}) g
        GROUP BY g.genre, g.decade ORDER BY g.decade, g.genre`
  );
}

export interface BudgetRevenuePoint {
  id: number;
  title: string;
  year: number | null;
  budget: number;
  revenue: number;
  vote_average: number | null;
  genres: string[];
}

/** Movies with both a known budget and revenue (USD, as the source gives them). */
export async function budgetRevenue(
  db: SqlRunner,
  filters: MovieFilters = {},
  o: { minBudget?: number; limit?: number } = {}
): Promise<BudgetRevenuePoint[]> {
  const limit = Math.max(1, Math.floor(o.limit ?? 100_000));
  return all<BudgetRevenuePoint>(
    db,
    sql`SELECT m.id, m.title, m.year, m.budget, m.revenue, m.vote_average, m.genres FROM movies m
        ${whereClause([...movieConditions(filters), sql`m.budget >= ${o.minBudget ?? 1}`, trusted('m.revenue > 0')])}
        ORDER BY m.id LIMIT ${limit}`
  );
}

// ---------------------------------------------------------------------------------------
// Clusters

export interface ClusterModelInfo {
  model: string;
  clusters: number;
  movies: number;
}

export async function clusterModels(db: SqlRunner): Promise<ClusterModelInfo[]> {
  return all<ClusterModelInfo>(
    db,
    sql`SELECT c.model, count(DISTINCT c.cluster) AS clusters, count(*) AS movies FROM clusters c GROUP BY c.model ORDER BY c.model`
  );
}

export interface ClusterSummary {
  cluster: number;
  name: string | null;
  keywords: string[] | null;
  /** Members in the whole catalogue (from clusters_meta). */
  size: number | null;
  /** Where the name is drawn on the map. */
  x: number | null;
  y: number | null;
  /** Members among movies matching the filters. */
  movies: number;
  avg_rating: number | null;
  avg_probability: number | null;
}

/** Clusters of one model with their names and, among movies matching `filters`, size and mean rating. */
export async function clusterSummary(
  db: SqlRunner,
  model: string,
  filters: MovieFilters = {},
  minVotes = DEFAULT_MIN_VOTES_FOR_AVG
): Promise<ClusterSummary[]> {
  return all<ClusterSummary>(
    db,
    sql`SELECT c.cluster, any_value(meta.name) AS name, any_value(meta.keywords) AS keywords, any_value(meta.size) AS size,
          any_value(meta.x) AS x, any_value(meta.y) AS y, count(*) AS movies,
          avg(m.vote_average) FILTER (WHERE m.vote_count >= ${minVotes}) AS avg_rating,
          avg(c.probability) AS avg_probability
        FROM clusters c JOIN movies m ON m.id = c.movie_id
        LEFT JOIN clusters_meta meta ON meta.model = c.model AND meta.level = 'micro' AND meta.cluster = c.cluster
        ${whereClause([sql`c.model = ${model}`, ...movieConditions(filters)])}
        GROUP BY c.cluster ORDER BY movies DESC, c.cluster`
  );
}

export interface MapPoint {
  id: number;
  title: string;
  year: number | null;
  vote_average: number | null;
  x: number;
  y: number;
  /** display_cluster of `model`, or null without a model / clusters. */
  cluster: number | null;
}

/** Movies matching `filters` with their 2-D map position (and cluster of `model` to colour by). */
export async function mapPoints(db: SqlRunner, filters: MovieFilters = {}, model: string | null = null): Promise<MapPoint[]> {
  return all<MapPoint>(
    db,
    sql`SELECT m.id, m.title, m.year, m.vote_average, l.x, l.y, c.display_cluster AS cluster
        FROM layout l JOIN movies m ON m.id = l.id
        LEFT JOIN clusters c ON c.movie_id = m.id AND c.model = ${model}
        ${whereClause(movieConditions(filters))}
        ORDER BY m.id`
  );
}

// ---------------------------------------------------------------------------------------

/** The query functions bound to one database, for pages that hold a connection. */
export function catalogueQueries(db: SqlRunner) {
  return {
    movieList: (o?: MovieListOptions) => movieList(db, o),
    countMovies: (f?: MovieFilters) => countMovies(db, f),
    movieById: (id: number) => movieById(db, id),
    facetCounts: (f?: MovieFilters) => facetCounts(db, f),
    catalogueBounds: () => catalogueBounds(db),
    personFilmography: (who: PersonRef) => personFilmography(db, who),
    topPeople: (o: TopPeopleOptions) => topPeople(db, o),
    yearlyStats: (f?: MovieFilters, minVotes?: number) => yearlyStats(db, f, minVotes),
    genreDecadeCounts: (f?: MovieFilters) => genreDecadeCounts(db, f),
    budgetRevenue: (f?: MovieFilters, o?: { minBudget?: number; limit?: number }) => budgetRevenue(db, f, o),
    clusterModels: () => clusterModels(db),
    clusterSummary: (model: string, f?: MovieFilters, minVotes?: number) => clusterSummary(db, model, f, minVotes),
    mapPoints: (f?: MovieFilters, model?: string | null) => mapPoints(db, f, model),
    tableCounts: () => tableCounts(db)
  };
}
export type CatalogueQueries = ReturnType<typeof catalogueQueries>;
