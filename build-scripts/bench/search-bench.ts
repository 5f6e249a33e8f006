/**
 * Search latency in Node, p50/p95 (figures only, no asserts):
 *   - query embedding as the ranking core does it (chunks → model → mean) for a 4-word,
 *     a 30-word and a ~300-word query, and the whole warm hybrid search for each;
 *   - exact vector search (k = 100) over the build's 4.8k vectors and synthetic 10k / 100k,
 *     float32 and int8;
 *   - BM25F: index build for TMDB 5000 and TMDB 10k, snapshot clone, queries;
 *   - fusion (two 100-long lists) and result explanations.
 *
 *   npx tsx build-scripts/bench/search-bench.ts [--data DIR] [--model ID|DIR] [--runs 40]
 * --data defaults to $CINEATLAS_SEARCH_BUILD, else out/ (a TMDB 5000 build gives the real
 * figures; without embeddings the model and vector parts on it are skipped).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Bm25Index, DEFAULT_BM25, movieDoc } from '../../src/lib/core/search/bm25';
import { ExactVectorSearcher } from '../../src/lib/core/search/exact';
import { weightedRrf } from '../../src/lib/core/search/fusion';
import { chunkQuery, meanVector } from '../../src/lib/core/search/query-chunks';
import { DEFAULT_PARAMS, SearchEngine } from '../../src/lib/core/search/rank';
import { tokenize } from '../../src/lib/core/search/tokenize';
import { quantizeInt8 } from '../embed/compact';
import { ingest } from '../ingest/ingest';
import { dataDir, PROJECT_ROOT } from '../paths';
import { loadArtifacts } from '../search/load-artifacts';
import { loadNodeTextEmbedder } from '../search/node-embedder';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.CINEATLAS_SEARCH_BUILD ?? resolve(PROJECT_ROOT, 'out') },
    model: { type: 'string' },
    runs: { type: 'string', default: '40' }
  }
});
const RUNS = Number(a.runs);

const QUERIES = {
  '4 words': 'giant worms under the desert',
  '30 words':
    'A quiet banker gets a life sentence for a murder he says he did not commit, makes friends with the guy who can smuggle anything inside, and spends twenty years digging out.',
  '~300 words': [
    "I've been trying to find this for years and none of my friends have ever heard of it.",
    'Around 2011 I was living in a shared flat with three other students and we had a tradition of going to the video rental shop on Friday nights and grabbing the weirdest thing from the bargain bin.',
    'Most of them were terrible, straight-to-video action films with a guy on the cover holding two guns, but this one stuck with me.',
    "I'm pretty sure it was European, maybe German or Swiss, with English dubbing that was a bit off, so the lips never matched and we kept giggling at first.",
    'It was clearly low budget but it looked great, all grey and cold and industrial.',
    'A young doctor signs up to work on a huge freighter in space to pay her way to a paradise planet where her sister lives.',
    'The crew is tiny and they take turns sleeping in cryo while one person stays awake to guard the ship alone for months.',
    'She hears noises in the cargo hold during her watch and starts to think something is aboard, and then one of the crew is found dead.',
    'It turns out the cargo is not what they were told, and the ending had a twist about the paradise planet not being real at all, that the people there are living in some kind of virtual reality while their bodies are stored somewhere.',
    'I remember the last shot being really sad and quiet, and we all sat there not saying anything.',
    'If anyone knows the title I would love to watch it again, I think it might have been the first science fiction film from that country in a long time.'
  ].join(' ')
};

function stats(ms: number[]): string {
  const s = [...ms].sort((x, y) => x - y);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms`;
}

async function time(fn: () => unknown | Promise<unknown>, runs = RUNS, warm = 3): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

function randomUnit(n: number, dim: number, seed = 1): Float32Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const v = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (v[i * dim + d] = rnd()) ** 2;
    norm = Math.sqrt(norm);
    for (let d = 0; d < dim; d++) v[i * dim + d] /= norm;
  }
  return v;
}

async function main() {
  const dir = resolve(a.data!);
  const have = existsSync(join(dir, 'movies.parquet'));
  console.log(`search bench: data ${have ? dir : '(none)'}; ${RUNS} runs after 3 warm-ups; Node ${process.version}`);

  // Vector search over synthetic catalogues (cost does not depend on content).
  const dim = 384;
  const query = randomUnit(1, dim, 99);
  for (const n of [10_000, 100_000]) {
    const v = randomUnit(n, dim, n);
    const ids = Int32Array.from({ length: n }, (_, i) => i);
    const f32 = ExactVectorSearcher.fromFloat32(ids, v, dim);
    const i8 = ExactVectorSearcher.fromInt8({ ids, dim, ...quantizeInt8(v, dim) });
    console.log(`exact k=100, ${n} synthetic: float32 ${stats(await time(() => f32.searchSync(query, 100), n > 50_000 ? 15 : RUNS))}; ` +
      `int8 ${stats(await time(() => i8.searchSync(query, 100), n > 50_000 ? 15 : RUNS))}`);
  }

  // BM25 build at 10k: the TMDB 10k catalogue when present.
  const csv10k = join(dataDir(), 'tmdb_10k_udacity/tmdb-movies.csv');
  if (existsSync(csv10k)) {
    const { movies } = await ingest({ sources: [csv10k] });
    const docs = movies.map((m) => movieDoc(m));
    const build = await time(() => Bm25Index.build(docs, DEFAULT_BM25), 5, 1);
    const index = Bm25Index.build(docs, DEFAULT_BM25);
    const clone = await time(() => structuredClone(index.snapshot()), 10, 1);
    console.log(`bm25 build, ${movies.length} movies (TMDB 10k): ${stats(build)}; snapshot structuredClone ${stats(clone)}; ${index.snapshot().terms.length} terms`);
  } else console.log(`bm25 10k: skipped (${csv10k} not found)`);

  if (!have) return;
  const art = await loadArtifacts(dir);
  const docs = art.movies.map((m) => movieDoc(m, art.people.get(m.id)));
  console.log(`bm25 build, ${art.movies.length} movies: ${stats(await time(() => Bm25Index.build(docs, DEFAULT_BM25), 5, 1))}`);
  const index = Bm25Index.build(docs, DEFAULT_BM25);
  for (const [name, text] of Object.entries(QUERIES)) {
    const terms = tokenize(text, { stem: DEFAULT_BM25.stem }).map((term) => ({ term, weight: 1 }));
    console.log(`bm25 query, ${name}: ${stats(await time(() => index.search(terms, 100)))}`);
  }
  const ids = art.movies.map((m) => m.id);
  const lists = [
    { name: 'lexical', weight: 1, ids: ids.slice(0, 100) },
    { name: 'semantic', weight: 1, ids: ids.slice(50, 150) }
  ];
  console.log(`fusion (weighted RRF, 2 × 100): ${stats(await time(() => weightedRrf(lists, 60)))}`);

  if (!art.vectors) return console.log('no embeddings in the build: model and vector figures skipped');
  const i8 = (await loadArtifacts(dir, { vectors: 'i8' })).vectors!;
  const q0 = art.vectors.vectorOf(ids[0])!;
  console.log(`exact k=100, ${art.movies.length} real: float32 ${stats(await time(() => art.vectors!.searchSync(q0, 100)))}; int8 ${stats(await time(() => i8.searchSync(q0, 100)))}`);

  const node = await loadNodeTextEmbedder({ model: a.model ?? art.model?.ref });
  const engine = new SearchEngine({
    movies: art.movies, people: art.people, embedder: node, vectors: art.vectors, store: art.vectors, countPieces: node.countPieces,
    bm25: index, clusters: art.clusters ?? undefined
  });
  for (const [name, text] of Object.entries(QUERIES)) {
    const chunks = chunkQuery(text, { maxPieces: DEFAULT_PARAMS.maxPieces, count: node.countPieces, contextWeight: DEFAULT_PARAMS.contextWeight });
    const embed = await time(async () => meanVector(await node.embed(chunks.map((c) => c.text)), chunks.map((c) => c.weight)));
    const parts = { embed: [] as number[], vector: [] as number[], lexical: [] as number[], fusion: [] as number[] };
    const total = await time(async () => {
      const r = await engine.search(text, { k: 10 });
      for (const k of Object.keys(parts) as (keyof typeof parts)[]) parts[k].push(r.timings[k]);
    });
    console.log(`${name} (${node.countPieces(text)} pieces, ${chunks.length} chunk${chunks.length > 1 ? 's' : ''}): embedding ${stats(embed)}; ` +
      `warm hybrid search ${stats(total)} [embed ${stats(parts.embed.slice(-RUNS))}; exact ${stats(parts.vector.slice(-RUNS))}; ` +
      `bm25 ${stats(parts.lexical.slice(-RUNS))}; fusion+explain ${stats(parts.fusion.slice(-RUNS))}]`);
  }
  await node.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
