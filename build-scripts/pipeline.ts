import { existsSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Credit, Movie } from '../src/lib/core/movie';
import { expandSources, ingest, type IngestResult } from './ingest/ingest';
import { CatalogueFileError } from './ingest/issues';
import { DEFAULT_SOURCE } from './paths';
import { createProgress, type Progress, type StageTiming } from './report/progress';
import { openDb, type Db } from './write/duckdb';
import {
  addArtifact, createManifest, setStage, writeManifest, MANIFEST_FILE, type ArtifactEntry, type Manifest
} from './write/manifest';
import { writeMoviesParquet, MOVIES_FILE } from './write/movies-parquet';
import { writePeopleParquet, PEOPLE_FILE } from './write/people-parquet';
import {
  buildValidationReport, writeValidationReport, VALIDATION_FILE, type ValidationReport
} from './write/validation-report';
import { runClusterStage, CLUSTER_STAGE } from './cluster/cluster-stage';
import type { PromotionRule } from './cluster/registry';
import { catalogueCounts } from './report/catalogue-counts';
import { runEmbedStage, EMBED_STAGE } from './embed/embed-stage';
import { loadEmbedder, type Embedder } from './embed/embedder';
import type { EmbedDtype } from './embed/resolve-model';

/**
 * The data build as a sequence of named, timed stages. cli.ts only parses arguments and
 * maps errors to exit codes; tests and benchmarks call `runBuild` directly.
 *
 *   1. ingest      catalogue + people files → Movie[], Credit[], rejected/warnings
 *   2. validate    validation.json (every rejected row, counts by reason)
 *   3. movies      movies.parquet
 *   4. people      people.parquet
 *   5. embed       embeddings.parquet + embeddings.i8.bin (when `embed` is set)
 *   6. clusters    layout, clusters, clusters_meta Parquet + models.json (when `clusters` is set)
 *   n. manifest    manifest.json, last, so it describes exactly the files on disk
 */

export interface BuildOptions {
  /** Catalogue files or folders; empty → the shipped sample catalogue. */
  sources: string[];
  people?: string[];
  mapping?: string;
  /** Output folder (created if missing). */
  out: string;
  /** Build date for "future release" warnings (tests pin it). */
  today?: Date;
  /** Progress display; default draws on stderr. Pass `silentProgress()` in tests. */
  progress?: Progress;
  /** Embedding stage settings; omitted → the build stops after people.parquet. */
  embed?: EmbedSettings;
  /** Micro-genre stage settings (needs `embed`); omitted → no clustering. */
  clusters?: ClusterSettings;
}

export interface EmbedSettings {
  /** Hugging Face id or local folder (default Xenova/all-MiniLM-L6-v2). */
  model?: string;
  dtype?: EmbedDtype;
  batchSize?: number;
  /** A loaded embedder to use instead of loading `model` (tests). */
  embedder?: Embedder;
}

export interface ClusterSettings {
  seed?: number;
  diversity?: number;
  promotion?: PromotionRule;
}

export interface BuildSummary {
  outDir: string;
  movies: Movie[];
  credits: Credit[];
  ingest: IngestResult;
  report: ValidationReport;
  manifest: Manifest;
  artifacts: ArtifactEntry[];
  stages: StageTiming[];
}

/**
 * Sources actually used: the given ones, else the shipped sample (named relative to the
 * working directory when inside it, so manifests built from the project root are portable).
 */
export function resolveSources(sources: string[]): string[] {
  if (sources.length) return sources;
  const rel = relative(process.cwd(), DEFAULT_SOURCE);
  return [rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : DEFAULT_SOURCE];
}

/**
 * A missing path, or a folder with no table files, is a catalogue file error (exit 1),
 * reported before any work starts.
 */
function checkInputsExist(paths: (string | undefined)[]): void {
  for (const p of paths) {
    if (p === undefined) continue;
    if (!existsSync(p)) throw new CatalogueFileError(p, 'does not exist');
    if (statSync(p).isDirectory() && expandSources([p]).length === 0)
      throw new CatalogueFileError(p, 'is a folder with no .csv, .tsv, .json, .jsonl or .ndjson files; expected movie catalogue files');
  }
}

