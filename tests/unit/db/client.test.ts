import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../../build-scripts/write/duckdb';
import {
  CatalogueLoadError, checkParquetBytes, describeLoadError, fetchArtifact, loadArtifacts, openCatalogue, type LoadProgress
} from '../../../src/lib/db/client';
import { fetchFromDir, openNodeEngine } from '../../../src/lib/db/node';
import { buildSample, dataUrl } from './fixture';

let sample: { dir: string; cleanup(): void };
beforeAll(async () => {
  sample = await buildSample();
});
afterAll(() => sample?.cleanup());

/** A copy of the sample build with `edit` applied to it. */
function variant(name: string, edit: (dir: string) => void): string {
  const dir = join(sample.dir, name);
  mkdirSync(dir);
  for (const f of ['movies.parquet', 'people.parquet', 'manifest.json']) copyFileSync(join(sample.dir, f), join(dir, f));
  edit(dir);
  return dir;
}

async function loadError(dir: string): Promise<CatalogueLoadError> {
  const engine = await openNodeEngine();
  try {
    await loadArtifacts(engine, { dataUrl, fetch: fetchFromDir(dir) });
  } catch (e) {
    return e as CatalogueLoadError;
  } finally {
    await engine.close();
  }
  throw new Error('expected the load to fail');
}

describe('loader: readable errors naming the artifact', () => {
  it('a missing required artifact (404)', async () => {
    const e = await loadError(variant('no-people', (d) => rmSync(join(d, 'people.parquet'))));
    expect(e).toBeInstanceOf(CatalogueLoadError);
    expect(e.kind).toBe('missing');
    expect(e.file).toBe('people.parquet');
    expect(e.message).toBe(
      'people.parquet was not found at /cineatlas/data/people.parquet (HTTP 404). ' +
        'The site was built without its catalogue: run npm run build:data, then npm run build.'
    );
  });

  it('a truncated Parquet file', async () => {
    const e = await loadError(
      variant('truncated', (d) => {
        const bytes = readFileSync(join(d, 'movies.parquet'));
        writeFileSync(join(d, 'movies.parquet'), bytes.subarray(0, bytes.length >> 1));
      })
    );
    expect(e.kind).toBe('corrupt');
    expect(e.file).toBe('movies.parquet');
    expect(e.message).toMatch(/^movies\.parquet is not a readable Parquet file: it is truncated/);
  });

  it('an HTML page served with 200 in place of the file', async () => {
    const e = await loadError(variant('html', (d) => writeFileSync(join(d, 'people.parquet'), '<!DOCTYPE html><html><body>Not here</body></html>')));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/people\.parquet .*HTML page/);
  });

  const garble = (d: string) => {
    const bytes = readFileSync(join(d, 'movies.parquet'));
    // Keep "PAR1" at both ends and the size, scramble the footer's metadata.
    for (let i = bytes.length - 400; i < bytes.length - 8; i++) bytes[i] = (bytes[i] * 7 + 13) & 0xff;
    writeFileSync(join(d, 'movies.parquet'), bytes);
  };

  it('a file changed after the build fails the manifest checksum', async () => {
    const e = await loadError(variant('garbled', garble));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/^movies\.parquet does not match the checksum in manifest\.json/);
  });

  it('a file of the wrong size fails the manifest size check', async () => {
    const e = await loadError(variant('longer', (d) => writeFileSync(join(d, 'people.parquet'), Buffer.concat([readFileSync(join(d, 'people.parquet')), Buffer.from('PAR1')]))));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/^people\.parquet is 12,667 bytes but the build wrote 12,663: the download was cut short or the file was replaced/);
  });

  it('without a manifest, a damaged file is refused by DuckDB, still naming the file', async () => {
    const e = await loadError(
      variant('garbled-no-manifest', (d) => {
        garble(d);
        rmSync(join(d, 'manifest.json'));
      })
    );
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/^movies\.parquet could not be (read as Parquet|loaded) \(.+\)\. It may be corrupt/);
  });

  it('a Parquet file missing columns the queries need', async () => {
    const dir = variant('old-schema', (d) => rmSync(join(d, 'manifest.json')));
    await withDb(async (db) => {
      await db.run(`COPY (SELECT id, title FROM read_parquet($1)) TO '${join(dir, 'movies.parquet')}' (FORMAT parquet, COMPRESSION zstd)`, [
        join(sample.dir, 'movies.parquet')
      ]);
    });
    const e = await loadError(dir);
    expect(e.kind).toBe('schema');
    expect(e.message).toMatch(/^movies\.parquet lacks the columns original_title, release_date, .* that this site needs/);
  });

  it('an HTTP error other than 404 and a network failure', async () => {
    const f500 = (async () => new Response('boom', { status: 500, statusText: 'Internal Server Error' })) as typeof fetch;
    await expect(fetchArtifact('movies.parquet', '/d/movies.parquet', f500)).rejects.toThrow(
      'Could not download movies.parquet: /d/movies.parquet answered 500 Internal Server Error'
    );
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const e = await fetchArtifact('people.parquet', '/d/people.parquet', offline).catch((x) => x);
    expect(e).toMatchObject({ kind: 'network', file: 'people.parquet' });
    expect(describeLoadError(e)).toBe('Could not download people.parquet from /d/people.parquet: Failed to fetch');
  });

  it('checkParquetBytes explains short files', () => {
    expect(() => checkParquetBytes('x.parquet', new Uint8Array(3))).toThrow(/only 3 bytes/);
    expect(() => checkParquetBytes('x.parquet', new TextEncoder().encode('hello world, not parquet'))).toThrow(/does not start with the Parquet signature/);
  });
});

