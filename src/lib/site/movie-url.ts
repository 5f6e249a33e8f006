/**
 * The movie page's URL (`/movie/?id=<tmdb id>`) and the query strings of the pages it links
 * to (the caller prefixes `${base}/…/`). Pure.
 */
import { mapStateParams, queryString } from './atlas-url';
import { personParams } from './explore-people';

/** The movie id of `?id=`: a positive safe integer, else null. */
export function parseMovieId(p: URLSearchParams): number | null {
  const v = p.get('id')?.trim() ?? '';
  if (!/^\d{1,15}$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** /map/ with this movie highlighted and selected. */
export function mapQuery(id: number): string {
  return queryString(mapStateParams({ highlight: [id], focus: id }));
}

/** /person/ for a credit: `?id=` when the source has TMDB person ids, else `?name=`; all their roles. */
export function personQuery(p: { person: string; person_id: number | null }): string {
  return `?${personParams(p)}`;
}
