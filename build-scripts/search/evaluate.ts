/**
 * `npm run eval:search -- [--data DIR] [--model …] [--recipes no-keywords,credits-year]`
 *
 * Runs tests/eval/queries.jsonl through the ranking core on a TMDB 5000 build and writes
 * tests/eval/RESULTS.md: hit@1 / hit@10 / MRR@100 for lexical, semantic and hybrid (overall
 * and per query kind) at DEFAULT_PARAMS, then one sweep per choice those defaults embody
 * (query chunking, context weight, stemming, fusion k and weights, people boost, like-X weight,
 * int8 vs float32 vectors, and optionally alternative movie-text recipes). Query vectors are
 * memoised by text, so sweeps re-rank without re-running the model.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MOVIE_TEXT_VERSION } from '../../src/lib/core/movie-text';
import { DEFAULT_BM25, type Bm25Params } from '../../src/lib/core/search/bm25';
import { DEFAULT_PARAMS, SearchEngine, type EngineDeps, type RankParams, type SearchOptions } from '../../src/lib/core/search/rank';
import type { SearchMode } from '../../src/lib/core/search/types';
import { EMBED_DTYPES, type EmbedDtype } from '../embed/resolve-model';
import { PROJECT_ROOT } from '../paths';
import { byKind, KINDS, loadQueries, memoEmbedder, metrics, runQueries, type EvalQuery, type Metrics, type QueryOutcome } from './eval-core';
import { embedRecipe, RECIPES } from './eval-recipes';
import { loadArtifacts } from './load-artifacts';
import { loadNodeTextEmbedder } from './node-embedder';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(PROJECT_ROOT, 'out') },
    queries: { type: 'string', default: resolve(PROJECT_ROOT, 'tests/eval/queries.jsonl') },
    model: { type: 'string' },
    dtype: { type: 'string', default: 'fp32' },
    recipes: { type: 'string', default: '' },
    report: { type: 'string', default: resolve(PROJECT_ROOT, 'tests/eval/RESULTS.md') },
    'no-report': { type: 'boolean', default: false }
  }
});

const MODES: SearchMode[] = ['lexical', 'semantic', 'hybrid'];
const f3 = (x: number) => x.toFixed(3);
const cells = (m: Metrics) => `${f3(m.hit1)} | ${f3(m.hit10)} | ${f3(m.mrr)}`;
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const rankOf = (o: QueryOutcome[], id: string) => o.find((x) => x.id === id)?.rank ?? '>100';

async function main() {
  if (!EMBED_DTYPES.includes(a.dtype as EmbedDtype)) throw new Error(`--dtype: ${EMBED_DTYPES.join(' or ')}`);
  const queries = loadQueries(a.queries!);
  const art = await loadArtifacts(resolve(a.data!));
  if (!art.vectors) throw new Error(`${art.dir} has no embeddings.parquet: build with embeddings`);
  const missing = queries.filter((q) => !art.movies.some((m) => m.id === q.target));
  if (missing.length) throw new Error(`${missing.length} targets not in ${art.dir} (${missing.slice(0, 3).map((q) => q.target_title).join(', ')}…): is it a TMDB 5000 build?`);
  const node = await loadNodeTextEmbedder({ model: a.model ?? art.model?.ref, dtype: a.dtype as EmbedDtype });
  const embedder = memoEmbedder(node);
  const base: EngineDeps = {
    movies: art.movies, people: art.people, embedder, vectors: art.vectors, store: art.vectors,
    countPieces: node.countPieces, clusters: art.clusters ?? undefined
  };
  const engine = new SearchEngine(base);
  const run = (opts: SearchOptions, e = engine, qs: readonly EvalQuery[] = queries) => runQueries(e, qs, opts);
  const log = (s: string) => console.error(s);
  const md: string[] = [];

  // 1. Headline: the three modes at DEFAULT_PARAMS.
  log('modes…');
  const byMode: Record<string, QueryOutcome[]> = {};
  for (const mode of MODES) byMode[mode] = await run({ mode });
  const head = MODES.map((m) => [m, cells(metrics(byMode[m]))]);
  md.push('## Results at the chosen parameters', '', table(['mode', 'hit@1', 'hit@10', 'MRR'], head.map(([m, c]) => [m, ...c.split(' | ')])), '');
  const kindRows = KINDS.map((k) => [k, String(byKind(byMode.hybrid)[k].n), ...MODES.flatMap((m) => cells(byKind(byMode[m])[k]).split(' | '))]);
  md.push('Per query kind (hit@1 / hit@10 / MRR):', '', table(['kind', 'n', ...MODES.flatMap((m) => [`${m} @1`, '@10', 'MRR'])], kindRows), '');
  const lb = byMode.hybrid.filter((o) => o.likeResolved !== undefined);
  md.push(`"like X" resolved from the query text to the intended movie in ${lb.filter((o) => o.likeResolved).length} of ${lb.length} like_but queries.`, '');
  const misses = byMode.hybrid.filter((o) => o.rank === null || o.rank > 10);
  md.push(`Hybrid misses (target not in the top 10): ${misses.map((o) => `${o.id} ${queries.find((q) => q.id === o.id)!.target_title} (${o.rank ?? '>100'})`).join('; ') || 'none'}.`, '');

  // 2. Long queries: chunk size × aggregation, then context weight.
  log('chunking…');
  const vague = queries.filter((q) => q.kind === 'vague_memory');
  const chunkRows: string[][] = [];
  const variants: [string, Partial<RankParams>][] = [['one chunk, truncated at 256', { maxPieces: 1e9, contextWeight: 1 }]];
  for (const maxPieces of [254, 128, 64, 32]) for (const aggregate of ['mean', 'max'] as const) variants.push([`${maxPieces} pieces, ${aggregate}`, { maxPieces, aggregate, contextWeight: 1 }]);
  for (const [name, params] of variants) {
    const s = await run({ mode: 'semantic', params });
    const sv = s.filter((o) => o.kind === 'vague_memory');
    const h = await run({ mode: 'hybrid', params });
    chunkRows.push([name, ...cells(metrics(sv)).split(' | '), String(rankOf(s, 'q055')), String(rankOf(s, 'q062')), f3(metrics(s).mrr), f3(metrics(h).mrr)]);
  }
  md.push('## Long queries: chunking and aggregation', '',
    `Semantic mode on the ${vague.length} vague memories (context weight 1), the ranks of q055/q062 (key details after piece 256), and MRR over all queries:`, '',
    table(['chunks', 'vague @1', '@10', 'MRR', 'q055', 'q062', 'semantic MRR (all)', 'hybrid MRR (all)'], chunkRows), '');
  const ctxRows: string[][] = [];
  for (const contextWeight of [1, 0.5, 0.25, 0]) for (const lexicalContext of [false, true]) {
    const params = { contextWeight, lexicalContext };
    const s = (await run({ mode: 'semantic', params })).filter((o) => o.kind === 'vague_memory');
    const h = await run({ mode: 'hybrid', params });
    ctxRows.push([String(contextWeight), lexicalContext ? 'yes' : 'no', ...cells(metrics(s)).split(' | '), ...cells(metrics(h.filter((o) => o.kind === 'vague_memory'))).split(' | '), f3(metrics(h).mrr)]);
  }
  md.push(`Viewing-context sentences (first person + a viewing/memory word) down-weighted, at ${DEFAULT_PARAMS.maxPieces}-piece ${DEFAULT_PARAMS.aggregate} chunks:`, '',
    table(['context weight', 'also lexical', 'sem vague @1', '@10', 'MRR', 'hyb vague @1', '@10', 'MRR', 'hybrid MRR (all)'], ctxRows), '');

  // 3. Lexical: stemming and BM25F parameters.
  log('lexical…');
  const withBm25 = (bm25Params: Bm25Params) => new SearchEngine({ ...base, bm25Params });
  const lexRows: string[][] = [];
  const bmVariants: [string, Bm25Params][] = [
    ...(['none', 's', 'light'] as const).map((stem): [string, Bm25Params] => [`stem ${stem}`, { ...DEFAULT_BM25, stem }]),
    ['all fields weight 1, b 0.75', { ...DEFAULT_BM25, fields: Object.fromEntries(Object.keys(DEFAULT_BM25.fields).map((f) => [f, { weight: 1, b: 0.75 }])) as Bm25Params['fields'] }],
    ['k1 0.9', { ...DEFAULT_BM25, k1: 0.9 }],
    ['k1 2.0', { ...DEFAULT_BM25, k1: 2 }]
  ];
  for (const [name, p] of bmVariants) {
    const e = withBm25(p);
    lexRows.push([name, ...cells(metrics(await run({ mode: 'lexical' }, e))).split(' | '), ...cells(metrics(await run({ mode: 'hybrid' }, e))).split(' | ')]);
  }
  md.push('## Lexical scorer', '', `Default: stem "${DEFAULT_BM25.stem}", k1 ${DEFAULT_BM25.k1}, fields ${Object.entries(DEFAULT_BM25.fields).map(([f, v]) => `${f} ${v.weight}/b ${v.b}`).join(', ')}.`, '',
    table(['variant', 'lexical @1', '@10', 'MRR', 'hybrid @1', '@10', 'MRR'], lexRows), '');

  // 4. Fusion.
  log('fusion…');
  const ks = [10, 30, 60, 100];
  const ws = [0.5, 0.75, 1, 1.5, 2];
  const fusionRows: string[][] = [];
  for (const rrfK of ks) {
    const row = [String(rrfK)];
    for (const w of ws) {
      const m = metrics(await run({ mode: 'hybrid', params: { rrfK, weights: { lexical: w, semantic: 1 } } }));
      row.push(`${f3(m.hit10)} / ${f3(m.mrr)}`);
    }
    fusionRows.push(row);
  }
  md.push('## Fusion', '', 'Hybrid hit@10 / MRR by RRF k (rows) and lexical weight, semantic weight 1 (columns):', '',
    table(['k', ...ws.map((w) => `w_lex ${w}`)], fusionRows), '');
  const boostRows: string[][] = [];
  for (const peopleBoost of [1, 2, 3, 5]) {
    const h = await run({ mode: 'hybrid', params: { peopleBoost } });
    boostRows.push([String(peopleBoost), ...cells(byKind(h).people).split(' | '), ...cells(byKind(h).vague_memory).split(' | '), ...cells(metrics(h)).split(' | ')]);
  }
  md.push('Lexical weight × boost when the query contains the full name of a credited person:', '',
    table(['boost', 'people @1', '@10', 'MRR', 'vague @1', '@10', 'MRR', 'all @1', '@10', 'MRR'], boostRows), '');

  // 5. like X but Y.
  log('like X…');
  const likeQs = queries.filter((q) => q.kind === 'like_but');
  const likeRows: string[][] = [];
  for (const likeWeight of [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8]) {
    const s = await run({ mode: 'semantic', params: { likeWeight } }, engine, likeQs);
    const h = await run({ mode: 'hybrid', params: { likeWeight } }, engine, likeQs);
    likeRows.push([String(likeWeight), ...cells(metrics(s)).split(' | '), ...cells(metrics(h)).split(' | ')]);
  }
  const noParse = await run({ mode: 'hybrid', parseLike: false }, engine, likeQs);
  md.push('## like X but Y', '', `q = normalise(α·v_X + (1 − α)·v_Y) on the ${likeQs.length} like_but queries (X parsed from the text and excluded):`, '',
    table(['α', 'semantic @1', '@10', 'MRR', 'hybrid @1', '@10', 'MRR'], likeRows), '',
    `Without "like X" parsing (the whole text ranked as-is, X not excluded): hybrid ${cells(metrics(noParse)).replace(/ \| /g, ' / ')}.`, '');

  // 6. Vectors: int8 (browser) vs float32.
  log('int8…');
  const i8 = await loadArtifacts(art.dir, { vectors: 'i8' });
  const e8 = new SearchEngine({ ...base, vectors: i8.vectors!, store: i8.vectors! });
  md.push('## int8 compact vectors (what the browser loads) vs float32', '',
    table(['vectors', 'semantic @1', '@10', 'MRR', 'hybrid @1', '@10', 'MRR'], [
      ['float32', ...cells(metrics(byMode.semantic)).split(' | '), ...cells(metrics(byMode.hybrid)).split(' | ')],
      ['int8', ...cells(metrics(await run({ mode: 'semantic' }, e8))).split(' | '), ...cells(metrics(await run({ mode: 'hybrid' }, e8))).split(' | ')]
    ]), '');

  // 7. Recipes (opt-in: re-embeds the catalogue).
  const recipes = a.recipes!.split(',').filter(Boolean);
  if (recipes.length) {
    const rows: string[][] = [['v1 (movie-text.ts, embeddings.parquet)', ...cells(metrics(byMode.semantic)).split(' | '), ...cells(metrics(byMode.hybrid)).split(' | ')]];
    const kindMrr = (o: QueryOutcome[]) => KINDS.map((k) => f3(byKind(o)[k].mrr));
    const kindRowsR: string[][] = [['v1', ...kindMrr(byMode.semantic)]];
    for (const name of recipes) {
      log(`recipe ${name}: embedding ${art.movies.length} movies…`);
      const vecs = await embedRecipe(name, art.movies, node.raw, (d, n) => { if (d % 800 < 8) log(`  ${d}/${n}`); });
      const e = new SearchEngine({ ...base, vectors: vecs, store: vecs });
      const sem = await run({ mode: 'semantic' }, e);
      rows.push([`${name}: ${RECIPES[name].about}`,
        ...cells(metrics(sem)).split(' | '), ...cells(metrics(await run({ mode: 'hybrid' }, e))).split(' | ')]);
      kindRowsR.push([name, ...kindMrr(sem)]);
    }
    md.push('## Movie text recipe', '', 'Each alternative re-embeds all movies in memory (1.5–3 min on 2 cores; cached in the OS temp folder for reruns).', '',
      table(['recipe', 'semantic @1', '@10', 'MRR', 'hybrid @1', '@10', 'MRR'], rows), '',
      'Semantic MRR per query kind:', '', table(['recipe', ...KINDS], kindRowsR), '', RECIPE_NOTES, '');
  }

  const header = [
    '# Search evaluation results', '',
    `Written by \`npm run eval:search\` (build-scripts/search/evaluate.ts) on ${new Date().toISOString().slice(0, 10)}: ` +
      `${queries.length} queries of tests/eval/queries.jsonl against ${art.movies.length} movies (${art.dir}), ` +
      `model ${node.info.model} ${node.info.dtype} (sha256 ${node.info.sha256.slice(0, 12)}…), movie text recipe v${MOVIE_TEXT_VERSION}, exact float32 vector search. ` +
      'MRR counts a target below rank 100 as 0. With 93 queries one query is ~0.011 of hit@k: differences of one or two queries are noise.', '',
    '## Chosen parameters', '',
    '```json', JSON.stringify({ rank: DEFAULT_PARAMS, bm25: DEFAULT_BM25 }, null, 1).replace(/\n\s*/g, ' ').replace(/ ([}\]])/g, '$1'), '```', '',
    NOTES, '', 'Latency: build-scripts/bench/search-bench.ts.', ''
  ];
  const text = [...header, ...md].join('\n');
  if (!a['no-report']) {
    writeFileSync(a.report!, text);
    log(`→ ${a.report}`);
  }
  console.log(head.map(([m, c]) => `${m.padEnd(9)} hit@1 | hit@10 | MRR = ${c}`).join('\n'));
  await node.dispose();
}

