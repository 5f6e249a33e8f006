import type { PeopleAdapter, PersonCredit } from '../adapter';
import { parseId, text } from '../fields';
import type { RowContext } from '../row-context';

/**
 * Kaggle "TMDB 5000" credits (`tmdb_5000_credits.csv`: movie_id, title, cast, crew). Cast
 * and crew are JSON arrays of person objects; cast comes back in billing order (`order`),
 * directors are the crew entries whose job is "Director", once per person.
 */
export const tmdbCredits: PeopleAdapter = {
  kind: 'people',
  name: 'tmdb-credits',
  description: 'Kaggle TMDB 5000 credits (tmdb_5000_credits.csv)',
  signature: ['movie_id', 'cast', 'crew'],
  expected: ['movie_id', 'title', 'cast', 'crew'],
  mapRow(ctx, v) {
    const movieId = parseId(ctx, 'movie_id', v.movie_id);
    const cast = jsonPeople(ctx, 'cast', v.cast);
    const crew = jsonPeople(ctx, 'crew', v.crew);
    if (movieId === null || cast === null || crew === null) return null;

    // Sort by billing order; entries without one keep their listing order after the rest.
    const billed = cast
      .map((p, i) => ({ p, key: typeof p.order === 'number' && Number.isFinite(p.order) ? p.order : Infinity, i }))
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map(({ p }) => credit(ctx, 'cast', p, text(p.character)))
      .filter((c): c is PersonCredit => c !== null);

    // One person can be credited as director twice (e.g. "Director" in two departments).
    const seen = new Set<string>();
    const directors: PersonCredit[] = [];
    for (const p of crew) {
      if (p.job !== 'Director') continue;
      const c = credit(ctx, 'crew', p, null);
      const key = c && (c.person_id !== null ? `#${c.person_id}` : c.name);
      if (c && key && !seen.has(key)) {
        seen.add(key);
        directors.push(c);
      }
    }
    return { movie_id: movieId, cast: billed, directors, imdb_id: null };
  }
};

type JsonPerson = Record<string, unknown>;

/** A JSON array of objects, or null after rejecting the row with `bad_json`. */
function jsonPeople(ctx: RowContext, field: string, raw: unknown): JsonPerson[] | null {
  const s = text(raw);
  if (s === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch (e) {
    ctx.reject(field, 'bad_json', `${field} is not valid JSON: ${(e as Error).message}`, raw);
    return null;
  }
  if (!Array.isArray(value)) {
    ctx.reject(field, 'bad_json', `${field} should be a JSON array of people`, raw);
    return null;
  }
  return value.filter((item): item is JsonPerson => {
    const ok = item !== null && typeof item === 'object' && !Array.isArray(item);
    if (!ok) ctx.warn(field, 'bad_list_item', `${field} has an item that is not an object`, item);
    return ok;
  });
}

function credit(ctx: RowContext, field: string, p: JsonPerson, character: string | null): PersonCredit | null {
  const name = typeof p.name === 'string' ? text(p.name) : null;
  if (name === null) {
    ctx.warn(field, 'bad_list_item', `${field} has a person without a name`, p);
    return null;
  }
  const id = typeof p.id === 'number' && Number.isSafeInteger(p.id) && p.id > 0 ? p.id : null;
  return { name, person_id: id, character };
}
