import type { MovieDraft, PeopleRecord } from './adapter';
import type { RowContext } from './row-context';

/**
 * Checks every adapter's output the same way, after field parsing: the rules that make a
 * row unusable (no title, undecodable text) and the ones worth a warning (no overview,
 * release date in the future). Returns false when the row is rejected.
 */
export function validateDraft(ctx: RowContext, draft: MovieDraft, today: Date): boolean {
  if (draft.title.trim() === '') ctx.reject('title', 'empty_title', 'title is empty');
  for (const [field, value] of Object.entries(draft)) {
    const strings = Array.isArray(value) ? value : [value];
    const bad = strings.find((s) => typeof s === 'string' && s.includes('\uFFFD'));
    if (bad !== undefined) ctx.reject(field, 'bad_encoding', `${field} holds bytes that are not UTF-8`, bad);
  }
  if (ctx.rejected) return false;

  if (draft.overview.trim() === '') ctx.warn('overview', 'empty_overview', 'overview is empty: the movie is embedded from its title, genres and keywords');
  if (draft.release_date === null && draft.year === null) ctx.warn('release_date', 'missing_release_date', 'no release date or year');
  const todayIso = today.toISOString().slice(0, 10);
  if (draft.release_date !== null ? draft.release_date > todayIso : draft.year !== null && draft.year > today.getUTCFullYear())
    ctx.warn('release_date', 'future_release', `release date is after the build date ${todayIso}`, draft.release_date ?? draft.year);
  return true;
}

/** People rows are names only: reject the row when one holds bytes that are not UTF-8. */
export function validatePeople(ctx: RowContext, record: PeopleRecord): boolean {
  for (const role of ['cast', 'directors'] as const) {
    const bad = record[role].find((p) => p.name.includes('\uFFFD') || p.character?.includes('\uFFFD'));
    if (bad) ctx.reject(role, 'bad_encoding', `${role} holds bytes that are not UTF-8`, bad.name);
  }
  if (record.imdb_id?.includes('\uFFFD')) ctx.reject('imdb_id', 'bad_encoding', 'imdb_id holds bytes that are not UTF-8', record.imdb_id);
  return !ctx.rejected;
}
