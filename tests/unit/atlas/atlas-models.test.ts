/**
 * The models page (src/lib/site/atlas-models.ts): metric columns, natural sort directions,
 * sorting with missing values last, best values, the agreement matrix, how to read a
 * selection curve, and ranked cluster sizes.
 */
import { describe, expect, it } from 'vitest';
import {
  agreementMatrix, bestValue, METRIC_COLUMNS, naturalDir, rankedSizes, selectionAxis, sortModels, SORT_KEYS
} from '../../../src/lib/site/atlas-models';
import type { AgreementPair, ModelMetrics, SiteModel } from '../../../src/lib/site/models-registry';

const metrics = (o: Partial<ModelMetrics> = {}): ModelMetrics => ({
  silhouette: null, davies_bouldin: null, calinski_harabasz: null, noise_fraction: null, genre_nmi: null,
  label_grounded: null, label_coverage: null, sizes: null, ...o
});

const model = (id: string, o: Partial<SiteModel> = {}): SiteModel => ({
  id, algorithm: 'kmeans', status: 'staging', k: null, params: {}, rule: '', selection: [], metrics: metrics(),
  macro_k: null, build_seconds: null, ...o
});

const col = (key: string) => METRIC_COLUMNS.find((c) => c.key === key)!;

const models: SiteModel[] = [
  model('kmeans', { k: 20, metrics: metrics({ silhouette: 0.21, davies_bouldin: 1.4, calinski_harabasz: 800 }), build_seconds: 3.2 }),
  model('hdbscan', { algorithm: 'hdbscan', k: null, metrics: metrics({ silhouette: 0.35, davies_bouldin: 0.9, noise_fraction: 0.2, sizes: { clusters: 14, min: 5, median: 9, max: 40, mean: 11, gini: 0.3 } }) }),
  model('ward', { k: 24, metrics: metrics({ silhouette: 0.21, davies_bouldin: null, calinski_harabasz: 1200 }), build_seconds: 1.5 }),
  model('gmm', { algorithm: 'gaussian-mixture', k: 18, metrics: metrics({ silhouette: null, davies_bouldin: 2.1 }), build_seconds: 9 })
];

describe('columns', () => {
  it('have unique keys, and the sort keys are the model id then every column', () => {
    const keys = METRIC_COLUMNS.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(SORT_KEYS).toEqual(['model', ...keys]);
    for (const c of METRIC_COLUMNS) expect(c.explain.length).toBeGreaterThan(20);
  });

  it('read the right fields, k falling back to the sizes summary', () => {
    expect(col('k').value(models[0])).toBe(20);
    expect(col('k').value(models[1])).toBe(14);
    expect(col('k').value(model('x'))).toBeNull();
    expect(col('silhouette').value(models[1])).toBe(0.35);
    expect(col('noise_fraction').value(models[1])).toBe(0.2);
    expect(col('build_seconds').value(models[3])).toBe(9);
  });

  it('format values for the table', () => {
    expect(col('silhouette').format(0.21456)).toBe('0.215');
    expect(col('noise_fraction').format(0.2)).toBe('20.0 %');
    expect(col('calinski_harabasz').format(1234.6)).toBe('1235');
    expect(col('build_seconds').format(3.21)).toBe('3.2 s');
    expect(col('k').format(20)).toBe('20');
  });
});

describe('naturalDir', () => {
  it('sorts best first: lower-is-better ascending, everything else descending, model ids A–Z', () => {
    expect(naturalDir('model')).toBe('asc');
    expect(naturalDir('davies_bouldin')).toBe('asc');
    expect(naturalDir('silhouette')).toBe('desc');
    expect(naturalDir('label_coverage')).toBe('desc');
    expect(naturalDir('k')).toBe('desc');
    expect(naturalDir('nonsense')).toBe('desc');
    for (const c of METRIC_COLUMNS) if (c.better === 'lower') expect(naturalDir(c.key)).toBe('asc');
  });
});

describe('sortModels', () => {
  const ids = (ms: SiteModel[]) => ms.map((m) => m.id);

  it('sorts by a metric in either direction, missing values always last, ties in registry order', () => {
    expect(ids(sortModels(models, 'silhouette', 'desc'))).toEqual(['hdbscan', 'kmeans', 'ward', 'gmm']);
    expect(ids(sortModels(models, 'silhouette', 'asc'))).toEqual(['kmeans', 'ward', 'hdbscan', 'gmm']);
    expect(ids(sortModels(models, 'davies_bouldin', 'asc'))).toEqual(['hdbscan', 'kmeans', 'gmm', 'ward']);
    expect(ids(sortModels(models, 'davies_bouldin', 'desc'))).toEqual(['gmm', 'kmeans', 'hdbscan', 'ward']);
    expect(ids(sortModels(models, 'genre_nmi', 'desc'))).toEqual(ids(models)); // all missing
  });

  it('sorts by model id for the model column', () => {
    expect(ids(sortModels(models, 'model', 'asc'))).toEqual(['gmm', 'hdbscan', 'kmeans', 'ward']);
    expect(ids(sortModels(models, 'model', 'desc'))).toEqual(['ward', 'kmeans', 'hdbscan', 'gmm']);
  });

  it('uses the k fallback when sorting by clusters', () => {
    expect(ids(sortModels(models, 'k', 'desc'))).toEqual(['ward', 'kmeans', 'gmm', 'hdbscan']);
  });

  it('does not modify its input', () => {
    const before = ids(models);
    sortModels(models, 'silhouette', 'asc');
    expect(ids(models)).toEqual(before);
  });
});

