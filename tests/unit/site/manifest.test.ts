import { describe, expect, it } from 'vitest';
import { loadManifest, parseManifest } from '../../../src/lib/site/manifest';

const good = {
  schema_version: 1,
  built_at: '2026-11-22T02:00:00.000Z',
  sources: [{ file: 'a.csv', adapter: 'tmdb5000', rows: 3, kept: 2, rejected: 1 }],
  counts: { movies: 2, credits: 7 }
};

function fakeFetch(status: number, body: unknown): typeof fetch {
  return (async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;
}

describe('parseManifest', () => {
  it('keeps the fields the pages show', () => {
    const m = parseManifest(good);
    expect(m.counts.movies).toBe(2);
    expect(m.sources[0].adapter).toBe('tmdb5000');
  });
  it('rejects objects that are not manifests', () => {
    expect(() => parseManifest([])).toThrow(/schema_version/);
    expect(() => parseManifest({ schema_version: 1 })).toThrow(/counts.movies/);
    expect(() => parseManifest(null)).toThrow(/not a JSON object/);
  });
});

describe('loadManifest', () => {
  it('reports ready, missing, HTTP and parse errors as states instead of throwing', async () => {
    expect((await loadManifest('/m.json', fakeFetch(200, good))).status).toBe('ready');
    expect((await loadManifest('/m.json', fakeFetch(404, 'nope'))).status).toBe('missing');
    const http = await loadManifest('/m.json', fakeFetch(500, 'boom'));
    expect(http).toMatchObject({ status: 'error' });
    const corrupt = await loadManifest('/m.json', fakeFetch(200, '{not json'));
    expect(corrupt.status).toBe('error');
    const offline = await loadManifest('/m.json', (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    expect(offline).toMatchObject({ status: 'error', message: expect.stringMatching(/Failed to fetch/) });
  });
});
