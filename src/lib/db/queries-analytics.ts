/**
 * The SQL behind the Trends and Insights pages: every aggregation runs in DuckDB, the pages
 * only shape and draw the (small) results. Same rules as queries.ts: user values are bound
 * parameters (sql.ts), the only run-time SQL text comes from the whitelists below
 * (PERIOD_SQL, KEYWORD_SCORE_SQL, FRANCHISE_SORT_SQL, COMPANY_SORT_SQL), no lambda macros
 * (DuckDB 0.9's `x ->` lambdas clash with the `x` column of layout / clusters_meta), and
 * integer sums are cast to DOUBLE (DuckDB sums integers to HUGEINT, which rows.ts refuses).
 *
 * Tables as queries.ts describes them: movies (+ decade, title_key), people, clusters,
 * clusters_meta.
 */
import type { SqlRunner } from './engine';
import { all, budgetRevenue, DEFAULT_MIN_VOTES_FOR_AVG, genreDecadeCounts, movieConditions, type MovieFilters } from './queries';
import { listOf, sql, trusted, whereClause, type Sql } from './sql';

const filtersOf = (o: { filters?: MovieFilters }): MovieFilters => o.filters ?? {};
const clampInt = (v: number | undefined, lo: number, hi: number, fallback: number) =>
  Math.min(hi, Math.max(lo, Math.floor(Number.isFinite(v) ? (v as number) : fallback)));

// ---------------------------------------------------------------------------------------
// Periods

export type PeriodBucket = 'year' | '5y' | 'decade';
export const PERIOD_BUCKETS: readonly PeriodBucket[] = ['year', '5y', 'decade'];
/** First year of the period a movie's year falls in. */
const PERIOD_SQL: Record<PeriodBucket, string> = {
  year: 'm.year',
  '5y': 'CAST(floor(m.year / 5) * 5 AS INTEGER)',
  decade: 'm.decade'
};
export function isPeriodBucket(v: unknown): v is PeriodBucket {
  return typeof v === 'string' && (PERIOD_BUCKETS as readonly string[]).includes(v);
}
function periodSql(bucket: PeriodBucket): Sql {
  if (!isPeriodBucket(bucket)) throw new Error(`Unknown period bucket ${JSON.stringify(bucket)}`);
  return trusted(PERIOD_SQL[bucket]);
}

// ---------------------------------------------------------------------------------------
// Trends

export interface GenrePeriodWeight {
  period: number;
  genre: string;
  /** Movies of the period tagged with the genre. */
  movies: number;
  /** Each movie split evenly among its genres (1/n each): weights of a period sum to its movies with a genre. */
  weight: number;
}

/**
 * Genre mix per period. A movie with n genres adds 1/n to each, so a period's weights sum
 * to its number of (genre-tagged) movies and shares built from them sum to 1.
 */
export async function genreWeightsByPeriod(db: SqlRunner, filters: MovieFilters = {}, bucket: PeriodBucket = 'decade'): Promise<GenrePeriodWeight[]> {
  const period = periodSql(bucket);
  return all<GenrePeriodWeight>(
    db,
    sql`SELECT t.period, t.genre, count(*) AS movies, sum(t.w) AS weight
        FROM (SELECT s.period, unnest(s.g) AS genre, 1.0::DOUBLE / len(s.g) AS w
              FROM (SELECT ${period} AS period, list_distinct(m.genres) AS g FROM movies m
                    ${whereClause([...movieConditions(filters), trusted('m.year IS NOT NULL')])}) s
              WHERE len(s.g) > 0) t
        GROUP BY t.period, t.genre ORDER BY t.period, t.genre`
  );
}

export interface PeriodCount {
  period: number;
  movies: number;
}

