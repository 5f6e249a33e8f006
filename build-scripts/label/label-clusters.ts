/**
 * KeyBERT-style cluster labels for one clustering model:
 *   candidates (1–3-grams, c-TF-IDF top N per cluster) → embed all distinct candidates in ONE
 *   call to the injected embedder → cosine to the cluster centroid (mean member embedding)
 *   → MMR → top keywords → display name from the most relevant of them (unique per model)
 *   → stats and label quality.
 * The embedder is injected (the build passes the batched, cached MiniLM; tests a fake).
 */
import type { Movie } from '../../src/lib/core/movie';
import { clusterCandidates, indexMovies, type PhraseIndex } from './candidates';
import { clusterStats, type Share, type StatsOptions } from './cluster-stats';
import { nameKeywords, nameWords, uniqueNames } from './display-name';
import { labelQuality, labelWords, type LabelQuality } from './label-quality';
import { mmr, type ScoredPhrase } from './mmr';

export type { ScoredPhrase } from './mmr';
export type { LabelQuality } from './label-quality';
export type { Share } from './cluster-stats';

export interface ClusterLabel {
  /** Cluster id within the model; −1 = noise ("Unclustered", no keywords). */
  cluster: number;
  /** Display name, 2–4 words, title case, unique within the model. */
  name: string;
  /** Top keywords in MMR pick order; score = cosine(phrase embedding, cluster centroid). */
  keywords: ScoredPhrase[];
  size: number;
  /** Unweighted mean vote_average of members with ≥ minVotes votes (see cluster-stats.ts). */
  avgRating: number | null;
  ratedCount: number;
  /** Movie ids nearest the centroid (cosine, 384-D), nearest first. */
  representatives: number[];
  topGenres: Share<string>[];
  /** value = decade start year (1990 → 1990s). */
  topDecades: Share<number>[];
  /** Null for noise and empty clusters. */
  labelQuality: LabelQuality | null;
}

export type LabelMovie = Pick<Movie, 'id' | 'overview' | 'tagline' | 'keywords' | 'genres' | 'year' | 'vote_average' | 'vote_count'>;

export interface LabelOptions {
  movies: LabelMovie[];
  /** Unit-length 384-D embeddings aligned with `movies`. */
  embeddings: ArrayLike<number>[];
  clustering: { labels: Int32Array; k: number };
  embed: (texts: string[]) => Promise<ArrayLike<number>[]>;
  diversity?: number;
  topN?: number;
  /** c-TF-IDF candidates kept per cluster before embedding. */
  candidatesPerCluster?: number;
  stats?: StatsOptions;
  /** Pass to share the tokenisation between models; otherwise cached per `movies` array. */
  phraseIndex?: PhraseIndex;
}

/** Defaults, for the manifest. */
export const LABEL_DEFAULTS = {
  method: 'keybert-mmr', ngramRange: [1, 3], diversity: 0.7, topN: 5, candidatesPerCluster: 50,
  minVotes: 10, representatives: 5, topGenres: 3, topDecades: 3
} as const;

export const NOISE_NAME = 'Unclustered';

// Tokenising 10k synopses takes ~a second; the same movies are labelled once per model.
const indexCache = new WeakMap<object, PhraseIndex>();

export function phraseIndexFor(movies: LabelMovie[]): PhraseIndex {
  let idx = indexCache.get(movies);
  if (!idx) indexCache.set(movies, (idx = indexMovies(movies, LABEL_DEFAULTS.ngramRange[1])));
  return idx;
}

export async function labelClusters(o: LabelOptions): Promise<ClusterLabel[]> {
  const { movies, embeddings, clustering: { labels, k } } = o;
  const diversity = o.diversity ?? LABEL_DEFAULTS.diversity;
  const topN = o.topN ?? LABEL_DEFAULTS.topN;
  if (labels.length !== movies.length || embeddings.length !== movies.length) {
    throw new Error(`movies (${movies.length}), embeddings (${embeddings.length}) and labels (${labels.length}) must align`);
  }
  const index = o.phraseIndex ?? phraseIndexFor(movies);
  const candidates = clusterCandidates(index, labels, k, o.candidatesPerCluster ?? LABEL_DEFAULTS.candidatesPerCluster);

  // One embedder call for every distinct candidate of every cluster (it batches and caches).
  const phrases = [...new Set(candidates.flatMap((cs) => cs.map((c) => c.phrase)))].sort();
  const vectors = phrases.length ? await o.embed(phrases) : [];
  if (vectors.length !== phrases.length) throw new Error(`embedder returned ${vectors.length} vectors for ${phrases.length} texts`);
  const vecOf = new Map(phrases.map((p, i) => [p, vectors[i]]));

  const members: number[][] = Array.from({ length: k }, () => []);
  const noise: number[] = [];
  labels.forEach((c, i) => (c < 0 ? noise : members[c])?.push(i));

  const drafts = members.map((ms, c) => {
    const stats = clusterStats(movies, embeddings, ms, o.stats);
    const cands = candidates[c].map((x) => x.phrase);
    const keywords = ms.length ? mmr(stats.centroid, cands.map((w) => vecOf.get(w)!), cands, topN, diversity) : [];
    const genres = stats.topGenres.map((g) => g.value.toLowerCase());
    const words = ms.length ? nameWords(nameKeywords(keywords), genres) : ['empty', 'cluster'];
    // Distinguishing words for duplicate names: any keyword, most relevant first.
    return { c, ms, stats, keywords, req: { words, keywords: nameKeywords(keywords, 0), size: ms.length } };
  });
  const names = uniqueNames(drafts.map((d) => d.req), index.acronyms, [NOISE_NAME]);

  const out: ClusterLabel[] = drafts.map(({ c, ms, stats, keywords }, i) => {
    const { centroid: _centroid, ...rest } = stats;
    const quality = ms.length
      ? labelQuality(labelWords(names[i], keywords.map((x) => x.phrase)), ms.map((m) => index.movieTokens[m]))
      : null;
    return { cluster: c, name: names[i], keywords, ...rest, labelQuality: quality };
  });
  if (noise.length) {
    const { centroid: _c, ...rest } = clusterStats(movies, embeddings, noise, o.stats);
    out.unshift({ cluster: -1, name: NOISE_NAME, keywords: [], ...rest, representatives: [], labelQuality: null });
  }
  return out;
}
