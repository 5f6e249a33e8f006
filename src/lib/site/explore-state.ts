/**
 * The explorer's view state and its URL form. Pure: no Svelte, no DOM, so the round trip
 * URL → state → URL is unit-tested (tests/unit/explore/explore-state.test.ts).
 *
 * URL parameters of /explore/ (all optional; defaults are left out of the URL):
 *   q           title starts with (ignores case and accents)
 *   genres      Drama,Crime                       match=all → every genre (default: any)
 *   decade      1990 (1990–1999)                  from / to: year range (intersected with decade)
 *   minRating / maxRating (0–10, inclusive)       minVotes
 *   minRuntime / maxRuntime (minutes)
 *   lang        en,fr (ISO 639-1)
 *   model       clustering model id (default: models.json default_model)   cluster: micro-genre id in it
 *   sort        popularity | rating | votes | year | title | runtime | budget | revenue | release_date
 *   dir         asc | desc (default: asc for title, else desc)
 *   view        grid | table (default grid)
 *   page        1-based page number (default 1)
 */
import type { MovieFilters, SortDir, SortKey } from '$lib/db/queries';
import type { ParamValue } from './url-state';

export const EXPLORE_SORTS = ['popularity', 'rating', 'votes', 'year', 'release_date', 'title', 'runtime', 'budget', 'revenue'] as const satisfies readonly SortKey[];
export type ExploreSort = (typeof EXPLORE_SORTS)[number];
export type ExploreView = 'grid' | 'table';

export interface ExploreState {
  q: string;
  genres: string[];
  genreMode: 'any' | 'all';
  decade: number | null;
  yearFrom: number | null;
  yearTo: number | null;
  minRating: number | null;
  maxRating: number | null;
  minVotes: number | null;
  minRuntime: number | null;
  maxRuntime: number | null;
  languages: string[];
  /** null = the build's default model. */
  model: string | null;
  cluster: number | null;
  sort: ExploreSort;
  dir: SortDir;
  view: ExploreView;
  /** 1-based. */
  page: number;
}

export const DEFAULT_SORT: ExploreSort = 'popularity';

export function defaultDir(sort: ExploreSort): SortDir {
  return sort === 'title' ? 'asc' : 'desc';
}

export function emptyExploreState(): ExploreState {
  return {
    q: '', genres: [], genreMode: 'any', decade: null, yearFrom: null, yearTo: null,
    minRating: null, maxRating: null, minVotes: null, minRuntime: null, maxRuntime: null,
    languages: [], model: null, cluster: null, sort: DEFAULT_SORT, dir: 'desc', view: 'grid', page: 1
  };
}

const MAX_TEXT = 200;
const MAX_LIST = 50;

function num(p: URLSearchParams, k: string, min: number, max: number, integer = false): number | null {
  const raw = p.get(k);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) return null;
  const v = integer ? Math.round(n) : n;
  return v < min || v > max ? null : v;
}

function list(p: URLSearchParams, k: string): string[] {
  const out: string[] = [];
  for (const s of (p.get(k) ?? '').split(',')) {
    const v = s.trim().slice(0, MAX_TEXT);
    if (v && !out.includes(v)) out.push(v);
  }
  return out.slice(0, MAX_LIST);
}

/** Reads the explorer state from a query string; anything malformed falls back to its default. */
export function parseExploreParams(p: URLSearchParams): ExploreState {
  const s = emptyExploreState();
  s.q = (p.get('q') ?? '').trim().slice(0, MAX_TEXT);
  s.genres = list(p, 'genres');
  s.genreMode = p.get('match') === 'all' ? 'all' : 'any';
  const decade = num(p, 'decade', 1800, 2200, true);
  s.decade = decade === null ? null : Math.floor(decade / 10) * 10;
  s.yearFrom = num(p, 'from', 1800, 2200, true);
  s.yearTo = num(p, 'to', 1800, 2200, true);
  s.minRating = num(p, 'minRating', 0, 10);
  s.maxRating = num(p, 'maxRating', 0, 10);
  s.minVotes = num(p, 'minVotes', 0, 1e9, true);
  if (s.minVotes === 0) s.minVotes = null;
  s.minRuntime = num(p, 'minRuntime', 0, 10_000, true);
  s.maxRuntime = num(p, 'maxRuntime', 0, 10_000, true);
  s.languages = list(p, 'lang').map((l) => l.toLowerCase());
  s.model = (p.get('model') ?? '').trim().slice(0, MAX_TEXT) || null;
  s.cluster = num(p, 'cluster', -1, 1e6, true);
  const sort = p.get('sort');
  s.sort = (EXPLORE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as ExploreSort) : DEFAULT_SORT;
  const dir = p.get('dir');
  s.dir = dir === 'asc' || dir === 'desc' ? dir : defaultDir(s.sort);
  s.view = p.get('view') === 'table' ? 'table' : 'grid';
  s.page = num(p, 'page', 1, 1e6, true) ?? 1;
  return s;
}

