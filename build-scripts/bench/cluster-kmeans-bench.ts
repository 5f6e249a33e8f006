/**
 * K-Means, silhouette/DB/CH/ARI/NMI and the choose-k scan on seeded synthetic 5-D data shaped
 * like a UMAP layout (40 Gaussian blobs of uneven size and spread, 10 % uniform background).
 * Prints wall and CPU seconds per step (best of 3) and the growth exponent between sizes (2 = quadratic).
 * Figures only, no asserts. CPU time is the steadier figure on a shared 2-core machine.
 *
 *   npx tsx build-scripts/bench/cluster-kmeans-bench.ts [--sizes 2000,4803,10866] [--no-choose]
 */
import { parseArgs } from 'node:util';
import type { Matrix } from '../cluster/matrix';
import { rng } from '../cluster/types';
import { kmeans } from '../cluster/kmeans';
import { chooseK } from '../cluster/choose-k';
import { adjustedRand, calinskiHarabasz, daviesBouldin, normalizedMutualInfo, silhouette } from '../cluster/metrics';

const { values: args } = parseArgs({
  options: { sizes: { type: 'string', default: '2000,4803,10866' }, 'no-choose': { type: 'boolean', default: false } }
});

function synthetic(n: number, seed = 42, d = 5, blobs = 40): Matrix {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: blobs }, () => Array.from({ length: d }, () => r() * 20));
  const spread = Array.from({ length: blobs }, () => 0.2 + r() * 0.8);
  const weight = Array.from({ length: blobs }, () => 0.2 + r());
  const total = weight.reduce((a, b) => a + b, 0);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const noise = r() < 0.1;
    let u = r() * total;
    let b = 0;
    while (b < blobs - 1 && (u -= weight[b]) > 0) b++;
    for (let t = 0; t < d; t++) data[i * d + t] = noise ? r() * 20 : centres[b][t] + gauss() * spread[b];
  }
  return { data, rows: n, cols: d };
}

/** [result, wall s, CPU s], best of `reps` runs (the machine is shared; the minimum is the steadiest). */
function time<T>(f: () => T, reps = 3): [T, number, number] {
  let best: [T, number, number] | undefined;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = f();
    const c = process.cpuUsage(c0);
    const run: [T, number, number] = [out, (performance.now() - t0) / 1000, (c.user + c.system) / 1e6];
    if (!best || run[2] < best[2]) best = run;
  }
  return best!;
}

const sizes = args.sizes!.split(',').map(Number);
const warm = synthetic(1000, 1);
silhouette(warm, kmeans(warm, { k: 10, nInit: 2 }).labels); // JIT warm-up
console.log(`K-Means + metrics, 5-D synthetic (40 blobs + 10 % background), Node ${process.version}`);
console.log('step'.padEnd(34) + sizes.map((n) => `n=${n} wall/cpu s`.padStart(22)).join('') + '   growth (cpu)');

const table = new Map<string, { wall: number[]; cpu: number[] }>();
const notes: string[] = [];
function record(step: string, i: number, wall: number, cpu: number) {
  if (!table.has(step)) table.set(step, { wall: [], cpu: [] });
  table.get(step)!.wall[i] = wall;
  table.get(step)!.cpu[i] = cpu;
}
sizes.forEach((n, i) => {
  const X = synthetic(n);
  const [k20, w1, c1] = time(() => kmeans(X, { k: 20, nInit: 5 }));
  record('kmeans k=20, 5 restarts', i, w1, c1);
  const [k75, w2, c2] = time(() => kmeans(X, { k: 75, nInit: 5 }));
  record('kmeans k=75, 5 restarts', i, w2, c2);
  notes.push(`n=${n}: Lloyd iterations of the kept run k=20 ${k20.iterations}, k=75 ${k75.iterations}`);
  const steps: [string, () => unknown][] = [
    ['silhouette exact (k=75)', () => silhouette(X, k75.labels)],
    ['silhouette sampleSize 2000 (k=75)', () => silhouette(X, k75.labels, { sampleSize: 2000 })],
    ['Davies–Bouldin (k=75)', () => daviesBouldin(X, k75.labels)],
    ['Calinski–Harabasz (k=75)', () => calinskiHarabasz(X, k75.labels)],
    ['ARI k=20 vs k=75', () => adjustedRand(k20.labels, k75.labels)],
    ['NMI k=20 vs k=75', () => normalizedMutualInfo(k20.labels, k75.labels)]
  ];
  for (const [name, f] of steps) {
    const [, w, c] = time(f);
    record(name, i, w, c);
  }
  if (!args['no-choose'] && n >= 4000) {
    const [ck, w, c] = time(() => chooseK(X, {}), 1);
    record('chooseK 5..50, nInit 3, sample 2000', i, w, c);
    notes.push(`n=${n}: chooseK picked k=${ck.k} (silhouette ${ck.curve.find((p) => p.k === ck.k)!.silhouette.toFixed(3)})`);
  }
});

for (const [step, { wall, cpu }] of table) {
  const cells = sizes.map((_, i) => (cpu[i] === undefined ? '—' : `${wall[i].toFixed(3)}/${cpu[i].toFixed(3)}`).padStart(22));
  const a = cpu.findIndex((v) => v !== undefined);
  const b = cpu.length - 1;
 // Below ~10 ms the ratio is timer noise, not growth.
  const growth = b > a && cpu[a] >= 0.01 ? `n^${(Math.log(cpu[b] / cpu[a]) / Math.log(sizes[b] / sizes[a])).toFixed(2)}` : '';
  console.log(step.padEnd(34) + cells.join('') + '   ' + growth);
}
notes.forEach((s) => console.log(s));
