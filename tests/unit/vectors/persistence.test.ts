/**
 * The worker's path through openVectorIndex, with fake-indexeddb standing in for the
 * browser's IndexedDB. A "page" is a fresh instance of hnswlib-wasm (its module imported
 * under a new URL): its IDBFS mount starts empty and fills itself from IndexedDB, as in a
 * new worker.
 */
import '../../../build-scripts/bench/hnsw-node-env';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { clusteredVectors } from '../../../build-scripts/bench/synthetic-vectors';
import { decodeCompact, dequantizeRow, encodeCompact } from '../../../src/lib/vectors/compact-format';
import { estimateIndexBytes, startHnswlib } from '../../../src/lib/vectors/hnsw';
import { listStoredIndexes } from '../../../src/lib/vectors/idbfs-store';
import { openVectorIndex as open, type OpenOptions } from '../../../src/lib/vectors/vector-index';
import { recallVsExact, rows } from './helpers';

const HNSWLIB = pathToFileURL(createRequire(import.meta.url).resolve('hnswlib-wasm/dist/hnswlib.js')).href;
let pages = 0;

/** openVectorIndex as a new page would run it: with its own hnswlib-wasm instance. */
function openVectorIndex(o: Omit<OpenOptions, 'loadLib'>) {
  const url = `${HNSWLIB}?page=${++pages}`;
  return open({ ...o, loadLib: async () => startHnswlib(await import(/* @vite-ignore */ url)) });
}

const dim = 64;
const n = 1200;
const all = clusteredVectors(n + 50, dim, { seed: 21 });
const ids = Array.from({ length: n }, (_, i) => 10 * i + 7);
const bytes = encodeCompact(ids, all.subarray(0, n * dim), dim);
const compact = decodeCompact(bytes);
const queries = rows(all, dim, n, n + 50);

function downloader(data: Uint8Array = bytes) {
  const fn = vi.fn(async (onBytes: (l: number, t: number | null) => void) => {
    onBytes(data.length, data.length);
    return data;
  });
  return fn;
}

describe('vector index: build, persist, restore (IndexedDB)', () => {
  it('builds on the first visit and restores on the next without downloading, with the same answers', async () => {
    const first = await openVectorIndex({ versionKey: 'sha-aaaa', download: downloader(), batch: 300 });
    // Exact search answers at once, while the index builds.
    expect(first.status).toMatchObject({ mode: 'exact', source: 'exact', count: n, dim, reason: null });
    const before = first.search(queries[0], 10);
    const done = await first.settled;
    expect(done).toMatchObject({ mode: 'hnsw', source: 'built', persisted: true, reason: null });
    expect(first.status.mode).toBe('hnsw');
    const built = queries.map((q) => first.search(q, 10));
    expect(recallVsExact(compact, queries, 10, (q) => first.search(q, 10))).toBeGreaterThanOrEqual(0.98);
    expect(built[0].map((h) => h.id)).toEqual(before.map((h) => h.id));
    const [stored] = await listStoredIndexes();
    const estimate = estimateIndexBytes(n, dim, 16);
    expect(stored.bytes).toBeLessThanOrEqual(estimate);
    expect(stored.bytes).toBeGreaterThan(estimate * 0.97);
    first.dispose();

    const download = downloader();
    const second = await openVectorIndex({ versionKey: 'sha-aaaa', download });
    expect(second.status).toMatchObject({ mode: 'hnsw', source: 'restored', count: n, dim, persisted: true });
    expect(download).not.toHaveBeenCalled();
    expect(queries.map((q) => second.search(q, 10))).toEqual(built);
    expect(Array.from(second.vector(ids[5])!)).toEqual(Array.from(dequantizeRow(compact, 5)));
    second.dispose();
  }, 60_000);

  it('drops the index of an older build and builds for the new one', async () => {
    const other = encodeCompact(ids.slice(0, 200), all.subarray(0, 200 * dim), dim);
    const ix = await openVectorIndex({ versionKey: 'sha-bbbb', download: downloader(other) });
    const done = await ix.settled;
    expect(done).toMatchObject({ source: 'built', count: 200 });
    expect(done.pruned).toEqual([expect.stringContaining('-shaaaaa-')]);
    expect((await listStoredIndexes()).map((f) => f.file)).toEqual(['cineatlas-l1-shabbbb-n200-d64-m16-c100.hnsw']);
    ix.dispose();
  }, 60_000);

  it('rebuilds an index stored with other graph parameters', async () => {
    const small = encodeCompact(ids.slice(0, 100), all.subarray(0, 100 * dim), dim);
    const a = await openVectorIndex({ versionKey: 'sha-eeee', params: { m: 8 }, download: downloader(small) });
    expect(await a.settled).toMatchObject({ source: 'built' });
    const b = await openVectorIndex({ versionKey: 'sha-eeee', download: downloader(small) });
    const done = await b.settled;
    expect(done).toMatchObject({ source: 'built', pruned: ['cineatlas-l1-shaeeee-n100-d64-m8-c100.hnsw'] });
    const c = await openVectorIndex({ versionKey: 'sha-eeee', download: downloader(small) });
    expect(c.status.source).toBe('restored');
  });

  it('keeps the index in memory, and says so, when the storage quota is too small', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ quota: 50_000, usage: 10_000 }) } });
    try {
      const ix = await openVectorIndex({ versionKey: 'sha-ffff', download: downloader() });
      expect(await ix.settled).toMatchObject({ mode: 'hnsw', source: 'built', persisted: false, reason: expect.stringContaining('may store only 0 MB more') });
      expect((await listStoredIndexes()).some((f) => f.file.includes('shaffff'))).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('stays exact, and says why, without IndexedDB or without a version key', async () => {
    const idb = globalThis.indexedDB;
    try {
      // @ts-expect-error simulating a browser where IndexedDB is unavailable
      delete globalThis.indexedDB;
      const ix = await openVectorIndex({ versionKey: 'sha-cccc', download: downloader() });
      expect(await ix.settled).toMatchObject({ mode: 'exact', source: 'exact', persisted: false, reason: expect.stringContaining('IndexedDB is unavailable') });
      expect(recallVsExact(compact, queries, 10, (q) => ix.search(q, 10))).toBe(1);
    } finally {
      globalThis.indexedDB = idb;
    }
    const noKey = await openVectorIndex({ versionKey: null, download: downloader() });
    expect((await noKey.settled).reason).toContain('no version key');
    const forced = await openVectorIndex({ versionKey: 'sha-aaaa', forceExact: true, download: downloader() });
    expect(await forced.settled).toMatchObject({ mode: 'exact', reason: 'exact search was requested' });
  });

  it('falls back to exact search when hnswlib-wasm cannot start', async () => {
    const failing = () => Promise.reject(new Error('WebAssembly.instantiate(): blocked by CSP'));
    const ix = await open({ versionKey: 'sha-dddd', download: downloader(), loadLib: failing });
    expect(await ix.settled).toMatchObject({ mode: 'exact', reason: expect.stringContaining('blocked by CSP') });
    expect(ix.search(queries[1], 5)).toHaveLength(5);
  });

  it('passes on a download failure', async () => {
    await expect(openVectorIndex({ versionKey: null, download: () => Promise.reject(new Error('embeddings.i8.bin was not found')) })).rejects.toThrow('not found');
  });
});
