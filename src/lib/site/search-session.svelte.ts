/**
 * The browser side of search, once per tab: the ranking core (src/lib/core/search, the same
 * code the CLI runs) over rows read from DuckDB, with
 *   - lexical search as soon as the catalogue is loaded,
 *   - the MiniLM worker (WebGPU or WASM) started only when a free-text query first needs it,
 *   - the hnswlib-wasm worker for nearest neighbours and movie vectors ("more like this",
 *     "like X but Y"); the compact vectors come to this thread only if that worker fails.
 * Every part reports its state so the page can say what is loading and what is unavailable.
 */
import { base } from '$app/paths';
import type { Catalogue } from '$lib/db/client';
import { clusterAssignments, searchRows } from '$lib/db/queries-search';
import { SearchEngine, type SearchOptions, type SearchResponse } from '$lib/core/search/rank';
import { ExactVectorSearcher } from '$lib/core/search/exact';
import type { ClusterAssignments, SearchMovie, SearchResult, VectorSearcher, VectorStore } from '$lib/core/search/types';
import type { VectorSearcherHandle } from '$lib/vectors/client';
import { decodeCompact, COMPACT_FILE } from '$lib/vectors/compact-format';
import { dataUrl } from './paths';

export type PartState =
  | { status: 'idle' }
  | { status: 'loading'; fraction: number | null; message: string }
  | { status: 'ready'; detail: string }
  | { status: 'unavailable'; message: string };

export const searchState: { model: PartState; vectors: PartState } = $state({
  model: { status: 'idle' },
  vectors: { status: 'idle' }
});

interface Session {
  lexical: SearchEngine;
  movies: Map<number, SearchMovie>;
  clusters: ClusterAssignments | null;
  semantic: Promise<SearchEngine | null> | null;
}

let session: Promise<Session> | null = null;

/** The lexical engine (built once from the catalogue) and the default model's micro-genres. */
function open(cat: Catalogue, model: string | null): Promise<Session> {
  session ??= (async () => {
    const rows = await searchRows(cat.engine);
    const clusters = model ? await clusterAssignments(cat.engine, model).catch(() => null) : null;
    const lexical = new SearchEngine({ movies: rows, clusters: clusters ?? undefined });
    return { lexical, movies: new Map(rows.map((m) => [m.id, m])), clusters, semantic: null };
  })();
  return session;
}

/** Starts the model and vectors (once); null when either cannot be had, with the reason in searchState. */
function semanticEngine(s: Session): Promise<SearchEngine | null> {
  s.semantic ??= (async () => {
    const [parts, embedder] = await Promise.all([loadVectors(), loadModel()]);
    if (!parts || !embedder) return null;
    // A site whose model is not the one the catalogue was embedded with would rank by noise
    // (or fail in the index): check the width once and search by words instead.
    const modelDim = (await embedder.embed(['dimension check']))[0]?.length ?? 0;
    if (modelDim !== parts.dim) {
      searchState.model = {
        status: 'unavailable',
        message: `This site's language model (${modelDim}-d) is not the one its catalogue was embedded with (${parts.dim}-d). Results below match words only.`
      };
      return null;
    }
    return new SearchEngine({
      movies: [...s.movies.values()], bm25: s.lexical.bm25, clusters: s.clusters ?? undefined,
      embedder, vectors: parts.searcher, store: parts.store
    });
  })();
  return s.semantic;
}

interface VectorParts {
  searcher: VectorSearcher;
  store: VectorStore;
  dim: number;
}

let vectorsPromise: Promise<VectorParts | null> | null = null;

/**
 * Nearest neighbours and movie vectors (once). One copy of the vectors, in the worker: the
 * store asks the worker for a movie's vector. Only when the worker cannot start does this
 * thread download the vectors itself, for exact search.
 */
function loadVectors(): Promise<VectorParts | null> {
  vectorsPromise ??= (async () => {
    const vs = await startWorker();
    if (vs) return { searcher: vs, store: { vectorOf: (id: number) => vs.vector(id) }, dim: vs.status.dim };
    const exact = await fetchExact();
    return exact ? { searcher: exact, store: exact, dim: exact.dim } : null;
  })();
  return vectorsPromise;
}

