/**
 * Which clustering model the site opens with, decided once for the build (models.json) and
 * for a registry that lacks the choice (the site's fallback).
 *
 * Score: silhouette counted over the whole catalogue, a movie left out of every cluster
 * (HDBSCAN noise) scoring 0, i.e. silhouette × (1 − noise fraction). Plain silhouette is
 * measured on clustered movies only, so it rewards leaving the hard quarter of the catalogue
 * out: on TMDB 5000 it picked HDBSCAN with 9 clusters and 28 % of movies in none.
 */
export interface DefaultCandidate {
  id: string;
  status: string;
  metrics: { silhouette: number | null; noise_fraction?: number | null };
}

/** Comparison models never opened by default (k fixed, not chosen by a rule). */
export const NOT_DEFAULT: ReadonlySet<string> = new Set(['kmeans75']);

export function coverageSilhouette(m: DefaultCandidate): number {
  const s = m.metrics.silhouette;
  if (s === null || !Number.isFinite(s)) return -Infinity;
  return s * (1 - Math.min(1, Math.max(0, m.metrics.noise_fraction ?? 0)));
}

/** The production model with the best coverage silhouette; failing that, the best of all. */
export function chooseDefaultModel(models: readonly DefaultCandidate[]): string {
  if (!models.length) throw new Error('chooseDefaultModel: no models');
  const ruled = models.some((m) => !NOT_DEFAULT.has(m.id)) ? models.filter((m) => !NOT_DEFAULT.has(m.id)) : models;
  const pool = ruled.some((m) => m.status === 'production') ? ruled.filter((m) => m.status === 'production') : ruled;
  return pool.reduce((a, b) => (coverageSilhouette(b) > coverageSilhouette(a) ? b : a)).id;
}

export const DEFAULT_RULE_TEXT = 'the site opens with the production model of highest silhouette over the whole catalogue (a movie in no cluster counts 0)';
