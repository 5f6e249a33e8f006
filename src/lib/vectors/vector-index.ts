/**
 * Decides and runs the search path inside the vector worker (and in Node tests):
 *
 *   stored index for this build in IndexedDB → restore it (no download, no build) → 'hnsw'
 *   else download embeddings.i8.bin → exact search answers at once → build HNSW in batches
 *        (searches interleave, answered exactly) → persist → 'hnsw'
 *   no IndexedDB / hnswlib fails / no version key → stay 'exact' (says why)
 *
 * Measured (README.md): a build takes 1.7 s for 4.8k vectors (5 s for 10.9k) in Chromium, a
 * restore 20–35 ms, and a prebuilt index would be 4× the compact file's download, hence
 * build-in-browser + persist.
 */
import { ExactVectorSearcher } from '../core/search/exact';
import type { VectorHit } from '../core/search/types';
import { COMPACT_FILE, decodeCompact, type CompactVectors } from './compact-format';
import type { HnswlibModule } from 'hnswlib-wasm/dist/hnswlib.js';
import { estimateIndexBytes, HnswIndex, hnswParamsFor, loadHnswlib, type HnswParams } from './hnsw';
import { findStoredIndex, indexedDbUsable, indexFileName, MAX_RECORD_BYTES, pruneStoredIndexes, storageRoom, type StoredIndex } from './idbfs-store';

export type VectorMode = 'hnsw' | 'exact';

export interface VectorStatus {
  mode: VectorMode;
  /** restored: index read from IndexedDB; built: built here from the compact file. */
  source: 'restored' | 'built' | 'exact';
  count: number;
  dim: number;
  /** Whether the HNSW index is stored in IndexedDB for the next visit. */
  persisted: boolean;
  /** Why the path is exact, or why persisting failed. */
  reason: string | null;
  /** Stored index files of older builds deleted on this start. */
  pruned: string[];
  ms: { download: number; build: number; restore: number; persist: number };
}

export interface VectorProgress {
  stage: 'download' | 'restore' | 'build' | 'persist';
  loaded: number;
  total: number | null;
  message: string;
}

export interface OpenOptions {
  /** Downloads embeddings.i8.bin (reporting bytes); throws a message naming the file on failure. */
  download: (onBytes: (loaded: number, total: number | null) => void) => Promise<Uint8Array>;
  /** Changes with every build (the compact file's sha256); null disables persistence. */
  versionKey: string | null;
  params?: Partial<HnswParams>;
  /** Skip HNSW entirely (diagnostics, tests). */
  forceExact?: boolean;
  onProgress?: (p: VectorProgress) => void;
  /** Vectors added per wasm call in a build; the worker answers queued searches between calls. */
  batch?: number;
  /** Loads hnswlib-wasm (default: the package, once per worker). Tests pass fresh instances. */
  loadLib?: () => Promise<HnswlibModule>;
}

export interface SearchOptions {
  /** HNSW beam width (ignored by exact search). */
  ef?: number;
  accept?: (id: number) => boolean;
}

export interface VectorIndex {
  readonly status: VectorStatus;
  search(query: Float32Array, k: number, opts?: SearchOptions): VectorHit[];
  vector(id: number): Float32Array | null;
  /** Resolves with the final status: after the HNSW build (and persist) or at once. */
  readonly settled: Promise<VectorStatus>;
  dispose(): void;
}

