/**
 * Module web worker owning the vector index (vector-index.ts decides the path: restored
 * HNSW, HNSW built here, or exact). Searches that arrive before init are answered once the
 * first searchable state is reached; during an HNSW build they are answered exactly between
 * build batches.
 */
import { fetchArtifact } from '../db/download';
import { COMPACT_FILE } from './compact-format';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { openVectorIndex, type VectorIndex } from './vector-index';

const post = (m: WorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
let index: Promise<VectorIndex> | null = null;

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const m = e.data;
  if (m.type === 'init') {
    index ??= openVectorIndex({
      versionKey: m.versionKey,
      params: m.params,
      forceExact: m.forceExact,
      batch: 250,
      download: async (onBytes) => {
        const bytes = await fetchArtifact(COMPACT_FILE, m.url, fetch, onBytes);
        if (!bytes) throw new Error(`${COMPACT_FILE} was not found at ${m.url} (HTTP 404): the site was built without vectors; run npm run build:data, then npm run build.`);
        return bytes;
      },
      onProgress: (progress) => post({ type: 'progress', progress })
    });
    try {
      const ix = await index;
      post({ type: 'ready', status: ix.status });
      post({ type: 'settled', status: await ix.settled });
    } catch (err) {
      post({ type: 'init-error', message: String((err as Error)?.message ?? err) });
    }
    return;
  }
  try {
    if (!index) throw new Error('vector worker: init first');
    const ix = await index;
    if (m.type === 'search') post({ type: 'result', id: m.id, hits: ix.search(m.query, m.k, { ef: m.ef }) });
    else if (m.type === 'time') {
      // performance.now() is coarsened to 0.1 ms without cross-origin isolation: totalMs gives the mean.
      const ms: number[] = [];
      const t0 = performance.now();
      const hits = m.queries.map((q) => {
        const t = performance.now();
        const h = ix.search(q, m.k, { ef: m.ef });
        ms.push(performance.now() - t);
        return h;
      });
      post({ type: 'timed', id: m.id, ms, totalMs: performance.now() - t0, hits });
    } else {
      const vector = ix.vector(m.movieId);
      post({ type: 'vector', id: m.id, vector }, vector ? [vector.buffer] : []);
    }
  } catch (err) {
    post({ type: 'error', id: m.id, message: String((err as Error)?.message ?? err) });
  }
};
