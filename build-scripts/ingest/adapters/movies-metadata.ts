import type { MovieAdapter } from '../adapter';
import { emptyDraft } from '../adapter';
import {
  parseCount, parseId, parseIsoDate, parseJsonNames, parseMoney, parseNumber, parseRuntime, text
} from '../fields';
import { parsePythonLiteral } from '../python-literal';
import type { RowContext } from '../row-context';

/**
 * Kaggle "The Movies Dataset" (`movies_metadata.csv`). Nested columns are Python literals
 * (`[{'id': 16, 'name': 'Animation'}]`), read by a literal parser, never eval. It is the
 * only source with collections. The full file has rows shifted by stray newlines, with
 * dates in the id column: those fail as `bad_id`. `adult` and `video` are not used.
 */
export const moviesMetadata: MovieAdapter = {
  kind: 'movies',
  name: 'movies-metadata',
  description: 'The Movies Dataset (movies_metadata.csv)',
  signature: ['id', 'title', 'belongs_to_collection', 'imdb_id', 'poster_path'],
  expected: [
    'adult', 'belongs_to_collection', 'budget', 'genres', 'homepage', 'id', 'imdb_id', 'original_language',
    'original_title', 'overview', 'popularity', 'poster_path', 'production_companies', 'production_countries',
    'release_date', 'revenue', 'runtime', 'spoken_languages', 'status', 'tagline', 'title', 'video',
    'vote_average', 'vote_count'
  ],
  mapRow(ctx, v) {
    const id = parseId(ctx, 'id', v.id);
    const m = emptyDraft(id ?? 0, text(v.title) ?? '');
    const names = (field: string, parse?: (s: string) => unknown) =>
      parseJsonNames(ctx, field, v[field], 'name', parse ?? parsePythonLiteral);
    const { date, year } = parseIsoDate(ctx, 'release_date', v.release_date);
    Object.assign(m, {
      original_title: text(v.original_title),
      release_date: date,
      year,
      overview: text(v.overview) ?? '',
      tagline: text(v.tagline),
      genres: names('genres'),
      runtime: parseRuntime(ctx, 'runtime', v.runtime),
      budget: parseMoney(ctx, 'budget', v.budget),
      revenue: parseMoney(ctx, 'revenue', v.revenue),
      popularity: parseNumber(ctx, 'popularity', v.popularity),
      vote_average: parseNumber(ctx, 'vote_average', v.vote_average),
      vote_count: parseCount(ctx, 'vote_count', v.vote_count),
      original_language: text(v.original_language),
      production_companies: names('production_companies'),
      production_countries: names('production_countries'),
      // Names are native ("Español") and sometimes empty: fall back to the ISO code.
      spoken_languages: names('spoken_languages', (s) => {
        const langs = parsePythonLiteral(s);
        return Array.isArray(langs)
          ? langs.map((l) => (l && typeof l === 'object' && !Array.isArray(l) ? l.name || l.iso_639_1 || '' : l))
          : langs;
      }),
      collection: collection(ctx, v.belongs_to_collection),
      imdb_id: text(v.imdb_id),
      poster_path: text(v.poster_path)
    });
    const status = text(v.status);
    if (status !== null && status !== 'Released') ctx.warn('status', 'not_released', `status is "${status}"`);
    return id === null ? null : m;
  }
};

/** `{'id': 10194, 'name': 'Toy Story Collection', ...}` → its name; empty → null. */
function collection(ctx: RowContext, raw: unknown): string | null {
  const s = text(raw);
  if (s === null) return null;
  let value: unknown;
  try {
    value = parsePythonLiteral(s);
  } catch (e) {
    ctx.reject('belongs_to_collection', 'bad_json', `belongs_to_collection is not a valid literal: ${(e as Error).message}`, raw);
    return null;
  }
  const name = value && typeof value === 'object' && !Array.isArray(value) ? (value as { name?: unknown }).name : undefined;
  if (typeof name !== 'string' || text(name) === null) {
    ctx.reject('belongs_to_collection', 'bad_json', 'belongs_to_collection should be a dict with a "name"', raw);
    return null;
  }
  return text(name);
}