/** Movies per period (with a known year). */
export async function moviesPerPeriod(db: SqlRunner, filters: MovieFilters = {}, bucket: PeriodBucket = 'decade'): Promise<PeriodCount[]> {
  const period = periodSql(bucket);
  return all<PeriodCount>(
    db,
    sql`SELECT ${period} AS period, count(*) AS movies FROM movies m
        ${whereClause([...movieConditions(filters), trusted('m.year IS NOT NULL')])}
        GROUP BY 1 ORDER BY 1`
  );
}

export interface PeriodDistribution {
  period: number;
  movies: number;
  runtime_movies: number;
  runtime_p25: number | null;
  runtime_median: number | null;
  runtime_p75: number | null;
  /** Movies with at least `minVotes` votes, the only ones whose rating counts. */
  rated_movies: number;
  rating_p25: number | null;
  rating_median: number | null;
  rating_p75: number | null;
}

/** Runtime and rating quartiles per period; ratings only from movies with ≥ `minVotes` votes. */
export async function runtimeRatingByPeriod(
  db: SqlRunner,
  filters: MovieFilters = {},
  bucket: PeriodBucket = '5y',
  minVotes = DEFAULT_MIN_VOTES_FOR_AVG
): Promise<PeriodDistribution[]> {
  const period = periodSql(bucket);
  return all<PeriodDistribution>(
    db,
    sql`SELECT ${period} AS period, count(*) AS movies,
          count(m.runtime) FILTER (WHERE m.runtime > 0) AS runtime_movies,
          quantile_cont(m.runtime, 0.25) FILTER (WHERE m.runtime > 0) AS runtime_p25,
          quantile_cont(m.runtime, 0.5) FILTER (WHERE m.runtime > 0) AS runtime_median,
          quantile_cont(m.runtime, 0.75) FILTER (WHERE m.runtime > 0) AS runtime_p75,
          count(m.vote_average) FILTER (WHERE m.vote_count >= ${minVotes}) AS rated_movies,
          quantile_cont(m.vote_average, 0.25) FILTER (WHERE m.vote_count >= ${minVotes}) AS rating_p25,
          quantile_cont(m.vote_average, 0.5) FILTER (WHERE m.vote_count >= ${minVotes}) AS rating_median,
          quantile_cont(m.vote_average, 0.75) FILTER (WHERE m.vote_count >= ${minVotes}) AS rating_p75
        FROM movies m ${whereClause([...movieConditions(filters), trusted('m.year IS NOT NULL')])}
        GROUP BY 1 ORDER BY 1`
  );
}

export interface MicroGenreDecadeCount {
  cluster: number;
  /** The cluster's label (clusters_meta, level 'micro'); null when unlabelled. */
  name: string | null;
  decade: number;
  movies: number;
}

/** Members of each cluster of `model` per decade (noise, cluster −1, included: shapers decide). */
export async function microGenreDecadeCounts(db: SqlRunner, model: string, filters: MovieFilters = {}): Promise<MicroGenreDecadeCount[]> {
  return all<MicroGenreDecadeCount>(
    db,
    sql`SELECT c.cluster, any_value(meta.name) AS name, m.decade, count(*) AS movies
        FROM clusters c JOIN movies m ON m.id = c.movie_id
        LEFT JOIN clusters_meta meta ON meta.model = c.model AND meta.level = 'micro' AND meta.cluster = c.cluster
        ${whereClause([sql`c.model = ${model}`, ...movieConditions(filters), trusted('m.decade IS NOT NULL')])}
        GROUP BY c.cluster, m.decade ORDER BY c.cluster, m.decade`
  );
}

export type KeywordRanking = 'top' | 'distinctive';
export const KEYWORD_RANKINGS: readonly KeywordRanking[] = ['top', 'distinctive'];
/**
 * top: movies of the decade with the keyword.
 * distinctive: that count × ln(movies with keywords / movies with the keyword, all decades):
 * TF-IDF over movies, so a keyword frequent in this decade but rare overall ranks high.
 */
