/**
 * HNSW (hnswlib-wasm, in Node) vs exact search over the int8 compact vectors: index build
 * time, persisted index size vs the compact file, restore time, query p50/p95 and recall@10
 * per ef — against exact search over the same dequantised vectors (what the ANN approximates)
 * and against exact search over the float32 vectors (adds the int8 loss) — for held-out items,
 * for queries mixing two indexed movies and (--text) for embedded search phrases. Figures only.
 *
 *   npx tsx build-scripts/bench/ann-bench.ts [--data DIR]... [--synthetic 4803,10866,100000]
 *       [--m M] [--efc EFC] [--ef 64,128,200,400,1000,1500] [--queries 200] [--text] [--json FILE]
 *
 * --data       a build folder (embeddings.i8.bin, embeddings.parquet); repeatable; default
 *              $CINEATLAS_ANN_DATA (folders separated by ':')
 * --synthetic  sizes of clustered synthetic 384-D sets (synthetic-vectors.ts); 0 for none
 * --m, --efc   graph parameters; default: what the site uses for the set's size (hnswParamsFor)
 * --queries    held-out items per set: removed from the index, used as queries
 * --text       also query real sets with MiniLM embeddings of short search phrases (the model
 *              recorded in the folder's manifest.json, offline)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import './hnsw-node-env';
import { COMPACT_FILE, decodeCompact, dequantizeInt8, dequantizeRow, encodeCompact, type CompactVectors } from '../../src/lib/vectors/compact-format';
import { ExactVectorSearcher } from '../../src/lib/core/search/exact';
import { HnswIndex, hnswParamsFor, loadHnswlib, type HnswParams } from '../../src/lib/vectors/hnsw';
import { indexFileName, listStoredIndexes, pruneStoredIndexes } from '../../src/lib/vectors/idbfs-store';
import { withDb } from '../write/duckdb';
import { clusteredVectors } from './synthetic-vectors';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', multiple: true, default: (process.env.CINEATLAS_ANN_DATA ?? '').split(':').filter(Boolean) },
    synthetic: { type: 'string', default: '4803,10866,100000' },
    m: { type: 'string' },
    efc: { type: 'string' },
    ef: { type: 'string', default: '64,128,200,400,1000,1500' },
    queries: { type: 'string', default: '200' },
    text: { type: 'boolean', default: false },
    json: { type: 'string' }
  }
});

const K = 10;
const DIM = 384;

/** Phrases people type into a movie search box (for --text). */
const PHRASES = [
  'time travel', 'heist gone wrong', 'space exploration', 'haunted house', 'coming of age', 'zombie apocalypse',
  'romantic comedy in new york', 'world war two', 'courtroom drama', 'serial killer detective', 'high school romance',
  'alien invasion', 'superhero origin story', 'road trip', 'mafia family', 'boxing underdog', 'dystopian future',
  'pirates treasure', 'vampires', 'talking animals', 'musical', 'spy thriller', 'cold war', 'prison escape',
  'natural disaster', 'sports team comeback', 'artificial intelligence', 'wedding', 'christmas family', 'revenge western',
  'samurai', 'martial arts tournament', 'submarine', 'shark attack', 'biopic of a musician', 'political conspiracy',
  'drug cartel', 'dinosaurs', 'fairy tale princess', 'dragons and magic', 'post-apocalyptic survival', 'body swap',
  'ghost story', 'found footage horror', 'car chase', 'bank robbery', 'cyberpunk', 'lost in the jungle',
  'father and son', 'friendship between kids', 'small town secrets', 'hollywood satire', 'vietnam war', 'cowboys',
  'robots', 'underwater', 'mountain climbing', 'dance competition', 'cooking', 'chess', 'hacker', 'kidnapping',
  'terrorist attack', 'nuclear war', 'medieval knights', 'ancient rome gladiators', 'greek mythology', 'tornado',
  'evil doll', 'exorcism', 'witch', 'werewolf', 'teen slasher', 'animated adventure for kids', 'toys come alive',
  'dog movie', 'horse racing', 'baseball', 'basketball', 'football', 'surfing', 'race cars', 'airplane crash',
  'stranded on an island', 'amnesia', 'parallel universe', 'virtual reality', 'clones', 'mind control', 'monster movie'
];

interface Dataset {
  name: string;
  /** The indexed vectors (held-out query items removed). */
  index: CompactVectors;
  /** float32 of the indexed vectors, row-aligned with `index`. */
  fp32: Float32Array;
  queries: { kind: string; vectors: Float32Array }[];
  compactBytes: number;
}

