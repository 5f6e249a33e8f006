/**
 * Shaping for result cards and charts: poster URLs, chart bars from facet counts, decade
 * gaps filled. Pure.
 */
import type { ChartBar } from '$lib/charts/explore/keyboard';
import type { FacetCount } from '$lib/db/queries';
import type { Bin } from '$lib/db/queries-explore';

export const TMDB_IMAGE_BASE = 'https://image.tmdb.org/t/p/';

/** TMDB image URL of a poster_path ("/abc.jpg"); null when absent or not a plain path. */
export function posterUrl(path: string | null | undefined, size: 'w185' | 'w342' = 'w185'): string | null {
  if (!path || !/^\/[A-Za-z0-9._-]+\.(jpg|jpeg|png|webp)$/i.test(path)) return null;
  return `${TMDB_IMAGE_BASE}${size}${path}`;
}

/** A stable hue (0–359) per title, to tint placeholders apart. */
export function placeholderHue(title: string): number {
  let h = 0;
  for (let i = 0; i < title.length; i++) h = (h * 31 + title.charCodeAt(i)) >>> 0;
  return h % 360;
}

/**
 * One bar per decade from `min` to `max` (so empty decades show as gaps, not as missing
 * bars), with the counts of `counts`.
 */
export function decadeBars(counts: readonly FacetCount<number>[], range: { min: number | null; max: number | null }, selected: number | null): ChartBar[] {
  const known = counts.map((c) => c.value);
  const lo = Math.min(...(range.min !== null ? [Math.floor(range.min / 10) * 10] : []), ...known);
  const hi = Math.max(...(range.max !== null ? [Math.floor(range.max / 10) * 10] : []), ...known);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const by = new Map(counts.map((c) => [c.value, c.movies]));
  const out: ChartBar[] = [];
  for (let d = lo; d <= hi; d += 10)
    out.push({ key: d, label: `${String(d).slice(-2)}s`, name: `${d}s`, value: by.get(d) ?? 0, selected: d === selected });
  // A lone century gets its full label.
  if (out.length <= 6) for (const b of out) b.label = `${b.key}s`;
  return out;
}

/** Bars 0–1 … 9–10 (every bin present). `selected`: the bins inside the rating range. */
export function ratingBars(bins: readonly Bin[], min: number | null, max: number | null): ChartBar[] {
  const by = new Map(bins.map((b) => [b.bin, b.movies]));
  const any = min !== null || max !== null;
  return Array.from({ length: 10 }, (_, b) => ({
    key: b,
    label: String(b),
    name: `Rated ${b} to ${b + 1}`,
    value: by.get(b) ?? 0,
    selected: any && (min === null || b >= Math.floor(min)) && (max === null || b < max)
  }));
}

/** Bars per runtime bin (width `step`, the last open-ended). */
export function runtimeBars(bins: readonly Bin[], step: number, last: number, min: number | null, max: number | null): ChartBar[] {
  const by = new Map(bins.map((b) => [b.bin, b.movies]));
  const any = min !== null || max !== null;
  const out: ChartBar[] = [];
  for (let b = 0; b <= last; b += step) {
    const isLast = b === last;
    out.push({
      key: b,
      label: isLast ? `${b}+` : String(b),
      name: isLast ? `${b} minutes or more` : `${b} to ${b + step} minutes`,
      value: by.get(b) ?? 0,
      selected: any && (min === null || b >= min) && (max === null || b <= max)
    });
  }
  return out;
}

/** The runtime range a click on bin `b` selects (the last bin is open-ended). */
export function runtimeBinRange(b: number, step: number, last: number): { min: number; max: number | null } {
  return { min: b, max: b >= last ? null : b + step - 1 };
}

/** Bars for a categorical facet, in the given order; selected values listed even at 0. */
export function categoryBars(
  counts: readonly FacetCount<string>[],
  selected: readonly string[],
  name: (v: string) => string = (v) => v
): ChartBar[] {
  const out: ChartBar[] = counts.map((c) => ({ key: c.value, label: name(c.value), value: c.movies, selected: selected.includes(c.value) }));
  for (const s of selected) if (!counts.some((c) => c.value === s)) out.push({ key: s, label: name(s), value: 0, selected: true });
  return out;
}

/** Pages of a result list: "1–48 of 214". */
export function pageSummary(page: number, pageSize: number, total: number): { from: number; to: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const p = Math.min(Math.max(1, page), pages);
  return { from: total ? (p - 1) * pageSize + 1 : 0, to: Math.min(total, p * pageSize), pages };
}
