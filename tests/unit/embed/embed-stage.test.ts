import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../../build-scripts/embed/cache';
import { COMPACT_FILE, decodeCompact, dequantizeInt8 } from '../../../build-scripts/embed/compact';
import { EMBEDDINGS_FILE, runEmbedStage, type EmbedMovie } from '../../../build-scripts/embed/embed-stage';
import { loadEmbedder, type Embedder } from '../../../build-scripts/embed/embedder';
import { dot, maxAbsDiff, row, TINY_MODEL } from './helpers';

const movies: EmbedMovie[] = [
  { id: 30, title: 'The Dragon King', tagline: null, overview: 'A young prince must save his city from a dragon.', genres: ['Fantasy'], keywords: ['dragon'] },
  { id: 10, title: 'Night Heist', tagline: 'One night. One bank.', overview: 'A gang of thieves plans a bank heist.', genres: ['Crime', 'Thriller'], keywords: ['heist', 'bank'] },
  { id: 20, title: 'Moon Station', tagline: null, overview: '', genres: ['Science Fiction'], keywords: ['space', 'moon', 'robot'] },
  { id: 40, title: 'Moon Station II', tagline: null, overview: '', genres: [], keywords: [] }
];

async function readParquet(file: string): Promise<{ id: number; embedding: number[] }[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // Parquet has no fixed-size list: FLOAT[32] comes back as FLOAT[] of length 32 and casts back.
  const r = await c.runAndReadAll(
    'SELECT id, embedding::FLOAT[32] AS embedding, typeof(embedding) AS t FROM read_parquet($1)', [file]);
  const rows = r.getRowObjectsJS() as { id: bigint; embedding: { items: number[] } | number[]; t: string }[];
  expect(rows[0]?.t).toBe('FLOAT[]');
  c.closeSync();
  db.closeSync();
  return rows.map((x) => ({ id: Number(x.id), embedding: Array.isArray(x.embedding) ? x.embedding : x.embedding.items }));
}

describe('runEmbedStage (tiny model)', () => {
  const out = mkdtempSync(join(tmpdir(), 'embed-stage-'));
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadEmbedder({ model: TINY_MODEL, dtype: 'fp32', offline: true });
  });
  afterAll(async () => {
    await embedder?.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes embeddings.parquet (id order, FLOAT[dim]) and the compact file, and says how', async () => {
    const progress: number[] = [];
    const r = await runEmbedStage({ movies, outDir: out, model: TINY_MODEL, dtype: 'fp32', offline: true, onProgress: (p) => progress.push(p.embedded) });
    expect(r.stats).toMatchObject({ total: 4, embedded: 4, cached: 0 });
    expect(progress.at(-1)).toBe(4);
    const rows = await readParquet(join(out, EMBEDDINGS_FILE));
    expect(rows.map((x) => x.id)).toEqual([10, 20, 30, 40]);
    rows.forEach((x) => expect(Math.hypot(...x.embedding)).toBeCloseTo(1, 5));
    // Empty overviews still give distinct, meaningful vectors (title/genres/keywords).
    expect(dot(rows[1].embedding, rows[3].embedding)).toBeLessThan(0.99999);

    const c = decodeCompact(new Uint8Array(readFileSync(join(out, COMPACT_FILE))));
    expect(Array.from(c.ids)).toEqual([10, 20, 30, 40]);
    expect(maxAbsDiff(dequantizeInt8(c), rows.flatMap((x) => x.embedding))).toBeLessThan(0.01);
    expect(r.stats.compactRecallAt10).toBe(1);

    expect(r.artifacts.map((a) => a.name)).toEqual([EMBEDDINGS_FILE, COMPACT_FILE]);
    expect(r.manifestEntry).toMatchObject({
      parameters: { dtype: 'fp32', max_length: 256, recipe: { version: 1 } },
      model: { source: 'local', file: 'onnx/model.onnx', dtype: 'fp32', sha256: embedder.info.sha256 },
      dim: 32, movies: 4, embedded: 4, cached: 0
    });
    expect(existsSync(join(out, CACHE_FILE))).toBe(true);
  });

  it('rebuilding embeds nothing; editing one movie embeds one movie', async () => {
    const before = await readParquet(join(out, EMBEDDINGS_FILE));
    const again = await runEmbedStage({ movies, outDir: out, embedder });
    expect(again.stats).toMatchObject({ embedded: 0, cached: 4, moviesPerSecond: null });
    expect(await readParquet(join(out, EMBEDDINGS_FILE))).toEqual(before);

    const edited = movies.map((m) => (m.id === 20 ? { ...m, overview: 'Miners on the moon find an alien robot.' } : m));
    const one = await runEmbedStage({ movies: edited, outDir: out, embedder });
    expect(one.stats).toMatchObject({ embedded: 1, cached: 3 });
    const after = await readParquet(join(out, EMBEDDINGS_FILE));
    expect(after[0]).toEqual(before[0]);
    expect(after[1].embedding).not.toEqual(before[1].embedding);
    // The cached vector equals a fresh one.
    const fresh = await embedder.embed(['Moon Station. Miners on the moon find an alien robot. Genres: Science Fiction. Keywords: space, moon, robot.']);
    expect(maxAbsDiff(row(fresh, 0, 32), after[1].embedding)).toBeLessThan(1e-6);
  });

  it('embeds identical texts once and rejects duplicate or unusable ids', async () => {
    const twins = [movies[0], { ...movies[0], id: 31 }];
    const dir = mkdtempSync(join(tmpdir(), 'embed-stage-twins-'));
    try {
      const r = await runEmbedStage({ movies: twins, outDir: dir, embedder });
      expect(r.stats).toMatchObject({ total: 2, embedded: 1, cached: 0 });
      await expect(runEmbedStage({ movies: [movies[0], movies[0]], outDir: dir, embedder })).rejects.toThrow(/duplicate movie id 30/);
      await expect(runEmbedStage({ movies: [{ ...movies[0], id: 2 ** 40 }], outDir: dir, embedder })).rejects.toThrow(/32-bit/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
