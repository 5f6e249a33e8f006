/**
 * Registers src/service-worker.ts (built to `<base>/service-worker.js`) by hand rather than
 * through SvelteKit's automatic registration (kit.serviceWorker.register is false), so that
 * (1) a browser without service workers, or one that refuses them (private modes, partitioned
 * third-party iframes, blocked storage), is simply left without offline support — one console
 * line, never an error on the page — and (2) the update prompt can hook the registration.
 */
import { applyUpdate, CACHE_URLS, watchForUpdate } from './update';

export interface RegisterOptions {
  /** The site's base path as $app/paths gives it ("", "/cineatlas", or relative "." / ".."). */
  base: string;
  /** `vite dev` serves the worker as an ES module (SvelteKit's own registration does the same). */
  module?: boolean;
  /** Called once when a new version waits; `apply` activates it and reloads the page. */
  onUpdate: (apply: () => void) => void;
  /** Test seams. */
  container?: ServiceWorkerContainer;
  reload?: () => void;
  loadedUrls?: () => string[];
}

/** Same-origin resources this page has fetched so far (resource timing). */
function loadedUrls(): string[] {
  try {
    return performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.startsWith(`${location.origin}/`));
  } catch {
    return [];
  }
}

/** The browser checks for a new worker on full navigations only; the site is a single page app. */
const UPDATE_CHECK_EVERY_MS = 60 * 60 * 1000;

let warned = false;
function warnOnce(message: string, e?: unknown): void {
  if (warned) return;
  warned = true;
  console.info(`[offline] ${message}${e ? `: ${(e as Error)?.message ?? String(e)}` : ''}`);
}

/** Resolves with a stop function, or null when there is no service worker (nothing to stop). */
export async function registerServiceWorker(o: RegisterOptions): Promise<(() => void) | null> {
  let container: ServiceWorkerContainer | undefined;
  try {
    // Reading navigator.serviceWorker itself throws in some sandboxed/opaque-origin frames.
    container = o.container ?? globalThis.navigator?.serviceWorker;
  } catch (e) {
    warnOnce('service workers are not available here; the site works online only', e);
    return null;
  }
  if (!container) {
    warnOnce('service workers are not available here; the site works online only');
    return null;
  }
  const sw = container;
  const firstVisit = !sw.controller;
  const root = new URL(`${o.base}/`, location.href);
  let reg: ServiceWorkerRegistration | undefined;
  try {
    reg = await sw.register(new URL('service-worker.js', root).href, { scope: root.pathname, type: o.module ? 'module' : 'classic' });
  } catch (e) {
    warnOnce('the offline service worker could not be registered; the site works online only', e);
    return null;
  }
  // Automation that blocks service workers (Playwright's serviceWorkers: 'block') resolves with nothing.
  if (!reg) {
    warnOnce('the offline service worker was not registered; the site works online only');
    return null;
  }
  const registration = reg;
  if (firstVisit) {
    // What this page downloaded before the new worker took control (DuckDB's wasm, the
    // catalogue) went past it. Once it controls the page, it is told to cache those too (from
    // the HTTP cache where the host allows, so usually without a second download).
    const send = () => sw.controller?.postMessage({ type: CACHE_URLS, urls: (o.loadedUrls ?? loadedUrls)() });
    if (sw.controller) send();
    else sw.addEventListener('controllerchange', send, { once: true });
  }
  const reload = o.reload ?? (() => location.reload());
  const stopWatch = watchForUpdate(registration, sw, () => o.onUpdate(() => applyUpdate(registration, sw, reload)));

  let lastCheck = Date.now();
  const onVisible = () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastCheck < UPDATE_CHECK_EVERY_MS) return;
    lastCheck = Date.now();
    registration.update().catch(() => undefined); // offline: try again next time
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    stopWatch();
    document.removeEventListener('visibilitychange', onVisible);
  };
}