const KEYWORD_SCORE_SQL: Record<KeywordRanking, string> = {
  top: 'CAST(c.movies AS DOUBLE)',
  distinctive: 'c.movies * ln(n.movies / o.total)'
};
export function isKeywordRanking(v: unknown): v is KeywordRanking {
  return typeof v === 'string' && (KEYWORD_RANKINGS as readonly string[]).includes(v);
}

/**
 * TMDB keywords that describe how a film was made or released, not what it is about. They top
 * every decade ("duringcreditsstinger" is #3 in TMDB 5000), so the clouds leave them out.
 */
export const PRODUCTION_KEYWORDS: readonly string[] = ['duringcreditsstinger', 'aftercreditsstinger', 'woman director', 'independent film', 'based on novel'];

export interface DecadeKeyword {
  decade: number;
  keyword: string;
  /** Movies of the decade with the keyword. */
  movies: number;
  /** Movies with the keyword in every decade. */
  total: number;
  score: number;
  /** Movies of the decade that have any keyword (the denominator to read `movies` against). */
  decade_movies: number;
}

/** The `perDecade` highest-scoring keywords of each decade. */
export async function keywordsByDecade(
  db: SqlRunner,
  o: { filters?: MovieFilters; ranking?: KeywordRanking; perDecade?: number; exclude?: readonly string[] } = {}
): Promise<DecadeKeyword[]> {
  const ranking = o.ranking ?? 'top';
  if (!isKeywordRanking(ranking)) throw new Error(`Unknown keyword ranking ${JSON.stringify(ranking)}`);
  const perDecade = clampInt(o.perDecade, 1, 100, 20);
  const exclude = o.exclude ?? PRODUCTION_KEYWORDS;
  const minCount = ranking === 'distinctive' ? 2 : 1;
  const notExcluded = exclude.length ? sql`AND NOT list_contains(${listOf(exclude)}, k.keyword)` : trusted('');
  return all<DecadeKeyword>(
    db,
    sql`WITH k AS (
          SELECT s.id, s.decade, s.keyword FROM (
            SELECT m.id, m.decade, unnest(list_distinct(m.keywords)) AS keyword FROM movies m
            ${whereClause([...movieConditions(filtersOf(o)), trusted('m.decade IS NOT NULL')])}) s
        ),
        n AS (SELECT CAST(count(DISTINCT k.id) AS DOUBLE) AS movies FROM k),
        d AS (SELECT k.decade, count(DISTINCT k.id) AS decade_movies FROM k GROUP BY k.decade),
        kept AS (SELECT * FROM k WHERE true ${notExcluded}),
        c AS (SELECT kept.decade, kept.keyword, count(*) AS movies FROM kept GROUP BY kept.decade, kept.keyword),
        o AS (SELECT kept.keyword, count(*) AS total FROM kept GROUP BY kept.keyword)
        SELECT c.decade, c.keyword, c.movies, o.total, ${trusted(KEYWORD_SCORE_SQL[ranking])} AS score, d.decade_movies
        FROM c JOIN o ON o.keyword = c.keyword JOIN d ON d.decade = c.decade CROSS JOIN n
        WHERE c.movies >= ${minCount}
        QUALIFY row_number() OVER (PARTITION BY c.decade ORDER BY score DESC, c.movies DESC, c.keyword) <= ${perDecade}
        ORDER BY c.decade, score DESC, c.movies DESC, c.keyword`
  );
}

// ---------------------------------------------------------------------------------------
// Insights: calendar

export interface CalendarCount {
  /** 1 = January … 12 = December. */
  month: number;
  /** 0 = Sunday … 6 = Saturday (DuckDB dayofweek, JS getDay). */
  weekday: number;
  movies: number;
}

/** Movies per release month × weekday (movies with a full release date only). */
export async function releaseCalendar(db: SqlRunner, f: MovieFilters = {}): Promise<CalendarCount[]> {
  return all<CalendarCount>(
    db,
    sql`SELECT CAST(month(m.release_date) AS INTEGER) AS month, CAST(dayofweek(m.release_date) AS INTEGER) AS weekday, count(*) AS movies
        FROM movies m ${whereClause([...movieConditions(f), trusted('m.release_date IS NOT NULL')])}
        GROUP BY 1, 2 ORDER BY 1, 2`
  );
}

