/**
 * Which cache and strategy the service worker uses for a request: pure functions of the URL,
 * so the decisions are unit-tested (tests/unit/offline/routing.test.ts) apart from the worker.
 *
 * | request                                  | strategy         | cache              |
 * | ---------------------------------------- | ---------------- | ------------------ |
 * | page navigation                          | navigate         | shell (read only)  |
 * | precached page / static file             | cache-first      | shell:<version>    |
 * | <base>/_app/immutable/** (JS, CSS, wasm) | cache-first      | assets:v1          |
 * | <base>/data/*.parquet, *.bin             | data (sha256)    | data:v1            |
 * | <base>/data/*.json (manifest, models)    | network-first    | data:v1            |
 * | <base>/model/**, <base>/ort/**           | network, else any cache (the model worker's) | none |
 * | other GET under <base>/                  | network-first    | shell:<version>    |
 * | anything else                            | not intercepted  | —                  |
 */

export type Strategy = 'navigate' | 'cache-first' | 'data' | 'network-first' | 'network-else-any-cache' | 'bypass';
export type CacheKind = 'shell' | 'assets' | 'data';

export interface Route {
  strategy: Strategy;
  /** The SW's own cache it reads and fills; null when it stores nothing. */
  cache: CacheKind | null;
}

export interface RequestFacts {
  url: string;
  method: string;
  mode?: RequestMode | string;
  /** Range requests get 206 answers, which the Cache API cannot store. */
  range?: boolean;
}

export interface SiteScope {
  origin: string;
  /** The site's base path without a trailing slash: "" or "/cineatlas". */
  base: string;
  /** Absolute paths precached into the shell cache (pages, 404.html, small static files). */
  shell: ReadonlySet<string>;
}

/**
 * Bump when what a runtime cache holds changes shape (e.g. the sha256 header of data entries):
 * the activate step then drops the old caches.
 */
export const CACHE_FORMAT = 'v1';
const PREFIX = 'cineatlas-sw';

/**
 * Cache names, prefixed with the scope because sites on one GitHub Pages origin
 * (user.github.io/a/, /b/) share one CacheStorage. Only the shell carries the build version:
 * its pages name that build's chunks. Immutable assets (hashed URLs) and data (checked against
 * manifest.json's sha256) are valid whatever the app version, so an update does not download
 * DuckDB's wasm or the catalogue again; activate prunes assets the new build no longer lists.
 */
export function cacheNames(scope: string, version: string): Record<CacheKind, string> {
  const p = `${PREFIX}:${scope}:`;
  return { shell: `${p}shell:${version}`, assets: `${p}assets:${CACHE_FORMAT}`, data: `${p}data:${CACHE_FORMAT}` };
}

/** Caches this scope's worker created that the current one does not use (never the model worker's). */
export function staleCaches(keys: readonly string[], scope: string, current: Record<CacheKind, string>): string[] {
  const keep = new Set(Object.values(current));
  return keys.filter((k) => k.startsWith(`${PREFIX}:${scope}:`) && !keep.has(k));
}

/** Files too big to download before they are needed, or that another cache already keeps. */
const NOT_PRECACHED = /\.(wasm|onnx|parquet|bin)$/;

export interface Precache {
  /** Hashed build files (JS, CSS, worker scripts), into the assets cache. */
  assets: string[];
  /** Prerendered pages, the 404.html shell, small static files, into the versioned shell cache. */
  shell: string[];
}

/**
 * What install downloads: the app shell, i.e. everything but the DuckDB/ORT wasm, the model
 * and the data, which are cached when first used (most visitors never need the 30 MB model).
 */
export function precacheList(base: string, build: readonly string[], files: readonly string[], prerendered: readonly string[]): Precache {
  const heavyDir = [`${base}/data/`, `${base}/model/`, `${base}/ort/`];
  const staticFiles = files.filter((f) => !NOT_PRECACHED.test(f) && !heavyDir.some((d) => f.startsWith(d)));
  return {
    assets: build.filter((f) => !NOT_PRECACHED.test(f)),
    shell: [...new Set([...prerendered, `${base}/404.html`, ...staticFiles])]
  };
}

/**
 * On an update, the wasm files this browser already uses whose build changed name (a new
 * DuckDB-WASM): install fetches the new ones, so the site still runs offline right after the
 * update instead of only after the next online use. Unused ones stay lazy.
 */
export function refreshedHeavyAssets(build: readonly string[], cachedPaths: readonly string[]): string[] {
  const stem = (p: string) => p.replace(/\/[^/]*$/, '/') + (p.split('/').pop() ?? '').split('.')[0];
  const used = new Set(cachedPaths.filter((p) => NOT_PRECACHED.test(p)).map(stem));
  const cached = new Set(cachedPaths);
  return build.filter((p) => NOT_PRECACHED.test(p) && !cached.has(p) && used.has(stem(p)));
}

export function routeRequest(req: RequestFacts, scope: SiteScope): Route {
  const bypass: Route = { strategy: 'bypass', cache: null };
  if (req.method !== 'GET' || req.range) return bypass;
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return bypass;
  }
  const root = `${scope.base}/`;
  if (url.origin !== scope.origin || !url.pathname.startsWith(root)) return bypass;
  const rel = url.pathname.slice(root.length);
  if (req.mode === 'navigate') return { strategy: 'navigate', cache: 'shell' };
  if (scope.shell.has(url.pathname)) return { strategy: 'cache-first', cache: 'shell' };
  if (rel.startsWith('_app/immutable/')) return { strategy: 'cache-first', cache: 'assets' };
  // SvelteKit's own "is there a new deployment?" probe must see the network.
  if (rel === '_app/version.json' || rel === 'service-worker.js') return bypass;
  if (rel.startsWith('data/')) {
    return /\.(parquet|bin)$/.test(rel) ? { strategy: 'data', cache: 'data' } : { strategy: 'network-first', cache: 'data' };
  }
  if (rel.startsWith('model/') || rel.startsWith('ort/')) return { strategy: 'network-else-any-cache', cache: null };
  return { strategy: 'network-first', cache: 'shell' };
}

/** The artifact name of a data URL ("movies.parquet"), or null outside `<base>/data/`. */
export function dataFileName(url: string, base: string): string | null {
  const path = new URL(url).pathname;
  const dir = `${base}/data/`;
  return path.startsWith(dir) && !path.slice(dir.length).includes('/') ? path.slice(dir.length) : null;
}
