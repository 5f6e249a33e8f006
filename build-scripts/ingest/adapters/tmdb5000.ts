import type { MovieAdapter } from '../adapter';
import { emptyDraft } from '../adapter';
import {
  parseCount, parseId, parseIsoDate, parseJsonNames, parseMoney, parseNumber, parseRuntime, text
} from '../fields';

/**
 * Kaggle "TMDB 5000" movies table (`tmdb_5000_movies.csv`): list columns hold JSON arrays
 * of `{"id", "name"}` objects; 0 means unknown for money and runtime.
 */
export const tmdb5000: MovieAdapter = {
  kind: 'movies',
  name: 'tmdb5000',
  description: 'Kaggle TMDB 5000 movies (tmdb_5000_movies.csv)',
  signature: ['id', 'title', 'genres', 'keywords', 'homepage', 'status', 'spoken_languages'],
  expected: [
    'budget', 'genres', 'homepage', 'id', 'keywords', 'original_language', 'original_title', 'overview',
    'popularity', 'production_companies', 'production_countries', 'release_date', 'revenue', 'runtime',
    'spoken_languages', 'status', 'tagline', 'title', 'vote_average', 'vote_count'
  ],
  mapRow(ctx, v) {
    const id = parseId(ctx, 'id', v.id);
    const m = emptyDraft(id ?? 0, text(v.title) ?? '');
    const { date, year } = parseIsoDate(ctx, 'release_date', v.release_date);
    Object.assign(m, {
      original_title: text(v.original_title),
      release_date: date,
      year,
      overview: text(v.overview) ?? '',
      tagline: text(v.tagline),
      genres: parseJsonNames(ctx, 'genres', v.genres),
      keywords: parseJsonNames(ctx, 'keywords', v.keywords),
      runtime: parseRuntime(ctx, 'runtime', v.runtime),
      budget: parseMoney(ctx, 'budget', v.budget),
      revenue: parseMoney(ctx, 'revenue', v.revenue),
      popularity: parseNumber(ctx, 'popularity', v.popularity),
      vote_average: parseNumber(ctx, 'vote_average', v.vote_average),
      vote_count: parseCount(ctx, 'vote_count', v.vote_count),
      original_language: text(v.original_language),
      production_companies: parseJsonNames(ctx, 'production_companies', v.production_companies),
      production_countries: parseJsonNames(ctx, 'production_countries', v.production_countries),
      // Names are native ("Español") and sometimes empty: fall back to the ISO code.
      spoken_languages: parseJsonNames(ctx, 'spoken_languages', v.spoken_languages, 'name', (s) =>
        (JSON.parse(s) as { name?: string; iso_639_1?: string }[]).map((l) => l?.name || l?.iso_639_1 || '')
      )
    });
    const status = text(v.status);
    if (status !== null && status !== 'Released') ctx.warn('status', 'not_released', `status is "${status}"`);
    return id === null ? null : m;
  }
};