const now = () => performance.now();
const message = (e: unknown) => String((e as Error)?.message ?? e);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export async function openVectorIndex(o: OpenOptions): Promise<VectorIndex> {
  const paramsFor = (count: number): HnswParams => ({ ...hnswParamsFor(count), ...o.params });
  const ms = { download: 0, build: 0, restore: 0, persist: 0 };
  let pruned: string[] = [];

  // 1. Can HNSW run and persist here at all? Prune older builds' files before hnswlib loads
  //    (its IDBFS mount copies every stored file into memory).
  let reason: string | null = null;
  let lib: HnswlibModule | null = null;
  let stored: StoredIndex | null = null;
  if (o.forceExact) reason = 'exact search was requested';
  else if (!o.versionKey) reason = 'no version key for this build (manifest.json without the vectors file), so an index could not be kept';
  else if (!(await indexedDbUsable())) reason = 'IndexedDB is unavailable here (private mode or blocked third-party storage)';
  else {
    try {
      stored = await findStoredIndex(o.versionKey);
      const p = stored && paramsFor(stored.count);
      // Built with other parameters than this code would use: rebuild (and drop it).
      if (stored && (stored.m !== p!.m || stored.efConstruction !== p!.efConstruction)) stored = null;
      pruned = await pruneStoredIndexes(stored?.file ?? null);
    } catch (e) {
      reason = `IndexedDB could not be read (${message(e)})`;
    }
    if (!reason) {
      try {
        lib = await (o.loadLib ?? loadHnswlib)();
      } catch (e) {
        reason = `the HNSW library could not start (${message(e)})`;
      }
    }
  }

  // 2. A stored index for this build: use it without downloading anything.
  if (lib && stored) {
    o.onProgress?.({ stage: 'restore', loaded: 0, total: null, message: 'Opening the stored search index' });
    const t = now();
    try {
      const index = HnswIndex.restore(lib, stored.file, stored.dim, paramsFor(stored.count).efSearch);
      if (index) {
        ms.restore = now() - t;
        const status: VectorStatus = { mode: 'hnsw', source: 'restored', count: index.count, dim: index.dim, persisted: true, reason: null, pruned, ms };
        return {
          status,
          settled: Promise.resolve(status),
          search: (q, k, opts) => index.search(q, k, opts),
          vector: (id) => index.vector(id),
          dispose: () => index.dispose()
        };
      }
    } catch {
      // Unreadable (e.g. written by a crashed tab): rebuild below; persisting overwrites it.
    }
  }

  // 3. Download the compact vectors: exact search works from here on.
  const t0 = now();
  const bytes = await o.download((loaded, total) =>
    o.onProgress?.({ stage: 'download', loaded, total, message: `Downloading ${COMPACT_FILE}` })
  );
  const compact = decodeCompact(bytes);
  ms.download = now() - t0;
  const exact = ExactVectorSearcher.fromInt8(compact);
  let hnsw: HnswIndex | null = null;
  let status: VectorStatus = {
    mode: 'exact', source: 'exact', count: compact.ids.length, dim: compact.dim, persisted: false, reason, pruned, ms
  };

  const settled = lib ? buildAndPersist(lib, compact) : Promise.resolve(status);
  async function buildAndPersist(l: HnswlibModule, c: CompactVectors): Promise<VectorStatus> {
    const t1 = now();
    const params = paramsFor(c.ids.length);
    try {
      hnsw = await HnswIndex.build(l, c, params, (done, total) =>
        o.onProgress?.({ stage: 'build', loaded: done, total, message: `Indexing ${done.toLocaleString('en')} of ${total.toLocaleString('en')} vectors` })
      , o.batch);
    } catch (e) {
      status = { ...status, reason: `the HNSW index could not be built (${message(e)})` };
      return status;
    }
    ms.build = now() - t1;
    const file = indexFileName(o.versionKey!, c.ids.length, c.dim, params);
    let persisted = true;
    let why: string | null = null;
    o.onProgress?.({ stage: 'persist', loaded: 0, total: null, message: 'Storing the search index for the next visit' });
    const t2 = now();
    const need = estimateIndexBytes(c.ids.length, c.dim, params.m);
    const room = await storageRoom();
    try {
      if (need > MAX_RECORD_BYTES) throw new Error(`at ${mb(need)} it exceeds IndexedDB's ${mb(MAX_RECORD_BYTES)} record limit in Chromium`);
      if (room !== null && room < need * 1.2)
        throw new Error(`it needs ${mb(need)} and this site may store only ${mb(room)} more here`);
      await hnsw.persist(file);
    } catch (e) {
      persisted = false;
      why = `the index could not be stored (${message(e)}); it will be rebuilt on the next visit`;
    }
    ms.persist = now() - t2;
    status = { ...status, mode: 'hnsw', source: 'built', persisted, reason: why };
    return status;
  }

  return {
    get status() {
      return status;
    },
    settled,
    search: (q, k, opts) => (hnsw ? (hnsw as HnswIndex).search(q, k, opts) : exact.searchSync(q, k, opts?.accept)),
    vector: (id) => exact.vectorOf(id),
    dispose: () => (hnsw as HnswIndex | null)?.dispose()
  };
}
