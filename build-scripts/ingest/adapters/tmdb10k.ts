import type { MovieAdapter } from '../adapter';
import { emptyDraft } from '../adapter';
import {
  dateParts, isoDate, isRealDate, parseCount, parseId, parseMoney, parseNumber, parseRuntime, parseYear,
  splitList, text, type ParsedDate
} from '../fields';
import { repairedText } from '../mojibake';
import type { RowContext } from '../row-context';

/**
 * The ~10k-row "TMDb movie data" table (`tmdb-movies.csv`, Udacity/Kaggle). Lists are
 * pipe-separated, about 2,400 rows hold UTF-8 mis-decoded as cp1252 (repaired on every
 * text field), `release_date` is `M/D/YY` with the century only in `release_year`.
 * Money is taken as nominal USD; the inflation-adjusted `*_adj` columns are ignored.
 */
export const tmdb10k: MovieAdapter = {
  kind: 'movies',
  name: 'tmdb10k',
  description: 'TMDb movie data, ~10k rows (tmdb-movies.csv)',
  signature: ['id', 'original_title', 'cast', 'director', 'release_year', 'budget_adj'],
  expected: [
    'id', 'imdb_id', 'popularity', 'budget', 'revenue', 'original_title', 'cast', 'homepage', 'director',
    'tagline', 'keywords', 'overview', 'runtime', 'genres', 'production_companies', 'release_date',
    'vote_count', 'vote_average', 'release_year', 'budget_adj', 'revenue_adj'
  ],
  mapRow(ctx, v) {
    const id = parseId(ctx, 'id', v.id);
    // The file has no separate display title: `original_title` is what TMDB shows.
    const title = repairedText(ctx, 'original_title', v.original_title);
    const m = emptyDraft(id ?? 0, title ?? '');
    const list = (field: string) => splitList(repairedText(ctx, field, v[field]), '|');
    const { date, year } = releaseDate(ctx, v.release_date, v.release_year);
    Object.assign(m, {
      original_title: title,
      release_date: date,
      year,
      overview: repairedText(ctx, 'overview', v.overview) ?? '',
      tagline: repairedText(ctx, 'tagline', v.tagline),
      genres: list('genres'),
      keywords: list('keywords'),
      cast: list('cast'),
      directors: [...new Set(list('director'))],
      production_companies: list('production_companies'),
      runtime: parseRuntime(ctx, 'runtime', v.runtime),
      budget: parseMoney(ctx, 'budget', v.budget),
      revenue: parseMoney(ctx, 'revenue', v.revenue),
      popularity: parseNumber(ctx, 'popularity', v.popularity),
      vote_average: parseNumber(ctx, 'vote_average', v.vote_average),
      vote_count: parseCount(ctx, 'vote_count', v.vote_count),
      imdb_id: text(v.imdb_id)
    });
    return id === null ? null : m;
  }
};

/** `M/D/YY` plus `release_year`: the year gives the century and must agree with `YY`. */
function releaseDate(ctx: RowContext, rawDate: unknown, rawYear: unknown): ParsedDate {
  const year = parseYear(ctx, 'release_year', rawYear);
  const s = text(rawDate);
  if (s === null) return { date: null, year };
  if (year === null && text(rawYear) !== null) return { date: null, year: null }; // release_year already rejected
  const p = dateParts(s, 'mdy');
  if (p === null) {
    ctx.reject('release_date', 'bad_date', 'release_date is not a date (expected M/D/YY)', rawDate);
    return { date: null, year: null };
  }
  if (year === null) {
    ctx.reject('release_date', 'bad_date', 'release_year is empty, so the century of release_date is unknown', rawDate);
    return { date: null, year: null };
  }
  const y = p.yearDigits === 4 ? p.y : year - (year % 100) + p.y;
  if (y !== year) {
    ctx.reject('release_date', 'bad_date', `release_date ${s} disagrees with release_year ${year}`, rawDate);
    return { date: null, year: null };
  }
  if (!isRealDate(y, p.m, p.d)) {
    ctx.reject('release_date', 'bad_date', `release_date ${s} is not a calendar date`, rawDate);
    return { date: null, year: null };
  }
  return { date: isoDate(y, p.m, p.d), year };
}
