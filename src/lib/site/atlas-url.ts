/**
 * View state of the map, micro-genre and models pages as URL parameters (shareable links).
 * Parsing is forgiving: anything malformed is dropped, never thrown, so a mangled link still
 * opens the page. Serialising gives the `setParams` changes; `null` removes a parameter.
 *
 *   /map/?model=hdbscan&highlight=1,2,3&focus=19995&cluster=4&zoom=2.5,0.41,0.62
 *   /genres/?model=ward&sort=rating&q=heist
 *   /genre/?model=kmeans&cluster=4&sort=rating&page=2
 *   /models/?sort=silhouette&dir=desc&agreement=nmi
 */

export type Params = Record<string, string | number | null>;

const MODEL_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** Most highlight ids a link may carry (a search page sends its top results). */
export const MAX_HIGHLIGHT = 1000;
export const ZOOM_EXTENT: [number, number] = [1, 64];

export function parseModel(v: string | null): string | null {
  return v && MODEL_ID.test(v) ? v : null;
}

function parseInteger(v: string | null, min = -Infinity): number | null {
  if (v === null || !/^-?\d{1,15}$/.test(v.trim())) return null;
  const n = Number(v.trim());
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

/** Positive integer ids from "1,2,3" (spaces, duplicates and junk dropped; order kept). */
export function parseIds(v: string | null, max = MAX_HIGHLIGHT): number[] {
  if (!v) return [];
  const out: number[] = [];
  const seen = new Set<number>();
  for (const part of v.split(',')) {
    const n = parseInteger(part, 1);
    if (n === null || seen.has(n)) continue;
    seen.add(n);
    out.push(n);
    if (out.length >= max) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Map

/** Zoom factor and the map point (layout coordinates, 0..1) at the centre of the view. */
export interface ZoomParam {
  k: number;
  cx: number;
  cy: number;
}

export interface MapViewState {
  model: string | null;
  highlight: number[];
  focus: number | null;
  /** Cluster of `model` singled out (legend click); null = none. −1 is HDBSCAN noise. */
  cluster: number | null;
  zoom: ZoomParam | null;
}

export function parseZoom(v: string | null): ZoomParam | null {
  if (!v) return null;
  const parts = v.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (parts.length !== 3 || !parts.every(Number.isFinite)) return null;
  const [k, cx, cy] = parts;
  if (k < ZOOM_EXTENT[0] || k > ZOOM_EXTENT[1]) return null;
  if (cx < -0.5 || cx > 1.5 || cy < -0.5 || cy > 1.5) return null;
  return { k, cx, cy };
}

export function formatZoom(z: ZoomParam | null): string | null {
  if (!z) return null;
  // Identity (whole map) is the default: leave it out of the link.
  if (Math.abs(z.k - 1) < 1e-3 && Math.abs(z.cx - 0.5) < 1e-3 && Math.abs(z.cy - 0.5) < 1e-3) return null;
  const r = (x: number, d: number) => String(Math.round(x * 10 ** d) / 10 ** d);
  return `${r(z.k, 3)},${r(z.cx, 4)},${r(z.cy, 4)}`;
}

export function parseMapState(p: URLSearchParams): MapViewState {
  return {
    model: parseModel(p.get('model')),
    highlight: parseIds(p.get('highlight')),
    focus: parseInteger(p.get('focus'), 1),
    cluster: parseInteger(p.get('cluster'), -1),
    zoom: parseZoom(p.get('zoom'))
  };
}

export function mapStateParams(s: Partial<MapViewState>): Params {
  const out: Params = {};
  if ('model' in s) out.model = s.model ?? null;
  if ('highlight' in s) out.highlight = s.highlight?.length ? s.highlight.join(',') : null;
  if ('focus' in s) out.focus = s.focus ?? null;
  if ('cluster' in s) out.cluster = s.cluster ?? null;
  if ('zoom' in s) out.zoom = formatZoom(s.zoom ?? null);
  return out;
}

// ---------------------------------------------------------------------------------------
// Micro-genres list and one micro-genre

export const GENRE_SORTS = ['size', 'rating', 'name'] as const;
export type GenreSort = (typeof GENRE_SORTS)[number];

export interface GenresViewState {
  model: string | null;
  sort: GenreSort;
  /** Filter on names and keywords. */
  q: string;
}

export function parseGenresState(p: URLSearchParams): GenresViewState {
  const sort = p.get('sort');
  return {
    model: parseModel(p.get('model')),
    sort: (GENRE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as GenreSort) : 'size',
    q: (p.get('q') ?? '').slice(0, 100)
  };
}

export function genresStateParams(s: Partial<GenresViewState>): Params {
  const out: Params = {};
  if ('model' in s) out.model = s.model ?? null;
  if ('sort' in s) out.sort = s.sort && s.sort !== 'size' ? s.sort : null;
  if ('q' in s) out.q = s.q?.trim() ? s.q : null;
  return out;
}

export const MEMBER_SORTS = ['popularity', 'rating', 'year', 'title', 'votes'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

export interface GenreViewState {
  model: string | null;
  cluster: number | null;
  sort: MemberSort;
  /** Zero-based page of members (shown one-based in the URL). */
  page: number;
}

export function parseGenreState(p: URLSearchParams): GenreViewState {
  const sort = p.get('sort');
  const page = parseInteger(p.get('page'), 1);
  return {
    model: parseModel(p.get('model')),
    cluster: parseInteger(p.get('cluster'), -1),
    sort: (MEMBER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as MemberSort) : 'popularity',
    page: page === null ? 0 : Math.min(page, 100_000) - 1
  };
}

export function genreStateParams(s: Partial<GenreViewState>): Params {
  const out: Params = {};
  if ('model' in s) out.model = s.model ?? null;
  if ('cluster' in s) out.cluster = s.cluster ?? null;
  if ('sort' in s) out.sort = s.sort && s.sort !== 'popularity' ? s.sort : null;
  if ('page' in s) out.page = s.page && s.page > 0 ? s.page + 1 : null;
  return out;
}

// ---------------------------------------------------------------------------------------
// Models

export interface ModelsViewState {
  sort: string;
  /** null: the column's natural direction (best first). */
  dir: 'asc' | 'desc' | null;
  agreement: 'ari' | 'nmi';
}

/** `sortKeys`: the table's column keys (others fall back to the first). */
export function parseModelsState(p: URLSearchParams, sortKeys: readonly string[]): ModelsViewState {
  const sort = p.get('sort');
  const dir = p.get('dir');
  return {
    sort: sort && sortKeys.includes(sort) ? sort : sortKeys[0],
    dir: dir === 'asc' || dir === 'desc' ? dir : null,
    agreement: p.get('agreement') === 'nmi' ? 'nmi' : 'ari'
  };
}

export function modelsStateParams(s: Partial<ModelsViewState>): Params {
  const out: Params = {};
  if ('sort' in s) out.sort = s.sort ?? null;
  if ('dir' in s) out.dir = s.dir ?? null;
  if ('agreement' in s) out.agreement = s.agreement === 'nmi' ? 'nmi' : null;
  return out;
}

/** `?a=1&b=2` from changes (null left out), for building links. */
export function queryString(params: Params): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
