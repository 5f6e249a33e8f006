/**
 * The search evaluation (tests/eval/queries.jsonl) on TMDB 5000 with the real MiniLM: the
 * ranking core must keep the quality measured in tests/eval/RESULTS.md.
 *
 * Builds the artifacts into a temp folder (ingest + embeddings, no clusters: ~2 min on 2 cores)
 * unless $CINEATLAS_SEARCH_BUILD names an existing TMDB 5000 build. Skips with a message when
 * the data or the model is missing.
 *
 * Measured (RESULTS.md, 2026-11): hit@10 lexical 0.860, semantic 0.742, hybrid 0.925; hybrid
 * MRR 0.761. Floors sit ~6 queries below (one query = 0.011), so noise in the model's
 * arithmetic cannot trip them but a real regression does.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir, PROJECT_ROOT } from '../../build-scripts/paths';
import { runBuild } from '../../build-scripts/pipeline';
import { silentProgress } from '../../build-scripts/report/progress';
import { byKind, loadQueries, memoEmbedder, metrics, runQueries, type EvalQuery, type QueryOutcome } from '../../build-scripts/search/eval-core';
import { loadArtifacts, type Artifacts } from '../../build-scripts/search/load-artifacts';
import { loadNodeTextEmbedder, type NodeTextEmbedder } from '../../build-scripts/search/node-embedder';
import { chunkQuery } from '../../src/lib/core/search/query-chunks';
import { DEFAULT_PARAMS, SearchEngine } from '../../src/lib/core/search/rank';
import { REAL_MODEL_DIR, warnIfSkipped } from './real-model';

const tmdb = join(dataDir(), 'tmdb');
const prebuilt = process.env.CINEATLAS_SEARCH_BUILD ? resolve(process.env.CINEATLAS_SEARCH_BUILD) : null;
const haveData = prebuilt ? existsSync(join(prebuilt, 'embeddings.parquet')) : existsSync(join(tmdb, 'tmdb_5000_movies.csv'));
warnIfSkipped('search-real');
if (!haveData) console.warn(`[search-real] SKIPPED: no TMDB 5000 data in ${tmdb} (set CINEATLAS_DATA_DIR) and no $CINEATLAS_SEARCH_BUILD`);

const MARGIN = 0.035; // ~3 queries
const FLOOR = { hybridHit10: 0.86, hybridMrr: 0.7, lexicalHit10: 0.8, semanticHit10: 0.68 };

describe.skipIf(!REAL_MODEL_DIR || !haveData)('search quality on TMDB 5000 with the real model', () => {
  let out: string | null = null;
  let art: Artifacts;
  let node: NodeTextEmbedder;
  let engine: SearchEngine;
  let queries: EvalQuery[];
  const by: Record<string, QueryOutcome[]> = {};

  beforeAll(async () => {
    let dir = prebuilt;
    if (!dir) {
      out = dir = mkdtempSync(join(tmpdir(), 'cineatlas-search-'));
      await runBuild({ sources: [tmdb], out, progress: silentProgress(), embed: { model: REAL_MODEL_DIR, dtype: 'fp32' } });
    }
    art = await loadArtifacts(dir);
    node = await loadNodeTextEmbedder({ model: REAL_MODEL_DIR, dtype: 'fp32' });
    engine = new SearchEngine({
      movies: art.movies, people: art.people, embedder: memoEmbedder(node), vectors: art.vectors!, store: art.vectors!,
      countPieces: node.countPieces
    });
    queries = loadQueries(join(PROJECT_ROOT, 'tests/eval/queries.jsonl'));
    for (const mode of ['lexical', 'semantic', 'hybrid'] as const) by[mode] = await runQueries(engine, queries, { mode });
  }, 330_000);
  afterAll(async () => {
    await node?.dispose();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('hybrid is at least as good as the better single scorer, and above its floor', () => {
    const [lex, sem, hyb] = ['lexical', 'semantic', 'hybrid'].map((m) => metrics(by[m]));
    console.log(`[search-real] hit@1/hit@10/MRR lexical ${f(lex)}, semantic ${f(sem)}, hybrid ${f(hyb)}`);
    expect(hyb.hit10).toBeGreaterThanOrEqual(Math.max(lex.hit10, sem.hit10) - MARGIN);
    expect(hyb.mrr).toBeGreaterThanOrEqual(Math.max(lex.mrr, sem.mrr) - MARGIN);
    expect(hyb.hit10).toBeGreaterThanOrEqual(FLOOR.hybridHit10);
    expect(hyb.mrr).toBeGreaterThanOrEqual(FLOOR.hybridMrr);
    expect(lex.hit10).toBeGreaterThanOrEqual(FLOOR.lexicalHit10);
    expect(sem.hit10).toBeGreaterThanOrEqual(FLOOR.semanticHit10);
  });

  it('reads "like X" from the text of like_but queries', () => {
    const lb = by.hybrid.filter((o) => o.likeResolved !== undefined);
    expect(lb.filter((o) => o.likeResolved).length).toBeGreaterThanOrEqual(lb.length - 1);
    expect(byKind(by.hybrid).like_but.hit10).toBeGreaterThanOrEqual(byKind(by.lexical).like_but.hit10 - MARGIN);
  });

  it('chunking beats truncation on the long vague memories', async () => {
    const vague = queries.filter((q) => q.kind === 'vague_memory');
    const chunked = metrics(by.semantic.filter((o) => o.kind === 'vague_memory'));
    const truncated = metrics(await runQueries(engine, vague, { mode: 'semantic', params: { maxPieces: 1e9, contextWeight: 1 } }));
    console.log(`[search-real] semantic on vague memories: chunked ${f(chunked)}, truncated ${f(truncated)}`);
    expect(chunked.hit10).toBeGreaterThanOrEqual(truncated.hit10);
    expect(chunked.mrr).toBeGreaterThanOrEqual(truncated.mrr);
  });

  it('chunks fit the model by its own tokenizer, also when counted by the estimate', () => {
    for (const q of queries) {
      for (const c of chunkQuery(q.query, { maxPieces: DEFAULT_PARAMS.maxPieces, count: node.countPieces }))
        expect(node.countPieces(c.text)).toBeLessThanOrEqual(DEFAULT_PARAMS.maxPieces);
      for (const c of chunkQuery(q.query, { maxPieces: DEFAULT_PARAMS.maxPieces }))
        expect(node.countPieces(c.text)).toBeLessThanOrEqual(254);
    }
  });
});

const f = (m: { hit1: number; hit10: number; mrr: number }) => `${m.hit1.toFixed(3)}/${m.hit10.toFixed(3)}/${m.mrr.toFixed(3)}`;
