/**
 * Reads what the ranking core needs from a build's output folder with the build's own
 * readers: movies.parquet, people.parquet, the movie vectors (embeddings.parquet as float32,
 * or embeddings.i8.bin as the browser gets them) and one model's micro-genres.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Credit, Movie } from '../../src/lib/core/movie';
import { ExactVectorSearcher } from '../../src/lib/core/search/exact';
import type { ClusterAssignments } from '../../src/lib/core/search/types';
import { MODELS_FILE, type Registry } from '../cluster/registry';
import { COMPACT_FILE, decodeCompact } from '../embed/compact';
import { EMBEDDINGS_FILE } from '../embed/embed-stage';
import { CLUSTERS, CLUSTERS_META, readTable } from '../write/atlas-parquet';
import { withDb, type Db } from '../write/duckdb';
import { MANIFEST_FILE } from '../write/manifest';
import { MOVIES_FILE, readMoviesParquet } from '../write/movies-parquet';
import { PEOPLE_FILE, readPeopleParquet } from '../write/people-parquet';

export type VectorFormat = 'f32' | 'i8';

export interface Artifacts {
  dir: string;
  movies: Movie[];
  credits: Credit[];
  /** Names credited per movie (people.parquet). */
  people: Map<number, string[]>;
  /** null when the build has no embeddings (--no-embed). */
  vectors: ExactVectorSearcher | null;
  vectorFormat: VectorFormat | null;
  clusters: ClusterAssignments | null;
  manifest: Record<string, unknown> | null;
  /** The embedding model recorded in the manifest (ref, sha256…). */
  model: { ref?: string; sha256?: string; dtype?: string } | null;
  loadMs: number;
}

export interface LoadOptions {
  /** 'f32' (default): embeddings.parquet, exact; 'i8': the compact file the browser uses. */
  vectors?: VectorFormat;
  /** Clustering model for micro-genres; default models.json's default_model. */
  clusterModel?: string;
}

export async function loadArtifacts(dir: string, opts: LoadOptions = {}): Promise<Artifacts> {
  const t0 = performance.now();
  if (!existsSync(join(dir, MOVIES_FILE))) throw new Error(`${dir}: no ${MOVIES_FILE}; build it with npm run build:data -- --out ${dir}`);
  const manifest = readJson(join(dir, MANIFEST_FILE));
  return withDb(async (db) => {
    const movies = await readMoviesParquet(join(dir, MOVIES_FILE), db);
    const credits = existsSync(join(dir, PEOPLE_FILE)) ? await readPeopleParquet(join(dir, PEOPLE_FILE), db) : [];
    const people = new Map<number, string[]>();
    for (const c of credits) {
      const list = people.get(c.movie_id) ?? [];
      list.push(c.person);
      people.set(c.movie_id, list);
    }
    const format = opts.vectors ?? 'f32';
    const vectors = await readVectors(dir, format, db);
    const clusters = await readClusters(dir, opts.clusterModel, db);
    const embed = (manifest?.stages as Record<string, { model?: Artifacts['model'] }> | undefined)?.embed;
    return {
      dir, movies, credits, people, vectors, vectorFormat: vectors ? format : null, clusters,
      manifest, model: embed?.model ?? null, loadMs: performance.now() - t0
    };
  });
}

async function readVectors(dir: string, format: VectorFormat, db: Db): Promise<ExactVectorSearcher | null> {
  if (format === 'i8') {
    const file = join(dir, COMPACT_FILE);
    return existsSync(file) ? ExactVectorSearcher.fromInt8(decodeCompact(readFileSync(file))) : null;
  }
  const file = join(dir, EMBEDDINGS_FILE);
  if (!existsSync(file)) return null;
  const rows = await db.allJS('SELECT id, embedding FROM read_parquet($1) ORDER BY id', [file]);
  if (!rows.length) return null;
  const dim = (rows[0].embedding as number[]).length;
  const ids = new Int32Array(rows.length);
  const data = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    ids[i] = Number(r.id);
    data.set(r.embedding as number[], i * dim);
  });
  return ExactVectorSearcher.fromFloat32(ids, data, dim);
}

/**
 * Micro-genre per movie: `display_cluster` (HDBSCAN noise takes its nearest cluster, as the
 * map colours it), so every movie has one and filters match what the map shows.
 */
async function readClusters(dir: string, model: string | undefined, db: Db): Promise<ClusterAssignments | null> {
  if (!existsSync(join(dir, CLUSTERS.file))) return null;
  const registry = readJson(join(dir, MODELS_FILE)) as Registry | null;
  const chosen = model ?? registry?.default_model;
  if (!chosen) return null;
  const rows = (await readTable(CLUSTERS, dir, db)).filter((r) => r.model === chosen);
  if (!rows.length) throw new Error(`${dir}: no clusters for model "${chosen}"`);
  const meta = existsSync(join(dir, CLUSTERS_META.file)) ? await readTable(CLUSTERS_META, dir, db) : [];
  return {
    model: chosen,
    byMovie: new Map(rows.map((r) => [r.movie_id, r.display_cluster])),
    names: new Map(meta.filter((r) => r.model === chosen && r.level === 'micro').map((r) => [r.cluster, r.name]))
  };
}

function readJson(file: string): Record<string, unknown> | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null;
}
