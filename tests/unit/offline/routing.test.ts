import { describe, expect, it } from 'vitest';
import { cacheNames, dataFileName, precacheList, refreshedHeavyAssets, routeRequest, staleCaches, type SiteScope } from '../../../src/lib/offline/routing';

const O = 'https://user.github.io';
const scope: SiteScope = { origin: O, base: '/cineatlas', shell: new Set(['/cineatlas/', '/cineatlas/explore/', '/cineatlas/404.html', '/cineatlas/favicon.svg']) };
const get = (path: string, mode = 'cors', extra: { method?: string; range?: boolean; origin?: string } = {}) =>
  routeRequest({ url: `${extra.origin ?? O}${path}`, method: extra.method ?? 'GET', mode, range: extra.range }, scope);

describe('routeRequest: which strategy and cache each request gets', () => {
  it('navigations are network-first with the shell as fallback, whatever the path', () => {
    for (const p of ['/cineatlas/', '/cineatlas/?q=heist', '/cineatlas/movie/42/', '/cineatlas/not-prerendered/']) {
      expect(get(p, 'navigate')).toEqual({ strategy: 'navigate', cache: 'shell' });
    }
  });

  it('precached pages and static files come from the versioned shell', () => {
    expect(get('/cineatlas/favicon.svg', 'no-cors')).toEqual({ strategy: 'cache-first', cache: 'shell' });
    expect(get('/cineatlas/explore/')).toEqual({ strategy: 'cache-first', cache: 'shell' });
  });

  it('hashed build files, DuckDB wasm included, are cache-first in the assets cache', () => {
    for (const p of ['/cineatlas/_app/immutable/chunks/abc.js', '/cineatlas/_app/immutable/assets/duckdb-eh.Bbw6HAmJ.wasm', '/cineatlas/_app/immutable/workers/worker-x.js']) {
      expect(get(p)).toEqual({ strategy: 'cache-first', cache: 'assets' });
    }
  });

  it('data files are checked against the manifest; JSON in data/ is network-first', () => {
    expect(get('/cineatlas/data/movies.parquet')).toEqual({ strategy: 'data', cache: 'data' });
    expect(get('/cineatlas/data/embeddings.i8.bin')).toEqual({ strategy: 'data', cache: 'data' });
    expect(get('/cineatlas/data/manifest.json')).toEqual({ strategy: 'network-first', cache: 'data' });
    expect(get('/cineatlas/data/models.json')).toEqual({ strategy: 'network-first', cache: 'data' });
  });

  it('model and ONNX Runtime files are never stored by the worker (the model worker caches them)', () => {
    expect(get('/cineatlas/model/Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx')).toEqual({ strategy: 'network-else-any-cache', cache: null });
    expect(get('/cineatlas/model/Xenova/all-MiniLM-L6-v2/files.json')).toEqual({ strategy: 'network-else-any-cache', cache: null });
    expect(get('/cineatlas/ort/ort-wasm-simd-threaded.asyncify.mjs')).toEqual({ strategy: 'network-else-any-cache', cache: null });
  });

  it('other GETs under the base are network-first into the shell cache', () => {
    expect(get('/cineatlas/robots.txt')).toEqual({ strategy: 'network-first', cache: 'shell' });
  });

  it('leaves alone what it must not answer', () => {
    const bypass = { strategy: 'bypass', cache: null };
    expect(get('/cineatlas/_app/version.json')).toEqual(bypass); // SvelteKit's deployment probe
    expect(get('/cineatlas/service-worker.js')).toEqual(bypass);
    expect(get('/other-project/', 'navigate')).toEqual(bypass); // another site on the same origin
    expect(get('/cineatlas', 'navigate')).toEqual(bypass); // outside the scope "/cineatlas/"
    expect(get('/cineatlas/data/movies.parquet', 'cors', { origin: 'https://cdn.example' })).toEqual(bypass);
    expect(get('/cineatlas/data/manifest.json', 'cors', { method: 'POST' })).toEqual(bypass);
    expect(get('/cineatlas/data/movies.parquet', 'cors', { range: true })).toEqual(bypass);
    expect(routeRequest({ url: 'not a url', method: 'GET' }, scope)).toEqual(bypass);
  });

  it('works at the domain root', () => {
    const root: SiteScope = { origin: O, base: '', shell: new Set(['/']) };
    expect(routeRequest({ url: `${O}/data/movies.parquet`, method: 'GET' }, root)).toEqual({ strategy: 'data', cache: 'data' });
    expect(routeRequest({ url: `${O}/`, method: 'GET' }, root)).toEqual({ strategy: 'cache-first', cache: 'shell' });
  });
});

