/**
 * HDBSCAN* (Campello, Moulavi & Sander) matching sklearn.cluster.HDBSCAN with the euclidean
 * metric: same core distances, MST, condensed tree, 'eom'/'leaf' selection, epsilon merging,
 * labels and probabilities. hdbscan-ts needs ~12 s for 2k points; this runs 11k × 5-D in about
 * a second, hence the own implementation (stages in hdbscan-kdtree/-mst/-tree/-select.ts).
 */
import type { Matrix } from './matrix';
import type { Clustering } from './types';
import { coreDistancesSq, KdTree } from './hdbscan-kdtree';
import { primMst } from './hdbscan-mst';
import { clusterNodes, condenseTree, singleLinkage, type SingleLinkage } from './hdbscan-tree';
import { labelPoints, selectClusters, type SelectionMethod } from './hdbscan-select';

export type { SelectionMethod } from './hdbscan-select';

export interface HdbscanOptions {
  /** Smallest group that counts as a cluster (≥ 2). */
  minClusterSize: number;
  /** Neighbourhood for core distances, counting the point itself; default minClusterSize. */
  minSamples?: number;
  /** 'eom' (default, most persistent clusters) or 'leaf' (finest homogeneous clusters). */
  selectionMethod?: SelectionMethod;
  /** Clusters born below this distance are merged into their parent (default 0 = off). */
  clusterSelectionEpsilon?: number;
  /** Allow the whole data set as one cluster (default false, as in sklearn). */
  allowSingleCluster?: boolean;
  /**
   * Precomputed `hdbscanLinkage(m, minSamples)` for this same matrix: the O(n²) part, so a
   * sweep over minClusterSize / selection settings pays for it once.
   */
  linkage?: HdbscanLinkage;
}

export interface HdbscanLinkage extends SingleLinkage {
  minSamples: number;
}

/** One node of the condensed cluster tree; index 0 is the root (all points). */
export interface HdbscanTreeNode {
  parent: number; // -1 for the root
  /** Distance (1/λ) at which the cluster splits off its parent; Infinity for the root. */
  birthDistance: number;
  size: number;
  stability: number;
  /** Output label if this node was selected, else -1. */
  label: number;
}

export interface HdbscanResult extends Clustering {
  /** Noise points: label of the nearest clustered point (display colour); others: own label. -1 only if k = 0. */
  nearestCluster: Int32Array;
  /** Condensed tree at cluster level (points omitted), root first; children have larger indices. */
  tree: HdbscanTreeNode[];
  /** Effective min_samples after defaults and clamping to n. */
  minSamples: number;
}

export function hdbscan(m: Matrix, opts: HdbscanOptions): HdbscanResult {
  const n = m.rows;
  const mcs = opts.minClusterSize;
  if (!Number.isInteger(mcs) || mcs < 2) throw new Error(`minClusterSize must be an integer ≥ 2, got ${mcs}`);
  const ms = opts.minSamples ?? mcs;
  if (!Number.isInteger(ms) || ms < 1) throw new Error(`minSamples must be an integer ≥ 1, got ${ms}`);
  const method = opts.selectionMethod ?? 'eom';
  if (method !== 'eom' && method !== 'leaf') throw new Error(`selectionMethod must be 'eom' or 'leaf', got ${method}`);
  const epsilon = opts.clusterSelectionEpsilon ?? 0;
  if (!(epsilon >= 0)) throw new Error(`clusterSelectionEpsilon must be ≥ 0, got ${epsilon}`);
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) throw new Error(`non-finite coordinate in row ${Math.floor(i / m.cols)}`);
  }
  // sklearn raises when min_samples > n; a tiny catalogue should degrade, not stop the build.
  const minSamples = Math.max(1, Math.min(ms, n));
  const select = {
    method,
    allowSingleCluster: opts.allowSingleCluster ?? false,
    epsilon
  };
  if (n < 2 || n < mcs) return allNoise(n, minSamples);

  const linkage = opts.linkage ?? hdbscanLinkage(m, minSamples);
  if (linkage.n !== n || linkage.minSamples !== minSamples) {
    throw new Error(`linkage was built for n=${linkage.n}, minSamples=${linkage.minSamples}`);
  }
  const condensed = condenseTree(linkage, mcs);
  const nodes = clusterNodes(condensed);
  const selected = selectClusters(nodes, select);
  const { labels, probabilities } = labelPoints(condensed, nodes, selected, select);
  const labelOf = new Map(selected.map((c, i) => [c, i]));
  const tree = Array.from(nodes.parent, (parent, c) => ({
    parent,
    birthDistance: c === 0 ? Infinity : 1 / nodes.birth[c],
    size: nodes.size[c],
    stability: nodes.stability[c],
    label: labelOf.get(c) ?? -1
  }));
  const k = selected.length;
  return { labels, k, probabilities, nearestCluster: nearestClusterOf(m, labels, k), tree, minSamples };
}

/** Core distances → mutual-reachability MST → single-linkage tree (sklearn's `_hdbscan_prims`). */
export function hdbscanLinkage(m: Matrix, minSamples: number): HdbscanLinkage {
  const ms = Math.max(1, Math.min(minSamples, m.rows));
  const mst = primMst(m, coreDistancesSq(m, ms));
  return { ...singleLinkage(mst, m.rows), minSamples: ms };
}

function allNoise(n: number, minSamples: number): HdbscanResult {
  return {
    labels: new Int32Array(n).fill(-1),
    k: 0,
    probabilities: new Float64Array(n),
    nearestCluster: new Int32Array(n).fill(-1),
    tree: [],
    minSamples
  };
}

/** Label of each noise point's nearest clustered point (display colour); clustered points keep theirs. */
export function nearestClusterOf(m: Matrix, labels: Int32Array, k: number): Int32Array {
  const out = Int32Array.from(labels);
  if (k === 0) return out;
  const members: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) members.push(i);
  const tree = new KdTree(m, members);
  for (let i = 0; i < labels.length; i++) if (labels[i] < 0) out[i] = labels[tree.nearest(i)];
  return out;
}
