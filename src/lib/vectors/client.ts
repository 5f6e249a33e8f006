/**
 * Page-side handle on the vector worker: a VectorSearcher (ranking core) with a promise API.
 *
 *   const vs = await createVectorSearcher({ base, onProgress });
 *   vs.mode            'exact' until an HNSW index is ready, then 'hnsw'
 *   await vs.settled   final status (index built and stored, restored, or why exact)
 *   await vs.search(unitQuery, 10)  → [{ id, score }] (cosine, best first)
 *
 * Resolves as soon as search works: at once when this build's index is stored in IndexedDB,
 * else after embeddings.i8.bin (~1.9 MB for 4.8k movies) downloads — exact search answers
 * while the index builds in the worker.
 */
import type { VectorHit, VectorSearcher } from '../core/search/types';
import { COMPACT_FILE } from './compact-format';
import type { HnswParams } from './hnsw';
import type { WorkerMessage, WorkerRequest } from './protocol';
import type { VectorMode, VectorProgress, VectorStatus } from './vector-index';

export type { VectorMode, VectorProgress, VectorStatus } from './vector-index';

export interface VectorSearcherOptions {
  /** Site base path ($app/paths base), e.g. '/cineatlas' or ''. Artifacts are at `<base>/data/`. */
  base: string;
  onProgress?: (p: VectorProgress) => void;
  /** Skip HNSW (diagnostics). */
  forceExact?: boolean;
  params?: Partial<HnswParams>;
  fetch?: typeof fetch;
  /** Worker factory (tests); default: worker.ts as a module worker. */
  worker?: () => Worker;
}

export interface VectorSearcherHandle extends VectorSearcher {
  readonly mode: VectorMode;
  readonly status: VectorStatus;
  readonly settled: Promise<VectorStatus>;
  /**
   * `accept` cannot cross into the worker: the handle over-fetches and filters here, widening
   * the fetch until k hits pass (or the whole catalogue was asked for).
   */
  search(query: Float32Array, k: number, accept?: (id: number) => boolean, opts?: { ef?: number }): Promise<VectorHit[]>;
  /** A movie's dequantised vector (for "more like this"), or null. */
  vector(id: number): Promise<Float32Array | null>;
  /** Diagnostics: runs the queries inside the worker, timing each search there. */
  timeSearches(queries: Float32Array[], k: number, opts?: { ef?: number }): Promise<{ ms: number[]; totalMs: number; hits: VectorHit[][] }>;
  dispose(): void;
}

/** The compact file's sha256 from manifest.json (else the build time): keys the stored index. */
async function versionKey(dataUrl: string, fetchFn: typeof fetch): Promise<string | null> {
  try {
    const res = await fetchFn(`${dataUrl}manifest.json`);
    if (!res.ok) return null;
    const m = (await res.json()) as { built_at?: string; artifacts?: { name?: string; sha256?: string }[] };
    return m.artifacts?.find((a) => a.name === COMPACT_FILE)?.sha256 ?? m.built_at ?? null;
  } catch {
    return null;
  }
}

export async function createVectorSearcher(o: VectorSearcherOptions): Promise<VectorSearcherHandle> {
  const fetchFn = o.fetch ?? globalThis.fetch.bind(globalThis);
  // Absolute: the worker resolves relative URLs against its own script URL, not the page.
  const dataUrl = new URL(`${o.base}/data/`, globalThis.location?.href).href;
  const key = await versionKey(dataUrl, fetchFn);
  const worker = o.worker?.() ?? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'cineatlas-vectors' });

  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let status: VectorStatus | null = null;
  let resolveSettled!: (s: VectorStatus) => void;
  let rejectSettled!: (e: Error) => void;
  const settled = new Promise<VectorStatus>((res, rej) => ((resolveSettled = res), (rejectSettled = rej)));
  settled.catch(() => undefined); // a failed init rejects the returned promise instead

  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      switch (m.type) {
        case 'progress':
          o.onProgress?.(m.progress);
          break;
        case 'ready':
          status = m.status;
          resolve();
          break;
        case 'settled':
          status = m.status;
          resolveSettled(m.status);
          break;
        case 'init-error':
          reject(new Error(m.message));
          rejectSettled(new Error(m.message));
          break;
        default: {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.type === 'error') p?.reject(new Error(m.message));
          else p?.resolve((m.type === 'result' ? m.hits : m.type === 'vector' ? m.vector : m) as never);
        }
      }
    };
    worker.onerror = (e) => {
      const err = new Error(`The vector worker failed to start: ${e.message || 'script error'}`);
      reject(err);
      rejectSettled(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
  });

  const call = <T>(req: WorkerRequest & { id: number }, transfer: Transferable[] = []) =>
    new Promise<T>((resolve, reject) => {
      pending.set(req.id, { resolve: resolve as (v: never) => void, reject });
      worker.postMessage(req, transfer);
    });

  worker.postMessage({ type: 'init', url: `${dataUrl}${COMPACT_FILE}`, versionKey: key, params: o.params, forceExact: o.forceExact } satisfies WorkerRequest);
  try {
    await ready;
  } catch (e) {
    worker.terminate();
    throw e;
  }

  return {
    get mode() {
      return status!.mode;
    },
    get status() {
      return status!;
    },
    settled,
    async search(query, k, accept, opts) {
      // A copy: posting a subarray would clone its whole underlying buffer.
      const ask = (want: number) => call<VectorHit[]>({ type: 'search', id: nextId++, query: Float32Array.from(query), k: want, ef: opts?.ef });
      if (!accept) return ask(k);
      // Over-fetch and filter here; widen (×8 each time) while a narrow filter, such as one
      // small micro-genre, leaves fewer than k, up to the whole catalogue.
      const count = status!.count;
      for (let want = Math.min(count, Math.max(4 * k, k + 50)); ; want = Math.min(count, want * 8)) {
        const hits = (await ask(want)).filter((h) => accept(h.id));
        if (hits.length >= k || want >= count) return hits.slice(0, k);
      }
    },
    vector: (movieId) => call<Float32Array | null>({ type: 'vector', id: nextId++, movieId }),
    timeSearches: (queries, k, opts) => call({ type: 'time', id: nextId++, queries, k, ef: opts?.ef }),
    dispose() {
      worker.terminate();
      const err = new Error('vector searcher disposed');
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    }
  };
}