export interface ReleaseItem {
  id: number;
  title: string;
  year: number | null;
  release_date: string;
  vote_average: number | null;
  vote_count: number | null;
}

/** The most-voted movies released in `month` (1–12) and/or on `weekday` (0 = Sunday). */
export async function releasesOn(
  db: SqlRunner,
  o: { month?: number | null; weekday?: number | null; filters?: MovieFilters; limit?: number }
): Promise<ReleaseItem[]> {
  const c = [...movieConditions(filtersOf(o)), trusted('m.release_date IS NOT NULL')];
  if (o.month != null) c.push(sql`month(m.release_date) = ${o.month}`);
  if (o.weekday != null) c.push(sql`dayofweek(m.release_date) = ${o.weekday}`);
  return all<ReleaseItem>(
    db,
    sql`SELECT m.id, m.title, m.year, m.release_date, m.vote_average, m.vote_count FROM movies m ${whereClause(c)}
        ORDER BY m.vote_count DESC NULLS LAST, m.id LIMIT ${clampInt(o.limit, 1, 100, 8)}`
  );
}

// ---------------------------------------------------------------------------------------
// Insights: franchises, countries, companies

export interface CollectionSummary {
  movies: number;
  collections: number;
  /** Movies in a collection. */
  franchise_movies: number;
  /** Revenue of collection movies / revenue of all movies (known revenues only); null without revenue. */
  revenue_share: number | null;
}

export async function collectionSummary(db: SqlRunner, f: MovieFilters = {}): Promise<CollectionSummary> {
  const [r] = await all<CollectionSummary>(
    db,
    sql`SELECT count(*) AS movies, count(DISTINCT m.collection) AS collections, count(m.collection) AS franchise_movies,
          sum(m.revenue) FILTER (WHERE m.collection IS NOT NULL) / nullif(sum(m.revenue), 0) AS revenue_share
        FROM movies m ${whereClause(movieConditions(f))}`
  );
  return r;
}

export type FranchiseSort = 'revenue' | 'avg_revenue' | 'movies' | 'rating';
export const FRANCHISE_SORTS: readonly FranchiseSort[] = ['revenue', 'avg_revenue', 'movies', 'rating'];
const FRANCHISE_SORT_SQL: Record<FranchiseSort, string> = {
  revenue: 'revenue_total DESC NULLS LAST',
  avg_revenue: 'revenue_avg DESC NULLS LAST',
  movies: 'movies DESC, revenue_total DESC NULLS LAST',
  rating: 'rating_avg DESC NULLS LAST'
};
export const isFranchiseSort = (v: unknown): v is FranchiseSort => typeof v === 'string' && Object.hasOwn(FRANCHISE_SORT_SQL, v);

export interface FranchiseRow {
  collection: string;
  movies: number;
  first_year: number | null;
  last_year: number | null;
  /** Sums and means over the movies whose figure is known (`*_known` of them). */
  revenue_total: number | null;
  revenue_avg: number | null;
  revenue_known: number;
  budget_total: number | null;
  budget_avg: number | null;
  budget_known: number;
  /** Mean rating of its movies with ≥ minVotes votes. */
  rating_avg: number | null;
}

