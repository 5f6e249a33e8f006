/**
 * The embedding stage: movies → recipe text → vectors (cached by content hash) →
 * embeddings.parquet (id BIGINT, embedding FLOAT[dim], ordered by id) and embeddings.i8.bin
 * (compact vectors for the browser), plus the manifest entry that traces them.
 * Parquet has no fixed-size list type, so DuckDB reads the column back as FLOAT[] (every row
 * exactly dim long, never NULL; dim is in the file's key/value metadata): cast with
 * `embedding::FLOAT[384]` where array functions need the fixed size.
 */
import { ARRAY, FLOAT, arrayValue } from '@duckdb/node-api';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { movieText, MOVIE_TEXT_VERSION, MAX_KEYWORDS, type MovieTextInput } from '../../src/lib/core/movie-text';
import { copyToParquet, openDb, writeAtomically, type Db } from '../write/duckdb';
import type { StageEntry } from '../write/manifest';
import { cacheKey, EmbeddingCache } from './cache';
import { COMPACT_FILE, COMPACT_FORMAT, dequantizeInt8, encodeCompact, decodeCompact, recallAtK } from './compact';
import { loadEmbedder, type Embedder, type EmbedderOptions } from './embedder';
import type { EmbedDtype } from './resolve-model';

export const EMBEDDINGS_FILE = 'embeddings.parquet';
export const EMBED_STAGE = 'embed';

export type EmbedMovie = MovieTextInput & { id: number };

export interface EmbedProgress {
  /** Texts embedded so far in this run (cache misses), of `toEmbed`. */
  embedded: number;
  toEmbed: number;
  cached: number;
  total: number;
}

export interface EmbedStageOptions {
  movies: readonly EmbedMovie[];
  outDir: string;
  /** Hugging Face id or local folder; default Xenova/all-MiniLM-L6-v2. */
  model?: string;
  /**
   * Default fp32: exact parity with sentence-transformers and within the time budget. q8 is
   * ~15–25% faster but only as good as its quantization (run quantize_q8.py on the folder).
   */
  dtype?: EmbedDtype;
  /** Texts per onnxruntime run; default 8 (fastest measured: length-sorted small batches pad least). */
  batchSize?: number;
  threads?: number;
  cacheDir?: string;
  offline?: boolean;
  /** Queries for the compact-vector recall@10 check; default 1000 (0 skips it). */
  recallQueries?: number;
  onProgress?: (p: EmbedProgress) => void;
  /** An already loaded embedder (tests, benchmarks); the stage then does not dispose it. */
  embedder?: Embedder;
}

export interface EmbedStats {
  total: number;
  /** Distinct texts run through the model this time. */
  embedded: number;
  /** Movies whose vector came from the cache. */
  cached: number;
  loadMs: number;
  embedMs: number;
  totalMs: number;
  /** Movies embedded per second of model time (embedMs), null when nothing was embedded. */
  moviesPerSecond: number | null;
  compactRecallAt10: number | null;
  compactBytes: number;
}

export interface EmbedStageResult {
  /** For `setStage(manifest, EMBED_STAGE, …)`. */
  manifestEntry: StageEntry;
  /** Files written into outDir, for `addArtifact(manifest, outDir, name, EMBED_STAGE, rows)`. */
  artifacts: { name: string; rows: number | null }[];
  stats: EmbedStats;
}

