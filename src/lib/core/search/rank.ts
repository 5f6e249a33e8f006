/**
 * The search entry point, the same in the browser worker and in Node:
 *
 *   query ─┬─ tokenize → BM25F (bm25.ts) ───────────────────────────┐
 *          └─ chunks (query-chunks.ts) → embed → aggregate → k-NN ──┴─ weighted RRF → top k
 *
 * "like X but Y" (parsed from the text, or likeMovieId) mixes X's vector into the semantic
 * query and leaves X out of the results. Filters restrict both candidate lists before fusion.
 * Every result carries its explanation (matched words and fields, both ranks, cosine, micro-genre).
 */
import { Bm25Index, DEFAULT_BM25, movieDoc, type Bm25Params, type Bm25Snapshot, type QueryTerm } from './bm25';
import { makeFilter, type SearchFilters } from './filters';
import { weightedRrf } from './fusion';
import { chunkQuery, isContextSentence, meanVector, splitSentences, type QueryChunk } from './query-chunks';
import { likeButVector, moreLikeThis, parseLikeBut, titleKey, titleLookup, type SimilarOptions } from './similar';
import { stemmer, tokenize } from './tokenize';
import type {
  ClusterAssignments, Explanation, PieceCounter, SearchMode, SearchMovie, SearchResult, TextEmbedder,
  VectorHit, VectorSearcher, VectorStore
} from './types';

export interface RankParams {
  /** RRF constant k (fusion.ts). */
  rrfK: number;
  weights: { lexical: number; semantic: number };
  /** Candidates taken from each list before fusion. */
  depth: number;
  /** Word pieces per query chunk (≤ 254 for a 256-piece model). */
  maxPieces: number;
  /** How chunk vectors become one ranking: mean vector (one search) or max similarity per movie. */
  aggregate: 'mean' | 'max';
  /** Weight of viewing-context sentences in the semantic query (1 = off). */
  contextWeight: number;
  /** The same down-weighting for lexical query terms. */
  lexicalContext: boolean;
  /** α in like X but Y: share of X's vector. */
  likeWeight: number;
  /** Lexical weight multiplier when the query names a credited person ("Spike Lee movie …"). */
  peopleBoost: number;
}

/** Chosen on tests/eval/queries.jsonl against the TMDB 5000 build: see tests/eval/RESULTS.md. */
export const DEFAULT_PARAMS: RankParams = {
  rrfK: 60,
  weights: { lexical: 1, semantic: 1 },
  depth: 100,
  maxPieces: 64,
  aggregate: 'mean',
  contextWeight: 0.25,
  lexicalContext: true,
  likeWeight: 0.3,
  peopleBoost: 2
};

export interface EngineDeps {
  movies: readonly SearchMovie[];
  /** Extra names per movie (people.parquet) beyond movie.cast/directors. */
  people?: ReadonlyMap<number, readonly string[]>;
  /** A prebuilt index over the same movies; else built here from `movies`. */
  bm25?: Bm25Index | Bm25Snapshot;
  bm25Params?: Bm25Params;
  embedder?: TextEmbedder;
  vectors?: VectorSearcher;
  store?: VectorStore;
  /** Real word-piece counter; else query-chunks' estimate. */
  countPieces?: PieceCounter;
  clusters?: ClusterAssignments;
  params?: Partial<RankParams>;
}

export interface SearchOptions {
  k?: number;
  mode?: SearchMode;
  filters?: SearchFilters;
  /** "like this movie but <query>": its vector is mixed into the semantic query. */
  likeMovieId?: number | null;
  /** Recognise "like X but Y" in the text (default true). */
  parseLike?: boolean;
  params?: Partial<RankParams>;
}

