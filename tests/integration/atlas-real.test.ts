/**
 * The full build with the real MiniLM on the sample catalogue: the micro-genres must make
 * sense to a film lover, not just be well-formed. Franchise entries share a cluster in
 * every model, and clusters agree with TMDB genres far better than chance.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../build-scripts/cluster/registry';
import { runBuild, type BuildSummary } from '../../build-scripts/pipeline';
import { silentProgress } from '../../build-scripts/report/progress';
import { CLUSTERS, CLUSTERS_META, readTable, type ClusterRow } from '../../build-scripts/write/atlas-parquet';
import { REAL_MODEL_DIR, warnIfSkipped } from './real-model';

warnIfSkipped('atlas-real');

describe.skipIf(!REAL_MODEL_DIR)('micro-genres of the sample catalogue with the real model', () => {
  let out: string;
  let summary: BuildSummary;
  let registry: Registry;
  let clusters: ClusterRow[];
  const idOf = (title: string) => summary.movies.find((m) => m.title === title)!.id;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cineatlas-atlas-'));
    summary = await runBuild({
      sources: [], out, progress: silentProgress(),
      embed: { model: REAL_MODEL_DIR, dtype: 'fp32' }, clusters: {}
    });
    registry = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8'));
    clusters = await readTable(CLUSTERS, out);
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const franchises = [
    ['The Lord of the Rings: The Fellowship of the Ring', 'The Lord of the Rings: The Two Towers', 'The Lord of the Rings: The Return of the King'],
    ['Toy Story', 'Toy Story 2', 'Toy Story 3']
  ];

  for (const titles of franchises)
    it(`keeps ${titles[0]} and its sequels together in every model`, () => {
      for (const m of registry.models) {
        // HDBSCAN may call an entry noise (-1) rather than force it in; the rest must agree.
        const of = (t: string) => clusters.find((c) => c.model === m.id && c.movie_id === idOf(t))!.cluster;
        const placed = titles.map(of).filter((c) => c >= 0);
        if (m.id !== 'hdbscan') expect(placed.length, m.id).toBe(3);
        expect(new Set(placed).size, `${m.id}: ${titles.map(of).join(', ')}`).toBeLessThanOrEqual(1);
      }
    });

  it('agrees with TMDB genres well beyond chance and promotes its models', () => {
    for (const m of registry.models) {
      expect(m.metrics.genre_nmi, m.id).toBeGreaterThan(0.25);
      expect(m.metrics.silhouette, m.id).toBeGreaterThan(0.05);
      expect(m.status).toBe('production');
    }
  });

  it('names clusters with words from their members', async () => {
    const meta = await readTable(CLUSTERS_META, out);
    const kmeans = meta.filter((r) => r.model === 'kmeans' && r.cluster >= 0);
    expect(kmeans.every((r) => (r.label_grounded ?? 0) >= 0.5)).toBe(true);
    const zombieCluster = clusters.find((c) => c.model === 'kmeans' && c.movie_id === idOf('Dawn of the Dead'))?.cluster;
    const zombieName = kmeans.find((r) => r.cluster === zombieCluster)?.keywords.join(' ') ?? '';
    expect(zombieName).toMatch(/zombie|undead|dead/i);
  });
});