/** Totals and averages per collection (franchise) with at least `minMovies` movies. */
export async function franchiseStats(
  db: SqlRunner,
  o: { filters?: MovieFilters; sort?: FranchiseSort; minMovies?: number; limit?: number; minVotes?: number } = {}
): Promise<FranchiseRow[]> {
  const sort = o.sort ?? 'revenue';
  if (!isFranchiseSort(sort)) throw new Error(`Unknown franchise sort ${JSON.stringify(sort)}`);
  const minVotes = o.minVotes ?? DEFAULT_MIN_VOTES_FOR_AVG;
  return all<FranchiseRow>(
    db,
    sql`SELECT m.collection, count(*) AS movies, min(m.year) AS first_year, max(m.year) AS last_year,
          sum(m.revenue) AS revenue_total, avg(m.revenue) AS revenue_avg, count(m.revenue) AS revenue_known,
          sum(m.budget) AS budget_total, avg(m.budget) AS budget_avg, count(m.budget) AS budget_known,
          avg(m.vote_average) FILTER (WHERE m.vote_count >= ${minVotes}) AS rating_avg
        FROM movies m ${whereClause([...movieConditions(filtersOf(o)), trusted('m.collection IS NOT NULL')])}
        GROUP BY m.collection HAVING count(*) >= ${clampInt(o.minMovies, 1, 1000, 2)}
        ORDER BY ${trusted(FRANCHISE_SORT_SQL[sort])}, m.collection LIMIT ${clampInt(o.limit, 1, 500, 15)}`
  );
}

export interface CountryCount {
  country: string;
  movies: number;
  /** Movies made by this country alone. */
  solo: number;
}

export interface CountryStats {
  rows: CountryCount[];
  /** Distinct countries, movies with at least one, and co-productions (≥ 2 countries). */
  countries: number;
  movies_with_country: number;
  coproductions: number;
  movies: number;
}

/** Movies per production country (a co-production counts for each of its countries). */
export async function countryStats(db: SqlRunner, o: { filters?: MovieFilters; limit?: number } = {}): Promise<CountryStats> {
  const where = whereClause(movieConditions(filtersOf(o)));
  const rows = await all<CountryCount>(
    db,
    sql`SELECT s.country, count(*) AS movies, count(*) FILTER (WHERE s.n = 1) AS solo
        FROM (SELECT unnest(list_distinct(m.production_countries)) AS country, len(list_distinct(m.production_countries)) AS n
              FROM movies m ${where}) s
        GROUP BY s.country ORDER BY movies DESC, s.country LIMIT ${clampInt(o.limit, 1, 300, 15)}`
  );
  const [t] = await all<Omit<CountryStats, 'rows'>>(
    db,
    sql`SELECT (SELECT count(DISTINCT c) FROM (SELECT unnest(m.production_countries) AS c FROM movies m ${where})) AS countries,
          count(*) FILTER (WHERE len(m.production_countries) > 0) AS movies_with_country,
          count(*) FILTER (WHERE len(list_distinct(m.production_countries)) > 1) AS coproductions,
          count(*) AS movies
        FROM movies m ${where}`
  );
  return { rows, ...t };
}

export type CompanySort = 'revenue' | 'movies';
export const COMPANY_SORTS: readonly CompanySort[] = ['revenue', 'movies'];
const COMPANY_SORT_SQL: Record<CompanySort, string> = {
  revenue: 'revenue_total DESC NULLS LAST, movies DESC',
  movies: 'movies DESC, revenue_total DESC NULLS LAST'
};
export const isCompanySort = (v: unknown): v is CompanySort => typeof v === 'string' && Object.hasOwn(COMPANY_SORT_SQL, v);

export interface CompanyRow {
  company: string;
  movies: number;
  /** Sum of the known revenues of its movies (the full revenue of a co-production counts for each company). */
  revenue_total: number | null;
  revenue_known: number;
  rating_avg: number | null;
}

