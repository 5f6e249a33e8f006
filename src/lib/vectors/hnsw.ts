/**
 * HNSW approximate nearest neighbours over the compact vectors, with hnswlib-wasm.
 *
 * - Space 'ip' over the dequantised int8 vectors: score = 1 − distance = dot(query, v_i),
 *   exactly the score of the core's ExactVectorSearcher over the same int8 file, so both
 *   paths rank and score alike ('cosine' would renormalise v_i, changing scores by the int8
 *   norm error, ~0.1%, for no recall gain).
 * - Labels are the movie ids themselves (uint32 in hnswlib-wasm; ids are positive int32), so
 *   a persisted index answers with movie ids on its own: no id table to store beside it.
 * - Persistence: hnswlib-wasm writes files into Emscripten's IDBFS mounted at /hnswlib-index
 *   and mirrors them to IndexedDB (database "/hnswlib-index"); see idbfs-store.ts.
 *
 * Browser-first: in Node, import 'fake-indexeddb/auto' and set globalThis.window first
 * (build-scripts/bench/hnsw-node-env.ts does both).
 */
import type { HierarchicalNSW, HnswlibModule } from 'hnswlib-wasm/dist/hnswlib.js';
import { dequantizeRow, type CompactVectors } from './compact-format';
import type { VectorHit } from '../core/search/types';

export interface HnswParams {
  /** Graph degree (layer 0 keeps 2·m links). */
  m: number;
  efConstruction: number;
  /** Default search beam; a search may ask for more. Always ≥ k. */
  efSearch: number;
  seed: number;
}

/** Chosen by measurement (README.md): recall@10 ≥ 0.99 on TMDB 5000 / 10k and synthetic 10.9k; builds in 0.35–0.6 s per 1k vectors. */
export const HNSW_DEFAULTS: HnswParams = { m: 16, efConstruction: 100, efSearch: 200, seed: 100 };
/**
 * Above LARGE vectors the same graph needs a much wider search beam to keep recall@10 ≥ 0.98
 * (100k synthetic: ef 1500 → 0.991 held out, 0.981 for queries between clusters, 8–9 ms p50);
 * a denser graph (efConstruction 200, M 24–32) gains little at 2–4× the build time (README.md).
 */
export const HNSW_LARGE: HnswParams = { ...HNSW_DEFAULTS, efSearch: 1500 };
const LARGE = 20_000;

export function hnswParamsFor(count: number): HnswParams {
  return count > LARGE ? HNSW_LARGE : HNSW_DEFAULTS;
}

let lib: Promise<HnswlibModule> | null = null;

/**
 * Starts an imported hnswlib-wasm module with its IDBFS mount and waits until IDBFS has
 * copied the stored files in (the library only waits for the mount, not for that copy).
 */
export async function startHnswlib(m: { loadHnswlib(fs?: 'IDBFS'): Promise<HnswlibModule> }): Promise<HnswlibModule> {
  const l = await m.loadHnswlib('IDBFS');
  await waitSynced(l, 10_000);
  return l;
}

/**
 * Loads the wasm module once per worker. Its binary is inlined as base64 in the package's
 * JS, so it arrives inside the worker script: no separate request, no CDN.
 */
export function loadHnswlib(): Promise<HnswlibModule> {
  lib ??= import('hnswlib-wasm/dist/hnswlib.js').then(startHnswlib).catch((e) => {
    lib = null;
    throw e;
  });
  return lib;
}

/**
 * Waits for IDBFS to finish its current sync with IndexedDB (the library's own wait gives up
 * after 4 s; big indexes need more). A failed IndexedDB write never reports back: Emscripten's
 * error handler itself throws (`this.error` in an arrow function), uncaught, in the worker
 * scope. So uncaught errors during the wait are caught here, kept from reaching the page,
 * and end the wait.
 */
