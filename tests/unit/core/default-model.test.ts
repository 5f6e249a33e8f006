import { describe, expect, it } from 'vitest';
import { chooseDefaultModel, coverageSilhouette, type DefaultCandidate } from '../../../src/lib/core/default-model';

const m = (id: string, silhouette: number | null, noise_fraction = 0, status = 'production'): DefaultCandidate => ({
  id, status, metrics: { silhouette, noise_fraction }
});

describe('default model', () => {
  it('counts movies left out of every cluster as 0: a high silhouette over 72 % of the catalogue loses', () => {
    // The TMDB 5000 figures: HDBSCAN 0.436 with 27.9 % noise vs K-Means 0.353 with none.
    const models = [m('kmeans', 0.353), m('hdbscan', 0.436, 0.279), m('gmm', 0.245), m('ward', 0.317)];
    expect(coverageSilhouette(models[1])).toBeCloseTo(0.436 * 0.721, 10);
    expect(chooseDefaultModel(models)).toBe('kmeans');
    // With little noise HDBSCAN's silhouette wins.
    expect(chooseDefaultModel([m('kmeans', 0.353), m('hdbscan', 0.436, 0.05)])).toBe('hdbscan');
  });

  it('prefers production models, never the fixed-k comparison model while another exists', () => {
    expect(chooseDefaultModel([m('kmeans', 0.2), m('gmm', 0.5, 0, 'staging')])).toBe('kmeans');
    expect(chooseDefaultModel([m('kmeans75', 0.9), m('ward', 0.1)])).toBe('ward');
    expect(chooseDefaultModel([m('kmeans75', 0.9)])).toBe('kmeans75');
    expect(chooseDefaultModel([m('a', 0.01, 0, 'staging'), m('b', 0.03, 0, 'staging')])).toBe('b');
  });

  it('ranks a model without a silhouette last, and refuses an empty list', () => {
    expect(chooseDefaultModel([m('x', null), m('y', -0.2)])).toBe('y');
    expect(() => chooseDefaultModel([])).toThrow(/no models/);
  });
});