export async function runBuild(options: BuildOptions): Promise<BuildSummary> {
  const progress = options.progress ?? createProgress();
  const firstTiming = progress.timings.length; // a Progress may be shared by several builds
  const timings = () => progress.timings.slice(firstTiming);
  const sources = resolveSources(options.sources);
  const people = options.people ?? [];
  const outDir = resolve(options.out);
  checkInputsExist([...sources, ...people, options.mapping]);
  mkdirSync(outDir, { recursive: true });
  const builtAt = new Date();
  const today = options.today ?? builtAt;

  // 1. ingest
  const result = await progress.stage('ingest', (tick) =>
    ingest({
      sources,
      people,
      mapping: options.mapping,
      today,
      onProgress: ({ file, done, total }) => tick.update(done, total, file)
    })
  );
  const manifest = createManifest(result.files, builtAt);
  manifest.counts = { ...catalogueCounts(result.movies, result.credits), rejected_rows: 0 };

  // 2. validate
  const report = await progress.stage('validate', async () => {
    const r = buildValidationReport(result, builtAt);
    await writeValidationReport(outDir, r);
    await addArtifact(manifest, outDir, VALIDATION_FILE, 'ingest', null);
    manifest.counts.rejected_rows = r.rejected.rows;
    return r;
  });

  const db: Db = await openDb();
  try {
    // 3. movies
    await progress.stage('movies.parquet', async () => {
      const a = await writeMoviesParquet(result.movies, outDir, db);
      await addArtifact(manifest, outDir, MOVIES_FILE, 'ingest', a.rows);
    });

    // 4. people
    await progress.stage('people.parquet', async () => {
      const a = await writePeopleParquet(result.credits, outDir, db);
      await addArtifact(manifest, outDir, PEOPLE_FILE, 'ingest', a.rows);
    });
  } finally {
    db.close();
  }
  if (options.embed) await runModelStages(options, result.movies, outDir, manifest, progress, builtAt);

  const ms = (name: string) => Math.round(timings().find((t) => t.name === name)?.ms ?? 0);
  setStage(manifest, 'ingest', {
    parameters: {
      sources,
      people,
      mapping: options.mapping ?? null,
      today: today.toISOString().slice(0, 10),
      format: 'parquet',
      compression: 'zstd',
      movies_order: 'id',
      people_order: 'movie_id, role, billing_order'
    },
    duration_ms: ms('ingest') + ms('validate') + ms('movies.parquet') + ms('people.parquet'),
    timings_ms: { read: ms('ingest'), validate: ms('validate'), movies: ms('movies.parquet'), people: ms('people.parquet') },
    movies: result.movies.length,
    credits: result.credits.length,
    rejected_rows: report.rejected.rows,
    warnings: result.warnings.length
  });

  // n. manifest (last)
  await progress.stage('manifest', () => writeManifest(outDir, manifest));

  return {
    outDir,
    movies: result.movies,
    credits: result.credits,
    ingest: result,
    report,
    manifest,
    artifacts: manifest.artifacts,
    stages: timings()
  };
}

/** Stages 5–6: one embedder serves the movies and, later, the cluster label candidates. */
async function runModelStages(
  options: BuildOptions,
  movies: Movie[],
  outDir: string,
  manifest: Manifest,
  progress: Progress,
  builtAt: Date
): Promise<void> {
  const settings = options.embed!;
  const embedder = settings.embedder ?? (await progress.stage('load model', () => loadEmbedder({ model: settings.model, dtype: settings.dtype })));
  try {
    const embedded = await progress.stage('embed', (tick) =>
      runEmbedStage({
        movies, outDir, embedder, model: settings.model, dtype: settings.dtype, batchSize: settings.batchSize,
        onProgress: (p) => tick.update(p.embedded, p.toEmbed, `${formatCached(p.cached)}`)
      })
    );
    setStage(manifest, EMBED_STAGE, embedded.manifestEntry);
    for (const a of embedded.artifacts) await addArtifact(manifest, outDir, a.name, EMBED_STAGE, a.rows);
    if (!options.clusters) return;

    const dim = embedder.info.dim;
    const embed = async (texts: string[]) => {
      const flat = await embedder.embed(texts, {});
      return texts.map((_, i) => flat.subarray(i * dim, (i + 1) * dim));
    };
    const clustered = await progress.stage('micro-genres', (tick) =>
      runClusterStage({
        outDir, embed, builtAt, ...options.clusters,
        onProgress: (step, done, total) => tick.update(done, total, step)
      })
    );
    setStage(manifest, CLUSTER_STAGE, clustered.manifestEntry);
    for (const a of clustered.artifacts) await addArtifact(manifest, outDir, a.name, CLUSTER_STAGE, a.rows);
  } finally {
    if (!settings.embedder) await embedder.dispose();
  }
}

const formatCached = (n: number) => (n ? `${n} cached` : '');

export { MANIFEST_FILE };