describe('openCatalogue with the Node engine', () => {
  it('reports progress from 0 to ready and returns bound queries', async () => {
    const events: LoadProgress[] = [];
    const asked: string[] = [];
    const serve = fetchFromDir(sample.dir);
    const cat = await openCatalogue({
      dataUrl,
      fetch: ((url: string) => {
        asked.push(url);
        return serve(url);
      }) as typeof fetch,
      engine: () => openNodeEngine(),
      onProgress: (p) => events.push(p)
    });
    try {
      expect(events[0].stage).toBe('engine');
      expect(events.at(-1)).toMatchObject({ stage: 'ready', fraction: 1 });
      const downloads = events.filter((e) => e.stage === 'download');
      expect(downloads.some((e) => e.file === 'movies.parquet')).toBe(true);
      const moviesBytes = readFileSync(join(sample.dir, 'movies.parquet')).length;
      expect(downloads.at(-1)!.fraction).toBe(1);
      expect(downloads.at(-1)!.loaded).toBe(moviesBytes + readFileSync(join(sample.dir, 'people.parquet')).length);
      expect(events.some((e) => e.stage === 'tables' && e.file === 'people.parquet')).toBe(true);
      expect(cat.report.counts.movies).toBe(214);
      expect(cat.report.bytes['movies.parquet']).toBe(moviesBytes);
      expect(cat.engine.version).toBe('v0.9.1');
      // The manifest lists no clusters artifacts, so they are not even requested (no 404s).
      expect(cat.report.manifest).toBe(true);
      expect(asked.sort()).toEqual(['manifest.json', 'movies.parquet', 'people.parquet'].map(dataUrl));
      expect(cat.report.absent).toEqual(['clusters.parquet', 'clusters_meta.parquet', 'layout.parquet']);
      expect((await cat.queries.movieList({ pageSize: 3 })).rows).toHaveLength(3);
    } finally {
      await cat.close();
    }
  });

  it('turns an engine that cannot start into a readable error', async () => {
    const err = await openCatalogue({
      dataUrl,
      fetch: fetchFromDir(sample.dir),
      engine: async () => {
        throw new Error('WebAssembly.instantiate(): out of memory\nstack…');
      }
    }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'engine', file: null });
    expect(describeLoadError(err)).toBe('The database engine could not start: WebAssembly.instantiate(): out of memory');
  });
});
