import { describe, expect, it } from 'vitest';
import { decodeCompact, encodeCompact } from '../../../build-scripts/embed/compact';
import { ExactVectorSearcher } from '../../../src/lib/core/search/exact';
import { DIM, fakeVector, movieVectors, MOVIES } from './helpers';

describe('ExactVectorSearcher', () => {
  const f32 = movieVectors();

  it('returns the k best by cosine, best first, with exact scores', async () => {
    const q = fakeVector('giant shark ocean');
    const hits = await f32.search(q, 3);
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
    const all = MOVIES.map((m) => ({ id: m.id, score: f32.similarity(q, m.id)! })).sort((a, b) => b.score - a.score);
    expect(hits.map((h) => h.id)).toEqual(all.slice(0, 3).map((h) => h.id));
    expect(hits[0].score).toBeCloseTo(all[0].score, 6);
  });

  it('honours accept, k larger than the catalogue, and k = 0', async () => {
    const q = fakeVector('shark');
    expect((await f32.search(q, 10, (id) => id !== 2)).map((h) => h.id)).not.toContain(2);
    expect(await f32.search(q, 100)).toHaveLength(MOVIES.length);
    expect(await f32.search(q, 0)).toEqual([]);
  });

  it('ranks the int8 compact vectors like float32', async () => {
    const ids = MOVIES.map((m) => m.id);
    const data = new Float32Array(ids.length * DIM);
    ids.forEach((id, i) => data.set(f32.vectorOf(id)!, i * DIM));
    const i8 = ExactVectorSearcher.fromInt8(decodeCompact(encodeCompact(ids, data, DIM)));
    for (const text of ['giant worms desert', 'shark boat', 'paris waitress']) {
      const q = fakeVector(text);
      const a = await f32.search(q, 3);
      const b = await i8.search(q, 3);
      expect(b.map((h) => h.id)).toEqual(a.map((h) => h.id));
      b.forEach((h, i) => expect(h.score).toBeCloseTo(a[i].score, 1));
    }
    expect(i8.vectorOf(3)!.length).toBe(DIM);
    expect(i8.vectorOf(999)).toBeNull();
  });

  it('rejects a query of the wrong size', async () => {
    await expect(f32.search(new Float32Array(3), 1)).rejects.toThrow(/dims/);
  });
});
