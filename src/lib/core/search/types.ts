/**
 * The injected dependencies of the ranking core and the records it works on. Isomorphic: no
 * Node or DOM APIs here or anywhere in src/lib/core/search, so the same code ranks in a web
 * worker and in Node (CLI, evaluation, tests).
 *
 * The browser supplies its own TextEmbedder (transformers.js worker) and VectorSearcher
 * (hnswlib-wasm worker); Node wraps build-scripts/embed/embedder.ts; ExactVectorSearcher
 * (exact.ts) is the ground truth and the fallback for both.
 */
import type { Movie } from '../movie';

/** Sentence encoder: one unit vector (L2 norm 1) per text, in input order. */
export interface TextEmbedder {
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface VectorHit {
  id: number;
  /** Cosine similarity (dot product of unit vectors). */
  score: number;
}

/** k nearest movies to a unit query vector by cosine, best first. */
export interface VectorSearcher {
  /**
   * `accept` (optional) restricts the search to movies it returns true for (filters, one
   * micro-genre). An implementation may ignore it: callers post-filter and over-fetch anyway,
   * but then a narrow filter can return fewer than k hits.
   */
  search(query: Float32Array, k: number, accept?: (id: number) => boolean): Promise<VectorHit[]>;
}

/**
 * A movie's own embedding, for "more like this" and "like X but Y". May answer later: in the
 * browser the vectors live in the vector worker, so the page holds no second copy.
 */
export interface VectorStore {
  vectorOf(id: number): Float32Array | null | Promise<Float32Array | null>;
}

/** Word pieces of a text without [CLS]/[SEP] (the real tokenizer, or an estimate). */
export type PieceCounter = (text: string) => number;

/** The fields of a movie the ranking reads (a subset of Movie, so a lean row works too). */
export type SearchMovie = Pick<
  Movie,
  | 'id' | 'title' | 'original_title' | 'overview' | 'tagline' | 'genres' | 'keywords' | 'cast'
  | 'directors' | 'year' | 'runtime' | 'vote_average' | 'vote_count' | 'original_language'
  | 'collection'
> & { popularity?: number | null };

/** Micro-genres of one clustering model (clusters.parquet / clusters_meta.parquet). */
export interface ClusterAssignments {
  model: string;
  byMovie: Map<number, number>;
  names?: Map<number, string>;
}

export type SearchMode = 'hybrid' | 'lexical' | 'semantic';

/** Why a movie was returned. Ranks are 1-based; null = not in that list's candidates. */
export interface Explanation {
  /** Query words (as typed) found in the movie's indexed text. */
  matchedTerms: string[];
  /** Fields they were found in (title, overview, keywords, people, …). */
  fields: string[];
  lexicalRank: number | null;
  semanticRank: number | null;
  /** Cosine between the (aggregated) query vector and the movie; null without vectors. */
  similarity: number | null;
  cluster: { model: string; id: number; name: string | null } | null;
  /** Set when the query was "like X but Y": the movie X whose vector was mixed in. */
  like?: { id: number; title: string } | null;
}

export interface SearchResult {
  id: number;
  score: number;
  explanation: Explanation;
}
