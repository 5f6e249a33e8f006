/**
 * The Trends and Insights pages' view state ⇄ URL query parameters. Unknown or malformed
 * values fall back to the defaults, and defaults are left out of the URL, so a shared link
 * is short and an edited one never breaks the page.
 *
 * Trends   genre=Drama      genre in focus (filters runtime/rating, keywords, budget; highlighted elsewhere)
 *          bucket=year|5y|decade   period of the genre-share and runtime/rating charts (default 5y)
 *          heat=share|count        heatmap colours (default share)
 *          mg=growth|size          micro-genre order (default growth)
 *          mgall=1                 list every micro-genre (default: the first 12)
 *          kw=distinctive|top      keyword ranking (default distinctive)
 *          scale=log|linear        budget/revenue axes (default log)
 * Insights month=marzo       month as typed (any language/case/accents: calendar-names.ts)
 *          day=miércoles     weekday as typed
 *          q=ava             title search box;  movie=19995  the movie shown
 *          fr=revenue|avg_revenue|movies|rating   franchise order (default revenue)
 *          co=revenue|movies                      company order (default revenue)
 *          cn=10|25|50                            countries shown (default 10)
 */
import type { ParamValue } from './url-state';

export type Bucket = 'year' | '5y' | 'decade';
export type HeatMode = 'count' | 'share';
export type MicroSort = 'growth' | 'size';
export type KeywordMode = 'distinctive' | 'top';
export type AxisScale = 'log' | 'linear';
export type FranchiseOrder = 'revenue' | 'avg_revenue' | 'movies' | 'rating';
export type CompanyOrder = 'revenue' | 'movies';

export interface TrendsState {
  genre: string | null;
  bucket: Bucket;
  heat: HeatMode;
  mg: MicroSort;
  mgall: boolean;
  kw: KeywordMode;
  scale: AxisScale;
}

export interface InsightsState {
  month: string;
  day: string;
  q: string;
  movie: number | null;
  fr: FranchiseOrder;
  co: CompanyOrder;
  cn: number;
}

export const TRENDS_DEFAULTS: TrendsState = { genre: null, bucket: '5y', heat: 'share', mg: 'growth', mgall: false, kw: 'distinctive', scale: 'log' };
export const INSIGHTS_DEFAULTS: InsightsState = { month: '', day: '', q: '', movie: null, fr: 'revenue', co: 'revenue', cn: 10 };

export const BUCKETS: readonly Bucket[] = ['year', '5y', 'decade'];
export const HEAT_MODES: readonly HeatMode[] = ['share', 'count'];
export const MICRO_SORTS: readonly MicroSort[] = ['growth', 'size'];
export const KEYWORD_MODES: readonly KeywordMode[] = ['distinctive', 'top'];
export const AXIS_SCALES: readonly AxisScale[] = ['log', 'linear'];
export const FRANCHISE_ORDERS: readonly FranchiseOrder[] = ['revenue', 'avg_revenue', 'movies', 'rating'];
export const COMPANY_ORDERS: readonly CompanyOrder[] = ['revenue', 'movies'];
export const COUNTRY_COUNTS: readonly number[] = [10, 25, 50];

/** Years in a period bucket. */
export const BUCKET_YEARS: Record<Bucket, number> = { year: 1, '5y': 5, decade: 10 };

const MAX_TEXT = 80;

function oneOf<T extends string>(v: string | null, allowed: readonly T[], fallback: T): T {
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}
function text(v: string | null): string {
  return (v ?? '').slice(0, MAX_TEXT);
}

export function readTrendsState(p: URLSearchParams): TrendsState {
  const d = TRENDS_DEFAULTS;
  const genre = text(p.get('genre')).trim();
  return {
    genre: genre || null,
    bucket: oneOf(p.get('bucket'), BUCKETS, d.bucket),
    heat: oneOf(p.get('heat'), HEAT_MODES, d.heat),
    mg: oneOf(p.get('mg'), MICRO_SORTS, d.mg),
    mgall: p.get('mgall') === '1',
    kw: oneOf(p.get('kw'), KEYWORD_MODES, d.kw),
    scale: oneOf(p.get('scale'), AXIS_SCALES, d.scale)
  };
}

export function readInsightsState(p: URLSearchParams): InsightsState {
  const d = INSIGHTS_DEFAULTS;
  const id = Number(p.get('movie'));
  const cn = Number(p.get('cn'));
  return {
    month: text(p.get('month')),
    day: text(p.get('day')),
    q: text(p.get('q')),
    movie: p.get('movie') !== null && Number.isSafeInteger(id) && id > 0 ? id : null,
    fr: oneOf(p.get('fr'), FRANCHISE_ORDERS, d.fr),
    co: oneOf(p.get('co'), COMPANY_ORDERS, d.co),
    cn: COUNTRY_COUNTS.includes(cn) ? cn : d.cn
  };
}

/**
 * The URL changes for `patch` of a state: each patched key maps to its value, or to null
 * (removed from the URL) when it equals the default, so links carry only what differs.
 */
export function paramChanges<S extends object>(patch: Partial<S>, defaults: S): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(patch) as [keyof S & string, unknown][]) {
    const isDefault = v === defaults[k] || v === '' || v === null || v === undefined;
    out[k] = isDefault ? null : v === true ? '1' : (v as ParamValue);
  }
  return out;
}