/** Why the defaults are what they are; the tables below are the evidence. */
const NOTES = `Why (the evidence is in the tables below):
- **Chunks of ≤ 64 word pieces, mean of the chunk vectors.** One vector for a whole 150–330-word memory is weak
  (all-MiniLM-L6-v2 was fine-tuned on texts of at most 128 pieces); 64-piece chunks (2–3 sentences) raise
  semantic hit@10 on vague memories from 0.43 (truncated) to ~0.62 and find q062, whose key detail comes after
  piece 256. Max-similarity (one k-NN search per chunk) is within one query of the mean (one search), so the
  cheaper mean is used. 32-piece chunks (single sentences) are worse again.
- **Viewing-context sentences at weight 0.25, in both scorers.** Sentences with a first-person pronoun and a
  viewing/memory word ("I saw it at a sleepover with my cousin") get weight 0.25 in the mean vector and on their
  BM25 terms. Most of the gain is lexical (hybrid hit@1 on vague memories 0.57 → 0.81); dropping them outright
  (weight 0) loses a hit@10 because some also carry plot words. Other kinds are unaffected (no such sentences).
- **RRF k = 60, equal weights.** The k × weight grid is flat within noise (hit@10 0.90–0.93 everywhere);
  the usual k = 60 with equal weights sits on the top plateau. Fusing ranks, not scores, behaves the same
  for 1-word and 300-word queries.
- **People boost 2.** When the query contains a credited full name ("Spike Lee movie …") the lexical list is
  the reliable one (MiniLM knows little about names); doubling its weight helps people queries without hurting
  the vague memories that name an actor (a boost of 3+ starts to).
- **S-stemmer.** Plural folding only; Porter step 1 (-ed/-ing) and no stemming are within noise of it.
- **like X but Y: α = 0.3.** 0.2–0.4 is the plateau; above 0.5 the results collapse onto X's own neighbours.
  Parsing "like X but Y" at all matters most (X excluded, its vector mixed in): hybrid MRR 0.72 → 0.95.
- **BM25F field weights.** Titles 3, people 2.5, keywords 2, original title and collection 1.5, the rest 1:
  the set cannot tell these apart from equal weights (±1–2 queries), so they follow the usual precision argument.
- **int8 vectors** (the browser's file) rank within one query of float32.`;

const RECIPE_NOTES = `Recipe v1 stays (movie-text.ts unchanged, MOVIE_TEXT_VERSION 1). Keywords carry much of the semantic
signal (dropping them costs ~0.1 semantic MRR, most on vague memories). Adding director, top-3 cast and year helps
semantic-only ranking (people queries most, also like_but and descriptions) but not the hybrid ranking users get
(within one query: the lexical side already matches names), and it would pull the micro-genre map towards
clustering by star, which the recipe avoids on purpose. Worth revisiting if semantic-only search becomes a product mode.`;

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
