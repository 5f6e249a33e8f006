import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SCHEMA_VERSION } from '../../src/lib/core/movie';
import type { FileReport } from '../ingest/ingest';
import { PROJECT_ROOT } from '../paths';
import { digestFile, duckdbVersion, writeAtomically } from './duckdb';
import type { CatalogueCounts } from '../report/catalogue-counts';

/**
 * manifest.json: what a build read (sources + sha256), what it wrote (artifacts + sha256),
 * with which tools, and the parameters of every stage, so any artifact can be traced to
 * the inputs and settings that made it. Later stages add their entry under `stages` and
 * their files under `artifacts` (see `setStage`, `addArtifact`).
 */

export const MANIFEST_FILE = 'manifest.json';

export interface ToolVersions {
  node: string;
  duckdb: string;
  duckdb_node_api: string;
  cineatlas: string;
}

export interface SourceEntry {
  /** The path as the user gave it (or as found in a given folder). */
  file: string;
  adapter: string;
  kind: 'movies' | 'people';
  sha256: string;
  bytes: number;
  rows: number;
  kept: number;
  rejected: number;
}

export interface ArtifactEntry {
  /** File name inside the output folder. */
  name: string;
  /** Data rows for tables; null for JSON documents. */
  rows: number | null;
  bytes: number;
  sha256: string;
  /** Stage that wrote it. */
  stage: string;
}

export interface StageEntry {
  /** The settings the stage ran with (enough to rerun it). */
  parameters: Record<string, unknown>;
  duration_ms?: number;
  /** Stage-specific results (counts, metrics…). */
  [key: string]: unknown;
}

export interface Manifest {
  schema_version: number;
  built_at: string;
  tools: ToolVersions;
  sources: SourceEntry[];
  /** Headline counts the site shows without opening any Parquet file. */
  counts: { movies: number; credits: number; rejected_rows: number } & Partial<Omit<CatalogueCounts, 'movies' | 'credits'>>;
  artifacts: ArtifactEntry[];
  stages: Record<string, StageEntry>;
}

function readPackage(packageJson: string): { name?: string; version?: string } | null {
  try {
    return JSON.parse(readFileSync(packageJson, 'utf8')) as { name?: string; version?: string };
  } catch {
    return null;
  }
}

/** Version of an installed package (its exports may hide package.json, so walk up from its entry). */
function installedVersion(name: string): string {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(name));
    for (let i = 0; i < 5; i++, dir = dirname(dir)) {
      const pkg = readPackage(join(dir, 'package.json'));
      if (pkg?.name === name) return pkg.version ?? 'unknown';
    }
  } catch {
    /* not resolvable */
  }
  return 'unknown';
}

/** Versions of the tools that shaped the artifacts. */
export function toolVersions(): ToolVersions {
  return {
    node: process.versions.node,
    duckdb: duckdbVersion(),
    duckdb_node_api: installedVersion('@duckdb/node-api'),
    cineatlas: readPackage(join(PROJECT_ROOT, 'package.json'))?.version ?? 'unknown'
  };
}

export function sourceEntry(f: FileReport): SourceEntry {
  return { file: f.file, adapter: f.adapter, kind: f.kind, sha256: f.sha256, bytes: f.bytes, rows: f.rows, kept: f.kept, rejected: f.rejected };
}

export function createManifest(files: FileReport[], builtAt: Date = new Date()): Manifest {
  return {
    schema_version: SCHEMA_VERSION,
    built_at: builtAt.toISOString(),
    tools: toolVersions(),
    sources: files.map(sourceEntry),
    counts: { movies: 0, credits: 0, rejected_rows: 0 },
    artifacts: [],
    stages: {}
  };
}

/** Records a stage's parameters and results (replacing an earlier entry of the same name). */
export function setStage(manifest: Manifest, name: string, entry: StageEntry): void {
  manifest.stages[name] = entry;
}

/** Records a written file, hashing it now so the manifest describes the bytes on disk. */
export async function addArtifact(
  manifest: Manifest,
  outDir: string,
  name: string,
  stage: string,
  rows: number | null
): Promise<ArtifactEntry> {
  const { bytes, sha256 } = await digestFile(join(outDir, name));
  const entry: ArtifactEntry = { name, rows, bytes, sha256, stage };
  manifest.artifacts = [...manifest.artifacts.filter((a) => a.name !== name), entry];
  return entry;
}

/** Writes JSON (2-space indent, trailing newline) atomically: readers never see half a file. */
export async function writeJsonAtomically(target: string, value: unknown): Promise<void> {
  await writeAtomically(target, (tmp) => writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`));
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<string> {
  const target = join(outDir, MANIFEST_FILE);
  await writeJsonAtomically(target, manifest);
  return target;
}

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
}
