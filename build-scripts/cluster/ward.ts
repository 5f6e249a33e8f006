/**
 * Ward agglomerative clustering by nearest-neighbour chain: O(n²·d) time, O(n·d) memory.
 * No distance matrix: Ward distance is computed from centroids and sizes,
 *   D(A,B) = sqrt(2·|A||B|/(|A|+|B|))·‖cA − cB‖,
 * which is exactly what scipy's Lance–Williams update yields, so heights match `linkage(X,'ward')`.
 * The tree is kept (scipy linkage layout, rows sorted by height) so any cut — and the roll-up of
 * fine micro-genres into coarse macro-genres — comes from the same hierarchy.
 */
import type { Matrix } from './matrix';
import type { Clustering } from './types';

/** scipy-style linkage: row i merges nodes left[i] and right[i] (leaves < n, node n+j = row j). */
export interface WardTree {
  n: number;
  left: Int32Array;
  right: Int32Array;
  height: Float64Array;
  size: Int32Array;
}

export function wardTree(m: Matrix): WardTree {
  const { rows: n, cols: d } = m;
  if (n < 1) throw new Error('ward: no points');
  const cent = Float64Array.from(m.data); // slot i holds the cluster whose representative leaf is i
  const size = new Float64Array(n).fill(1);
  const floor = new Float64Array(n); // height of the merge that formed slot i (keeps heights monotone)
  const active = Int32Array.from({ length: n }, (_, i) => i);
  const pos = Int32Array.from({ length: n }, (_, i) => i);
  let nActive = n;
  const chain = new Int32Array(n);
  let len = 0;
  const mA = new Int32Array(n - 1);
  const mB = new Int32Array(n - 1);
  const mH = new Float64Array(n - 1);

  for (let step = 0; step < n - 1; step++) {
    if (len === 0) chain[len++] = active[0];
    let x = 0;
    let y = 0;
    let best = 0; // Ward distance² / (2·|x|), minimised over candidates
    for (;;) {
      x = chain[len - 1];
      const nx = size[x];
      const ox = x * d;
      // Prefer the previous chain element on ties (as scipy does) so the chain cannot cycle.
      best = Infinity;
      if (len > 1) {
        y = chain[len - 2];
        best = (sq(cent, ox, y * d, d) * size[y]) / (nx + size[y]);
      }
      for (let a = 0; a < nActive; a++) {
        const j = active[a];
        if (j === x) continue;
        const nj = size[j];
        const v = (sq(cent, ox, j * d, d) * nj) / (nx + nj);
        if (v < best) (best = v), (y = j);
      }
      if (len > 1 && y === chain[len - 2]) break;
      chain[len++] = y;
    }
    len -= 2;
    // best was scaled by the chain tip's size: take the height before x/y are ordered.
    const h = Math.max(Math.sqrt(2 * size[x] * best), floor[x], floor[y]);
    if (x > y) [x, y] = [y, x];
    const nx = size[x];
    const ny = size[y];
    mA[step] = x;
    mB[step] = y;
    mH[step] = h;
    // Merged cluster lives in slot y; slot x leaves the active list.
    for (let t = 0; t < d; t++) cent[y * d + t] = (nx * cent[x * d + t] + ny * cent[y * d + t]) / (nx + ny);
    size[y] = nx + ny;
    floor[y] = h;
    const px = pos[x];
    const last = active[--nActive];
    active[px] = last;
    pos[last] = px;
  }
  return relabel(n, mA, mB, mH);
}

function sq(c: Float64Array, p: number, q: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const u = c[p + t] - c[q + t];
    s += u * u;
  }
  return s;
}

/** Sort merges by height (stable) and rename slots to node ids with union–find, as scipy's `label`. */
function relabel(n: number, mA: Int32Array, mB: Int32Array, mH: Float64Array): WardTree {
  const order = Array.from({ length: n - 1 }, (_, i) => i).sort((a, b) => mH[a] - mH[b] || a - b);
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const nodeSize = new Int32Array(2 * n - 1).fill(1);
  const find = (v: number) => {
    let r = v;
    while (parent[r] !== r) r = parent[r];
    while (parent[v] !== r) [v, parent[v]] = [parent[v], r];
    return r;
  };
  const tree: WardTree = {
    n,
    left: new Int32Array(n - 1),
    right: new Int32Array(n - 1),
    height: new Float64Array(n - 1),
    size: new Int32Array(n - 1)
  };
  order.forEach((o, i) => {
    const a = find(mA[o]);
    const b = find(mB[o]);
    const node = n + i;
    tree.left[i] = Math.min(a, b);
    tree.right[i] = Math.max(a, b);
    tree.height[i] = mH[o];
    tree.size[i] = nodeSize[node] = nodeSize[a] + nodeSize[b];
    parent[a] = parent[b] = node;
  });
  return tree;
}

/** Rows as scipy's Z: [left, right, height, size]. */
export function toLinkage(tree: WardTree): number[][] {
  return Array.from(tree.height, (h, i) => [tree.left[i], tree.right[i], h, tree.size[i]]);
}

/**
 * Labels for k clusters: undo the k−1 highest merges. Clusters are numbered in order of their
 * first point, so the same tree always gives the same labels.
 */
export function cutTree(tree: WardTree, k: number): Clustering {
  const { n } = tree;
  if (!(k >= 1 && k <= n)) throw new Error(`cutTree: k=${k} must be in 1..${n}`);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const rep = new Int32Array(2 * n - 1); // any leaf of each node
  for (let i = 0; i < n; i++) rep[i] = i;
  const find = (v: number) => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (let i = 0; i < n - 1; i++) {
    rep[n + i] = rep[tree.left[i]];
    if (i < n - k) parent[find(rep[tree.left[i]])] = find(rep[tree.right[i]]);
  }
  const id = new Int32Array(n).fill(-1);
  const labels = new Int32Array(n);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (id[r] < 0) id[r] = next++;
    labels[i] = id[r];
  }
  return { labels, k: next, probabilities: new Float64Array(n).fill(1) };
}

/**
 * Micro → macro roll-up: cuts at kFine and kCoarse (kCoarse ≤ kFine) and, for each fine cluster,
 * the coarse cluster containing it. Cuts of one tree are nested, so every fine cluster lies
 * wholly inside exactly one coarse cluster.
 */
export function rollUp(tree: WardTree, kFine: number, kCoarse: number) {
  if (kCoarse > kFine) throw new Error(`rollUp: kCoarse=${kCoarse} > kFine=${kFine}`);
  const fine = cutTree(tree, kFine);
  const coarse = cutTree(tree, kCoarse);
  const parent = new Int32Array(fine.k).fill(-1);
  for (let i = 0; i < tree.n; i++) if (parent[fine.labels[i]] < 0) parent[fine.labels[i]] = coarse.labels[i];
  return { fine, coarse, parent };
}

/** Convenience: Ward tree and its k-cluster cut. */
export function ward(m: Matrix, k: number): Clustering & { tree: WardTree } {
  const tree = wardTree(m);
  return { ...cutTree(tree, k), tree };
}