async function waitSynced(l: HnswlibModule, timeoutMs: number): Promise<void> {
  let failure: string | null = null;
  const scope = globalThis as unknown as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  const onError = (e: ErrorEvent) => {
    failure = e.message || 'IndexedDB write failed';
    e.preventDefault();
  };
  scope.addEventListener?.('error', onError);
  try {
    const t0 = Date.now();
    while (!l.EmscriptenFileSystemManager.isSynced()) {
      if (failure) throw new Error(`hnsw: IndexedDB sync failed (${failure})`);
      if (Date.now() - t0 > timeoutMs) throw new Error('hnsw: IndexedDB did not finish syncing');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    scope.removeEventListener?.('error', onError);
  }
}

/**
 * Bytes of a stored index, a slight overestimate: per element hnswlib writes its layer-0
 * links (4 + 2M·4), the float32 vector, an 8-byte label and a 4-byte upper-layer size; about
 * 1 element in M−1 has upper-layer links (4 + M·4 each).
 */
export function estimateIndexBytes(count: number, dim: number, m: number): number {
  return Math.ceil(count * (4 + 8 * m + 4 * dim + 8 + 4 + (4 + 4 * m) / (m - 1))) + 100;
}

export class HnswIndex {
  private constructor(
    private readonly l: HnswlibModule,
    private readonly index: HierarchicalNSW,
    readonly dim: number,
    readonly count: number,
    private ef: number
  ) {}

  /**
   * Builds the index from the compact vectors in batches, yielding between batches (so a
   * worker can still answer messages) and reporting progress. Throws on ids hnswlib cannot label.
   */
  static async build(
    l: HnswlibModule,
    c: CompactVectors,
    params: HnswParams = hnswParamsFor(c.ids.length),
    onProgress?: (done: number, total: number) => void,
    batch = 500
  ): Promise<HnswIndex> {
    const n = c.ids.length;
    if (n === 0) throw new Error('hnsw: no vectors');
    checkLabels(c.ids);
    const index = new l.HierarchicalNSW('ip', c.dim, '');
    index.initIndex(n, params.m, params.efConstruction, params.seed);
    // addPoints, not addPoint: the wrapper rebuilds a label cache after every call (O(n) each).
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(n, start + batch);
      const points: Float32Array[] = [];
      const labels: number[] = [];
      for (let i = start; i < end; i++) {
        points.push(dequantizeRow(c, i));
        labels.push(c.ids[i]);
      }
      index.addPoints(points, labels, false);
      onProgress?.(end, n);
      if (end < n) await new Promise((r) => setTimeout(r, 0));
    }
    return new HnswIndex(l, index, c.dim, n, params.efSearch);
  }

  /**
   * Reads a persisted index from IDBFS, or null when there is none under that name. `dim`
   * must be the one it was built with: the file does not record it (hnswlib takes it from
   * the space), which is why idbfs-store.ts puts it in the file name.
   */
  static restore(l: HnswlibModule, file: string, dim: number, efSearch = HNSW_DEFAULTS.efSearch): HnswIndex | null {
    if (!l.EmscriptenFileSystemManager.checkFileExists(file)) return null;
    const index = new l.HierarchicalNSW('ip', dim, '');
    // maxElements 0 keeps the stored capacity (hnswlib takes max(stored, given)).
    void index.readIndex(file, 0);
    return new HnswIndex(l, index, dim, index.getCurrentCount(), efSearch);
  }

  /**
   * The k nearest movies (ids, inner-product scores), best first. `accept` filters inside the
   * graph walk (hnswlib calls it per candidate), so a narrow filter still yields k hits.
   */
  search(query: Float32Array, k: number, { ef = this.ef, accept }: { ef?: number; accept?: (id: number) => boolean } = {}): VectorHit[] {
    if (query.length !== this.dim) throw new Error(`hnsw search: query has ${query.length} dimensions, index has ${this.dim}`);
    const kk = Math.min(k, this.count);
    if (kk <= 0) return [];
    this.index.setEfSearch(Math.max(ef, kk));
    const r = this.index.searchKnn(query, kk, accept);
    return r.neighbors.map((id, i) => ({ id, score: 1 - r.distances[i] }));
  }

  /** Writes the index to IDBFS and waits until IndexedDB holds it. */
  async persist(file: string, timeoutMs = 120_000): Promise<void> {
    await this.index.writeIndex(file);
    await waitSynced(this.l, timeoutMs);
  }

  /** The stored vector of a movie (dequantised), or null if the id is not indexed. */
  vector(id: number): Float32Array | null {
    try {
      return Float32Array.from(this.index.getPoint(id));
    } catch {
      return null;
    }
  }

  dispose(): void {
    (this.index as unknown as { delete?: () => void }).delete?.();
  }
}

/** hnswlib-wasm labels are uint32 and must be unique (a repeated label overwrites its point). */
function checkLabels(ids: Int32Array): void {
  const seen = new Set<number>();
  for (const id of ids) {
    if (id < 0) throw new Error(`hnsw: movie id ${id} cannot be an index label (negative)`);
    if (seen.has(id)) throw new Error(`hnsw: movie id ${id} appears twice in the vectors file`);
    seen.add(id);
  }
}
