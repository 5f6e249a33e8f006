/**
 * Query rows → the typed arrays the renderer draws from: points once per catalogue, and one
 * colouring per model and theme (palette colours handed out by map position, see
 * atlas-palette.ts).
 */
import type { AtlasPoint, Assignment, ClusterMeta } from '$lib/db/queries-atlas';
import { assignColours, toHex, type Theme } from '$lib/site/atlas-palette';
import type { Colouring, ClusterLabel, MapData } from './scatter';

export function buildMapData(points: readonly AtlasPoint[]): MapData {
  const n = points.length;
  const d: MapData = {
    n,
    ids: new Float64Array(n),
    xs: new Float64Array(n),
    ys: new Float64Array(n),
    titles: new Array(n),
    years: new Array(n),
    votes: new Float64Array(n),
    indexById: new Map()
  };
  points.forEach((p, i) => {
    d.ids[i] = p.id;
    d.xs[i] = p.x;
    d.ys[i] = p.y;
    d.titles[i] = p.title;
    d.years[i] = p.year;
    d.votes[i] = p.vote_count ?? 0;
    d.indexById.set(p.id, i);
  });
  return d;
}

/** A model's clusters in map terms, independent of the theme. */
export interface ModelLayer {
  model: string;
  /** Micro clusters (noise row included when the model has one). */
  meta: ClusterMeta[];
  /** Cluster ids that get a colour (≥ 0), in colour-index order. */
  clusterIds: number[];
  cluster: Int32Array;
  display: Int32Array;
  noise: Uint8Array;
  colourIndex: Int32Array;
  /** Movies per raw cluster on the map (−1 = noise). */
  counts: Map<number, number>;
}

export function buildModelLayer(d: MapData, model: string, assignments: readonly Assignment[], meta: readonly ClusterMeta[]): ModelLayer {
  const ids = new Set<number>();
  for (const m of meta) if (m.cluster >= 0) ids.add(m.cluster);
  for (const a of assignments) if (a.display_cluster >= 0) ids.add(a.display_cluster);
  const clusterIds = [...ids].sort((a, b) => a - b);
  const pos = new Map(clusterIds.map((c, i) => [c, i]));
  const cluster = new Int32Array(d.n).fill(-2);
  const display = new Int32Array(d.n).fill(-2);
  const noise = new Uint8Array(d.n);
  const colourIndex = new Int32Array(d.n).fill(-1);
  const counts = new Map<number, number>();
  for (const a of assignments) {
    const i = d.indexById.get(a.movie_id);
    if (i === undefined) continue;
    cluster[i] = a.cluster;
    display[i] = a.display_cluster;
    noise[i] = a.cluster < 0 ? 1 : 0;
    colourIndex[i] = pos.get(a.display_cluster) ?? -1;
    counts.set(a.cluster, (counts.get(a.cluster) ?? 0) + 1);
  }
  return { model, meta: [...meta], clusterIds, cluster, display, noise, colourIndex, counts };
}

/** Colours of a layer's clusters for a theme (neighbours on the map get distant colours). */
export function clusterColours(layer: ModelLayer, theme: Theme): Map<number, string> {
  return metaColours(layer.meta, theme, layer.clusterIds, layer.counts);
}

/**
 * Colours from clusters_meta alone (the list pages): the same assignment the map makes, as
 * long as `ids` and sizes agree (they do when every cluster has its meta row).
 */
export function metaColours(
  meta: readonly Pick<ClusterMeta, 'cluster' | 'x' | 'y' | 'size'>[],
  theme: Theme,
  ids: readonly number[] = meta.filter((m) => m.cluster >= 0).map((m) => m.cluster).sort((a, b) => a - b),
  counts?: Map<number, number>
): Map<number, string> {
  const byId = new Map(meta.map((m) => [m.cluster, m]));
  const centres = ids.map((c) => {
    const m = byId.get(c);
    return { cluster: c, x: m?.x ?? 0.5, y: m?.y ?? 0.5, size: m?.size ?? counts?.get(c) ?? 0 };
  });
  const rgb = assignColours(centres, theme);
  return new Map([...rgb].map(([c, v]) => [c, toHex(v)]));
}

export function colouringFor(layer: ModelLayer, colours: Map<number, string>, grey: string): Colouring {
  return {
    colourIndex: layer.colourIndex,
    noise: layer.noise,
    cluster: layer.cluster,
    display: layer.display,
    colours: layer.clusterIds.map((c) => colours.get(c) ?? grey)
  };
}

/** Cluster names at their centres (noise has no place of its own). */
export function clusterLabels(layer: ModelLayer): ClusterLabel[] {
  return layer.meta
    .filter((m) => m.cluster >= 0 && m.name && Number.isFinite(m.x) && Number.isFinite(m.y))
    .map((m) => ({ cluster: m.cluster, name: m.name, x: m.x, y: m.y, size: m.size }));
}
