import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runClusterStage } from '../cluster/cluster-stage';
import { loadEmbedder } from '../embed/embedder';
import { dataDir, PROJECT_ROOT } from '../paths';
import { runBuild } from '../pipeline';
import { silentProgress } from '../report/progress';

/**
 * The micro-genre stage on the real catalogues: time per step (read, UMAP, clustering,
 * labels, write) for TMDB 5000 (4,803) and TMDB 10k (10,865), with the real model.
 * Targets: whole stage ≤ 3 min at 4,803 and ≤ 6 min at 10,866. Embeddings are built once
 * into .cache/bench/<case> and reused from the embedding cache on later runs, so the
 * figures are the stage's own. Figures only; nothing is asserted.
 */

const CASES = [
  { name: 'tmdb5000 (4,803)', sources: ['tmdb'] },
  { name: 'tmdb10k (10,866)', sources: ['tmdb_10k_udacity/tmdb-movies.csv'] }
];

const data = dataDir();
const model = process.env.CINEATLAS_MODEL_DIR ?? join(PROJECT_ROOT, '.cache/models/Xenova/all-MiniLM-L6-v2');
if (!existsSync(join(model, 'onnx/model.onnx'))) {
  console.log(`skip atlas bench: no model at ${model} (npm run model:provision, or set CINEATLAS_MODEL_DIR)`);
  process.exit(0);
}

const embedder = await loadEmbedder({ model, dtype: 'fp32' });
const dim = embedder.info.dim;
const embed = async (texts: string[]) => {
  const flat = await embedder.embed(texts, {});
  return texts.map((_, i) => flat.subarray(i * dim, (i + 1) * dim));
};

const rows: string[] = [];
for (const c of CASES) {
  const sources = c.sources.map((s) => join(data, s));
  if (!sources.every(existsSync)) {
    console.log(`skip ${c.name}: ${sources.join(', ')} not found (set CINEATLAS_DATA_DIR)`);
    continue;
  }
  const out = join(PROJECT_ROOT, '.cache/bench', c.name.split(' ')[0]);
  mkdirSync(out, { recursive: true });
  const built = await runBuild({ sources, out, progress: silentProgress(), embed: { embedder } });
  const stage = await runClusterStage({ outDir: out, embed });
  const t = stage.timings;
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  const models = stage.registry.models.map((m) => `${m.id} k=${m.k} ${m.build_seconds}s`).join(', ');
  rows.push(
    `| ${c.name} | ${built.movies.length} | ${s(t.read)} | ${s(t.umap)} | ${s(t.cluster)} | ${s(t.label)} | ${s(t.write)} | ${s(total)} |`
  );
  console.log(`${c.name}: ${models}`);
}
await embedder.dispose();

console.log('\n| catalogue | movies | read | UMAP 2-D+5-D | 5 clusterings | labels | write | stage total |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
console.log('\nGrowth with n: exact kNN for UMAP ~n²·d, UMAP epochs ~n·k; K-Means ~n·k per iteration;');
console.log('HDBSCAN (Prim MST) and Ward (NN-chain) ~n²; GMM ~n·k·d² per EM step; labels ~total text.');

function s(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
