/**
 * Embedding throughput on a real catalogue: movies/s for fp32 and q8 (figures only, no asserts).
 *
 *   npx tsx build-scripts/bench/embed-bench.ts [--csv FILE] [--model DIR] [--dtypes fp32,q8]
 *       [--batch 8] [--threads 2] [--limit N] [--sweep] [--stage]
 *
 * --csv     TMDB 5000 movies CSV or the TMDB 10k (udacity) CSV; default $CINEATLAS_TMDB_CSV,
 *           else tmdb/tmdb_5000_movies.csv in the data folder ($CINEATLAS_DATA_DIR)
 * --model   default $CINEATLAS_MODEL_DIR, else models/all-MiniLM-L6-v2 in the project
 * --sweep   batch size × threads × length-sorting grid on the first --limit (default 800) movies
 * --stage   run the whole stage (cache off) into a temp folder: adds Parquet, compact file and
 *           recall@10 of the compact vectors vs fp32
 */
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { movieText } from '../../src/lib/core/movie-text';
import { runEmbedStage, type EmbedMovie } from '../embed/embed-stage';
import { loadEmbedder } from '../embed/embedder';
import type { EmbedDtype } from '../embed/resolve-model';
import { dataDir, PROJECT_ROOT } from '../paths';

const { values: args } = parseArgs({
  options: {
    csv: { type: 'string', default: process.env.CINEATLAS_TMDB_CSV ?? join(dataDir(), 'tmdb/tmdb_5000_movies.csv') },
    model: { type: 'string', default: process.env.CINEATLAS_MODEL_DIR ?? resolve(PROJECT_ROOT, 'models/all-MiniLM-L6-v2') },
    dtypes: { type: 'string', default: 'fp32,q8' },
    batch: { type: 'string', default: '8' },
    threads: { type: 'string', default: '2' },
    limit: { type: 'string' },
    sweep: { type: 'boolean', default: false },
    stage: { type: 'boolean', default: false }
  }
});

/** Minimal mapping of the two TMDB CSV shapes to what the recipe reads. */
function loadCsv(file: string): EmbedMovie[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const names = (s: string) => (s ? (JSON.parse(s) as { name: string }[]).map((x) => x.name) : []);
  const pipes = (s: string) => (s ? s.split('|') : []);
  const list = (s: string | undefined) => (s?.startsWith('[') ? names(s) : pipes(s ?? ''));
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title ?? r.original_title ?? '',
    tagline: r.tagline || null,
    overview: r.overview ?? '',
    genres: list(r.genres),
    keywords: list(r.keywords)
  }));
}

function dedupe(movies: EmbedMovie[]): EmbedMovie[] {
  const seen = new Set<number>();
  return movies.filter((m) => !seen.has(m.id) && seen.add(m.id));
}

const fmt = (x: number) => x.toFixed(1);

async function main() {
  let movies = dedupe(loadCsv(args.csv!));
  const limit = args.limit ? Number(args.limit) : args.sweep ? 800 : movies.length;
  movies = movies.slice(0, limit);
  const texts = movies.map(movieText);
  const dtypes = args.dtypes!.split(',') as EmbedDtype[];
  console.log(`${movies.length} movies from ${args.csv}; model ${args.model}`);

  for (const dtype of dtypes) {
    if (args.stage) {
      const out = mkdtempSync(join(tmpdir(), 'embed-bench-'));
      try {
        const { stats } = await runEmbedStage({
          movies, outDir: out, model: args.model, dtype, batchSize: Number(args.batch), threads: Number(args.threads)
        });
        console.log(
          `${dtype} stage: total ${fmt(stats.totalMs / 1000)} s (load ${fmt(stats.loadMs / 1000)} s, ` +
          `embed ${fmt(stats.embedMs / 1000)} s = ${fmt(stats.moviesPerSecond ?? 0)} movies/s), ` +
          `compact ${(stats.compactBytes / 1e6).toFixed(2)} MB, recall@10 ${stats.compactRecallAt10?.toFixed(4)}`
        );
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
      continue;
    }
    const grid = args.sweep
      ? [1, 2].flatMap((threads) => [4, 8, 16, 32].flatMap((batch) => [true, false].map((sort) => ({ threads, batch, sort }))))
      : [{ threads: Number(args.threads), batch: Number(args.batch), sort: true }];
    for (const threads of new Set(grid.map((g) => g.threads))) {
      const e = await loadEmbedder({ model: args.model, dtype, threads });
      await e.embed(texts.slice(0, 64)); // warm-up: first runs allocate
      for (const g of grid.filter((x) => x.threads === threads)) {
        const t = performance.now();
        await e.embed(texts, { batchSize: g.batch, sortByLength: g.sort });
        const s = (performance.now() - t) / 1000;
        console.log(`${dtype} threads=${threads} batch=${g.batch} sorted=${g.sort}: ${fmt(movies.length / s)} movies/s (${fmt(s)} s)`);
      }
      await e.dispose();
    }
  }
}

await main();