describe('precacheList', () => {
  const build = ['/cineatlas/_app/immutable/entry/start.js', '/cineatlas/_app/immutable/assets/duckdb-eh.X.wasm', '/cineatlas/_app/immutable/assets/0.css'];
  const files = [
    '/cineatlas/favicon.svg', '/cineatlas/data/manifest.json', '/cineatlas/data/movies.parquet',
    '/cineatlas/model/Xenova/all-MiniLM-L6-v2/onnx/model.onnx', '/cineatlas/model/Xenova/all-MiniLM-L6-v2/config.json',
    '/cineatlas/ort/ort-wasm-simd-threaded.asyncify.mjs', '/cineatlas/ort/ort-wasm-simd-threaded.asyncify.wasm'
  ];
  const list = precacheList('/cineatlas', build, files, ['/cineatlas/', '/cineatlas/explore/']);

  it('keeps the app shell: build files but the wasm, pages, the 404 shell, small static files', () => {
    expect(list.assets).toEqual(['/cineatlas/_app/immutable/entry/start.js', '/cineatlas/_app/immutable/assets/0.css']);
    expect(list.shell).toEqual(['/cineatlas/', '/cineatlas/explore/', '/cineatlas/404.html', '/cineatlas/favicon.svg']);
  });
});

describe('refreshedHeavyAssets (update install)', () => {
  const A = '/cineatlas/_app/immutable/assets/';
  const build = [`${A}duckdb-eh.NEW.wasm`, `${A}duckdb-mvp.NEW.wasm`, `${A}0.css`];

  it('fetches the new build of a wasm this browser already used, not the unused one', () => {
    expect(refreshedHeavyAssets(build, [`${A}duckdb-eh.OLD.wasm`, `${A}0.css`])).toEqual([`${A}duckdb-eh.NEW.wasm`]);
  });

  it('nothing when the wasm did not change or was never used', () => {
    expect(refreshedHeavyAssets(build, [`${A}duckdb-eh.NEW.wasm`])).toEqual([]);
    expect(refreshedHeavyAssets(build, [`${A}0.css`])).toEqual([]);
  });
});

describe('cache names', () => {
  const names = cacheNames('/cineatlas/', '1700000000000');

  it('carry the scope, and the build version for the shell', () => {
    expect(names.shell).toBe('cineatlas-sw:/cineatlas/:shell:1700000000000');
    expect(names.assets).toBe('cineatlas-sw:/cineatlas/:assets:v1');
    expect(names.data).toBe('cineatlas-sw:/cineatlas/:data:v1');
  });

  it('activate drops only this scope\'s caches of other versions', () => {
    const keys = [
      names.shell, names.assets, names.data,
      'cineatlas-sw:/cineatlas/:shell:1600000000000', // previous deployment
      'cineatlas-sw:/cineatlas/:data:v0', // older cache format
      'cineatlas-sw:/other/:shell:1', // another site on the origin
      'cineatlas-model:Xenova/all-MiniLM-L6-v2:abc123' // the model worker's own cache
    ];
    expect(staleCaches(keys, '/cineatlas/', names)).toEqual(['cineatlas-sw:/cineatlas/:shell:1600000000000', 'cineatlas-sw:/cineatlas/:data:v0']);
  });
});

describe('dataFileName', () => {
  it('names files directly in <base>/data/ only', () => {
    expect(dataFileName(`${O}/cineatlas/data/movies.parquet?x=1`, '/cineatlas')).toBe('movies.parquet');
    expect(dataFileName(`${O}/cineatlas/data/sub/movies.parquet`, '/cineatlas')).toBeNull();
    expect(dataFileName(`${O}/cineatlas/model/a.bin`, '/cineatlas')).toBeNull();
  });
});
