/**
 * The cluster and map queries on artifacts written by the real build (sample catalogue,
 * tiny test model): layout.parquet, clusters.parquet and clusters_meta.parquet as
 * build-scripts/write/atlas-parquet.ts writes them, read by DuckDB-WASM 0.9.1.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../../build-scripts/cluster/registry';
import { runBuild } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { CLUSTERS, CLUSTERS_META, LAYOUT, readTable, type ClusterMetaRow, type ClusterRow } from '../../../build-scripts/write/atlas-parquet';
import { loadArtifacts, type LoadReport } from '../../../src/lib/db/client';
import type { DbEngine } from '../../../src/lib/db/engine';
import { fetchFromDir, openNodeEngine } from '../../../src/lib/db/node';
import { clusterModels, clusterSummary, countMovies, mapPoints, movieById, movieList } from '../../../src/lib/db/queries';
import { TINY_MODEL } from '../embed/helpers';
import { dataUrl } from './fixture';

describe('clusters and map from a full build', () => {
  let out: string;
  let engine: DbEngine;
  let report: LoadReport;
  let registry: Registry;
  let clusters: ClusterRow[];
  let meta: ClusterMetaRow[];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cineatlas-db-atlas-'));
    await runBuild({
      sources: [], out, progress: silentProgress(),
      embed: { model: TINY_MODEL, dtype: 'fp32' },
      clusters: { seed: 7, promotion: { metric: 'silhouette', min: 0.05 } }
    });
    registry = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8')) as Registry;
    clusters = await readTable(CLUSTERS, out);
    meta = await readTable(CLUSTERS_META, out);
    engine = await openNodeEngine();
    report = await loadArtifacts(engine, { dataUrl, fetch: fetchFromDir(out) });
  }, 180_000);
  afterAll(async () => {
    await engine?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('loads every artifact the manifest lists', async () => {
    expect(report.manifest).toBe(true);
    expect(report.absent).toEqual([]);
    expect(report.counts).toMatchObject({ movies: 214, layout: 214, clusters: clusters.length, clusters_meta: meta.length });
    expect((await readTable(LAYOUT, out)).length).toBe(214);
  });

  it('clusterModels lists each model with its clusters (noise counted as one)', async () => {
    const models = await clusterModels(engine);
    expect(models.map((m) => m.model).sort()).toEqual(registry.models.map((m) => m.id).sort());
    for (const m of models) {
      const mine = clusters.filter((c) => c.model === m.model);
      expect(m.movies).toBe(mine.length);
      expect(m.clusters).toBe(new Set(mine.map((c) => c.cluster)).size);
    }
  });

  it('clusterSummary names every micro cluster and counts its members under filters', async () => {
    for (const { id: model } of registry.models) {
      const summary = await clusterSummary(engine, model);
      const mine = clusters.filter((c) => c.model === model);
      expect(summary.reduce((a, c) => a + c.movies, 0)).toBe(mine.length);
      for (const c of summary) {
        expect(c.movies).toBe(mine.filter((r) => r.cluster === c.cluster).length);
        const label = meta.find((x) => x.model === model && x.level === 'micro' && x.cluster === c.cluster);
        expect(c.name).toBe(label?.name ?? null);
        if (label) expect(c).toMatchObject({ keywords: label.keywords, size: label.size, x: label.x, y: label.y });
      }
      // Ward's macro level shares cluster numbers with its micro level: it must not double rows.
      expect(new Set(summary.map((c) => c.cluster)).size).toBe(summary.length);
    }
    const [top] = await clusterSummary(engine, registry.models[0].id, { yearMin: 1990 });
    expect(top.movies).toBeLessThanOrEqual((await clusterSummary(engine, registry.models[0].id)).find((c) => c.cluster === top.cluster)!.movies);
  });

  it('filters movies by cluster and shows a movie its clusters by name', async () => {
    const model = registry.models[0].id;
    const c = clusters.find((r) => r.model === model && r.cluster >= 0)!;
    const members = clusters.filter((r) => r.model === model && r.cluster === c.cluster).map((r) => r.movie_id).sort((a, b) => a - b);
    expect(await countMovies(engine, { cluster: { model, cluster: c.cluster } })).toBe(members.length);
    const page = await movieList(engine, { filters: { cluster: { model, cluster: c.cluster } }, pageSize: 500 });
    expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(members);
    const d = await movieById(engine, c.movie_id);
    expect(d!.clusters.map((x) => x.model).sort()).toEqual(registry.models.map((m) => m.id).sort());
    const mine = d!.clusters.find((x) => x.model === model)!;
    expect(mine).toMatchObject({ cluster: c.cluster, display_cluster: c.display_cluster });
    expect(mine.name).toBe(meta.find((x) => x.model === model && x.level === 'micro' && x.cluster === c.cluster)!.name);
  });

  it('mapPoints gives every filtered movie its position and display cluster', async () => {
    const model = registry.models[0].id;
    const layout = await readTable(LAYOUT, out);
    const pts = await mapPoints(engine, {}, model);
    expect(pts).toHaveLength(214);
    for (const p of pts) {
      const l = layout.find((x) => x.id === p.id)!;
      expect([p.x, p.y]).toEqual([l.x, l.y]);
      expect(p.cluster).toBe(clusters.find((c) => c.model === model && c.movie_id === p.id)!.display_cluster);
    }
    expect((await mapPoints(engine)).every((p) => p.cluster === null)).toBe(true);
    // Genre filters next to tables with a column x (layout, clusters_meta): DuckDB 0.9's
    // list_has_any/list_has_all macros failed to bind there, hence list_contains per genre.
    for (const genreMode of ['any', 'all'] as const) {
      const f = { genres: ['Drama', 'Romance'], genreMode };
      const n = await countMovies(engine, f);
      expect(n).toBeGreaterThan(0);
      expect((await mapPoints(engine, f, model)).length).toBe(n);
      expect((await clusterSummary(engine, model, f)).reduce((a, c) => a + c.movies, 0)).toBe(n);
    }
  });
});
