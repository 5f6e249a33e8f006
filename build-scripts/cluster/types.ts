/** What every clusterer returns, so metrics, labelling and the registry treat them alike. */
export interface Clustering {
  /** Cluster per point, 0..k-1; -1 marks noise (HDBSCAN only). */
  labels: Int32Array;
  /** Number of clusters (noise excluded). */
  k: number;
  /** Confidence of each point's label in [0, 1] (GMM posterior, HDBSCAN membership); 1 for hard clusterers. */
  probabilities: Float64Array;
}

/** Deterministic PRNG (mulberry32): clustering must be reproducible from a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
