import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../../src/lib/core/movie';
import type { FileReport } from '../../../build-scripts/ingest/ingest';
import {
  addArtifact, createManifest, readManifest, setStage, toolVersions, writeManifest
} from '../../../build-scripts/write/manifest';
import { tempDir } from './fixtures';

const tmp = tempDir();
afterAll(tmp.cleanup);

const files: FileReport[] = [
  { file: 'data/a.csv', adapter: 'tmdb5000', kind: 'movies', sha256: 'a'.repeat(64), bytes: 10, rows: 3, kept: 2, rejected: 1 },
  { file: 'data/p.csv', adapter: 'people-derived', kind: 'people', sha256: 'b'.repeat(64), bytes: 5, rows: 2, kept: 2, rejected: 0 }
];

describe('manifest', () => {
  it('records tool versions', () => {
    const t = toolVersions();
    expect(t.node).toBe(process.versions.node);
    expect(t.duckdb).toMatch(/^v?\d+\.\d+/);
    expect(t.duckdb_node_api).toMatch(/^\d+\.\d+/);
    expect(t.cineatlas).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists sources, artifacts with their sha256, and stages; writes atomically', async () => {
    const built = new Date('2024-05-01T12:00:00Z');
    const m = createManifest(files, built);
    expect(m).toMatchObject({ schema_version: SCHEMA_VERSION, built_at: '2024-05-01T12:00:00.000Z', artifacts: [], stages: {} });
    expect(m.sources).toEqual(files.map(({ file, adapter, kind, sha256, bytes, rows, kept, rejected }) => ({ file, adapter, kind, sha256, bytes, rows, kept, rejected })));

    writeFileSync(join(tmp.dir, 'movies.parquet'), 'not really parquet');
    const a = await addArtifact(m, tmp.dir, 'movies.parquet', 'ingest', 2);
    expect(a).toEqual({
      name: 'movies.parquet', rows: 2, bytes: 18, stage: 'ingest',
      sha256: createHash('sha256').update('not really parquet').digest('hex')
    });
    await addArtifact(m, tmp.dir, 'movies.parquet', 'ingest', 2); // re-adding replaces
    expect(m.artifacts).toHaveLength(1);
    setStage(m, 'ingest', { parameters: { sources: ['data/a.csv'] }, duration_ms: 12 });
    setStage(m, 'embed', { parameters: { model: 'x' } });

    await writeManifest(tmp.dir, m);
    expect(readManifest(tmp.dir)).toEqual(m);
    expect(Object.keys(readManifest(tmp.dir).stages)).toEqual(['ingest', 'embed']);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(tmp.dir, 'manifest.json'), 'utf8').endsWith('}\n')).toBe(true);
  });
});
