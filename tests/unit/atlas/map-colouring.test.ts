/**
 * Query rows → map arrays (src/lib/charts/map/colouring.ts): points, a model's layer (raw
 * and display clusters, noise, colour indices, counts), its colours per theme (the same as
 * the list pages compute from clusters_meta alone), colourings and cluster labels.
 */
import { describe, expect, it } from 'vitest';
import { buildMapData, buildModelLayer, clusterColours, clusterLabels, colouringFor, metaColours } from '../../../src/lib/charts/map/colouring';
import type { AtlasPoint, Assignment, ClusterMeta } from '../../../src/lib/db/queries-atlas';
import { categoricalPalette, toHex } from '../../../src/lib/site/atlas-palette';

const points: AtlasPoint[] = [
  { id: 11, title: 'Alpha', year: 1999, vote_count: 120, x: 0.1, y: 0.2 },
  { id: 5, title: 'Beta', year: null, vote_count: null, x: 0.8, y: 0.9 },
  { id: 42, title: 'Gamma', year: 2004, vote_count: 3, x: 0.5, y: 0.5 },
  { id: 7, title: 'Delta', year: 2010, vote_count: 50, x: 0.15, y: 0.25 },
  { id: 99, title: 'Epsilon', year: 1987, vote_count: 8, x: 0.82, y: 0.88 }
];

const meta = (cluster: number, o: Partial<ClusterMeta> = {}): ClusterMeta => ({
  model: 'hdbscan', level: 'micro', cluster, name: `c${cluster}`, keywords: [], keyword_scores: null, size: 1,
  avg_rating: null, rated_count: null, representatives: null, top_genres: null, top_genre_shares: null,
  top_decades: null, top_decade_shares: null, label_grounded: null, label_coverage: null, x: 0.5, y: 0.5,
  parent: null, ...o
});

describe('buildMapData', () => {
  it('keeps point order and fills the typed arrays and the id index', () => {
    const d = buildMapData(points);
    expect(d.n).toBe(5);
    expect([...d.ids]).toEqual([11, 5, 42, 7, 99]);
    expect([...d.xs]).toEqual(points.map((p) => p.x));
    expect([...d.ys]).toEqual(points.map((p) => p.y));
    expect(d.titles).toEqual(['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon']);
    expect(d.years).toEqual([1999, null, 2004, 2010, 1987]);
    expect([...d.votes]).toEqual([120, 0, 3, 50, 8]);
    for (const [i, p] of points.entries()) expect(d.indexById.get(p.id)).toBe(i);
    expect(d.indexById.size).toBe(5);
  });

  it('handles an empty catalogue', () => {
    const d = buildMapData([]);
    expect(d.n).toBe(0);
    expect(d.ids).toHaveLength(0);
    expect(d.indexById.size).toBe(0);
  });
});

describe('buildModelLayer', () => {
  const d = buildMapData(points);
  const assignments: Assignment[] = [
    { movie_id: 11, cluster: 3, display_cluster: 3 },
    { movie_id: 5, cluster: -1, display_cluster: 8 }, // noise coloured as its nearest cluster
    { movie_id: 7, cluster: 3, display_cluster: 3 },
    { movie_id: 99, cluster: 8, display_cluster: 8 },
    { movie_id: 12345, cluster: 3, display_cluster: 3 } // not on the map: ignored
  ];
  const metas = [meta(-1, { name: 'Noise', size: 1 }), meta(3, { size: 2, x: 0.12, y: 0.22 }), meta(8, { size: 1, x: 0.81, y: 0.89 }), meta(1, { size: 0 })];
  const layer = buildModelLayer(d, 'hdbscan', assignments, metas);

  it('lists coloured cluster ids: meta clusters and display clusters ≥ 0, ascending', () => {
    expect(layer.clusterIds).toEqual([1, 3, 8]);
    const only = buildModelLayer(d, 'x', [{ movie_id: 11, cluster: 6, display_cluster: 6 }], []);
    expect(only.clusterIds).toEqual([6]);
  });

  it('records raw and display clusters, noise and colour index per point', () => {
    // Order of points: 11, 5, 42 (unassigned), 7, 99.
    expect([...layer.cluster]).toEqual([3, -1, -2, 3, 8]);
    expect([...layer.display]).toEqual([3, 8, -2, 3, 8]);
    expect([...layer.noise]).toEqual([0, 1, 0, 0, 0]);
    expect([...layer.colourIndex]).toEqual([1, 2, -1, 1, 2]);
    for (let i = 0; i < d.n; i++) {
      if (layer.colourIndex[i] >= 0) expect(layer.clusterIds[layer.colourIndex[i]]).toBe(layer.display[i]);
    }
  });

  it('counts movies per raw cluster on the map (noise as −1, unknown movies left out)', () => {
    expect(Object.fromEntries(layer.counts)).toEqual({ '3': 2, '-1': 1, '8': 1 });
  });

  it('copies the meta rows', () => {
    expect(layer.meta).toEqual(metas);
    expect(layer.meta).not.toBe(metas);
    expect(layer.model).toBe('hdbscan');
  });

  it('gives unassigned points no colour', () => {
    const bare = buildModelLayer(d, 'none', [], []);
    expect(bare.clusterIds).toEqual([]);
    expect([...bare.colourIndex]).toEqual([-1, -1, -1, -1, -1]);
    expect([...bare.cluster]).toEqual([-2, -2, -2, -2, -2]);
  });
});