export interface SearchResponse {
  results: SearchResult[];
  /** The mode actually run: hybrid/semantic fall back to lexical without an embedder. */
  mode: SearchMode | 'browse';
  like: { id: number; title: string } | null;
  /** The text ranked (the Y of "like X but Y", else the query). */
  text: string;
  chunks: QueryChunk[];
  timings: { embed: number; vector: number; lexical: number; fusion: number; total: number };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class SearchEngine {
  readonly bm25: Bm25Index;
  readonly params: RankParams;
  private readonly byId: Map<number, SearchMovie>;
  private readonly titles: Map<string, SearchMovie[]>;
  private names: Set<string> | null = null;

  constructor(private readonly deps: EngineDeps) {
    const { movies } = deps;
    this.byId = new Map(movies.map((m) => [m.id, m]));
    this.bm25 = deps.bm25 instanceof Bm25Index ? deps.bm25
      : deps.bm25 ? Bm25Index.fromSnapshot(deps.bm25)
      : Bm25Index.build(movies.map((m) => movieDoc(m, deps.people?.get(m.id))), deps.bm25Params ?? DEFAULT_BM25);
    this.params = { ...DEFAULT_PARAMS, ...deps.params };
    this.titles = titleLookup(movies);
  }

  get canEmbed(): boolean {
    return Boolean(this.deps.embedder && this.deps.vectors);
  }

  movie(id: number): SearchMovie | undefined {
    return this.byId.get(id);
  }

  /** The most-voted movie whose title (or original title) is exactly `name`, ignoring case, accents, punctuation, a leading article. */
  resolveTitle(name: string): SearchMovie | null {
    return this.titles.get(titleKey(name))?.[0] ?? null;
  }

  async search(query: string, opts: SearchOptions = {}): Promise<SearchResponse> {
    const t0 = now();
    const p: RankParams = { ...this.params, ...opts.params, weights: { ...this.params.weights, ...opts.params?.weights } };
    const k = opts.k ?? 10;
    const timings = { embed: 0, vector: 0, lexical: 0, fusion: 0, total: 0 };

    // like X but Y
    let like: SearchMovie | null = opts.likeMovieId != null ? this.byId.get(opts.likeMovieId) ?? null : null;
    let text = query.trim();
    const parsed = opts.parseLike === false ? null : parseLikeBut(text);
    if (parsed) {
      const x = like ?? this.resolveTitle(parsed.like);
      if (x) {
        like = x;
        text = parsed.but;
      }
    }

    const filter = makeFilter(opts.filters, this.deps.clusters);
    const accept = (id: number) => {
      if (like && id === like.id) return false;
      if (!filter) return true;
      const m = this.byId.get(id);
      return m !== undefined && filter(m);
    };
    const likeInfo = like ? { id: like.id, title: like.title } : null;

    if (!text && !like) {
      const results = this.browse(k, accept);
      timings.total = now() - t0;
      return { results, mode: 'browse', like: null, text, chunks: [], timings };
    }

    const mode: SearchMode = opts.mode !== 'lexical' && !this.canEmbed ? 'lexical' : opts.mode ?? 'hybrid';
    const depth = Math.max(p.depth, k);

    // Lexical
    let lexical: { id: number; score: number; index: number }[] = [];
    const terms = this.queryTerms(text, p);
    if (mode !== 'semantic') {
      const t = now();
      lexical = this.bm25.search(terms, depth, filter || like ? (i) => accept(this.bm25.ids[i]) : undefined);
      timings.lexical = now() - t;
    }

    // Semantic
    let semantic: VectorHit[] = [];
    let chunks: QueryChunk[] = [];
    let qv: Float32Array | null = null;
    if (mode !== 'lexical') {
      const r = await this.semantic(text, like, p, depth, accept, Boolean(filter || like), timings);
      ({ semantic, chunks, qv } = r);
    }

    // Fusion
    const t = now();
    const lexWeight = p.weights.lexical * (mode === 'hybrid' && p.peopleBoost !== 1 && this.namesPerson(text) ? p.peopleBoost : 1);
    const lists = [
      { name: 'lexical', weight: lexWeight, ids: lexical.map((h) => h.id) },
      { name: 'semantic', weight: p.weights.semantic, ids: semantic.map((h) => h.id) }
    ].filter((l) => (mode === 'hybrid' ? true : l.name === mode));
    const fused = weightedRrf(lists, p.rrfK);
    const lexScore = new Map(lexical.map((h) => [h.id, h.score]));
    const surface = this.surfaceWords(text);
    const semScore = new Map(semantic.map((h) => [h.id, h.score]));
    const top = fused.slice(0, k);
    // Similarity to the query for results the vector search did not return (lexical-only hits).
    const missing = qv && this.deps.store ? top.filter((h) => !semScore.has(h.id)) : [];
    const extra = new Map<number, number>();
    await Promise.all(missing.map(async (h) => {
      const v = await this.deps.store!.vectorOf(h.id);
      if (v) extra.set(h.id, dot(qv!, v));
    }));
    const results = top.map((h): SearchResult => ({
      id: h.id,
      score: mode === 'hybrid' ? h.score : mode === 'lexical' ? lexScore.get(h.id)! : semScore.get(h.id)!,
      explanation: this.explain(h.id, terms, surface, h.ranks.lexical ?? null, h.ranks.semantic ?? null, semScore.get(h.id) ?? extra.get(h.id) ?? null, likeInfo)
    }));
    timings.fusion = now() - t;
    timings.total = now() - t0;
    return { results, mode, like: likeInfo, text, chunks, timings };
  }

  /** More like this: nearest neighbours of a movie, globally or within its micro-genre. */
  async similar(id: number, opts: SimilarOptions = {}): Promise<SearchResult[]> {
    const { vectors, store } = this.deps;
    if (!vectors || !store) throw new Error('similar: needs vectors and a vector store');
    const hits = await moreLikeThis({ movies: this.byId, vectors, store, clusters: this.deps.clusters }, id, opts);
    const base = this.byId.get(id);
    const like = base ? { id: base.id, title: base.title } : null;
    return hits.map((h, i) => ({
      id: h.id,
      score: h.score,
      explanation: { matchedTerms: [], fields: [], lexicalRank: null, semanticRank: i + 1, similarity: h.score, cluster: this.clusterOf(h.id), like }
    }));
  }

  /** Query terms with weights; viewing-context sentences down-weighted when lexicalContext is on. */
  queryTerms(text: string, p: RankParams = this.params): QueryTerm[] {
    const stem = this.bm25.params.stem;
    if (!p.lexicalContext || p.contextWeight === 1) return tokenize(text, { stem }).map((term) => ({ term, weight: 1 }));
    const sentences = splitSentences(text);
    const flags = sentences.map(isContextSentence);
    const mixed = flags.some((f) => f) && flags.some((f) => !f);
    return sentences.flatMap((s, i) => {
      const weight = mixed && flags[i] ? p.contextWeight : 1;
      return tokenize(s, { stem }).map((term) => ({ term, weight }));
    });
  }

  private async semantic(
    text: string,
    like: SearchMovie | null,
    p: RankParams,
    depth: number,
    accept: (id: number) => boolean,
    filtered: boolean,
    timings: SearchResponse['timings']
  ): Promise<{ semantic: VectorHit[]; chunks: QueryChunk[]; qv: Float32Array | null }> {
    const { embedder, vectors, store, countPieces } = this.deps;
    const likeVec = like ? (await store?.vectorOf(like.id)) ?? null : null;
    const chunks = text ? chunkQuery(text, { maxPieces: p.maxPieces, count: countPieces, contextWeight: p.contextWeight }) : [];
    let t = now();
    const vecs = chunks.length ? await embedder!.embed(chunks.map((c) => c.text)) : [];
    timings.embed = now() - t;
    const mix = (v: Float32Array | null) => (likeVec ? likeButVector(likeVec, v, p.likeWeight) : v);
    // Over-fetch when filtering: a searcher may ignore `accept`; the post-filter is the truth.
    // No filter and no X to leave out: no per-movie callback in the scan (it costs more than the dot products).
    const fetch = (q: Float32Array) => filtered
      ? vectors!.search(q, depth * 2, accept).then((hits) => hits.filter((h) => accept(h.id)).slice(0, depth))
      : vectors!.search(q, depth);
    t = now();
    let semantic: VectorHit[] = [];
    let qv: Float32Array | null = null;
    if (p.aggregate === 'max' && vecs.length > 1) {
      const best = new Map<number, number>();
      const wmax = Math.max(...chunks.map((c) => c.weight));
      for (let i = 0; i < vecs.length; i++) {
        const w = chunks[i].weight / wmax;
        for (const h of await fetch(mix(vecs[i])!)) best.set(h.id, Math.max(best.get(h.id) ?? -Infinity, w * h.score));
      }
      semantic = [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, depth);
      qv = mix(meanVector(vecs, chunks.map((c) => c.weight)));
    } else {
      qv = mix(vecs.length ? meanVector(vecs, chunks.map((c) => c.weight)) : null);
      if (qv) semantic = await fetch(qv);
    }
    timings.vector = now() - t;
    return { semantic, chunks, qv };
  }

  private explain(
    id: number,
    terms: QueryTerm[],
    surface: Map<string, string>,
    lexicalRank: number | null,
    semanticRank: number | null,
    similarity: number | null,
    like: Explanation['like']
  ): Explanation {
    const index = this.bm25.indexOf(id);
    const m = index === undefined ? { terms: [], fields: [] } : this.bm25.matches(index, terms.map((t) => t.term));
    return {
      matchedTerms: m.terms.map((t) => surface.get(t) ?? t),
      fields: m.fields,
      lexicalRank,
      semanticRank,
      similarity,
      cluster: this.clusterOf(id),
      ...(like ? { like } : {})
    };
  }

  /** Does the text contain the full name (2–4 words) of a person credited on some movie? */
  namesPerson(text: string): boolean {
    if (!this.names) {
      this.names = new Set();
      for (const m of this.deps.movies)
        for (const n of [...m.cast, ...m.directors, ...(this.deps.people?.get(m.id) ?? [])]) {
          const key = tokenize(n, { stem: 'none', stopwords: false }).join(' ');
          if (key.includes(' ')) this.names.add(key);
        }
    }
    const w = tokenize(text, { stem: 'none', stopwords: false });
    for (let i = 0; i < w.length; i++)
      for (let n = 2; n <= 4 && i + n <= w.length; n++) if (this.names.has(w.slice(i, i + n).join(' '))) return true;
    return false;
  }

  /** Query words as typed for matched index terms (first surface form of each stem). */
  surfaceWords(text: string): Map<string, string> {
    const stem = stemmer(this.bm25.params.stem);
    const out = new Map<string, string>();
    for (const w of tokenize(text, { stem: 'none' })) if (!out.has(stem(w))) out.set(stem(w), w);
    return out;
  }

  private clusterOf(id: number): Explanation['cluster'] {
    const c = this.deps.clusters;
    const cid = c?.byMovie.get(id);
    if (!c || cid === undefined) return null;
    return { model: c.model, id: cid, name: c.names?.get(cid) ?? null };
  }

  /** No text: the filtered catalogue by popularity (vote count), as a browsing fallback. */
  private browse(k: number, accept: (id: number) => boolean): SearchResult[] {
    return this.deps.movies
      .filter((m) => accept(m.id))
      .sort((a, b) => (b.vote_count ?? 0) - (a.vote_count ?? 0) || a.id - b.id)
      .slice(0, k)
      .map((m) => ({
        id: m.id,
        score: m.vote_count ?? 0,
        explanation: { matchedTerms: [], fields: [], lexicalRank: null, semanticRank: null, similarity: null, cluster: this.clusterOf(m.id) }
      }));
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
