/**
 * UMAP and label-candidate timings. Figures only, no asserts.
 *
 *   npx tsx build-scripts/bench/reduce-label-bench.ts [--sizes 2000,4803,10866] [--nndescent]
 *
 * UMAP: seeded synthetic 384-D unit vectors (40 gaussian clusters, normalised), exact kNN once
 * (k = 15, cosine), then the 2-D (min_dist 0.1) and 5-D (min_dist 0) layouts from that graph.
 * --nndescent also times umap-js's own RP-forest + NN-descent 2-D fit, for comparison.
 * Candidates: tokenising + 1–3-grams + c-TF-IDF on the real TMDB 5000 file when present
 * ($CINEATLAS_DATA_DIR, tmdb/tmdb_5000_movies.csv).
 * Wall time can be inflated by other processes; CPU time is the steadier figure.
 */
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UMAP } from 'umap-js';
import { rng } from '../cluster/types';
import { clusterCandidates, indexMovies } from '../label/candidates';
import { dataDir } from '../paths';
import { exactKnn, reduce } from '../reduce/umap';

const { values: args } = parseArgs({
  options: { sizes: { type: 'string', default: '2000,4803,10866' }, nndescent: { type: 'boolean', default: false } }
});

function synthetic(n: number, seed: number, d = 384, clusters = 40): number[][] {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: clusters }, () => Array.from({ length: d }, gauss));
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(r() * clusters)];
    const v = c.map((x) => x + 1.5 * gauss());
    const s = Math.hypot(...v);
    return v.map((x) => x / s);
  });
}

function timed<T>(fn: () => T): [T, string] {
  const w = performance.now(), c = process.cpuUsage();
  const out = fn();
  const cu = process.cpuUsage(c);
  return [out, `${((performance.now() - w) / 1000).toFixed(1)} s wall / ${((cu.user + cu.system) / 1e6).toFixed(1)} s cpu`];
}

const cosine = (x: number[], y: number[]) => {
  let dot = 0, nx = 0, ny = 0;
  for (let i = 0; i < x.length; i++) { dot += x[i] * y[i]; nx += x[i] * x[i]; ny += y[i] * y[i]; }
  return 1 - dot / Math.sqrt(nx * ny);
};

const common = { nNeighbors: 15, metric: 'cosine' as const, seed: 42 };
for (const n of args.sizes.split(',').map(Number)) {
  const X = synthetic(n, n);
  const [knn, tKnn] = timed(() => exactKnn(X, 15, 'cosine'));
  const [, t2] = timed(() => reduce(X, { ...common, nComponents: 2, minDist: 0.1, knn }));
  const [, t5] = timed(() => reduce(X, { ...common, nComponents: 5, minDist: 0, knn }));
  console.log(`n=${n}: exact kNN ${tKnn} | UMAP 2-D ${t2} | UMAP 5-D ${t5}`);
  if (args.nndescent) {
    const [, tNd] = timed(() => new UMAP({ nComponents: 2, nNeighbors: 15, minDist: 0.1, random: rng(42), distanceFn: cosine }).fit(X));
    console.log(`n=${n}: umap-js own NN-descent, 2-D fit incl. kNN: ${tNd}`);
  }
}

const csv = join(dataDir(), 'tmdb/tmdb_5000_movies.csv');
if (!existsSync(csv)) {
  console.log(`candidates: skipped (${csv} not found)`);
} else {
  const rows = parse(readFileSync(csv), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const names = (s: string) => (s ? (JSON.parse(s) as { name: string }[]).map((x) => x.name) : []);
  const movies = rows.map((r) => ({ overview: r.overview ?? '', tagline: r.tagline || null, keywords: names(r.keywords) }));
  const [index, tIdx] = timed(() => indexMovies(movies));
  // A stand-in clustering (40 clusters by seeded random assignment) just to time the counting.
  const r = rng(1);
  const labels = Int32Array.from(movies, () => Math.floor(r() * 40));
  const [cands, tC] = timed(() => clusterCandidates(index, labels, 40, 50));
  const perMovie = index.moviePhrases.reduce((s, p) => s + p.length, 0) / movies.length;
  const distinct = new Set(cands.flat().map((c) => c.phrase)).size;
  console.log(`candidates on ${movies.length} TMDB movies: index ${tIdx} (${index.vocab.length} distinct phrases, ` +
    `${perMovie.toFixed(0)} per movie) | c-TF-IDF for 40 clusters ${tC} (${distinct} distinct candidates to embed)`);
}
