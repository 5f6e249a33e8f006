/**
 * GMM, BIC selection and Ward timings on seeded synthetic 5-D data shaped like a UMAP layout
 * (40 anisotropic blobs of uneven size plus 5 % uniform background). Figures only, no asserts.
 *
 *   npx tsx build-scripts/bench/cluster-gmm-ward-bench.ts [--sizes 4803,10866]
 *       [--k 20] [--kmin 5] [--kmax 50] [--step 5]
 *
 * BIC search: k = kmin..kmax by step, 1 restart each, refine ±(step−1) around the best, refit with 2.
 */
import { parseArgs } from 'node:util';
import type { Matrix } from '../cluster/matrix';
import { rng } from '../cluster/types';
import { gmm } from '../cluster/gmm';
import { selectGmm } from '../cluster/gmm-select';
import { cutTree, wardTree } from '../cluster/ward';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '4803,10866' },
    k: { type: 'string', default: '20' },
    kmin: { type: 'string', default: '5' },
    kmax: { type: 'string', default: '50' },
    step: { type: 'string', default: '5' }
  }
});

function synthetic(n: number, seed: number, d = 5, blobs = 40): Matrix {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: blobs }, () => Array.from({ length: d }, () => r() * 20));
  const scales = Array.from({ length: blobs }, () => Array.from({ length: d }, () => 0.2 + r() * 0.8));
  const weights = Array.from({ length: blobs }, () => 0.2 + r() ** 2);
  const total = weights.reduce((a, b) => a + b, 0);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    if (r() < 0.05) {
      for (let t = 0; t < d; t++) data[i * d + t] = r() * 20;
      continue;
    }
    let u = r() * total;
    let b = 0;
    while (b < blobs - 1 && (u -= weights[b]) > 0) b++;
    for (let t = 0; t < d; t++) data[i * d + t] = centres[b][t] + scales[b][t] * gauss();
  }
  return { data, rows: n, cols: d };
}

/** [result, wall s]; CPU s is logged too because on a shared 2-core box wall time includes waiting. */
const cpu: Record<string, number> = {};
const time = <T>(label: string, f: () => T): [T, number] => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const v = f();
  const c = process.cpuUsage(c0);
  cpu[label] = (c.user + c.system) / 1e6;
  return [v, (performance.now() - t0) / 1000];
};
const s2 = (wall: number, label: string) => `${wall.toFixed(2)} s (cpu ${cpu[label].toFixed(2)})`;

const sizes = args.sizes.split(',').map(Number);
const k = Number(args.k);
const rows: Record<string, number>[] = [];
console.log(`Node ${process.version}; GMM k=${k} nInit=2; BIC k=${args.kmin}..${args.kmax} step ${args.step}`);
for (const n of sizes) {
  const m = synthetic(n, 42);
  const [g, tGmm] = time('gmm', () => gmm(m, { k, seed: 1, nInit: 2 }));
  // Fixed work (20 EM iterations, tol 0) so the growth figure is not skewed by iteration counts.
  const [, tEm] = time('em', () => gmm(m, { k, seed: 1, maxIter: 20, tol: 0 }));
  const [sel, tSel] = time('sel', () =>
    selectGmm(m, { kMin: Number(args.kmin), kMax: Number(args.kmax), step: Number(args.step), seed: 1, searchInit: 1, finalInit: 2 })
  );
  const [tree, tWard] = time('ward', () => wardTree(m));
  const [, tCut] = time('cut', () => cutTree(tree, 40));
  rows.push({ n, tGmm: cpu.gmm, tEm: cpu.em, tSel: cpu.sel, tWard: cpu.ward });
  console.log(
    `n=${n}: gmm ${s2(tGmm, 'gmm')}, ${g.nIter} iters, converged ${g.converged}; 20 EM iters ${s2(tEm, 'em')} | ` +
      `BIC select ${s2(tSel, 'sel')}, ${sel.curve.length} fits, k=${sel.k} | ` +
      `ward tree ${s2(tWard, 'ward')}, cut ${(tCut * 1000).toFixed(1)} ms | ` +
      `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`
  );
}
if (rows.length >= 2) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  const exp = (key: string) => (Math.log(b[key] / a[key]) / Math.log(b.n / a.n)).toFixed(2);
  console.log(`growth exponent of CPU time (t ∝ n^x) from n=${a.n} to ${b.n}: gmm ${exp('tGmm')} (fixed 20 iters ${exp('tEm')}), BIC select ${exp('tSel')}, ward ${exp('tWard')}`);
}