export async function runEmbedStage(opts: EmbedStageOptions): Promise<EmbedStageResult> {
  const t0 = performance.now();
  const { movies, outDir, batchSize = 8, recallQueries = 1000 } = opts;
  assertIds(movies);
  mkdirSync(outDir, { recursive: true });
  const loadOpts: EmbedderOptions = {
    model: opts.model, dtype: opts.dtype ?? 'fp32', cacheDir: opts.cacheDir, offline: opts.offline,
    threads: opts.threads
  };
  const embedder = opts.embedder ?? (await loadEmbedder(loadOpts));
  const { info } = embedder;
  const loadMs = performance.now() - t0;

  try {
    const texts = movies.map(movieText);
    const keyParts = { recipeVersion: MOVIE_TEXT_VERSION, modelSha256: info.sha256, maxLength: info.maxLength };
    const keys = texts.map((t) => cacheKey(keyParts, t));
    const cache = EmbeddingCache.load(outDir, info.dim);
    // Distinct missing texts only: identical texts (remakes with no overview…) embed once.
    const missing = new Map<string, string>();
    keys.forEach((k, i) => { if (!cache.get(k)) missing.set(k, texts[i]); });
    const cached = keys.filter((k) => !missing.has(k)).length;
    const report = (embedded: number) =>
      opts.onProgress?.({ embedded, toEmbed: missing.size, cached, total: movies.length });
    report(0);

    const t1 = performance.now();
    const missKeys = [...missing.keys()];
    const vecs = await embedder.embed([...missing.values()], { batchSize, onProgress: (done) => report(done) });
    missKeys.forEach((k, j) => cache.set(k, vecs.slice(j * info.dim, (j + 1) * info.dim)));
    const embedMs = performance.now() - t1;
    await cache.save(outDir, keys);

    // Artifacts in id order, like movies.parquet.
    const order = movies.map((_, i) => i).sort((a, b) => movies[a].id - movies[b].id);
    const ids = order.map((i) => movies[i].id);
    const matrix = new Float32Array(movies.length * info.dim);
    order.forEach((i, row) => matrix.set(cache.get(keys[i])!, row * info.dim));

    const modelEntry = {
      ref: info.model, source: info.source, file: info.file, dtype: info.dtype, sha256: info.sha256,
      ...(info.source === 'local' ? { path: info.dir } : {})
    };
    const parquet = await writeEmbeddingsParquet(outDir, ids, matrix, info.dim, info.sha256);
    const compactBytes = encodeCompact(ids, matrix, info.dim, {
      model: info.model, model_sha256: info.sha256, recipe_version: MOVIE_TEXT_VERSION
    });
    await writeAtomically(join(outDir, COMPACT_FILE), (tmp) => writeFileSync(tmp, compactBytes));
    const recall = recallQueries > 0
      ? recallAtK(matrix, dequantizeInt8(decodeCompact(compactBytes)), info.dim, { k: 10, maxQueries: recallQueries })
      : null;

    const totalMs = performance.now() - t0;
    const stats: EmbedStats = {
      total: movies.length, embedded: missing.size, cached, loadMs, embedMs, totalMs,
      moviesPerSecond: missing.size ? missing.size / (embedMs / 1000) : null,
      compactRecallAt10: recall, compactBytes: compactBytes.length
    };
    const manifestEntry: StageEntry = {
      parameters: {
        model: info.model, dtype: info.dtype, batch_size: batchSize, threads: info.threads,
        max_length: info.maxLength, pooling: 'mean over attention mask', normalize: 'l2',
        recipe: { version: MOVIE_TEXT_VERSION, fields: ['title', 'tagline', 'overview', 'genres', 'keywords'], max_keywords: MAX_KEYWORDS }
      },
      duration_ms: Math.round(totalMs),
      model: modelEntry,
      dim: info.dim,
      movies: movies.length,
      embedded: missing.size,
      cached,
      files: {
        [parquet.name]: { rows: parquet.rows, column: `embedding FLOAT[${info.dim}]` },
        [COMPACT_FILE]: {
          format: COMPACT_FORMAT, bytes: compactBytes.length,
          recall_at_10_vs_float32: recall === null ? null : round(recall, 4),
          recall_queries: recall === null ? 0 : Math.min(recallQueries, movies.length)
        }
      }
    };
    return {
      manifestEntry,
      artifacts: [{ name: parquet.name, rows: parquet.rows }, { name: COMPACT_FILE, rows: movies.length }],
      stats
    };
  } finally {
    if (!opts.embedder) await embedder.dispose();
  }
}

function assertIds(movies: readonly EmbedMovie[]): void {
  const seen = new Set<number>();
  for (const m of movies) {
    // The compact file stores ids as int32; TMDB ids are far below 2^31.
    if (!Number.isInteger(m.id) || m.id < 0 || m.id > 2 ** 31 - 1) throw new Error(`embed: movie id ${m.id} is not a non-negative 32-bit integer`);
    if (seen.has(m.id)) throw new Error(`embed: duplicate movie id ${m.id}`);
    seen.add(m.id);
  }
}

async function writeEmbeddingsParquet(outDir: string, ids: number[], matrix: Float32Array, dim: number, modelSha: string) {
  const db: Db = await openDb();
  try {
    await db.run(`CREATE TABLE embeddings (id BIGINT NOT NULL, embedding FLOAT[${dim}] NOT NULL)`);
    const appender = await db.connection.createAppender('embeddings');
    const type = ARRAY(FLOAT, dim);
    ids.forEach((id, row) => {
      appender.appendBigInt(BigInt(id));
      appender.appendArray(arrayValue(Array.from(matrix.subarray(row * dim, (row + 1) * dim))), type);
      appender.endRow();
    });
    appender.closeSync();
    return await copyToParquet(db, 'SELECT id, embedding FROM embeddings ORDER BY id', join(outDir, EMBEDDINGS_FILE), {
      cineatlas_artifact: 'embeddings',
      cineatlas_dim: String(dim),
      cineatlas_recipe_version: String(MOVIE_TEXT_VERSION),
      cineatlas_model_sha256: modelSha
    });
  } finally {
    db.close();
  }
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
