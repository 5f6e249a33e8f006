/**
 * The models page's logic: which metric columns it shows and what each means, how rows sort,
 * the agreement matrix from the registry's pairs, and how to read each model's selection
 * curve.
 */
import type { SiteModel, SiteRegistry } from './models-registry';

export interface MetricColumn {
  key: string;
  label: string;
  /** Shown in the table header's title and in the explanations list. */
  explain: string;
  /** Which way is better; null when neither (a count, a time). */
  better: 'higher' | 'lower' | null;
  value: (m: SiteModel) => number | null;
  format: (v: number) => string;
}

const fix = (d: number) => (v: number) => v.toFixed(d);
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export const METRIC_COLUMNS: readonly MetricColumn[] = [
  {
    key: 'k',
    label: 'Clusters',
    explain: 'How many micro-genres the model found (HDBSCAN noise not counted).',
    better: null,
    value: (m) => m.k ?? m.metrics.sizes?.clusters ?? null,
    format: (v) => String(v)
  },
  {
    key: 'silhouette',
    label: 'Silhouette',
    explain:
      'For each movie, how much closer it is to its own cluster than to the next one, averaged (−1 to 1). Higher means tighter, better-separated clusters. The promotion rule uses it.',
    better: 'higher',
    value: (m) => m.metrics.silhouette,
    format: fix(3)
  },
  {
    key: 'davies_bouldin',
    label: 'Davies–Bouldin',
    explain: 'Average similarity of each cluster to its most similar other cluster (spread over distance between centres). Lower is better; 0 is the ideal.',
    better: 'lower',
    value: (m) => m.metrics.davies_bouldin,
    format: fix(3)
  },
  {
    key: 'calinski_harabasz',
    label: 'Calinski–Harabasz',
    explain: 'Variance between clusters over variance within them, corrected for the number of clusters. Higher is better; it favours compact, round clusters and is not comparable across very different k.',
    better: 'higher',
    value: (m) => m.metrics.calinski_harabasz,
    format: (v) => v.toFixed(0)
  },
  {
    key: 'noise_fraction',
    label: 'Noise',
    explain: 'Share of movies left outside every cluster (only HDBSCAN leaves any). Lower keeps more of the catalogue in micro-genres; higher is more honest about outliers.',
    better: null,
    value: (m) => m.metrics.noise_fraction,
    format: pct
  },
  {
    key: 'genre_nmi',
    label: 'Genre NMI',
    explain: 'Normalised mutual information between the clusters and the movies’ first TMDB genre (0 to 1). Higher means micro-genres line up with classic genres; lower is not worse, just less redundant.',
    better: null,
    value: (m) => m.metrics.genre_nmi,
    format: fix(3)
  },
  {
    key: 'label_grounded',
    label: 'Labels grounded',
    explain: 'Share of the words of a cluster’s name and keywords that occur in the overview, tagline or keywords of at least one of its own movies; averaged over clusters, weighted by size. Higher means the names are backed by the members.',
    better: 'higher',
    value: (m) => m.metrics.label_grounded,
    format: pct
  },
  {
    key: 'label_coverage',
    label: 'Label coverage',
    explain: 'For each word of a cluster’s name and keywords, the share of its movies whose text contains it; averaged over words and clusters (size-weighted). Higher means a name describes more of the members, not just a few.',
    better: 'higher',
    value: (m) => m.metrics.label_coverage,
    format: pct
  },
  {
    key: 'build_seconds',
    label: 'Build time',
    explain: 'Seconds the build spent choosing and fitting this model (the choice of k included).',
    better: null,
    value: (m) => m.build_seconds,
    format: (v) => `${v.toFixed(1)} s`
  }
];

export const SORT_KEYS = ['model', ...METRIC_COLUMNS.map((c) => c.key)] as const;

/** The direction a column sorts in when first clicked: best first, else descending. */
export function naturalDir(key: string): 'asc' | 'desc' {
  if (key === 'model') return 'asc';
  const col = METRIC_COLUMNS.find((c) => c.key === key);
  return col?.better === 'lower' ? 'asc' : 'desc';
}

/** Models sorted by a column; missing values always last; ties by registry order. */
export function sortModels(models: readonly SiteModel[], key: string, dir: 'asc' | 'desc'): SiteModel[] {
  const col = METRIC_COLUMNS.find((c) => c.key === key);
  const sign = dir === 'asc' ? 1 : -1;
  return models
    .map((m, i) => ({ m, i }))
    .sort((a, b) => {
      if (!col) return sign * a.m.id.localeCompare(b.m.id) || a.i - b.i;
      const va = col.value(a.m);
      const vb = col.value(b.m);
      if (va === null && vb === null) return a.i - b.i;
      if (va === null) return 1;
      if (vb === null) return -1;
      return sign * (va - vb) || a.i - b.i;
    })
    .map((p) => p.m);
}

/** Best value of a column among models (for highlighting); null when no direction. */
export function bestValue(models: readonly SiteModel[], col: MetricColumn): number | null {
  if (!col.better) return null;
  const vs = models.map(col.value).filter((v): v is number => v !== null);
  if (!vs.length) return null;
  return col.better === 'higher' ? Math.max(...vs) : Math.min(...vs);
}

/**
 * Symmetric matrix of pairwise agreement in model order: 1 on the diagonal, null where the
 * registry has no pair (or no value for the measure).
 */
export function agreementMatrix(reg: Pick<SiteRegistry, 'models' | 'agreement'>, measure: 'ari' | 'nmi'): (number | null)[][] {
  const ids = reg.models.map((m) => m.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const mat: (number | null)[][] = ids.map((_, i) => ids.map((__, j) => (i === j ? 1 : null)));
  for (const p of reg.agreement) {
    const i = index.get(p.a);
    const j = index.get(p.b);
    if (i === undefined || j === undefined) continue;
    mat[i][j] = mat[j][i] = p[measure];
  }
  return mat;
}

export interface SelectionAxis {
  /** What the x values are. */
  x: string;
  /** What the score is. */
  y: string;
  better: 'higher' | 'lower';
  /** The value the rule picked, when it can be told. */
  chosen: number | null;
}

/** How to read a model's selection curve (from its algorithm and rule text). */
export function selectionAxis(m: SiteModel): SelectionAxis {
  const rule = m.rule.toLowerCase();
  const numParam = (k: string) => (typeof m.params[k] === 'number' ? (m.params[k] as number) : null);
  if (/\bbic\b/.test(rule) || /gaussian|gmm/i.test(m.algorithm)) {
    return { x: 'k (components)', y: 'BIC', better: 'lower', chosen: numParam('k') ?? m.k };
  }
  if (/hdbscan/i.test(m.algorithm) || /min cluster size/.test(rule)) {
    return { x: 'min cluster size', y: 'silhouette × (1 − noise)', better: 'higher', chosen: numParam('minClusterSize') };
  }
  return { x: 'k (clusters)', y: 'silhouette', better: 'higher', chosen: numParam('k') ?? m.k };
}

/** Sizes sorted from largest to smallest (the size-distribution bars). */
export function rankedSizes(sizes: readonly number[]): number[] {
  return [...sizes].filter((s) => Number.isFinite(s) && s >= 0).sort((a, b) => b - a);
}
