import { describe, expect, it } from 'vitest';
import { weightedRrf } from '../../../src/lib/core/search/fusion';

describe('weighted reciprocal-rank fusion', () => {
  it('sums weight / (k + rank) over the lists a movie is in', () => {
    const fused = weightedRrf([
      { name: 'lexical', weight: 1, ids: [10, 20, 30] },
      { name: 'semantic', weight: 2, ids: [20, 40] }
    ], 60);
    const by = new Map(fused.map((h) => [h.id, h]));
    expect(by.get(20)!.score).toBeCloseTo(1 / 62 + 2 / 61, 12);
    expect(by.get(10)!.score).toBeCloseTo(1 / 61, 12);
    expect(by.get(40)!.score).toBeCloseTo(2 / 62, 12);
    expect(by.get(30)!.score).toBeCloseTo(1 / 63, 12);
    expect(fused.map((h) => h.id)).toEqual([20, 40, 10, 30]);
    expect(by.get(40)!.ranks).toEqual({ lexical: null, semantic: 2 });
  });

  it('a movie in both lists beats one at the top of a single list when k is large', () => {
    const lists = [
      { name: 'a', weight: 1, ids: [1, 2, 3, 4, 5] },
      { name: 'b', weight: 1, ids: [9, 8, 7, 6, 5] }
    ];
    expect(weightedRrf(lists, 60)[0].id).toBe(5);
    expect(weightedRrf(lists, 1)[0].id).toBe(1);
  });

  it('breaks exact ties by the first list, then by id, and counts a repeated id once', () => {
    const fused = weightedRrf([
      { name: 'a', weight: 1, ids: [1, 2, 1] },
      { name: 'b', weight: 1, ids: [2, 1] }
    ], 60);
    expect(fused.map((h) => h.id)).toEqual([1, 2]);
    expect(fused[0].score).toBeCloseTo(1 / 61 + 1 / 62, 12);
  });

  it('handles empty lists', () => {
    expect(weightedRrf([], 60)).toEqual([]);
    expect(weightedRrf([{ name: 'a', weight: 1, ids: [] }], 60)).toEqual([]);
  });
});