/** The URL parameters of a state, defaults as null (so `setParams` removes them). */
export function exploreToParams(s: ExploreState): Record<string, ParamValue> {
  return {
    q: s.q || null,
    genres: s.genres,
    match: s.genres.length > 1 && s.genreMode === 'all' ? 'all' : null,
    decade: s.decade,
    from: s.yearFrom,
    to: s.yearTo,
    minRating: s.minRating,
    maxRating: s.maxRating,
    minVotes: s.minVotes || null,
    minRuntime: s.minRuntime,
    maxRuntime: s.maxRuntime,
    lang: s.languages,
    model: s.model,
    cluster: s.cluster,
    sort: s.sort === DEFAULT_SORT ? null : s.sort,
    dir: s.dir === defaultDir(s.sort) ? null : s.dir,
    view: s.view === 'grid' ? null : s.view,
    page: s.page > 1 ? s.page : null
  };
}

/** The query string of a state (no leading '?'); '' for the default view. */
export function exploreSearch(s: ExploreState): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(exploreToParams(s))) {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return p.toString();
}

/** Keys that change which movies match (changing one sends the visitor back to page 1). */
export const FILTER_PARAMS = [
  'q', 'genres', 'match', 'decade', 'from', 'to', 'minRating', 'maxRating', 'minVotes',
  'minRuntime', 'maxRuntime', 'lang', 'model', 'cluster'
] as const;

/** URL changes for a filter change: the changes themselves, and back to page 1. */
export function filterChange(changes: Record<string, ParamValue>): Record<string, ParamValue> {
  return { ...changes, page: null };
}

/** Year range of the state: the decade intersected with from/to. */
export function yearRange(s: Pick<ExploreState, 'decade' | 'yearFrom' | 'yearTo'>): { min: number | null; max: number | null } {
  let min = s.yearFrom;
  let max = s.yearTo;
  if (s.decade !== null) {
    min = min === null ? s.decade : Math.max(min, s.decade);
    max = max === null ? s.decade + 9 : Math.min(max, s.decade + 9);
  }
  return { min, max };
}

/**
 * The MovieFilters for the queries. `model` is the model actually in use (the state's, or
 * the build's default); the micro-genre filter applies only with a model.
 */
export function toMovieFilters(s: ExploreState, model: string | null = s.model): MovieFilters {
  const years = yearRange(s);
  const f: MovieFilters = {};
  if (s.q) f.titlePrefix = s.q;
  if (s.genres.length) {
    f.genres = s.genres;
    f.genreMode = s.genreMode;
  }
  if (years.min !== null) f.yearMin = years.min;
  if (years.max !== null) f.yearMax = years.max;
  if (s.minRating !== null) f.ratingMin = s.minRating;
  if (s.maxRating !== null) f.ratingMax = s.maxRating;
  if (s.minVotes) f.minVotes = s.minVotes;
  if (s.minRuntime !== null) f.runtimeMin = s.minRuntime;
  if (s.maxRuntime !== null) f.runtimeMax = s.maxRuntime;
  if (s.languages.length) f.languages = s.languages;
  if (model && s.cluster !== null) f.cluster = { model, cluster: s.cluster };
  return f;
}

/** The filters without one dimension: what a linked chart of that dimension counts under. */
export function withoutDimension(f: MovieFilters, dim: 'rating' | 'runtime' | 'cluster'): MovieFilters {
  const out = { ...f };
  if (dim === 'rating') {
    delete out.ratingMin;
    delete out.ratingMax;
  } else if (dim === 'runtime') {
    delete out.runtimeMin;
    delete out.runtimeMax;
  } else delete out.cluster;
  return out;
}

/** How many filters are set (for the "Clear all" button and the phone's filter summary). */
export function activeFilterCount(s: ExploreState): number {
  return (
    (s.q ? 1 : 0) + s.genres.length + (s.decade !== null ? 1 : 0) + (s.yearFrom !== null || s.yearTo !== null ? 1 : 0) +
    (s.minRating !== null || s.maxRating !== null ? 1 : 0) + (s.minVotes ? 1 : 0) +
    (s.minRuntime !== null || s.maxRuntime !== null ? 1 : 0) + s.languages.length + (s.cluster !== null ? 1 : 0)
  );
}

/** Toggles `value` in a list (genres, languages), keeping order. */
export function toggled<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** The rating histogram bin [b, b+1] a rating range corresponds to, if it is exactly one bin. */
export function selectedRatingBin(s: Pick<ExploreState, 'minRating' | 'maxRating'>): number | null {
  if (s.minRating === null || s.maxRating === null) return null;
  return Number.isInteger(s.minRating) && s.maxRating === s.minRating + 1 ? s.minRating : null;
}