/** Splits every (n/nq)-th row off as a query; the rest is what gets indexed. */
function holdOut(c: CompactVectors, fp32: Float32Array, nq: number): { index: CompactVectors; fp32: Float32Array; queries: Float32Array } {
  const n = c.ids.length;
  const isQuery = new Uint8Array(n);
  for (let t = 0; t < nq; t++) isQuery[Math.floor((t * n) / nq)] = 1;
  const keep = [...Array(n).keys()].filter((i) => !isQuery[i]);
  const take = <T extends Float32Array | Int8Array>(src: T, rows: number[], make: (len: number) => T) => {
    const out = make(rows.length * c.dim);
    rows.forEach((r, j) => out.set(src.subarray(r * c.dim, (r + 1) * c.dim), j * c.dim));
    return out;
  };
  const qRows = [...Array(n).keys()].filter((i) => isQuery[i]);
  return {
    index: { dim: c.dim, header: c.header, ids: Int32Array.from(keep, (i) => c.ids[i]), scales: Float32Array.from(keep, (i) => c.scales[i]), q: take(c.q, keep, (l) => new Int8Array(l)) },
    fp32: take(fp32, keep, (l) => new Float32Array(l)),
    queries: take(fp32, qRows, (l) => new Float32Array(l))
  };
}

/**
 * Queries between two indexed movies: normalise(v_a + 0.6·v_b) for a and b half the set
 * apart, as the /dev/vectors/ page checks (diagnostics.ts). They fall between clusters,
 * which makes them harder for the graph than held-out items.
 */
function mixed(c: CompactVectors, nq: number): Float32Array {
  const n = c.ids.length;
  const out = new Float32Array(nq * c.dim);
  for (let t = 0; t < nq; t++) {
    const a = dequantizeRow(c, Math.floor((t * n) / nq));
    const b = dequantizeRow(c, Math.floor((t * n) / nq + n / 2) % n);
    const q = a.map((x, d) => x + 0.6 * b[d]);
    const norm = Math.hypot(...q);
    out.set(q.map((x) => x / norm), t * c.dim);
  }
  return out;
}

function synthetic(n: number, nq: number): Dataset {
  const all = clusteredVectors(n + nq, DIM, { seed: 7 });
  const bytes = encodeCompact(Array.from({ length: n + nq }, (_, i) => i + 1), all, DIM);
  const c = decodeCompact(bytes);
  // Queries are the last nq generated points (same clusters), not rows of the index.
  const index: CompactVectors = { dim: DIM, header: c.header, ids: c.ids.slice(0, n), scales: c.scales.slice(0, n), q: c.q.slice(0, n * DIM) };
  return {
    name: `synthetic ${n.toLocaleString('en')}`,
    index,
    fp32: all.slice(0, n * DIM),
    queries: [{ kind: 'held-out', vectors: all.slice(n * DIM) }, { kind: 'mixed', vectors: mixed(index, nq) }],
    compactBytes: Math.round((bytes.length * n) / (n + nq))
  };
}

async function real(dir: string, nq: number, text: boolean): Promise<Dataset> {
  const bytes = readFileSync(join(dir, COMPACT_FILE));
  const c = decodeCompact(bytes);
  const fp32 = await readFp32(dir, c);
  const h = holdOut(c, fp32, nq);
  const queries = [{ kind: 'held-out', vectors: h.queries }, { kind: 'mixed', vectors: mixed(h.index, nq) }];
  if (text) queries.push({ kind: 'text', vectors: await embedPhrases(dir) });
  return { name: `${dir} (${c.ids.length.toLocaleString('en')})`, index: h.index, fp32: h.fp32, queries, compactBytes: bytes.length };
}

/** float32 vectors from embeddings.parquet in the compact file's row order (dequantised int8 if absent). */
async function readFp32(dir: string, c: CompactVectors): Promise<Float32Array> {
  const file = join(dir, 'embeddings.parquet');
  if (!existsSync(file)) return dequantizeInt8(c);
  const rows = await withDb((db) => db.allJS('SELECT id, embedding FROM read_parquet($1)', [file]));
  const byId = new Map(rows.map((r) => [Number(r.id), r.embedding as number[]]));
  const out = new Float32Array(c.q.length);
  c.ids.forEach((id, i) => out.set(byId.get(id)!, i * c.dim));
  return out;
}

async function embedPhrases(dir: string): Promise<Float32Array> {
  const { loadEmbedder } = await import('../embed/embedder');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const model = manifest.stages?.embed?.parameters?.model as string;
  const e = await loadEmbedder({ model, offline: true });
  try {
    return await e.embed(PHRASES);
  } finally {
    await e.dispose();
  }
}

function fp32TopIds(fp32: Float32Array, ids: Int32Array, dim: number, query: Float32Array, k: number): Set<number> {
  const n = ids.length;
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += fp32[i * dim + d] * query[d];
    scores[i] = s;
  }
  const order = [...scores.keys()].sort((a, b) => scores[b] - scores[a]).slice(0, k);
  return new Set(order.map((i) => ids[i]));
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));

