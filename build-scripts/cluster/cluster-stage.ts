/**
 * The micro-genre stage: embeddings.parquet + movies.parquet → UMAP (2-D map, n-D for
 * clustering) → four clusterers side by side → KeyBERT-style names → layout.parquet,
 * clusters.parquet, clusters_meta.parquet and models.json.
 */
import { join } from 'node:path';
import type { Movie } from '../../src/lib/core/movie';
import { labelClusters, LABEL_DEFAULTS, phraseIndexFor, type ClusterLabel } from '../label/label-clusters';
import { modelLabelQuality } from '../label/label-quality';
import { reduceForAtlas } from '../reduce/umap';
import {
  CLUSTERS, CLUSTERS_META, LAYOUT, writeTable, type ClusterMetaRow, type ClusterRow, type LayoutRow
} from '../write/atlas-parquet';
import { openDb, type Db } from '../write/duckdb';
import { writeJsonAtomically, type StageEntry } from '../write/manifest';
import { readMoviesParquet, MOVIES_FILE } from '../write/movies-parquet';
import type { Matrix } from './matrix';
import { buildRegistry, DEFAULT_PROMOTION, MODELS_FILE, type PromotionRule, type Registry } from './registry';
import { runModels, type ModelRun } from './run-models';

export const CLUSTER_STAGE = 'clusters';

export interface ClusterStageOptions {
  outDir: string;
  /** Embeds label candidates: the same MiniLM the movies were embedded with. */
  embed: (texts: string[]) => Promise<ArrayLike<number>[]>;
  seed?: number;
  nComponents?: number;
  diversity?: number;
  promotion?: PromotionRule;
  builtAt?: Date;
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface ClusterStageResult {
  manifestEntry: StageEntry;
  artifacts: { name: string; rows: number | null }[];
  registry: Registry;
  timings: Record<string, number>;
}

export async function runClusterStage(o: ClusterStageOptions): Promise<ClusterStageResult> {
  const seed = o.seed ?? 42;
  const diversity = o.diversity ?? LABEL_DEFAULTS.diversity;
  const promotion = o.promotion ?? DEFAULT_PROMOTION;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    timings[name] = Math.round(performance.now() - t);
    return r;
  };

  const db: Db = await openDb();
  try {
    const { movies, vectors } = await timed('read', () => readInputs(o.outDir, db));
    if (movies.length < 10) throw new Error(`the micro-genre stage needs at least 10 movies, got ${movies.length}`);

    const atlas = await timed('umap', () =>
      reduceForAtlas(vectors, {
        seed, nComponents: o.nComponents ?? 5,
        onProgress: (phase, done, total) => o.onProgress?.(`umap ${phase}`, done, total)
      })
    );
    const genres = movies.map((m) => m.genres);
    const suite = await timed('cluster', () =>
      runModels(atlas.layoutNd, genres, { seed, onProgress: (id) => o.onProgress?.(`cluster ${id}`, 1, 1) })
    );

    const labels: Record<string, ClusterLabel[]> = {};
    const macroLabels: Record<string, ClusterLabel[]> = {};
    phraseIndexFor(movies);
    await timed('label', async () => {
      for (const run of suite.models) {
        o.onProgress?.(`label ${run.id}`, 0, 1);
        labels[run.id] = await labelClusters({ movies, embeddings: vectors, clustering: run.clustering, embed: o.embed, diversity });
        if (run.macro)
          macroLabels[run.id] = await labelClusters({ movies, embeddings: vectors, clustering: { labels: run.macro.labels, k: run.macro.k }, embed: o.embed, diversity });
      }
    });

    const quality = Object.fromEntries(
      suite.models.map((m) => {
        const q = modelLabelQuality(labels[m.id]);
        return [m.id, { grounded: round(q.grounded), coverage: round(q.coverage) }];
      })
    );
    const registry = buildRegistry(suite, quality, promotion, o.builtAt ?? new Date());

    const written = await timed('write', async () => {
      const ids = movies.map((m) => m.id);
      const layout = await writeTable(LAYOUT, layoutRows(ids, atlas.layout2d, atlas.layoutNd), o.outDir, db);
      const clusters = await writeTable(CLUSTERS, suite.models.flatMap((m) => clusterRows(ids, m)), o.outDir, db);
      const meta = await writeTable(
        CLUSTERS_META,
        suite.models.flatMap((m) => [
          ...metaRows(m.id, 'micro', labels[m.id], m.displayLabels, atlas.layout2d, m.macro?.parentOf),
          ...(m.macro ? metaRows(m.id, 'macro', macroLabels[m.id], m.macro.labels, atlas.layout2d) : [])
        ]),
        o.outDir,
        db
      );
      await writeJsonAtomically(join(o.outDir, MODELS_FILE), registry);
      return [layout, clusters, meta];
    });

    return {
      registry,
      timings,
      artifacts: [...written.map((a) => ({ name: a.name, rows: a.rows })), { name: MODELS_FILE, rows: null }],
      manifestEntry: {
        parameters: {
          seed,
          umap: atlas.params,
          models: Object.fromEntries(suite.models.map((m) => [m.id, { ...m.params, rule: m.rule }])),
          labels: { ...LABEL_DEFAULTS, diversity },
          promotion
        },
        duration_ms: Object.values(timings).reduce((a, b) => a + b, 0),
        timings_ms: timings,
        default_model: registry.default_model,
        models: registry.models.map((m) => ({ id: m.id, k: m.k, status: m.status, silhouette: m.metrics.silhouette }))
      }
    };
  } finally {
    db.close();
  }
}

