/**
 * HDBSCAN timing on seeded synthetic 5-D data shaped like a UMAP embedding: a mixture of
 * Gaussian blobs of uneven size and spread, plus 10 % uniform background noise.
 * Prints per-stage figures and the growth exponent between sizes (2 = quadratic). No asserts.
 * Usage: npx tsx build-scripts/bench/cluster-hdbscan-bench.ts [minClusterSize=15]
 */
import { pathToFileURL } from 'node:url';
import type { Matrix } from '../cluster/matrix';
import { rng } from '../cluster/types';
import { hdbscan } from '../cluster/hdbscan';
import { coreDistancesSq } from '../cluster/hdbscan-kdtree';
import { primMst } from '../cluster/hdbscan-mst';

const DIM = 5;
const SIZES = [2000, 4803, 10866];

export function syntheticUmapLike(n: number, seed = 42, blobs = 40): Matrix {
  const rand = rng(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: blobs }, () => Array.from({ length: DIM }, () => rand() * 20));
  const spread = Array.from({ length: blobs }, () => 0.2 + rand() * 0.8);
  const weight = Array.from({ length: blobs }, () => 0.2 + rand()); // uneven blob sizes
  const total = weight.reduce((a, b) => a + b, 0);
  const data = new Float64Array(n * DIM);
  for (let i = 0; i < n; i++) {
    const row = data.subarray(i * DIM, (i + 1) * DIM);
    if (rand() < 0.1) {
      for (let c = 0; c < DIM; c++) row[c] = rand() * 20;
      continue;
    }
    let pick = rand() * total;
    let b = 0;
    while (b < blobs - 1 && (pick -= weight[b]) > 0) b++;
    for (let c = 0; c < DIM; c++) row[c] = centres[b][c] + gauss() * spread[b];
  }
  return { data, rows: n, cols: DIM };
}

/** Best of `reps` wall-clock seconds: the minimum is the least noisy figure on a shared machine. */
function best<T>(reps: number, f: () => T): [T, number] {
  let out!: T;
  let min = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    out = f();
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return [out, min];
}

function main(): void {
  const mcs = Number(process.argv[2] ?? 15);
  const reps = 3;
  hdbscan(syntheticUmapLike(500), { minClusterSize: mcs }); // JIT warm-up
  console.log(`HDBSCAN, ${DIM}-D, minClusterSize ${mcs} (minSamples = same), best of ${reps}, Node ${process.version}`);
  console.log('      n   core s    mst s  total s   k  noise');
  let prev: [number, number] | undefined;
  for (const n of SIZES) {
    const m = syntheticUmapLike(n);
    const [core, tCore] = best(reps, () => coreDistancesSq(m, mcs));
    const [, tMst] = best(reps, () => primMst(m, core));
    const [r, t] = best(reps, () => hdbscan(m, { minClusterSize: mcs }));
    const noise = r.labels.filter((l) => l < 0).length / n;
    const growth = prev ? `  growth n^${(Math.log(t / prev[1]) / Math.log(n / prev[0])).toFixed(2)}` : '';
    console.log(
      `${String(n).padStart(7)} ${tCore.toFixed(3).padStart(8)} ${tMst.toFixed(3).padStart(8)} ` +
        `${t.toFixed(3).padStart(8)} ${String(r.k).padStart(3)}  ${(noise * 100).toFixed(1)}%${growth}`
    );
    prev = [n, t];
  }
}

// Runs when executed directly; importing (e.g. for syntheticUmapLike) has no side effects.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
