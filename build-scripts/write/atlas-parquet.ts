import { join } from 'node:path';
import {
  appendRows, copyToParquet, createTableSql, fromJsonRow, ident, withDb,
  type ColumnSpec, type Db, type ParquetArtifact, type SqlType
} from './duckdb';

/**
 * The map and micro-genre artifacts, one typed column list each (CREATE TABLE, appender
 * and read-back all derive from it):
 *   layout.parquet         movie → 2-D map position (normalised to [0,1]) and n-D coordinates
 *   clusters.parquet       movie × model → cluster (-1 = noise), display cluster, probability
 *   clusters_meta.parquet  model × cluster → name, keywords, stats, map centre, macro parent
 */

export interface LayoutRow {
  id: number;
  x: number;
  y: number;
  /** Coordinates in the n-D UMAP space the clusterers worked in. */
  nd: number[];
}

export interface ClusterRow {
  movie_id: number;
  model: string;
  cluster: number;
  /** Cluster to colour by: HDBSCAN noise takes its nearest cluster, others equal `cluster`. */
  display_cluster: number;
  probability: number;
  /** Ward only: the macro-genre containing this movie's cluster. */
  macro_cluster: number | null;
}

export interface ClusterMetaRow {
  model: string;
  /** 'micro' for the model's clusters, 'macro' for Ward's roll-up. */
  level: 'micro' | 'macro';
  cluster: number;
  name: string;
  keywords: string[];
  keyword_scores: number[];
  size: number;
  avg_rating: number | null;
  rated_count: number;
  representatives: number[];
  top_genres: string[];
  top_genre_shares: number[];
  top_decades: number[];
  top_decade_shares: number[];
  label_grounded: number | null;
  label_coverage: number | null;
  /** Centre of the members on the 2-D map, where the name is drawn. */
  x: number;
  y: number;
  /** Micro clusters of Ward: their macro cluster; else null. */
  parent: number | null;
}

type Spec<R> = { [K in keyof R]: { type: SqlType; nullable: boolean } };

const LAYOUT_SCHEMA: Spec<LayoutRow> = {
  id: { type: 'BIGINT', nullable: false },
  x: { type: 'DOUBLE', nullable: false },
  y: { type: 'DOUBLE', nullable: false },
  nd: { type: 'DOUBLE[]', nullable: false }
};

const CLUSTER_SCHEMA: Spec<ClusterRow> = {
  movie_id: { type: 'BIGINT', nullable: false },
  model: { type: 'VARCHAR', nullable: false },
  cluster: { type: 'INTEGER', nullable: false },
  display_cluster: { type: 'INTEGER', nullable: false },
  probability: { type: 'DOUBLE', nullable: false },
  macro_cluster: { type: 'INTEGER', nullable: true }
};

const META_SCHEMA: Spec<ClusterMetaRow> = {
  model: { type: 'VARCHAR', nullable: false },
  level: { type: 'VARCHAR', nullable: false },
  cluster: { type: 'INTEGER', nullable: false },
  name: { type: 'VARCHAR', nullable: false },
  keywords: { type: 'VARCHAR[]', nullable: false },
  keyword_scores: { type: 'DOUBLE[]', nullable: false },
  size: { type: 'INTEGER', nullable: false },
  avg_rating: { type: 'DOUBLE', nullable: true },
  rated_count: { type: 'INTEGER', nullable: false },
  representatives: { type: 'BIGINT[]', nullable: false },
  top_genres: { type: 'VARCHAR[]', nullable: false },
  top_genre_shares: { type: 'DOUBLE[]', nullable: false },
  top_decades: { type: 'INTEGER[]', nullable: false },
  top_decade_shares: { type: 'DOUBLE[]', nullable: false },
  label_grounded: { type: 'DOUBLE', nullable: true },
  label_coverage: { type: 'DOUBLE', nullable: true },
  x: { type: 'DOUBLE', nullable: false },
  y: { type: 'DOUBLE', nullable: false },
  parent: { type: 'INTEGER', nullable: true }
};

interface Table<R> {
  name: string;
  file: string;
  columns: ColumnSpec<R>[];
  orderBy: string[];
  key: (r: R) => string;
}

function table<R>(name: string, schema: Spec<R>, orderBy: (keyof R & string)[], key: (r: R) => string): Table<R> {
  const columns = (Object.keys(schema) as (keyof R & string)[]).map((f) => ({
    name: f, type: schema[f].type, nullable: schema[f].nullable, get: (r: R) => r[f]
  }));
  return { name, file: `${name}.parquet`, columns, orderBy, key };
}

export const LAYOUT = table<LayoutRow>('layout', LAYOUT_SCHEMA, ['id'], (r) => `movie id ${r.id}`);
export const CLUSTERS = table<ClusterRow>('clusters', CLUSTER_SCHEMA, ['model', 'movie_id'], (r) => `${r.model} movie ${r.movie_id}`);
export const CLUSTERS_META = table<ClusterMetaRow>('clusters_meta', META_SCHEMA, ['model', 'level', 'cluster'], (r) => `${r.model} ${r.level} ${r.cluster}`);

/** Writes one artifact (atomically, zstd) and returns its digest. */
export async function writeTable<R>(t: Table<R>, rows: Iterable<R>, outDir: string, db?: Db): Promise<ParquetArtifact> {
  const write = async (d: Db) => {
    await d.run(createTableSql(t.name, t.columns as ColumnSpec<never>[]));
    await appendRows(d, t.name, t.columns, rows, t.key);
    const cols = t.columns.map((c) => ident(c.name)).join(', ');
    return copyToParquet(d, `SELECT ${cols} FROM ${ident(t.name)} ORDER BY ${t.orderBy.map(ident).join(', ')}`, join(outDir, t.file), {
      cineatlas_artifact: t.name
    });
  };
  return db ? write(db) : withDb(write);
}

/** Reads an artifact back as plain objects (BIGINT → number), in its stored order. */
export async function readTable<R>(t: Table<R>, outDir: string, db?: Db): Promise<R[]> {
  const read = async (d: Db) => {
    const cols = t.columns.map((c) => ident(c.name)).join(', ');
    const rows = await d.all(`SELECT ${cols} FROM read_parquet($1)`, [join(outDir, t.file)]);
    return rows.map((r) => fromJsonRow(t.columns as ColumnSpec<never>[], r) as unknown as R);
  };
  return db ? read(db) : withDb(read);
}
