import { describe, expect, it } from 'vitest';
import { cacheFirst, dataFile, navigate, networkElseAnyCache, networkFirst, pruneData, SHA_HEADER, type Deps } from '../../../src/lib/offline/strategies';
import { FakeCacheStorage, FakeNetwork, sha256 } from './fakes';

const O = 'https://user.github.io';
const B = '/cineatlas';
const url = (p: string) => `${O}${B}${p}`;
const MANIFEST = url('/data/manifest.json');
const MOVIES = url('/data/movies.parquet');

function setup(site: Record<string, string | number> = {}) {
  const caches = new FakeCacheStorage();
  const net = new FakeNetwork(site);
  const pending: Promise<unknown>[] = [];
  const deps: Deps = { caches: caches.asCacheStorage(), fetch: net.fetch, waitUntil: (p) => pending.push(p) };
  /** Lets the work handed to waitUntil (cache writes) finish. */
  const settle = async () => {
    while (pending.length) await pending.shift();
  };
  return { caches, net, deps, settle };
}

const manifest = async (files: Record<string, string>) =>
  JSON.stringify({ artifacts: await Promise.all(Object.entries(files).map(async ([name, body]) => ({ name, bytes: body.length, sha256: await sha256(body) }))) });

describe('cacheFirst (hashed assets)', () => {
  it('downloads once, then answers from the cache even offline', async () => {
    const { net, deps, settle } = setup({ [url('/_app/immutable/a.js')]: 'A' });
    expect(await (await cacheFirst(new Request(url('/_app/immutable/a.js')), 'assets', deps)).text()).toBe('A');
    await settle();
    net.offline = true;
    expect(await (await cacheFirst(new Request(url('/_app/immutable/a.js')), 'assets', deps)).text()).toBe('A');
    expect(net.count(url('/_app/immutable/a.js'))).toBe(1);
  });

  it('does not keep errors', async () => {
    const { caches, deps, settle } = setup();
    expect((await cacheFirst(new Request(url('/_app/immutable/gone.js')), 'assets', deps)).status).toBe(404);
    await settle();
    expect((await caches.open('assets')).entries.size).toBe(0);
  });
});

describe('networkFirst (manifest.json, models.json)', () => {
  it('answers from the network and stores the copy before returning; offline the copy answers', async () => {
    const { caches, net, deps } = setup({ [MANIFEST]: '{"v":1}' });
    expect(await (await networkFirst(new Request(MANIFEST), 'data', deps)).text()).toBe('{"v":1}');
    expect((await caches.open('data')).entries.has(MANIFEST)).toBe(true); // no settle(): stored already
    net.site[MANIFEST] = '{"v":2}';
    expect(await (await networkFirst(new Request(MANIFEST), 'data', deps)).text()).toBe('{"v":2}');
    net.offline = true;
    expect(await (await networkFirst(new Request(MANIFEST), 'data', deps)).text()).toBe('{"v":2}');
  });

  it('passes a 404 through (an answer, not an outage) and fails offline without a copy', async () => {
    const { net, deps } = setup();
    expect((await networkFirst(new Request(MANIFEST), 'data', deps)).status).toBe(404);
    net.offline = true;
    await expect(networkFirst(new Request(MANIFEST), 'data', deps)).rejects.toThrow(/Failed to fetch/);
  });
});

