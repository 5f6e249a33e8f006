/**
 * Candidate label phrases: 1–3-grams from each movie's overview, tagline and keywords, then
 * per-cluster counts and a c-TF-IDF pre-filter (BERTopic) so only cluster-specific phrases are
 * embedded.
 *
 * - A phrase never crosses punctuation (sentences, clauses, separate keywords) and neither
 *   starts nor ends with a stop word; stop words may sit inside ("man of steel").
 * - Domain stop words ("new", "man", "old") may start or end a phrase inside a proper name
 *   written in capitals ("New York", "Iron Man") and inside a TMDB keyword ("new york city"):
 *   without this, labels showed "york" and "angeles" for "New York" and "Los Angeles".
 * - Counting is per movie (a phrase counts once per member however often it repeats), so one
 *   verbose synopsis cannot dominate a cluster.
 */
import type { Movie } from '../../src/lib/core/movie';
import { BLOCKED_KEYWORDS, DOMAIN_STOP_WORDS, STOP_WORDS } from './stopwords';

export type Segment = string[];

// Clause boundaries: phrases never span these. Hyphens split words but not clauses.
const CLAUSE = /[.!?;:,()[\]{}"“”«»…|/\\]+|\s[-–—]+\s|[–—]+/;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

/** Lower-cased word tokens per clause; possessive 's stripped, curly apostrophes normalised. */
export function tokenize(text: string): Segment[] {
  return tokenizeRaw(text).map((s) => s.map((t) => t.toLowerCase()));
}

function tokenizeRaw(text: string): Segment[] {
  const out: Segment[] = [];
  for (const clause of text.replace(/[’‘]/g, "'").split(CLAUSE)) {
    const words = (clause.match(WORD) ?? []).map((w) => w.replace(/'s$/i, ''));
    if (words.length) out.push(words);
  }
  return out;
}

/**
 * A token may start or end a phrase: longer than 1 char, not a bare number, not a stop word —
 * though a domain stop word may when `named` (part of a proper name or a keyword).
 */
export function isBoundaryToken(t: string, named = false): boolean {
  return t.length > 1 && !/^\d+$/.test(t) && !STOP_WORDS.has(t) && (named || !DOMAIN_STOP_WORDS.has(t));
}

/**
 * Unique 1..maxN-grams of the given clauses whose first and last tokens are boundary tokens.
 * `named[s][i]` marks tokens of clause `s` that sit inside a proper name or keyword.
 */
export function ngrams(segments: Segment[], maxN = 3, named?: boolean[][]): string[] {
  const out = new Set<string>();
  segments.forEach((seg, s) => {
    const ok = seg.map((t, i) => isBoundaryToken(t, named?.[s]?.[i] ?? false));
    for (let i = 0; i < seg.length; i++) {
      if (!ok[i]) continue;
      for (let n = 1; n <= maxN && i + n <= seg.length; n++) {
        // A domain stop word alone is never a phrase, name or not ("New").
        if (ok[i + n - 1] && (n > 1 || isBoundaryToken(seg[i]))) out.add(seg.slice(i, i + n).join(' '));
      }
    }
  });
  return [...out];
}

/**
 * Tokens of a raw clause inside a run of two or more Capitalised words ("New York",
 * "Los Angeles", "Iron Man"). All-caps clauses say nothing (shouted taglines).
 */
export function properNameTokens(raw: string[]): boolean[] {
  const cap = raw.map((w) => /^\p{Lu}/u.test(w));
  if (!raw.some((w) => /\p{Ll}/u.test(w))) return raw.map(() => false);
  return cap.map((c, i) => c && ((i > 0 && cap[i - 1]) || (i + 1 < raw.length && cap[i + 1])));
}

/** The clauses a movie contributes: overview, tagline, and each (unblocked) keyword on its own. */
export function movieSegments(m: Pick<Movie, 'overview' | 'tagline' | 'keywords'>): Segment[][] {
  const kws = (m.keywords ?? []).filter((k) => !BLOCKED_KEYWORDS.has(k.toLowerCase()));
  return [m.overview ?? '', m.tagline ?? '', ...kws].map(tokenizeRaw);
}

/** Everything labelling needs from the catalogue text, computed once and shared by all models. */
export interface PhraseIndex {
  /** Phrase strings; movies refer to them by position. */
  vocab: string[];
  /** Per movie: ids of the distinct phrases in its text. */
  moviePhrases: Int32Array[];
  /** Per movie: its distinct lower-cased tokens (for label quality). */
  movieTokens: Set<string>[];
  /** Movies containing each phrase, over the whole catalogue (c-TF-IDF's f_t). */
  df: Int32Array;
  /** Tokens written in capitals most of the time (FBI, CIA): display names keep them so. */
  acronyms: Set<string>;
}

export function indexMovies(movies: Pick<Movie, 'overview' | 'tagline' | 'keywords'>[], maxN = 3): PhraseIndex {
  const ids = new Map<string, number>();
  const vocab: string[] = [];
  const caps = new Map<string, [number, number]>(); // token -> [capitalised, total]
  const moviePhrases: Int32Array[] = [];
  const movieTokens: Set<string>[] = [];
  for (const m of movies) {
    const segs: Segment[] = [];
    const named: boolean[][] = [];
    const tokens = new Set<string>();
    movieSegments(m).forEach((field, f) => {
      for (const raw of field) {
        const shouting = !/\p{Ll}/u.test(raw.join(' ')); // an all-caps tagline says nothing
        const seg = raw.map((w) => w.toLowerCase());
        seg.forEach((t, i) => {
          tokens.add(t);
          if (shouting) return;
          const c = caps.get(t) ?? [0, 0];
          c[1]++;
          if (raw[i].length > 1 && raw[i] === raw[i].toUpperCase() && /\p{Lu}/u.test(raw[i])) c[0]++;
          caps.set(t, c);
        });
        segs.push(seg);
        // Fields 0 and 1 are overview and tagline; the rest are keywords, curated phrases.
        named.push(f >= 2 ? seg.map(() => true) : properNameTokens(raw));
      }
    });
    const phraseIds = ngrams(segs, maxN, named).map((p) => {
      let id = ids.get(p);
      if (id === undefined) ids.set(p, (id = vocab.push(p) - 1));
      return id;
    });
    moviePhrases.push(Int32Array.from(phraseIds));
    movieTokens.push(tokens);
  }
  const df = new Int32Array(vocab.length);
  for (const ps of moviePhrases) for (const p of ps) df[p]++;
  const acronyms = new Set<string>();
  for (const [t, [up, all]] of caps) if (up >= 2 && up * 2 > all && /\p{L}/u.test(t)) acronyms.add(t);
  return { vocab, moviePhrases, movieTokens, df, acronyms };
}

export interface Candidate {
  phrase: string;
  /** Members whose text contains the phrase. */
  count: number;
  /** c-TF-IDF: (count / cluster size) · log(1 + A / f_t). */
  score: number;
}

/**
 * Top `topN` c-TF-IDF candidates per cluster (index = cluster id; noise −1 is skipped).
 * tf = share of members containing the phrase; f_t = movies containing it in the whole
 * catalogue; A = mean number of phrase occurrences per cluster (BERTopic's definition).
 * Phrases found in only one member are dropped for clusters of 5+ (too idiosyncratic).
 */
export function clusterCandidates(
  index: PhraseIndex,
  labels: Int32Array,
  k: number,
  topN = 50
): Candidate[][] {
  const counts: Map<number, number>[] = Array.from({ length: k }, () => new Map());
  const sizes = new Int32Array(k);
  let occurrences = 0;
  labels.forEach((c, i) => {
    if (c < 0 || c >= k) return;
    sizes[c]++;
    const m = counts[c];
    for (const p of index.moviePhrases[i]) m.set(p, (m.get(p) ?? 0) + 1);
    occurrences += index.moviePhrases[i].length;
  });
  const A = occurrences / Math.max(1, k);
  return counts.map((m, c) => {
    const minCount = sizes[c] >= 5 ? 2 : 1;
    const out: Candidate[] = [];
    for (const [p, count] of m) {
      if (count < minCount) continue;
      out.push({ phrase: index.vocab[p], count, score: (count / sizes[c]) * Math.log(1 + A / index.df[p]) });
    }
    // Ties by phrase so the order (and so MMR's) is independent of Map insertion order.
    out.sort((a, b) => b.score - a.score || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
    return out.slice(0, topN);
  });
}
