/**
 * The whole build on the shipped sample catalogue with the tiny test model: every stage
 * runs through the same code as a real build and the artifacts agree with each other.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../../build-scripts/cluster/registry';
import { DEFAULT_SOURCE } from '../../../build-scripts/paths';
import { runBuild, type BuildSummary } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { CLUSTERS, CLUSTERS_META, LAYOUT, readTable } from '../../../build-scripts/write/atlas-parquet';
import { TINY_MODEL } from '../embed/helpers';

describe('build with embeddings and micro-genres (tiny model, sample catalogue)', () => {
  let out: string;
  let summary: BuildSummary;
  let registry: Registry;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cineatlas-stages-'));
    summary = await runBuild({
      sources: [], out, progress: silentProgress(),
      embed: { model: TINY_MODEL, dtype: 'fp32' },
      clusters: { seed: 7, promotion: { metric: 'silhouette', min: 0.05 } }
    });
    registry = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8'));
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('lists every artifact in the manifest with the stage that wrote it', () => {
    const byName = Object.fromEntries(summary.manifest.artifacts.map((a) => [a.name, a]));
    for (const [name, stage] of [
      ['embeddings.parquet', 'embed'], ['embeddings.i8.bin', 'embed'], ['layout.parquet', 'clusters'],
      ['clusters.parquet', 'clusters'], ['clusters_meta.parquet', 'clusters'], ['models.json', 'clusters']
    ])
      expect(byName[name]?.stage, name).toBe(stage);
    expect(summary.manifest.stages.clusters.parameters).toMatchObject({ seed: 7 });
    expect(summary.manifest.stages.embed.parameters).toMatchObject({ dtype: 'fp32', max_length: 256 });
  });

  it('places every movie on the map in [0,1] and in one cluster per model', async () => {
    const layout = await readTable(LAYOUT, out);
    expect(layout).toHaveLength(214);
    for (const p of layout) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1);
      expect(p.nd).toHaveLength(5);
    }
    const rows = await readTable(CLUSTERS, out);
    expect(rows).toHaveLength(214 * registry.models.length);
    for (const m of registry.models) {
      const mine = rows.filter((r) => r.model === m.id);
      expect(new Set(mine.map((r) => r.movie_id)).size).toBe(214);
      const clusters = new Set(mine.filter((r) => r.cluster >= 0).map((r) => r.cluster));
      expect(clusters.size, m.id).toBe(m.k);
      expect(mine.every((r) => r.display_cluster >= 0 && r.probability >= 0 && r.probability <= 1)).toBe(true);
      // Noise has no membership; clustered movies have some.
      expect(mine.every((r) => (r.cluster < 0 ? r.probability === 0 : r.probability > 0)), m.id).toBe(true);
    }
  });

  it('names every cluster uniquely within its model and keeps Ward macro parents consistent', async () => {
    const meta = await readTable(CLUSTERS_META, out);
    for (const m of registry.models) {
      const micro = meta.filter((r) => r.model === m.id && r.level === 'micro' && r.cluster >= 0);
      expect(micro, m.id).toHaveLength(m.k);
      expect(new Set(micro.map((r) => r.name)).size, m.id).toBe(m.k);
      for (const r of micro) {
        expect(r.name.split(' ').length).toBeGreaterThanOrEqual(2);
        expect(r.name.split(' ').length).toBeLessThanOrEqual(4);
        expect(r.keywords.length).toBeGreaterThan(0);
        expect(r.representatives.length).toBeGreaterThan(0);
      }
      expect(micro.reduce((n, r) => n + r.size, 0) + (meta.find((r) => r.model === m.id && r.cluster === -1)?.size ?? 0)).toBe(214);
    }
    const ward = registry.models.find((m) => m.id === 'ward')!;
    const macro = meta.filter((r) => r.model === 'ward' && r.level === 'macro');
    expect(macro).toHaveLength(ward.macro_k!);
    const clusters = await readTable(CLUSTERS, out);
    for (const r of clusters.filter((c) => c.model === 'ward')) {
      const parent = meta.find((m) => m.model === 'ward' && m.level === 'micro' && m.cluster === r.cluster)!.parent;
      expect(r.macro_cluster).toBe(parent);
    }
  });

  it('applies the promotion rule and opens with a production model', () => {
    for (const m of registry.models) expect(m.status).toBe((m.metrics.silhouette ?? -1) >= 0.05 ? 'production' : 'staging');
    expect(registry.models.map((m) => m.id)).toContain(registry.default_model);
    expect(registry.default_model).not.toBe('kmeans75');
    expect(registry.agreement).toHaveLength(10);
  });

  it('embeds only the edited movie when rebuilding', async () => {
    const movies = JSON.parse(readFileSync(DEFAULT_SOURCE, 'utf8'));
    movies[3].overview = `${movies[3].overview} Edited for the cache test.`;
    const edited = join(out, 'edited.json');
    writeFileSync(edited, JSON.stringify(movies));
    const again = await runBuild({ sources: [edited], out, progress: silentProgress(), embed: { model: TINY_MODEL, dtype: 'fp32' } });
    expect(again.manifest.stages.embed).toMatchObject({ embedded: 1, cached: 213 });
  });
});
