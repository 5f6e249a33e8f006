import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './browser';
import { E2E_BASE, sharedSite } from './site-build';
import { serveStatic, type StaticServer } from './static-server';

if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

/**
 * The vector worker in Chromium on the built static site under /cineatlas (no COOP/COEP):
 * the /dev/vectors/ diagnostics page starts worker.ts, which downloads embeddings.i8.bin
 * from the site, builds the HNSW index (hnswlib-wasm, its wasm inlined in the worker
 * script), stores it in IndexedDB, and answers like exact search. A reload restores the
 * index from IndexedDB without downloading the vectors. Every request stays on the origin.
 */
describe.skipIf(!hasChromium)('vector search worker in Chromium', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    const { siteDir, dataDir } = await sharedSite();
    server = await serveStatic(siteDir, E2E_BASE, dataDir);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  interface Visit {
    ctx: BrowserContext;
    page: Page;
    requests: string[];
    foreign: string[];
  }

  async function context(): Promise<Visit> {
    const origin = new URL(server.url).origin;
    const ctx = await browser.newContext();
    const v: Visit = { ctx, page: await ctx.newPage(), requests: [], foreign: [] };
    await ctx.route(
      (url) => url.origin !== origin,
      (route) => {
        v.foreign.push(route.request().url());
        return route.abort('blockedbyclient');
      }
    );
    ctx.on('request', (r) => v.requests.push(r.url()));
    return v;
  }

  const text = (page: Page, id: string) => page.getByTestId(id).textContent({ timeout: 1000 }).catch(() => null);
  const settle = (page: Page) => expect.poll(() => text(page, 'vec-settled'), { timeout: 60_000 }).toBe('settled');

  it('builds the index from the site’s vectors, stores it, answers like exact search; a reload restores it without a download', async () => {
    const v = await context();
    const { page } = v;
    await page.goto(`${server.url}dev/vectors/?check=1`);
    await settle(page);
    expect(await text(page, 'vec-mode')).toBe('hnsw');
    expect(await text(page, 'vec-source')).toBe('built');
    expect(await text(page, 'vec-count')).toBe('214');
    expect(await text(page, 'vec-persisted')).toBe('yes');
    await expect.poll(() => text(page, 'vec-recall'), { timeout: 30_000 }).not.toBeNull();
    expect(Number(await text(page, 'vec-recall'))).toBeGreaterThanOrEqual(0.98);

    const base = `${new URL(server.url).origin}${E2E_BASE}/`;
    const compact = `${base}data/embeddings.i8.bin`;
    expect(v.foreign).toEqual([]);
    expect(v.requests.every((u) => u.startsWith(base))).toBe(true);
    // Worker script (with hnswlib-wasm and its wasm inlined) from the site's own hashed assets.
    expect(v.requests.some((u) => /\/_app\/immutable\/workers\/worker-[\w-]+\.js$/.test(u))).toBe(true);
    // Twice: the worker's download and the page's own exact check.
    expect(v.requests.filter((u) => u === compact)).toHaveLength(2);

    // Second visit, same browser profile: the stored index is used, nothing is rebuilt or downloaded.
    v.requests.length = 0;
    await page.goto(`${server.url}dev/vectors/`);
    await settle(page);
    expect(await text(page, 'vec-source')).toBe('restored');
    expect(await text(page, 'vec-mode')).toBe('hnsw');
    expect(v.requests).not.toContain(compact);
    expect(v.requests).toContain(`${base}data/manifest.json`);
    const check = await page.evaluate(async () => {
      const api = (window as unknown as { __vectors: { check(): Promise<{ recall: number; maxScoreDiff: number }> } }).__vectors;
      return api.check();
    });
    expect(check.recall).toBeGreaterThanOrEqual(0.98);
    expect(check.maxScoreDiff).toBeLessThan(1e-4);
    expect(v.foreign).toEqual([]);
    await v.ctx.close();
  }, 120_000);

  it('falls back to exact search, and says why, when WebAssembly may not run in the worker', async () => {
    const v = await context();
    // A Content-Security-Policy without 'wasm-unsafe-eval' on the worker script: hnswlib-wasm cannot compile.
    await v.ctx.route(/\/_app\/immutable\/workers\/worker-[\w-]+\.js$/, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': "script-src 'self'" } });
    });
    await v.page.goto(`${server.url}dev/vectors/?check=1`);
    await settle(v.page);
    expect(await text(v.page, 'vec-mode')).toBe('exact');
    expect(await text(v.page, 'vec-reason')).toContain('the HNSW library could not start');
    await expect.poll(() => text(v.page, 'vec-recall'), { timeout: 30_000 }).toBe('1.000');
    expect(v.foreign).toEqual([]);
    await v.ctx.close();
  }, 120_000);

  it('uses exact search when asked (?exact=1)', async () => {
    const v = await context();
    await v.page.goto(`${server.url}dev/vectors/?exact=1&check=1`);
    await settle(v.page);
    expect(await text(v.page, 'vec-mode')).toBe('exact');
    expect(await text(v.page, 'vec-reason')).toBe('exact search was requested');
    await expect.poll(() => text(v.page, 'vec-recall'), { timeout: 30_000 }).toBe('1.000');
    await v.ctx.close();
  }, 120_000);
});
