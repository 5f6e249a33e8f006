import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../build-scripts/cluster/matrix';
import { adjustedRand } from '../../../build-scripts/cluster/metrics';
import { kRange, runModels } from '../../../build-scripts/cluster/run-models';

const inputs = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/cluster/inputs.json'), 'utf8'));
const X = fromRows(inputs.blobs.points);
const truth: number[] = inputs.blobs.truth;
const genres = truth.map((t) => [['Drama', 'Comedy', 'Horror', 'Western'][t]]);

describe('runModels', () => {
  const suite = runModels(X, genres, { kMin: 2, kMax: 8, seed: 1 });

  it('runs all five models and each rule finds the four blobs', () => {
    expect(suite.models.map((m) => m.id)).toEqual(['kmeans', 'kmeans75', 'hdbscan', 'gmm', 'ward']);
    for (const id of ['kmeans', 'hdbscan', 'gmm', 'ward']) {
      const m = suite.models.find((x) => x.id === id)!;
      expect(m.clustering.k, id).toBe(4);
      expect(adjustedRand(m.clustering.labels, truth), id).toBeGreaterThan(0.95);
      expect(m.genreNmi, id).toBeGreaterThan(0.9);
      expect(m.quality.silhouette, id).toBeGreaterThan(0.5);
      expect(m.rule.length).toBeGreaterThan(10);
    }
  });

  it('caps the fine-grained K-Means at n/10 and records selection curves', () => {
    expect(suite.models.find((m) => m.id === 'kmeans75')!.clustering.k).toBe(30);
    expect(suite.models.find((m) => m.id === 'kmeans')!.selection.map((p) => p.value)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('gives every pair of models an agreement score and Ward a macro roll-up', () => {
    expect(suite.agreement).toHaveLength(10);
    const ward = suite.models.find((m) => m.id === 'ward')!;
    expect(ward.macro!.parentOf).toHaveLength(4);
    for (let i = 0; i < X.rows; i++) expect(ward.macro!.labels[i]).toBe(ward.macro!.parentOf[ward.clustering.labels[i]]);
  });

  it('scales the k range with the catalogue size', () => {
    expect(kRange(214)).toEqual({ kMin: 8, kMax: 14 });
    expect(kRange(4803)).toEqual({ kMin: 16, kMax: 80 });
    expect(kRange(10866)).toEqual({ kMin: 30, kMax: 80 });
    expect(kRange(60)).toEqual({ kMin: 6, kMax: 6 });
  });
});
