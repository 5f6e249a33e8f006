import { describe, expect, it } from 'vitest';
import { likeButVector, moreLikeThis, parseLikeBut, titleKey } from '../../../src/lib/core/search/similar';
import type { ClusterAssignments } from '../../../src/lib/core/search/types';
import { CLUSTERS, movieVectors, MOVIES } from './helpers';

const byId = new Map(MOVIES.map((m) => [m.id, m]));
const vectors = movieVectors();
const deps = { movies: byId, vectors, store: vectors, clusters: CLUSTERS };

describe('like X but Y', () => {
  it('parses the common phrasings', () => {
    expect(parseLikeBut('like Jaws but a giant crocodile in Maine')).toEqual({ like: 'Jaws', but: 'a giant crocodile in Maine' });
    expect(parseLikeBut('something like "The Matrix", but noir')).toEqual({ like: 'The Matrix', but: 'noir' });
    expect(parseLikeBut('similar to Alien except on a cruise ship')).toEqual({ like: 'Alien', but: 'on a cruise ship' });
    expect(parseLikeBut('Like Die Hard, but on a bus')).toEqual({ like: 'Die Hard', but: 'on a bus' });
    expect(parseLikeBut('a robot who likes plants')).toBeNull();
    expect(parseLikeBut('giant worms but funny')).toBeNull();
  });

  it('mixes the vectors by α and renormalises', () => {
    const x = new Float32Array([1, 0]);
    const y = new Float32Array([0, 1]);
    expect(Array.from(likeButVector(x, y, 0))).toEqual([0, 1]);
    expect(Array.from(likeButVector(x, y, 1))).toEqual([1, 0]);
    const mid = likeButVector(x, y, 0.25);
    expect(Math.hypot(...mid)).toBeCloseTo(1, 6);
    expect(mid[1] / mid[0]).toBeCloseTo(3, 6);
    expect(Array.from(likeButVector(new Float32Array([3, 4]), null, 0.3))).toEqual([0.6000000238418579, 0.800000011920929]);
  });

  it('keys titles without case, accents, punctuation or a leading article', () => {
    expect(titleKey('The Matrix')).toBe(titleKey('matrix'));
    expect(titleKey('Amélie')).toBe('amelie');
    expect(titleKey('WALL·E')).toBe(titleKey('wall-e'));
  });
});

describe('more like this', () => {
  it('returns global neighbours without the movie itself', async () => {
    const hits = await moreLikeThis(deps, 2, { k: 3 });
    expect(hits).toHaveLength(3);
    expect(hits.map((h) => h.id)).not.toContain(2);
    expect(hits[0].id).toBe(7); // the other shark movie
  });

  it('stays inside the movie’s micro-genre with scope "cluster"', async () => {
    const hits = await moreLikeThis(deps, 1, { k: 10, scope: 'cluster' });
    expect(hits.map((h) => h.id).sort()).toEqual([4, 6]);
    const global = await moreLikeThis(deps, 1, { k: 10 });
    expect(global.length).toBe(MOVIES.length - 1);
  });

  it('combines with filters, and returns nothing for unknown ids or noise', async () => {
    expect((await moreLikeThis(deps, 2, { k: 10, filters: { yearMin: 1999 } })).every((h) => byId.get(h.id)!.year! >= 1999)).toBe(true);
    expect(await moreLikeThis(deps, 999)).toEqual([]);
    const noisy: ClusterAssignments = { model: 'hdbscan', byMovie: new Map([...CLUSTERS.byMovie, [1, -1]]) };
    expect(await moreLikeThis({ ...deps, clusters: noisy }, 1, { scope: 'cluster' })).toEqual([]);
    await expect(moreLikeThis({ ...deps, clusters: undefined }, 1, { scope: 'cluster' })).rejects.toThrow(/cluster/);
  });

  it('post-filters for a searcher that ignores accept', async () => {
    const careless = { search: (q: Float32Array, k: number) => vectors.search(q, k) };
    const hits = await moreLikeThis({ ...deps, vectors: careless }, 1, { k: 2, scope: 'cluster' });
    expect(hits.map((h) => h.id).sort()).toEqual([4, 6]);
  });
});
