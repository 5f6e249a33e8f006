import '../../../build-scripts/bench/hnsw-node-env';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusteredVectors } from '../../../build-scripts/bench/synthetic-vectors';
import { PROJECT_ROOT } from '../../../build-scripts/paths';
import { runBuild } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { ExactVectorSearcher } from '../../../src/lib/core/search/exact';
import { COMPACT_FILE, decodeCompact, dequantizeRow, encodeCompact } from '../../../src/lib/vectors/compact-format';
import { HNSW_DEFAULTS, HnswIndex, loadHnswlib } from '../../../src/lib/vectors/hnsw';
import { TINY_MODEL } from '../embed/helpers';
import { recallVsExact, rows } from './helpers';

describe('HNSW index (hnswlib-wasm in Node)', () => {
  it('finds the exact top 10 (recall@10 ≥ 0.98) on 3,000 clustered 384-D vectors', async () => {
    const n = 3000;
    const all = clusteredVectors(n + 100, 384, { seed: 11 });
    const c = decodeCompact(encodeCompact(Array.from({ length: n }, (_, i) => i + 1), all.subarray(0, n * 384), 384));
    let calls = 0;
    const index = await HnswIndex.build(await loadHnswlib(), c, HNSW_DEFAULTS, () => calls++);
    expect(index.count).toBe(n);
    expect(calls).toBe(Math.ceil(n / 500));
    const queries = rows(all, 384, n, n + 100); // held out: not in the index
    const recall = recallVsExact(c, queries, 10, (q) => index.search(q, 10));
    expect(recall).toBeGreaterThanOrEqual(0.98);
    // Same scores as exact search: inner product with the dequantised vectors.
    const exact = ExactVectorSearcher.fromInt8(c).searchSync(queries[0], 10);
    const got = new Map(index.search(queries[0], 10).map((h) => [h.id, h.score]));
    for (const h of exact) if (got.has(h.id)) expect(got.get(h.id)).toBeCloseTo(h.score, 5);
    index.dispose();
  }, 60_000);

  it('maps labels to movie ids, whatever their order and size, and filters inside the search', async () => {
    const dim = 16;
    const v = clusteredVectors(300, dim, { seed: 5 });
    const ids = Array.from({ length: 300 }, (_, i) => (i === 0 ? 2 ** 31 - 1 : 1_000_000 - i * 3331));
    const c = decodeCompact(encodeCompact(ids, v, dim));
    const index = await HnswIndex.build(await loadHnswlib(), c);
    for (const row of [0, 1, 150, 299]) {
      const [top] = index.search(dequantizeRow(c, row), 1);
      expect(top.id).toBe(ids[row]);
      expect(top.score).toBeCloseTo(ExactVectorSearcher.fromInt8(c).similarity(dequantizeRow(c, row), ids[row])!, 5);
      expect(Array.from(index.vector(ids[row])!)).toEqual(Array.from(dequantizeRow(c, row)));
    }
    expect(index.vector(12345)).toBeNull();
    const even = index.search(dequantizeRow(c, 1), 10, { accept: (id) => id % 2 === 0 });
    expect(even).toHaveLength(10);
    expect(even.every((h) => h.id % 2 === 0)).toBe(true);
    expect(index.search(dequantizeRow(c, 1), 1000)).toHaveLength(300); // k beyond the count
    index.dispose();
  });

  it('refuses ids hnswlib cannot use as labels', async () => {
    const v = clusteredVectors(3, 4);
    const lib = await loadHnswlib();
    await expect(HnswIndex.build(lib, decodeCompact(encodeCompact([1, -2, 3], v, 4)))).rejects.toThrow(/negative/);
    await expect(HnswIndex.build(lib, decodeCompact(encodeCompact([1, 2, 1], v, 4)))).rejects.toThrow(/twice/);
  });

  describe('on the sample catalogue build', () => {
    let out: string;
    const realModel = join(PROJECT_ROOT, 'models/all-MiniLM-L6-v2');
    beforeAll(async () => {
      out = mkdtempSync(join(tmpdir(), 'cineatlas-vectors-'));
      // The real MiniLM when provisioned (384-D, as shipped), else the tiny test model.
      const model = existsSync(join(realModel, 'onnx/model.onnx')) ? realModel : TINY_MODEL;
      await runBuild({ sources: [], out, progress: silentProgress(), embed: { model, dtype: 'fp32' } });
    }, 120_000);
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('answers like exact search (recall@10 ≥ 0.98) for every movie as a query', async () => {
      const c = decodeCompact(readFileSync(join(out, COMPACT_FILE)));
      expect(c.ids.length).toBe(214);
      const index = await HnswIndex.build(await loadHnswlib(), c);
      const queries = Array.from(c.ids, (_, i) => dequantizeRow(c, i));
      expect(recallVsExact(c, queries, 10, (q) => index.search(q, 10))).toBeGreaterThanOrEqual(0.98);
      index.dispose();
    });
  });
});
