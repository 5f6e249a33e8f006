/**
 * HDBSCAN* stage 2: single-linkage tree → condensed tree → stabilities, a line-by-line port of
 * sklearn's `_process_mst`, `make_single_linkage`, `_condense_tree` and `_compute_stability`
 * (sklearn/cluster/_hdbscan/_linkage.pyx, _tree.pyx). Node numbering, BFS order and row order
 * are kept identical so cluster ids — and hence label numbers — match sklearn's.
 */
import type { MstEdges } from './hdbscan-mst';

/** scipy-style linkage: merge i creates node n + i from `left`/`right` at `dist`. */
export interface SingleLinkage {
  n: number;
  left: Int32Array;
  right: Int32Array;
  dist: Float64Array;
  size: Int32Array;
}

/**
 * Sort MST edges by weight and merge with union-find. Equal weights are common (a point's core
 * distance often bounds several edges) and their order shapes the tree at that level; sklearn
 * uses numpy's unstable argsort (SIMD, machine-dependent), which cannot be reproduced, so ties
 * keep Prim's order here — deterministic, and the only source of disagreement with sklearn.
 */
export function singleLinkage(mst: MstEdges, n: number): SingleLinkage {
  const e = mst.weight.length;
  const order = Array.from({ length: e }, (_, i) => i).sort(
    (a, b) => mst.weight[a] - mst.weight[b] || a - b
  );
  const parent = new Int32Array(2 * n - 1 > 0 ? 2 * n - 1 : 1).fill(-1);
  const size = new Int32Array(parent.length).fill(1);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== -1) r = parent[r];
    while (parent[v] !== -1 && parent[v] !== r) {
      const next = parent[v];
      parent[v] = r;
      v = next;
    }
    return r;
  };
  const out: SingleLinkage = {
    n,
    left: new Int32Array(e),
    right: new Int32Array(e),
    dist: new Float64Array(e),
    size: new Int32Array(e)
  };
  for (let i = 0; i < e; i++) {
    const k = order[i];
    const a = find(mst.from[k]);
    const b = find(mst.to[k]);
    const node = n + i;
    out.left[i] = a;
    out.right[i] = b;
    out.dist[i] = mst.weight[k];
    out.size[i] = size[node] = size[a] + size[b];
    parent[a] = parent[b] = node;
  }
  return out;
}

/**
 * Condensed tree rows (sklearn-contrib layout): `parent` is a cluster id (n = root, n+1…),
 * `child` a point (< n) or cluster id, `lambda` = 1/distance at which the child leaves or is
 * born, `size` = child's point count. Clusters are numbered in BFS order, so a child's id is
 * always greater than its parent's.
 */
export interface CondensedTree {
  n: number;
  parent: Int32Array;
  child: Int32Array;
  lambda: Float64Array;
  size: Int32Array;
  /** Number of cluster ids, root included (ids n … n + nClusters - 1). */
  nClusters: number;
}

export function condenseTree(h: SingleLinkage, minClusterSize: number): CondensedTree {
  const n = h.n;
  const cap = 2 * n;
  const parent = new Int32Array(cap);
  const child = new Int32Array(cap);
  const lambda = new Float64Array(cap);
  const size = new Int32Array(cap);
  let rows = 0;
  const push = (p: number, c: number, l: number, s: number): void => {
    parent[rows] = p;
    child[rows] = c;
    lambda[rows] = l;
    size[rows] = s;
    rows++;
  };
  const count = (v: number): number => (v >= n ? h.size[v - n] : 1);
  // Points of a pruned subtree, in sklearn's BFS order, all leaving at lambda `l`.
  const queue = new Int32Array(Math.max(2 * n - 1, 1));
  const fallOff = (sub: number, p: number, l: number): void => {
    let head = 0;
    let tail = 0;
    queue[tail++] = sub;
    while (head < tail) {
      const v = queue[head++];
      if (v < n) push(p, v, l, 1);
      else {
        queue[tail++] = h.left[v - n];
        queue[tail++] = h.right[v - n];
      }
    }
  };
  const root = 2 * (n - 1);
  const relabel = new Int32Array(root + 1);
  relabel[root] = n;
  let nextLabel = n + 1;
  // Only internal nodes that stay in a cluster are visited, in BFS order: the same order in
  // which sklearn's full BFS list reaches them after skipping ignored subtrees.
  const work: number[] = n > 1 ? [root] : [];
  for (let w = 0; w < work.length; w++) {
    const node = work[w];
    const i = node - n;
    const l = h.left[i];
    const r = h.right[i];
    const dist = h.dist[i];
    const lam = dist > 0 ? 1 / dist : Infinity;
    const lc = count(l);
    const rc = count(r);
    const p = relabel[node];
    if (lc >= minClusterSize && rc >= minClusterSize) {
      relabel[l] = nextLabel++;
      push(p, relabel[l], lam, lc);
      relabel[r] = nextLabel++;
      push(p, relabel[r], lam, rc);
      work.push(l, r);
    } else if (lc < minClusterSize && rc < minClusterSize) {
      fallOff(l, p, lam);
      fallOff(r, p, lam);
    } else if (lc < minClusterSize) {
      relabel[r] = p;
      fallOff(l, p, lam);
      if (r >= n) work.push(r);
    } else {
      relabel[l] = p;
      fallOff(r, p, lam);
      if (l >= n) work.push(l);
    }
  }
  return {
    n,
    parent: parent.slice(0, rows),
    child: child.slice(0, rows),
    lambda: lambda.slice(0, rows),
    size: size.slice(0, rows),
    nClusters: nextLabel - n
  };
}

/** Cluster-level view of a condensed tree, indexed by cluster id - n (0 = root). */
export interface ClusterNodes {
  parent: Int32Array; // -1 for the root
  birth: Float64Array; // lambda at which the cluster appears (0 for the root)
  size: Int32Array;
  /** sklearn's stability: Σ over rows (λ_row − λ_birth) × row size. */
  stability: Float64Array;
  /** Largest lambda among the cluster's own rows (sklearn's `max_lambdas`, "death"). */
  death: Float64Array;
  children: number[][];
}

export function clusterNodes(t: CondensedTree): ClusterNodes {
  const c = t.nClusters;
  const n = t.n;
  const out: ClusterNodes = {
    parent: new Int32Array(c).fill(-1),
    birth: new Float64Array(c),
    size: new Int32Array(c),
    stability: new Float64Array(c),
    death: new Float64Array(c),
    children: Array.from({ length: c }, () => [])
  };
  out.size[0] = n;
  for (let r = 0; r < t.parent.length; r++) {
    if (t.child[r] < n) continue;
    const k = t.child[r] - n;
    out.parent[k] = t.parent[r] - n;
    out.birth[k] = t.lambda[r];
    out.size[k] = t.size[r];
    out.children[t.parent[r] - n].push(k);
  }
  for (let r = 0; r < t.parent.length; r++) {
    const p = t.parent[r] - n;
    // inf − inf (duplicate points) gives NaN exactly as in sklearn; selection then treats the
    // comparison as false, like numpy does.
    out.stability[p] += (t.lambda[r] - out.birth[p]) * t.size[r];
    if (t.lambda[r] > out.death[p]) out.death[p] = t.lambda[r];
  }
  return out;
}
