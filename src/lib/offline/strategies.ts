/**
 * The service worker's fetch strategies, over an injected CacheStorage and fetch so they run
 * in Node tests with fakes. Which one a request gets is decided in routing.ts.
 */
import { dataFileName } from './routing';

export interface Deps {
  caches: CacheStorage;
  fetch: typeof fetch;
  /** Work that may finish after the response is returned (FetchEvent.waitUntil). */
  waitUntil?: (p: Promise<unknown>) => void;
}

/** Header on cached data files: the sha256 of the body, checked against manifest.json. */
export const SHA_HEADER = 'x-cineatlas-sha256';

const later = (deps: Deps, p: Promise<unknown>) => {
  const quiet = p.catch(() => undefined); // a full or refused cache never breaks the answer
  if (deps.waitUntil) deps.waitUntil(quiet);
};

/** Hashed URLs never change: the cache answers, the network fills it once. */
export async function cacheFirst(req: Request, cacheName: string, deps: Deps): Promise<Response> {
  const cache = await deps.caches.open(cacheName);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await deps.fetch(req);
  if (res.ok) later(deps, cache.put(req, res.clone()));
  return res;
}

/**
 * Fresh when online, the last good copy offline. The copy is stored before the response is
 * returned, so the next request (a data file checked against this manifest) already sees it.
 * Only a failed fetch falls back: a 404 from the server is an answer, not an outage.
 */
export async function networkFirst(req: Request, cacheName: string, deps: Deps): Promise<Response> {
  const cache = await deps.caches.open(cacheName).catch(() => null);
  let res: Response;
  try {
    res = await deps.fetch(req);
  } catch (e) {
    const hit = await cache?.match(req);
    if (hit) return hit;
    throw e;
  }
  if (res.ok && cache) await cache.put(req, res.clone()).catch(() => undefined);
  return res;
}

/**
 * Model and ONNX Runtime files: the model worker keeps them in its own versioned cache
 * (src/lib/model/worker.ts), so storing them here too would hold ~30–120 MB twice. Online the
 * network answers (the worker only asks for what it lacks); offline any cache that has the URL
 * does — which is how ORT's dynamic import of its .mjs loader still works without network.
 */
export async function networkElseAnyCache(req: Request, deps: Deps): Promise<Response> {
  try {
    return await deps.fetch(req);
  } catch (e) {
    const hit = await deps.caches.match(req);
    if (hit) return hit;
    throw e;
  }
}

/** sha256 of each artifact as the last manifest.json this worker stored lists it. */
export async function manifestShas(cache: Cache, manifestUrl: string): Promise<Map<string, string>> {
  const res = await cache.match(manifestUrl);
  const shas = new Map<string, string>();
  if (!res) return shas;
  try {
    const m = (await res.json()) as { artifacts?: { name?: unknown; sha256?: unknown }[] };
    for (const a of m.artifacts ?? []) if (typeof a?.name === 'string' && typeof a.sha256 === 'string') shas.set(a.name, a.sha256);
  } catch {
    // not JSON: treat as no manifest
  }
  return shas;
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Data artifacts (Parquet, vectors) keep their names from one data build to the next, so
 * neither "cache-first" (a new build would never be seen) nor "network-first" (every visit
 * downloads the catalogue again, and offline is the only time the cache helps) fits. Instead
 * the cached copy is used while its sha256 equals the one in the latest manifest.json (which is
 * network-first, and stored before it is returned): a new data build changes the sha, so the
 * next request downloads the new file. A download is stored only when it matches the manifest,
 * so a half-deployed site is never kept. Files the manifest does not list: network-first.
 */
export async function dataFile(req: Request, cacheName: string, base: string, deps: Deps): Promise<Response> {
  const name = dataFileName(req.url, base);
  const cache = await deps.caches.open(cacheName).catch(() => null);
  if (!cache || !name) return deps.fetch(req);
  // The page and the vectors worker may ask for the same file at once: the second waits until
  // the first download is stored, then reads it from the cache instead of downloading it again.
  const release = await lock(req.url);
  let storing: Promise<void> | null = null;
  try {
    const expected = (await manifestShas(cache, new URL(`${base}/data/manifest.json`, req.url).href)).get(name);
    if (!expected) return await networkFirst(req, cacheName, deps);
    const hit = await cache.match(req);
    if (hit?.headers.get(SHA_HEADER) === expected) return hit;
    const res = await deps.fetch(req);
    if (res.ok) later(deps, (storing = storeIfMatches(cache, req, res.clone(), expected).finally(release)));
    return res;
  } finally {
    if (!storing) release();
  }
}

const locks = new Map<string, Promise<void>>();

/** Waits for earlier holders of `key`; resolves with this holder's release function. */
function lock(key: string): Promise<() => void> {
  const prev = locks.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = prev.then(() => mine);
  locks.set(key, tail);
  void tail.then(() => {
    if (locks.get(key) === tail) locks.delete(key);
  });
  return prev.then(() => release);
}

async function storeIfMatches(cache: Cache, req: Request, res: Response, expected: string): Promise<void> {
  const body = await res.arrayBuffer();
  if ((await sha256Hex(body)) !== expected) return;
  const headers = new Headers(res.headers);
  headers.set(SHA_HEADER, expected);
  headers.delete('content-encoding'); // the stored body is already decoded
  headers.set('content-length', String(body.byteLength));
  await cache.put(req, new Response(body, { status: res.status, statusText: res.statusText, headers }));
}

/** Drops cached data files that the manifest just stored no longer lists (a smaller new build). */
export async function pruneData(cache: Cache, base: string, origin: string): Promise<void> {
  const shas = await manifestShas(cache, `${origin}${base}/data/manifest.json`);
  if (!shas.size) return;
  for (const req of await cache.keys()) {
    const name = dataFileName(req.url, base);
    if (name && /\.(parquet|bin)$/.test(name) && !shas.has(name)) await cache.delete(req);
  }
}

export interface NavigateOptions {
  /** Absolute path of the SPA shell for routes that were not prerendered ("<base>/404.html"). */
  fallback: string;
  /** Past this, a hanging network ("lie-fi") gives way to the cached page (ms). */
  timeoutMs?: number;
}

/**
 * Page navigations: the network first (a deployment is seen at once), then this version's
 * precached page (query strings ignored: `/?q=…` is the home page), then the 404.html shell,
 * which boots the client router for routes that were not prerendered. Navigations are not
 * stored: a page from a newer deployment would name chunks this version never cached.
 */
export async function navigate(req: Request, cacheName: string, o: NavigateOptions, deps: Deps): Promise<Response> {
  const cache = await deps.caches.open(cacheName).catch(() => null);
  const cached = async () => {
    if (!cache) return undefined;
    const url = new URL(req.url);
    return (
      (await cache.match(url.href, { ignoreSearch: true })) ??
      (url.pathname.endsWith('/') ? undefined : await cache.match(`${url.origin}${url.pathname}/`)) ??
      (await cache.match(`${url.origin}${o.fallback}`))
    );
  };
  const network = deps.fetch(req);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), o.timeoutMs ?? 4000)));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== 'timeout') return first;
    const hit = await cached();
    return hit ?? (await network);
  } catch (e) {
    const hit = await cached();
    if (hit) return hit;
    throw e;
  } finally {
    clearTimeout(timer);
    network.catch(() => undefined);
  }
}