describe('dataFile (Parquet and vectors, keyed by the manifest sha256)', () => {
  it('keeps a file while the manifest lists its sha, and downloads a new data build once', async () => {
    const { caches, net, deps, settle } = setup({ [MOVIES]: 'build-1', [MANIFEST]: await manifest({ 'movies.parquet': 'build-1' }) });
    await networkFirst(new Request(MANIFEST), 'data', deps);
    expect(await (await dataFile(new Request(MOVIES), 'data', B, deps)).text()).toBe('build-1');
    await settle();
    const stored = await (await caches.open('data')).match(MOVIES);
    expect(stored?.headers.get(SHA_HEADER)).toBe(await sha256('build-1'));
    expect(await (await dataFile(new Request(MOVIES), 'data', B, deps)).text()).toBe('build-1');
    expect(net.count(MOVIES)).toBe(1);

    // A new data build is deployed: the manifest (network-first) changes the expected sha.
    net.site[MOVIES] = 'build-2';
    net.site[MANIFEST] = await manifest({ 'movies.parquet': 'build-2' });
    await networkFirst(new Request(MANIFEST), 'data', deps);
    expect(await (await dataFile(new Request(MOVIES), 'data', B, deps)).text()).toBe('build-2');
    await settle();
    expect(net.count(MOVIES)).toBe(2);

    net.offline = true;
    await networkFirst(new Request(MANIFEST), 'data', deps);
    expect(await (await dataFile(new Request(MOVIES), 'data', B, deps)).text()).toBe('build-2');
  });

  it('never stores a download that does not match the manifest (half-deployed site)', async () => {
    const { caches, net, deps, settle } = setup({ [MOVIES]: 'other bytes', [MANIFEST]: await manifest({ 'movies.parquet': 'build-1' }) });
    await networkFirst(new Request(MANIFEST), 'data', deps);
    expect(await (await dataFile(new Request(MOVIES), 'data', B, deps)).text()).toBe('other bytes');
    await settle();
    expect(await (await caches.open('data')).match(MOVIES)).toBeUndefined();
    await dataFile(new Request(MOVIES), 'data', B, deps);
    expect(net.count(MOVIES)).toBe(2);
  });

  it('downloads once when the page and a worker ask at the same time', async () => {
    const { net, deps, settle } = setup({ [MOVIES]: 'build-1', [MANIFEST]: await manifest({ 'movies.parquet': 'build-1' }) });
    await networkFirst(new Request(MANIFEST), 'data', deps);
    net.delayMs = 20;
    const both = await Promise.all([dataFile(new Request(MOVIES), 'data', B, deps), dataFile(new Request(MOVIES), 'data', B, deps)]);
    expect(await Promise.all(both.map((r) => r.text()))).toEqual(['build-1', 'build-1']);
    await settle();
    expect(net.count(MOVIES)).toBe(1);
  });

  it('treats files the manifest does not list as network-first', async () => {
    const { net, deps } = setup({ [MOVIES]: 'x', [MANIFEST]: await manifest({}) });
    await networkFirst(new Request(MANIFEST), 'data', deps);
    await dataFile(new Request(MOVIES), 'data', B, deps);
    await dataFile(new Request(MOVIES), 'data', B, deps);
    expect(net.count(MOVIES)).toBe(2);
    net.offline = true;
    expect(await (await dataFile(new Request(MOVIES), 'data', B, deps)).text()).toBe('x');
  });

  it('pruneData drops files a new manifest no longer lists', async () => {
    const { caches, deps, settle } = setup({
      [MOVIES]: 'm', [url('/data/layout.parquet')]: 'l', [MANIFEST]: await manifest({ 'movies.parquet': 'm', 'layout.parquet': 'l' })
    });
    await networkFirst(new Request(MANIFEST), 'data', deps);
    await dataFile(new Request(MOVIES), 'data', B, deps);
    await dataFile(new Request(url('/data/layout.parquet')), 'data', B, deps);
    await settle();
    const cache = await caches.open('data');
    await cache.put(MANIFEST, new Response(await manifest({ 'movies.parquet': 'm' })));
    await pruneData(cache as unknown as Cache, B, O);
    expect([...cache.entries.keys()].sort()).toEqual([MANIFEST, MOVIES]);
  });
});

describe('networkElseAnyCache (model and ORT files)', () => {
  it('reads the model worker\'s own cache offline, and stores nothing itself', async () => {
    const ort = url('/ort/ort-wasm-simd-threaded.asyncify.mjs');
    const { caches, net, deps } = setup({ [ort]: 'online' });
    expect(await (await networkElseAnyCache(new Request(ort), deps)).text()).toBe('online');
    expect(caches.stores.size).toBe(0);
    await (await caches.open('cineatlas-model:Xenova/all-MiniLM-L6-v2:abc')).put(ort, new Response('cached by the model worker'));
    net.offline = true;
    expect(await (await networkElseAnyCache(new Request(ort), deps)).text()).toBe('cached by the model worker');
    await expect(networkElseAnyCache(new Request(url('/ort/other.wasm')), deps)).rejects.toThrow();
  });
});

describe('navigate', () => {
  async function withShell() {
    const s = setup({ [url('/')]: 'home online' });
    const shell = await s.caches.open('shell');
    await shell.put(url('/'), new Response('home cached'));
    await shell.put(url('/explore/'), new Response('explore cached'));
    await shell.put(url('/404.html'), new Response('spa shell'));
    return s;
  }
  const go = (deps: Deps, path: string, timeoutMs?: number) => navigate(new Request(url(path)), 'shell', { fallback: `${B}/404.html`, timeoutMs }, deps);

  it('prefers the network online', async () => {
    const { deps } = await withShell();
    expect(await (await go(deps, '/')).text()).toBe('home online');
  });

  it('offline: the cached page (query ignored), the page with its slash, else the 404.html shell', async () => {
    const { net, deps } = await withShell();
    net.offline = true;
    expect(await (await go(deps, '/?q=heist')).text()).toBe('home cached');
    expect(await (await go(deps, '/explore')).text()).toBe('explore cached');
    expect(await (await go(deps, '/movie/42/')).text()).toBe('spa shell');
  });

  it('gives up on a hanging network for the cached page', async () => {
    const { net, deps } = await withShell();
    net.delayMs = 500;
    expect(await (await go(deps, '/', 30)).text()).toBe('home cached');
  });

  it('fails like the network when nothing is cached', async () => {
    const { net, deps } = setup();
    net.offline = true;
    await expect(go(deps, '/')).rejects.toThrow(/Failed to fetch/);
  });
});