async function readInputs(outDir: string, db: Db): Promise<{ movies: Movie[]; vectors: Float32Array[] }> {
  const movies = await readMoviesParquet(join(outDir, MOVIES_FILE), db);
  const rows = await db.allJS('SELECT id, embedding FROM read_parquet($1) ORDER BY id', [join(outDir, 'embeddings.parquet')]);
  const byId = new Map(rows.map((r) => [Number(r.id), Float32Array.from(r.embedding as number[])]));
  const missing = movies.filter((m) => !byId.has(m.id));
  if (missing.length) throw new Error(`embeddings.parquet has no vector for ${missing.length} movies (e.g. id ${missing[0].id}): rerun the embed stage`);
  return { movies, vectors: movies.map((m) => byId.get(m.id)!) };
}

function layoutRows(ids: number[], xy: Matrix, nd: Matrix): LayoutRow[] {
  return ids.map((id, i) => ({
    id,
    x: xy.data[i * 2],
    y: xy.data[i * 2 + 1],
    nd: Array.from(nd.data.subarray(i * nd.cols, (i + 1) * nd.cols), (v) => round(v))
  }));
}

function clusterRows(ids: number[], m: ModelRun): ClusterRow[] {
  const { labels, probabilities } = m.clustering;
  return ids.map((id, i) => ({
    movie_id: id,
    model: m.id,
    cluster: labels[i],
    display_cluster: m.displayLabels[i],
    probability: round(probabilities[i]),
    macro_cluster: m.macro && labels[i] >= 0 ? m.macro.parentOf[labels[i]] : null
  }));
}

function metaRows(
  model: string,
  level: 'micro' | 'macro',
  labels: ClusterLabel[],
  displayLabels: Int32Array,
  xy: Matrix,
  parentOf?: number[]
): ClusterMetaRow[] {
  // Map centre of each cluster: mean position of the points drawn in its colour.
  const sx = new Map<number, [number, number, number]>();
  for (let i = 0; i < displayLabels.length; i++) {
    const c = displayLabels[i];
    const s = sx.get(c) ?? [0, 0, 0];
    s[0] += xy.data[i * 2];
    s[1] += xy.data[i * 2 + 1];
    s[2]++;
    sx.set(c, s);
  }
  return labels.map((l) => {
    const s = sx.get(l.cluster) ?? [0.5, 0.5, 1];
    return {
      model, level, cluster: l.cluster, name: l.name,
      keywords: l.keywords.map((k) => k.phrase),
      keyword_scores: l.keywords.map((k) => round(k.score)),
      size: l.size,
      avg_rating: l.avgRating === null ? null : round(l.avgRating, 3),
      rated_count: l.ratedCount,
      representatives: l.representatives,
      top_genres: l.topGenres.map((g) => g.value),
      top_genre_shares: l.topGenres.map((g) => round(g.share, 4)),
      top_decades: l.topDecades.map((d) => d.value),
      top_decade_shares: l.topDecades.map((d) => round(d.share, 4)),
      label_grounded: l.labelQuality ? round(l.labelQuality.grounded, 4) : null,
      label_coverage: l.labelQuality ? round(l.labelQuality.coverage, 4) : null,
      x: round(s[0] / s[2]),
      y: round(s[1] / s[2]),
      parent: parentOf && l.cluster >= 0 ? parentOf[l.cluster] : null
    };
  });
}

const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;