/** Production companies by total revenue or number of movies. */
export async function companyStats(
  db: SqlRunner,
  o: { filters?: MovieFilters; sort?: CompanySort; limit?: number; minVotes?: number } = {}
): Promise<CompanyRow[]> {
  const sort = o.sort ?? 'revenue';
  if (!isCompanySort(sort)) throw new Error(`Unknown company sort ${JSON.stringify(sort)}`);
  const minVotes = o.minVotes ?? DEFAULT_MIN_VOTES_FOR_AVG;
  return all<CompanyRow>(
    db,
    sql`SELECT s.company, count(*) AS movies, sum(s.revenue) AS revenue_total, count(s.revenue) AS revenue_known,
          avg(s.vote_average) FILTER (WHERE s.vote_count >= ${minVotes}) AS rating_avg
        FROM (SELECT unnest(list_distinct(m.production_companies)) AS company, m.revenue, m.vote_average, m.vote_count
              FROM movies m ${whereClause(movieConditions(filtersOf(o)))}) s
        GROUP BY s.company ORDER BY ${trusted(COMPANY_SORT_SQL[sort])}, s.company LIMIT ${clampInt(o.limit, 1, 300, 15)}`
  );
}

// ---------------------------------------------------------------------------------------
// Insights: one movie's money

export interface TitleMatch {
  id: number;
  title: string;
  year: number | null;
}

/** Movies whose title starts with `prefix` (case and accents ignored), best known first. */
export async function searchTitles(db: SqlRunner, prefix: string, limit = 8): Promise<TitleMatch[]> {
  if (!prefix.trim()) return [];
  return all<TitleMatch>(
    db,
    sql`SELECT m.id, m.title, m.year FROM movies m ${whereClause(movieConditions({ titlePrefix: prefix }))}
        ORDER BY m.vote_count DESC NULLS LAST, m.title_key, m.id LIMIT ${clampInt(limit, 1, 50, 8)}`
  );
}

export interface MovieMoney {
  id: number;
  title: string;
  year: number | null;
  release_date: string | null;
  budget: number | null;
  revenue: number | null;
  genres: string[];
  collection: string | null;
  /** Movies of the catalogue with both figures, and how many of them returned less (revenue/budget) than this one. */
  roi_peers: number;
  roi_below: number | null;
}

export async function movieMoney(db: SqlRunner, id: number): Promise<MovieMoney | null> {
  const [r] = await all<MovieMoney>(
    db,
    sql`WITH peers AS (SELECT p.revenue / p.budget AS ratio FROM movies p WHERE p.budget > 0 AND p.revenue > 0)
        SELECT m.id, m.title, m.year, m.release_date, m.budget, m.revenue, m.genres, m.collection,
          (SELECT count(*) FROM peers) AS roi_peers,
          CASE WHEN m.budget > 0 AND m.revenue > 0 THEN (SELECT count(*) FROM peers WHERE peers.ratio < m.revenue / m.budget) END AS roi_below
        FROM movies m WHERE m.id = ${id}`
  );
  return r ?? null;
}

// ---------------------------------------------------------------------------------------
// Insights: catalogue health

export interface DuplicateTitle {
  title: string;
  movies: number;
  /** Release years, oldest first (null for unknown). */
  years: (number | null)[];
  ids: number[];
  /** Two or more of them share a year: more likely a double entry than a remake. */
  same_year: boolean;
}

export interface DuplicateSummary {
  /** Titles (compared ignoring case and accents) that more than one movie has. */
  titles: number;
  movies: number;
  /** Titles with two movies in the same year. */
  same_year_titles: number;
}

export async function duplicateTitles(db: SqlRunner, limit = 20): Promise<{ rows: DuplicateTitle[]; summary: DuplicateSummary }> {
  const rows = await all<DuplicateTitle>(
    db,
    sql`SELECT min(m.title) AS title, count(*) AS movies, list(m.year ORDER BY m.year NULLS LAST, m.id) AS years,
          list(m.id ORDER BY m.year NULLS LAST, m.id) AS ids, count(m.year) > count(DISTINCT m.year) AS same_year
        FROM movies m GROUP BY m.title_key HAVING count(*) > 1
        ORDER BY count(m.year) > count(DISTINCT m.year) DESC, count(*) DESC, min(m.title) LIMIT ${clampInt(limit, 1, 500, 20)}`
  );
  const [summary] = await all<DuplicateSummary>(
    db,
    sql`SELECT count(*) AS titles, CAST(coalesce(sum(g.n), 0) AS DOUBLE) AS movies, count(*) FILTER (WHERE g.same_year) AS same_year_titles
        FROM (SELECT count(*) AS n, count(m.year) > count(DISTINCT m.year) AS same_year FROM movies m GROUP BY m.title_key HAVING count(*) > 1) g`
  );
  return { rows, summary };
}

