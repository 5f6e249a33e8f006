/**
 * HDBSCAN* stage 3: pick flat clusters from the condensed tree and label points, a port of
 * sklearn's `_get_clusters`, `epsilon_search`, `_do_labelling` and `get_probabilities`
 * (sklearn/cluster/_hdbscan/_tree.pyx), including its edge-case behaviour.
 */
import type { ClusterNodes, CondensedTree } from './hdbscan-tree';

export type SelectionMethod = 'eom' | 'leaf';

export interface SelectOptions {
  method: SelectionMethod;
  allowSingleCluster: boolean;
  epsilon: number;
}

/** All cluster ids in the subtree under `c` (excluding `c`). */
function descendants(nodes: ClusterNodes, c: number): number[] {
  const out: number[] = [];
  const stack = [...nodes.children[c]];
  while (stack.length) {
    const k = stack.pop()!;
    out.push(k);
    stack.push(...nodes.children[k]);
  }
  return out;
}

/** Lowest ancestor of `leaf` born at a distance above epsilon (sklearn's `traverse_upwards`). */
function traverseUpwards(nodes: ClusterNodes, eps: number, leaf: number, allowSingle: boolean): number {
  const p = nodes.parent[leaf];
  if (p === 0) return allowSingle ? p : leaf;
  return 1 / nodes.birth[p] > eps ? p : traverseUpwards(nodes, eps, p, allowSingle);
}

/**
 * Merge clusters born below distance epsilon into their ancestors (Malzer & Baum). sklearn
 * iterates a Python set of ids — ascending for these small ints in practice — so we do too.
 */
function epsilonSearch(nodes: ClusterNodes, leaves: number[], eps: number, allowSingle: boolean): Set<number> {
  const selected = new Set<number>();
  const processed = new Set<number>();
  for (const leaf of [...leaves].sort((a, b) => a - b)) {
    if (1 / nodes.birth[leaf] < eps) {
      if (processed.has(leaf)) continue;
      const up = traverseUpwards(nodes, eps, leaf, allowSingle);
      selected.add(up);
      for (const s of descendants(nodes, up)) processed.add(s);
    } else selected.add(leaf);
  }
  return selected;
}

/** Selected cluster ids (relative to n, 0 = root), ascending. */
export function selectClusters(nodes: ClusterNodes, o: SelectOptions): number[] {
  const c = nodes.parent.length;
  const stability = Float64Array.from(nodes.stability); // EOM overwrites it with subtree sums
  // sklearn's `is_cluster` holds every non-root cluster, plus the root if a single cluster is allowed
  const candidate = new Uint8Array(c);
  const isCluster = new Uint8Array(c);
  for (let k = o.allowSingleCluster ? 0 : 1; k < c; k++) candidate[k] = isCluster[k] = 1;
  const hasSplits = c > 1;
  if (o.method === 'eom') {
    // Children always have larger ids than parents, so descending order is bottom-up.
    for (let k = c - 1; k >= (o.allowSingleCluster ? 0 : 1); k--) {
      let sub = 0;
      for (const ch of nodes.children[k]) sub += stability[ch];
      if (sub > stability[k]) {
        isCluster[k] = 0;
        stability[k] = sub;
      } else for (const s of descendants(nodes, k)) isCluster[s] = 0;
    }
    if (o.epsilon !== 0 && hasSplits) {
      const eom: number[] = [];
      for (let k = 0; k < c; k++) if (candidate[k] && isCluster[k]) eom.push(k);
      let chosen = new Set<number>();
      if (eom.length === 1 && eom[0] === 0) {
        if (o.allowSingleCluster) chosen = new Set(eom);
      } else chosen = epsilonSearch(nodes, eom, o.epsilon, o.allowSingleCluster);
      for (let k = 0; k < c; k++) if (candidate[k]) isCluster[k] = chosen.has(k) ? 1 : 0;
    }
  } else {
    const leaves: number[] = [];
    if (hasSplits) for (let k = 0; k < c; k++) if (nodes.children[k].length === 0) leaves.push(k);
    // No split at all: sklearn marks the root, then the (empty) leaf set clears it again.
    if (!leaves.length) candidate[0] = 1;
    const chosen = o.epsilon !== 0 ? epsilonSearch(nodes, leaves, o.epsilon, o.allowSingleCluster) : new Set(leaves);
    for (let k = 0; k < c; k++) if (candidate[k]) isCluster[k] = chosen.has(k) ? 1 : 0;
  }
  const out: number[] = [];
  for (let k = 0; k < c; k++) if (candidate[k] && isCluster[k]) out.push(k);
  return out;
}

/**
 * Label = nearest selected ancestor of the point's condensed-tree parent, -1 if that is the
 * root (unless the root is the one allowed cluster: then only points that persist to the
 * root's last lambda, or past 1/epsilon, join it). Probability = λ_point / λ_death(cluster),
 * clipped to 1 — sklearn's `probabilities_`.
 */
export function labelPoints(
  t: CondensedTree,
  nodes: ClusterNodes,
  selected: number[],
  o: SelectOptions
): { labels: Int32Array; probabilities: Float64Array } {
  const n = t.n;
  const c = nodes.parent.length;
  const labelOf = new Int32Array(c).fill(-1);
  selected.forEach((k, i) => (labelOf[k] = i));
  // top[k]: selected cluster reached walking up from k; 0 (root) if none. Parents precede children.
  const top = new Int32Array(c);
  for (let k = 1; k < c; k++) top[k] = labelOf[k] >= 0 ? k : top[nodes.parent[k]];
  const singleRoot = o.allowSingleCluster && selected.length === 1 && selected[0] === 0;
  const rootThreshold = o.epsilon !== 0 ? 1 / o.epsilon : nodes.death[0];
  const labels = new Int32Array(n).fill(-1);
  const probabilities = new Float64Array(n);
  for (let r = 0; r < t.parent.length; r++) {
    const p = t.child[r];
    if (p >= n) continue;
    const lam = t.lambda[r];
    const k = top[t.parent[r] - n];
    if (k === 0 && !(singleRoot && lam >= rootThreshold)) continue;
    labels[p] = labelOf[k];
    const death = nodes.death[k];
    probabilities[p] = death === 0 || lam === Infinity ? 1 : Math.min(lam, death) / death;
  }
  return { labels, probabilities };
}
