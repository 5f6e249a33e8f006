import { describe, expect, it } from 'vitest';
import { mmr } from '../../../build-scripts/label/mmr';

// Document along x; a, b, c are near-duplicates close to the document, d is different but relevant.
const doc = [1, 0, 0];
const words = ['a', 'b', 'c', 'd'];
const emb = [
  [0.95, 0.31, 0],
  [0.94, 0.34, 0],
  [0.93, 0.37, 0],
  [0.7, 0, 0.71]
];

describe('mmr', () => {
  it('first pick is the candidate most similar to the document', () => {
    expect(mmr(doc, emb, words, 1, 0.9)[0].phrase).toBe('a');
  });

  it('diversity 0 = top-by-similarity', () => {
    expect(mmr(doc, emb, words, 4, 0).map((k) => k.phrase)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('diversity 1 spreads: the dissimilar candidate comes second', () => {
    expect(mmr(doc, emb, words, 2, 1).map((k) => k.phrase)).toEqual(['a', 'd']);
  });

  it('scores are cosine to the document and topN is capped by the candidates', () => {
    const got = mmr(doc, emb, words, 10, 0.5);
    expect(got).toHaveLength(4);
    expect(got[0].score).toBeCloseTo(0.95 / Math.hypot(0.95, 0.31), 12);
    expect(mmr(doc, [], [], 5)).toEqual([]);
  });
});
