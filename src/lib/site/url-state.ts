/**
 * View state lives in the URL so every view is a shareable link. Pages read typed values
 * from `page.url.searchParams` and write changes back with `setParams`, which replaces the
 * history entry (typing in a filter must not flood the back button) and keeps focus.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';

export type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** A query string from values; null, undefined, '' and [] are left out; arrays become a,b,c. */
export function toSearch(values: Record<string, ParamValue>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return p;
}

/** Merges `changes` into the current URL's parameters and navigates without a new history entry. */
export function setParams(changes: Record<string, ParamValue>, opts: { push?: boolean } = {}): Promise<void> {
  const url = new URL(page.url);
  const merged = Object.fromEntries(url.searchParams) as Record<string, ParamValue>;
  Object.assign(merged, changes);
  url.search = toSearch(merged).toString();
  return goto(url, { replaceState: !opts.push, keepFocus: true, noScroll: true });
}

export const read = {
  string: (p: URLSearchParams, k: string): string | null => p.get(k) || null,
  number: (p: URLSearchParams, k: string): number | null => {
    const v = p.get(k);
    const n = v === null || v.trim() === '' ? NaN : Number(v);
    return Number.isFinite(n) ? n : null;
  },
  list: (p: URLSearchParams, k: string): string[] => (p.get(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  bool: (p: URLSearchParams, k: string): boolean => p.get(k) === '1' || p.get(k) === 'true'
};
