/**
 * The text recipe: which words of a movie the embedding model reads. Pure and isomorphic, so the
 * build (embeddings.parquet) and the browser (re-embedding an edited or added movie) agree.
 *
 * Recipe v1, in this order (the model truncates at 256 word pieces, so the most telling part
 * comes first and the long tail of keywords is what gets cut):
 *
 *   "{title}. {tagline}. {overview} Genres: {g1}, {g2}. Keywords: {k1}, {k2}, …"
 *
 * - title: short and often descriptive ("Jurassic Park"); also the only text some rows have.
 * - tagline, overview: the plot and tone, which is what semantic search is for.
 * - genres, keywords: curated topic labels. They give movies with an empty or one-line overview
 *   a useful vector, and pull same-topic movies together for the micro-genre map. Keywords are
 *   capped (MAX_KEYWORDS, source order; 99% of TMDB 5000 rows have fewer) and the frequent
 *   TMDB release-trivia keywords ("duringcreditsstinger", "woman director", "3d"…) are dropped:
 *   they describe the release, not the story, and would pull unrelated movies together.
 * - Labelled "Genres:"/"Keywords:" prose rather than JSON: the model was trained on sentences.
 *
 * Left out on purpose:
 * - cast, directors, companies: names carry little meaning for a sentence encoder and make
 *   vectors cluster by star; name search is the lexical index's job.
 * - year, runtime, money, language, ratings: numbers embed poorly and are exact filters in the UI.
 *
 * Bump MOVIE_TEXT_VERSION whenever the output can change for some movie: it is part of the
 * embedding cache key and is recorded in manifest.json.
 */
import type { Movie } from './movie';

export const MOVIE_TEXT_VERSION = 1;

/** Keywords beyond this many add tokens (and truncation risk) faster than they add meaning. */
export const MAX_KEYWORDS = 20;

/** TMDB keywords about the release or the crew, not the story (compared lower-case). */
const TRIVIA_KEYWORDS = new Set([
  'duringcreditsstinger', 'aftercreditsstinger', 'woman director', 'independent film', '3d',
  'imax'
]);

export type MovieTextInput = Pick<Movie, 'title' | 'tagline' | 'overview' | 'genres' | 'keywords'>;

/** Collapses runs of whitespace (sources contain \r\n and double spaces) and trims. */
function clean(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** Ends a fragment with a full stop unless it already ends a sentence. */
function sentence(s: string): string {
  return /[.!?…"'”’)]$/.test(s) ? s : `${s}.`;
}

function uniqueClean(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const v = clean(raw);
    const key = v.toLowerCase();
    if (v && !seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

/** Story keywords: trivia dropped, de-duplicated, capped. */
export function storyKeywords(keywords: readonly string[]): string[] {
  return uniqueClean(keywords)
    .filter((k) => !TRIVIA_KEYWORDS.has(k.toLowerCase()))
    .slice(0, MAX_KEYWORDS);
}

/** The text embedded for one movie (recipe MOVIE_TEXT_VERSION). Never throws; may be ''. */
export function movieText(m: MovieTextInput): string {
  const parts: string[] = [];
  const title = clean(m.title);
  const tagline = clean(m.tagline);
  const overview = clean(m.overview);
  if (title) parts.push(sentence(title));
  // Some taglines repeat the overview's first sentence; don't weight it twice.
  if (tagline && !overview.toLowerCase().startsWith(tagline.toLowerCase())) {
    parts.push(sentence(tagline));
  }
  if (overview) parts.push(sentence(overview));
  const genres = uniqueClean(m.genres ?? []);
  if (genres.length) parts.push(`Genres: ${genres.join(', ')}.`);
  const keywords = storyKeywords(m.keywords ?? []);
  if (keywords.length) parts.push(`Keywords: ${keywords.join(', ')}.`);
  return parts.join(' ');
}