async function run(ds: Dataset, efs: number[]) {
  const l = await loadHnswlib();
  const { index: c } = ds;
  const n = c.ids.length;
  const params: HnswParams = { ...hnswParamsFor(n), ...(args.m ? { m: Number(args.m) } : {}), ...(args.efc ? { efConstruction: Number(args.efc) } : {}) };
  const t0 = performance.now();
  const hnsw = await HnswIndex.build(l, c, params);
  const buildMs = performance.now() - t0;

  const file = indexFileName(`bench${n}`, n, c.dim, params);
  await pruneStoredIndexes(file);
  const t1 = performance.now();
  await hnsw.persist(file, 600_000);
  const persistMs = performance.now() - t1;
  const indexBytes = (await listStoredIndexes()).find((f) => f.file === file)?.bytes ?? NaN;
  const t2 = performance.now();
  const restored = HnswIndex.restore(l, file, c.dim)!;
  const restoreMs = performance.now() - t2;
  restored.dispose();

  console.log(`\n${ds.name}: ${n.toLocaleString('en')} indexed, M=${params.m} efConstruction=${params.efConstruction}`);
  console.log(`  build ${ms(buildMs)} ms; index ${(indexBytes / 1e6).toFixed(2)} MB vs compact ${(ds.compactBytes / 1e6).toFixed(2)} MB (×${(indexBytes / ds.compactBytes).toFixed(1)}); persist ${ms(persistMs)} ms, restore (readIndex) ${ms(restoreMs)} ms`);
  const figures: Record<string, unknown>[] = [];
  for (const { kind, vectors } of ds.queries) {
    const nq = vectors.length / c.dim;
    const qs = [...Array(nq).keys()].map((i) => vectors.subarray(i * c.dim, (i + 1) * c.dim));
    const exactTimes: number[] = [];
    const exact = ExactVectorSearcher.fromInt8(c);
    const truthDeq = qs.map((q) => {
      const s = performance.now();
      const r = exact.searchSync(q, K);
      exactTimes.push(performance.now() - s);
      return new Set(r.map((h) => h.id));
    });
    const truthFp = qs.map((q) => fp32TopIds(ds.fp32, c.ids, c.dim, q, K));
    const exactVsFp = qs.reduce((a, _, i) => a + [...truthDeq[i]].filter((id) => truthFp[i].has(id)).length, 0) / (nq * K);
    console.log(`  ${kind} queries (${nq}): exact int8 p50 ${ms(pct(exactTimes, 0.5))} ms, p95 ${ms(pct(exactTimes, 0.95))} ms; exact int8 recall@10 vs fp32 ${exactVsFp.toFixed(4)}`);
    for (const ef of efs) {
      for (const q of qs.slice(0, 20)) hnsw.search(q, K, { ef }); // warm-up
      const times: number[] = [];
      let hitDeq = 0;
      let hitFp = 0;
      qs.forEach((q, i) => {
        const s = performance.now();
        const r = hnsw.search(q, K, { ef });
        times.push(performance.now() - s);
        for (const h of r) {
          if (truthDeq[i].has(h.id)) hitDeq++;
          if (truthFp[i].has(h.id)) hitFp++;
        }
      });
      const f = { set: ds.name, kind, n, ef, p50: pct(times, 0.5), p95: pct(times, 0.95), recallVsExactInt8: hitDeq / (nq * K), recallVsFp32: hitFp / (nq * K) };
      figures.push(f);
      console.log(`    ef=${String(ef).padStart(3)}: p50 ${ms(f.p50)} ms, p95 ${ms(f.p95)} ms; recall@10 vs exact int8 ${f.recallVsExactInt8.toFixed(4)}, vs fp32 ${f.recallVsFp32.toFixed(4)}`);
    }
    figures.push({ set: ds.name, kind, n, exactP50: pct(exactTimes, 0.5), exactP95: pct(exactTimes, 0.95), exactInt8VsFp32: exactVsFp });
  }
  hnsw.dispose();
  return { set: ds.name, n, params, buildMs, indexBytes, compactBytes: ds.compactBytes, persistMs, restoreMs, figures };
}

const efs = args.ef.split(',').map(Number);
const nq = Number(args.queries);
console.log(`hnswlib-wasm in Node ${process.version}; k=${K}; ${nq} held-out queries per set`);
const results = [];
for (const dir of args.data ?? []) results.push(await run(await real(dir, nq, args.text), efs));
for (const n of args.synthetic.split(',').map(Number).filter((x) => x > 0)) results.push(await run(synthetic(n, nq), efs));
if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 1));