describe('bestValue', () => {
  it('is the max for higher-is-better, the min for lower-is-better, null without a direction', () => {
    expect(bestValue(models, col('silhouette'))).toBe(0.35);
    expect(bestValue(models, col('calinski_harabasz'))).toBe(1200);
    expect(bestValue(models, col('davies_bouldin'))).toBe(0.9);
    expect(bestValue(models, col('noise_fraction'))).toBeNull();
    expect(bestValue(models, col('build_seconds'))).toBeNull();
  });

  it('is null when no model has a value', () => {
    expect(bestValue(models, col('label_grounded'))).toBeNull();
    expect(bestValue([], col('silhouette'))).toBeNull();
  });

  it('is one of the models’ values (a column best really exists)', () => {
    for (const c of METRIC_COLUMNS.filter((x) => x.better)) {
      const b = bestValue(models, c);
      if (b !== null) expect(models.map(c.value)).toContain(b);
    }
  });
});

describe('agreementMatrix', () => {
  const pairs: AgreementPair[] = [
    { a: 'kmeans', b: 'hdbscan', ari: 0.41, nmi: 0.62 },
    { a: 'gmm', b: 'kmeans', ari: 0.7, nmi: null },
    { a: 'ward', b: 'nope', ari: 0.99, nmi: 0.99 }, // unknown model: ignored
    { a: 'ward', b: 'hdbscan', ari: null, nmi: 0.5 }
  ];
  const reg = { models, agreement: pairs };

  it('is square in model order, symmetric, with 1 on the diagonal', () => {
    for (const measure of ['ari', 'nmi'] as const) {
      const m = agreementMatrix(reg, measure);
      expect(m).toHaveLength(models.length);
      for (let i = 0; i < m.length; i++) {
        expect(m[i]).toHaveLength(models.length);
        expect(m[i][i]).toBe(1);
        for (let j = 0; j < m.length; j++) expect(m[i][j]).toBe(m[j][i]);
      }
    }
  });

  it('fills the pairs the registry has for the chosen measure, null elsewhere', () => {
    const idx = (id: string) => models.findIndex((m) => m.id === id);
    const ari = agreementMatrix(reg, 'ari');
    expect(ari[idx('kmeans')][idx('hdbscan')]).toBe(0.41);
    expect(ari[idx('kmeans')][idx('gmm')]).toBe(0.7);
    expect(ari[idx('ward')][idx('hdbscan')]).toBeNull();
    expect(ari[idx('ward')][idx('kmeans')]).toBeNull();
    const nmi = agreementMatrix(reg, 'nmi');
    expect(nmi[idx('hdbscan')][idx('kmeans')]).toBe(0.62);
    expect(nmi[idx('gmm')][idx('kmeans')]).toBeNull();
    expect(nmi[idx('hdbscan')][idx('ward')]).toBe(0.5);
    expect(nmi.flat().filter((v) => v === 0.99)).toEqual([]);
  });

  it('handles no models and no pairs', () => {
    expect(agreementMatrix({ models: [], agreement: pairs }, 'ari')).toEqual([]);
    expect(agreementMatrix({ models: models.slice(0, 2), agreement: [] }, 'ari')).toEqual([[1, null], [null, 1]]);
  });
});

describe('selectionAxis', () => {
  it('reads Gaussian mixtures by BIC (lower is better)', () => {
    expect(selectionAxis(model('gmm', { algorithm: 'gaussian-mixture', k: 18, params: { k: 16 } }))).toEqual({
      x: 'k (components)', y: 'BIC', better: 'lower', chosen: 16
    });
    expect(selectionAxis(model('g2', { algorithm: 'GMM', k: 12 })).chosen).toBe(12);
    expect(selectionAxis(model('x', { algorithm: 'kmeans', rule: 'lowest BIC over k' })).y).toBe('BIC');
    // 'bic' must be a word, not part of one.
    expect(selectionAxis(model('x', { algorithm: 'kmeans', rule: 'cubic fit' })).y).toBe('silhouette');
  });

  it('reads HDBSCAN by min cluster size', () => {
    const a = selectionAxis(model('h', { algorithm: 'hdbscan', params: { minClusterSize: 15 }, k: 30 }));
    expect(a).toEqual({ x: 'min cluster size', y: 'silhouette × (1 − noise)', better: 'higher', chosen: 15 });
    expect(selectionAxis(model('h2', { algorithm: 'density', rule: 'Best min cluster size by score' })).x).toBe('min cluster size');
    expect(selectionAxis(model('h3', { algorithm: 'HDBSCAN', params: { minClusterSize: '15' } })).chosen).toBeNull();
  });

  it('reads everything else by silhouette over k', () => {
    expect(selectionAxis(model('k', { algorithm: 'kmeans', k: 20 }))).toEqual({ x: 'k (clusters)', y: 'silhouette', better: 'higher', chosen: 20 });
    expect(selectionAxis(model('w', { algorithm: 'ward', k: 20, params: { k: 24 } })).chosen).toBe(24);
    expect(selectionAxis(model('w', { algorithm: 'ward' })).chosen).toBeNull();
  });
});

describe('rankedSizes', () => {
  it('sorts largest first, dropping non-finite and negative sizes, without touching the input', () => {
    const input = [3, 40, NaN, 7, -1, Infinity, 0, 40];
    expect(rankedSizes(input)).toEqual([40, 40, 7, 3, 0]);
    expect(input).toEqual([3, 40, NaN, 7, -1, Infinity, 0, 40]);
    expect(rankedSizes([])).toEqual([]);
  });
});