export interface GenreFrequency {
  genre: string;
  movies: number;
}

/** Movies per genre, and how many have none. */
export async function genreFrequency(db: SqlRunner, f: MovieFilters = {}): Promise<{ rows: GenreFrequency[]; without: number; movies: number }> {
  const where = whereClause(movieConditions(f));
  const rows = await all<GenreFrequency>(
    db,
    sql`SELECT s.genre, count(*) AS movies FROM (SELECT unnest(list_distinct(m.genres)) AS genre FROM movies m ${where}) s
        GROUP BY s.genre ORDER BY movies DESC, s.genre`
  );
  const [t] = await all<{ without: number; movies: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE len(m.genres) = 0) AS without, count(*) AS movies FROM movies m ${where}`
  );
  return { rows, ...t };
}

export interface CastSizeBin {
  /** Credited cast members of a movie in people.parquet. */
  cast_size: number;
  movies: number;
}

export interface CastSizeByDecade {
  decade: number;
  movies: number;
  avg_cast: number;
}

/** Distribution of credited cast per movie (movies without any credit count as 0), overall and by decade. */
export async function castSizeStats(db: SqlRunner, f: MovieFilters = {}): Promise<{ bins: CastSizeBin[]; byDecade: CastSizeByDecade[] }> {
  const sizes = sql`SELECT m.id, m.decade, count(p.movie_id) AS cast_size
        FROM movies m LEFT JOIN people p ON p.movie_id = m.id AND p.role = 'cast'
        ${whereClause(movieConditions(f))} GROUP BY m.id, m.decade`;
  const bins = await all<CastSizeBin>(db, sql`SELECT s.cast_size, count(*) AS movies FROM (${sizes}) s GROUP BY 1 ORDER BY 1`);
  const byDecade = await all<CastSizeByDecade>(
    db,
    sql`SELECT s.decade, count(*) AS movies, avg(s.cast_size) AS avg_cast FROM (${sizes}) s WHERE s.decade IS NOT NULL GROUP BY 1 ORDER BY 1`
  );
  return { bins, byDecade };
}

/**
 * Actors are told apart by TMDB person id when the source has one, else by name as
 * spelled (the derived TMDB 5000 people file has no ids).
 */
const CAST_CREDITS = (f: MovieFilters) => sql`SELECT DISTINCT coalesce('id:' || CAST(p.person_id AS VARCHAR), 'name:' || p.person) AS who,
          p.person, m.id, m.year, m.decade
        FROM people p JOIN movies m ON m.id = p.movie_id
        ${whereClause([trusted("p.role = 'cast'"), trusted('m.year IS NOT NULL'), ...movieConditions(f)])}`;

export interface CastEraRow {
  decade: number;
  /** Distinct credited actors of the decade. */
  actors: number;
  /** …whose first film in the catalogue is in this decade. */
  newcomers: number;
  /** …who had a film in an earlier decade, less than `veteranYears` before their first film of this decade. */
  returning: number;
  /** …whose first film in the catalogue is `veteranYears` or more years older than their first of this decade. */
  veterans: number;
}

/**
 * "Old vs modern casting": each decade's credited actors split into newcomers, returning
 * actors and veterans of `veteranYears`+ years, by their first film in this catalogue.
 */
export async function castEras(db: SqlRunner, o: { filters?: MovieFilters; veteranYears?: number } = {}): Promise<CastEraRow[]> {
  const veteranYears = clampInt(o.veteranYears, 1, 100, 20);
  return all<CastEraRow>(
    db,
    sql`WITH c AS (${CAST_CREDITS(filtersOf(o))}),
        debut AS (SELECT c.who, min(c.year) AS first_year FROM c GROUP BY c.who),
        per AS (SELECT c.who, c.decade, min(c.year) AS y FROM c GROUP BY c.who, c.decade)
        SELECT per.decade, count(*) AS actors,
          count(*) FILTER (WHERE debut.first_year >= per.decade) AS newcomers,
          count(*) FILTER (WHERE debut.first_year < per.decade AND per.y - debut.first_year < ${veteranYears}) AS returning,
          count(*) FILTER (WHERE debut.first_year < per.decade AND per.y - debut.first_year >= ${veteranYears}) AS veterans
        FROM per JOIN debut ON debut.who = per.who
        GROUP BY per.decade ORDER BY per.decade`
  );
}

export interface LongCareer {
  person: string;
  first_year: number;
  last_year: number;
  movies: number;
}

/** Actors with the longest span between their first and last film in the catalogue. */
export async function longestCareers(db: SqlRunner, o: { filters?: MovieFilters; minMovies?: number; limit?: number } = {}): Promise<LongCareer[]> {
  return all<LongCareer>(
    db,
    sql`WITH c AS (${CAST_CREDITS(filtersOf(o))})
        SELECT min(c.person) AS person, min(c.year) AS first_year, max(c.year) AS last_year, count(DISTINCT c.id) AS movies
        FROM c GROUP BY c.who HAVING count(DISTINCT c.id) >= ${clampInt(o.minMovies, 1, 100, 3)}
        ORDER BY max(c.year) - min(c.year) DESC, movies DESC, person LIMIT ${clampInt(o.limit, 1, 100, 10)}`
  );
}

/** The catalogue's analytics queries bound to one database (with the two of queries.ts these pages use). */
export function analyticsQueries(db: SqlRunner) {
  return {
    genreDecadeCounts: (f?: MovieFilters) => genreDecadeCounts(db, f),
    budgetRevenue: (f?: MovieFilters, o?: { minBudget?: number; limit?: number }) => budgetRevenue(db, f, o),
    genreWeightsByPeriod: (f?: MovieFilters, b?: PeriodBucket) => genreWeightsByPeriod(db, f, b),
    moviesPerPeriod: (f?: MovieFilters, b?: PeriodBucket) => moviesPerPeriod(db, f, b),
    runtimeRatingByPeriod: (f?: MovieFilters, b?: PeriodBucket, minVotes?: number) => runtimeRatingByPeriod(db, f, b, minVotes),
    microGenreDecadeCounts: (model: string, f?: MovieFilters) => microGenreDecadeCounts(db, model, f),
    keywordsByDecade: (o?: Parameters<typeof keywordsByDecade>[1]) => keywordsByDecade(db, o),
    releaseCalendar: (f?: MovieFilters) => releaseCalendar(db, f),
    releasesOn: (o: Parameters<typeof releasesOn>[1]) => releasesOn(db, o),
    collectionSummary: (f?: MovieFilters) => collectionSummary(db, f),
    franchiseStats: (o?: Parameters<typeof franchiseStats>[1]) => franchiseStats(db, o),
    countryStats: (o?: Parameters<typeof countryStats>[1]) => countryStats(db, o),
    companyStats: (o?: Parameters<typeof companyStats>[1]) => companyStats(db, o),
    searchTitles: (prefix: string, limit?: number) => searchTitles(db, prefix, limit),
    movieMoney: (id: number) => movieMoney(db, id),
    duplicateTitles: (limit?: number) => duplicateTitles(db, limit),
    genreFrequency: (f?: MovieFilters) => genreFrequency(db, f),
    castSizeStats: (f?: MovieFilters) => castSizeStats(db, f),
    castEras: (o?: Parameters<typeof castEras>[1]) => castEras(db, o),
    longestCareers: (o?: Parameters<typeof longestCareers>[1]) => longestCareers(db, o)
  };
}
export type AnalyticsQueries = ReturnType<typeof analyticsQueries>;
