/// <reference types="@sveltejs/kit" />
/// <reference lib="webworker" />
/**
 * Offline support. Install precaches the app shell; data, DuckDB's wasm and the search model
 * are cached as they are first used; routing.ts says which request gets which strategy and
 * cache, strategies.ts how each works. Registered by src/lib/offline/register.ts (not by
 * SvelteKit: see there), which also shows the update prompt when a new version waits.
 */
import { build, files, prerendered, version } from '$service-worker';
import { cacheNames, precacheList, refreshedHeavyAssets, routeRequest, staleCaches, type Route, type SiteScope } from '$lib/offline/routing';
import { cacheFirst, dataFile, navigate, networkElseAnyCache, networkFirst, pruneData, type Deps } from '$lib/offline/strategies';
import { CACHE_URLS, SKIP_WAITING } from '$lib/offline/update';

const sw = globalThis as unknown as ServiceWorkerGlobalScope;
const scopeUrl = new URL(sw.registration.scope);
const base = scopeUrl.pathname.replace(/\/$/, '');
const names = cacheNames(scopeUrl.pathname, version);
const precache = precacheList(base, build, files, prerendered);
const scope: SiteScope = { origin: scopeUrl.origin, base, shell: new Set(precache.shell) };

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // Pages and static files revalidate (the HTTP cache may hold the previous deployment's);
      // hashed assets may come from the HTTP cache, and those already cached are not fetched.
      const shell = await caches.open(names.shell);
      await shell.addAll(precache.shell.map((u) => new Request(u, { cache: 'no-cache' })));
      const assets = await caches.open(names.assets);
      const cached = (await assets.keys()).map((r) => new URL(r.url).pathname);
      const have = new Set(cached);
      await assets.addAll(precache.assets.filter((u) => !have.has(u)));
      // Not fatal: without it the new wasm is simply fetched on first use, as on a first visit.
      await Promise.all(refreshedHeavyAssets(build, cached).map((u) => assets.add(u).catch(() => undefined)));
    })()
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of staleCaches(await caches.keys(), scopeUrl.pathname, names)) await caches.delete(name);
      // Hashed files the new build no longer names (an old DuckDB wasm) are dead weight.
      const current = new Set(build);
      const assets = await caches.open(names.assets);
      for (const req of await assets.keys()) if (!current.has(new URL(req.url).pathname)) await assets.delete(req);
      await sw.clients.claim();
    })()
  );
});

sw.addEventListener('message', (event) => {
  const msg = event.data as { type?: string; urls?: unknown } | null;
  if (msg?.type === SKIP_WAITING) void sw.skipWaiting();
  else if (msg?.type === CACHE_URLS) event.waitUntil(cacheLoaded(msg.urls));
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  const route = routeRequest({ url: req.url, method: req.method, mode: req.mode, range: req.headers.has('range') }, scope);
  if (route.strategy === 'bypass') return;
  event.respondWith(answer(req, route, { caches, fetch: (r) => fetch(r), waitUntil: (p) => event.waitUntil(p) }));
});

function answer(req: Request, route: Route, deps: Deps): Promise<Response> {
  const cacheName = route.cache ? names[route.cache] : '';
  switch (route.strategy) {
    case 'navigate':
      return navigate(req, names.shell, { fallback: `${base}/404.html` }, deps);
    case 'cache-first':
      return cacheFirst(req, cacheName, deps);
    case 'data':
      return dataFile(req, cacheName, base, deps);
    case 'network-else-any-cache':
      return networkElseAnyCache(req, deps);
    default: {
      const res = networkFirst(req, cacheName, deps);
      if (new URL(req.url).pathname === `${base}/data/manifest.json`) {
        deps.waitUntil?.(res.then(async () => pruneData(await caches.open(names.data), base, scopeUrl.origin)).catch(() => undefined));
      }
      return res;
    }
  }
}

/**
 * Caches what the first page fetched before this worker controlled it, as if the requests had
 * passed through it: one at a time (DuckDB's wasm is 18 MB), each fully stored before the next.
 */
async function cacheLoaded(urls: unknown): Promise<void> {
  if (!Array.isArray(urls)) return;
  // The manifest first: data files are stored only when they match it.
  const isManifest = (u: unknown) => typeof u === 'string' && u.endsWith('/data/manifest.json');
  const ordered = [...urls.filter(isManifest), ...urls.filter((u) => !isManifest(u))];
  for (const url of ordered.slice(0, 500)) {
    if (typeof url !== 'string') continue;
    const route = routeRequest({ url, method: 'GET' }, scope);
    // Only what the worker stores; pages and model files are cached elsewhere.
    if (route.strategy === 'bypass' || route.strategy === 'navigate' || route.strategy === 'network-else-any-cache') continue;
    const pending: Promise<unknown>[] = [];
    try {
      const res = await answer(new Request(url), route, { caches, fetch: (r) => fetch(r), waitUntil: (p) => pending.push(p) });
      await res.body?.cancel();
      await Promise.all(pending);
    } catch {
      // offline again, or gone from the site: it will be cached when next used
    }
  }
}