describe('colours', () => {
  const d = buildMapData(points);
  const assignments: Assignment[] = points.map((p, i) => ({ movie_id: p.id, cluster: i % 3, display_cluster: i % 3 }));
  const metas = [meta(0, { size: 2, x: 0.1, y: 0.2 }), meta(1, { size: 2, x: 0.8, y: 0.9 }), meta(2, { size: 1, x: 0.5, y: 0.5 })];
  const layer = buildModelLayer(d, 'kmeans', assignments, metas);

  it('gives every coloured cluster a distinct hex palette colour per theme', () => {
    for (const theme of ['light', 'dark'] as const) {
      const c = clusterColours(layer, theme);
      expect([...c.keys()].sort()).toEqual([0, 1, 2]);
      const hex = [...c.values()];
      for (const h of hex) expect(h).toMatch(/^#[0-9a-f]{6}$/);
      expect(new Set(hex).size).toBe(3);
      const pal = categoricalPalette(3, theme).map(toHex);
      for (const h of hex) expect(pal).toContain(h);
    }
    expect(clusterColours(layer, 'light')).not.toEqual(clusterColours(layer, 'dark'));
  });

  it('matches the colours the list pages compute from clusters_meta alone', () => {
    for (const theme of ['light', 'dark'] as const) {
      expect(metaColours(metas, theme)).toEqual(clusterColours(layer, theme));
      // Noise rows in meta do not change the assignment.
      expect(metaColours([...metas, meta(-1, { size: 50 })], theme)).toEqual(clusterColours(layer, theme));
    }
  });

  it('falls back to counts for clusters without a meta row', () => {
    const noMeta = buildModelLayer(d, 'kmeans', assignments, []);
    const c = clusterColours(noMeta, 'light');
    expect([...c.keys()].sort()).toEqual([0, 1, 2]);
    // Largest cluster by count (0 and 1 have 2 movies; 0 wins the tie) takes the first colour.
    expect(c.get(0)).toBe(toHex(categoricalPalette(3, 'light')[0]));
  });

  it('builds a colouring aligned with the layer, grey for clusters without a colour', () => {
    const colours = clusterColours(layer, 'light');
    const cl = colouringFor(layer, colours, '#888888');
    expect(cl.colours).toEqual(layer.clusterIds.map((id) => colours.get(id)));
    expect(cl.colourIndex).toBe(layer.colourIndex);
    expect(cl.noise).toBe(layer.noise);
    expect(cl.cluster).toBe(layer.cluster);
    expect(cl.display).toBe(layer.display);
    const partial = colouringFor(layer, new Map([[1, '#123456']]), '#888888');
    expect(partial.colours).toEqual(['#888888', '#123456', '#888888']);
  });
});

describe('clusterLabels', () => {
  it('labels named clusters at their centres, leaving out noise, unnamed and unplaced ones', () => {
    const d = buildMapData(points);
    const layer = buildModelLayer(d, 'hdbscan', [], [
      meta(-1, { name: 'Noise' }),
      meta(0, { name: 'Heists', x: 0.1, y: 0.2, size: 9 }),
      meta(1, { name: '' }),
      meta(2, { name: 'Lost', x: NaN }),
      meta(3, { name: 'Space', x: 0.7, y: 0.3, size: 4 })
    ]);
    expect(clusterLabels(layer)).toEqual([
      { cluster: 0, name: 'Heists', x: 0.1, y: 0.2, size: 9 },
      { cluster: 3, name: 'Space', x: 0.7, y: 0.3, size: 4 }
    ]);
  });
});