async function fetchExact(): Promise<ExactVectorSearcher | null> {
  try {
    const res = await fetch(dataUrl(COMPACT_FILE));
    if (!res.ok) throw new Error(`${COMPACT_FILE} answered ${res.status}`);
    const exact = ExactVectorSearcher.fromInt8(decodeCompact(new Uint8Array(await res.arrayBuffer())));
    searchState.vectors = { status: 'ready', detail: `exact search (${workerError})` };
    return exact;
  } catch (e) {
    searchState.vectors = { status: 'unavailable', message: `Movie vectors could not be loaded (${(e as Error).message}): search by words only.` };
    return null;
  }
}

let workerError = '';

async function startWorker(): Promise<VectorSearcherHandle | null> {
  searchState.vectors = { status: 'loading', fraction: null, message: 'Preparing the nearest-neighbour index' };
  try {
    const { createVectorSearcher } = await import('$lib/vectors/client');
    const vs = await createVectorSearcher({
      base,
      onProgress: (p) => {
        searchState.vectors = { status: 'loading', fraction: p.total ? p.loaded / p.total : null, message: p.message };
      }
    });
    searchState.vectors = { status: 'ready', detail: vs.mode === 'hnsw' ? 'HNSW index' : 'exact search' };
    vs.settled.then((st) => {
      if (searchState.vectors.status === 'ready') searchState.vectors = { status: 'ready', detail: st.mode === 'hnsw' ? 'HNSW index' : 'exact search' };
    });
    return vs;
  } catch (e) {
    // The exact searcher on this thread answers instead.
    workerError = (e as Error).message;
    return null;
  }
}

async function loadModel() {
  searchState.model = { status: 'loading', fraction: null, message: 'Loading the language model' };
  try {
    const { createEmbedder } = await import('$lib/model/client');
    const em = await createEmbedder({
      base,
      onProgress: (p) => {
        searchState.model = {
          status: 'loading',
          fraction: p.total ? p.loaded / p.total : null,
          message: `Downloading the language model (${(p.loaded / 1e6).toFixed(1)} of ${(p.total / 1e6).toFixed(1)} MB) — once; it is kept for later visits`
        };
      }
    });
    searchState.model = { status: 'ready', detail: `${em.device.toUpperCase()} · ${em.dtype}` };
    return em;
  } catch (e) {
    const { describeModelError } = await import('$lib/model/client');
    searchState.model = { status: 'unavailable', message: `${describeModelError(e)} Results below match words only.` };
    return null;
  }
}

export interface SearchPage {
  response: SearchResponse;
  movies: Map<number, SearchMovie>;
  clusters: ClusterAssignments | null;
}

/**
 * Runs a query: lexical at once when `semantic` is false, else hybrid once the model is
 * ready (falling back to lexical, with the reason in searchState, when it cannot load).
 */
export async function runSearch(
  cat: Catalogue,
  model: string | null,
  query: string,
  opts: SearchOptions & { semantic: boolean }
): Promise<SearchPage> {
  const s = await open(cat, model);
  const engine = opts.semantic ? ((await semanticEngine(s)) ?? s.lexical) : s.lexical;
  const response = await engine.search(query, opts);
  return { response, movies: s.movies, clusters: s.clusters };
}

/** "More like this" for a movie (vector neighbours), or null when vectors are unavailable. */
export async function similarTo(cat: Catalogue, model: string | null, id: number, withinCluster = false, k = 12): Promise<SearchResult[] | null> {
  const s = await open(cat, model);
  const parts = await loadVectors();
  if (!parts) return null;
  const engine = new SearchEngine({ movies: [...s.movies.values()], bm25: s.lexical.bm25, clusters: s.clusters ?? undefined, vectors: parts.searcher, store: parts.store });
  return engine.similar(id, { k, scope: withinCluster ? 'cluster' : 'global' });
}
