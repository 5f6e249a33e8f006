import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { loadArtifacts, type LoadOptions, type LoadReport } from '../../../src/lib/db/client';
import type { DbEngine } from '../../../src/lib/db/engine';
import { fetchFromDir, openNodeEngine } from '../../../src/lib/db/node';

export interface SampleDb {
  engine: DbEngine;
  report: LoadReport;
  /** Folder with the sample build's artifacts (written by DuckDB 1.5 like a real build). */
  dataDir: string;
  cleanup(): Promise<void>;
}

/** Builds the sample catalogue into a temp folder and returns a temp dir helper. */
export async function buildSample(): Promise<{ dir: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cineatlas-db-'));
  await runBuild({ sources: [], out: dir, progress: silentProgress() });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const dataUrl = (f: string) => `/cineatlas/data/${f}`;

/** DuckDB-WASM (Node build) with the sample artifacts loaded through the site's own loader. */
export async function openSampleDb(extra: Partial<LoadOptions> = {}): Promise<SampleDb> {
  const sample = await buildSample();
  const engine = await openNodeEngine();
  const report = await loadArtifacts(engine, { dataUrl, fetch: fetchFromDir(sample.dir), ...extra });
  return {
    engine,
    report,
    dataDir: sample.dir,
    async cleanup() {
      await engine.close();
      sample.cleanup();
    }
  };
}
