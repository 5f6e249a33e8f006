import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './browser';
import { buildSiteForTests, E2E_BASE } from './site-build';
import { serveStatic, type StaticServer } from './static-server';

if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

/**
 * The data layer in Chromium on the built static site under /cineatlas (no COOP/COEP, as on
 * GitHub Pages): the /dev/db/ diagnostics page starts DuckDB-WASM in its worker from the
 * site's own assets, reads movies.parquet and people.parquet, and runs queries. Every
 * request must stay on the site's origin; anything else is aborted and recorded.
 */
describe.skipIf(!hasChromium)('DuckDB-WASM data layer in Chromium', () => {
  let tmp: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cineatlas-e2e-db-'));
    // An ingest-only build: the optional cluster/layout artifacts must then never be requested.
    await buildSiteForTests(join(tmp, 'site'), join(tmp, 'data'), { modelStages: false });
    server = await serveStatic(join(tmp, 'site'), E2E_BASE, join(tmp, 'data'));
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  interface Visit {
    ctx: BrowserContext;
    page: Page;
    requests: string[];
    foreign: string[];
    failed: string[];
  }

  async function visit(siteUrl: string): Promise<Visit> {
    const origin = new URL(siteUrl).origin;
    const ctx = await browser.newContext();
    const v: Visit = { ctx, page: await ctx.newPage(), requests: [], foreign: [], failed: [] };
    // Covers the page and its dedicated workers: anything off-origin is recorded and refused.
    await ctx.route(
      (url) => url.origin !== origin,
      (route) => {
        v.foreign.push(route.request().url());
        return route.abort('blockedbyclient');
      }
    );
    // What the page and its workers ask for; the service worker's own precache fetches are not the page's loading.
    ctx.on('request', (r) => {
      if (!r.serviceWorker()) v.requests.push(r.url());
    });
    ctx.on('requestfailed', (r) => v.failed.push(r.url()));
    await v.page.goto(`${siteUrl}dev/db/`);
    return v;
  }

  it('loads the artifacts in the worker and answers queries, with every request on the site itself', async () => {
    const v = await visit(server.url);
    const { page } = v;
    await expect.poll(() => page.getByTestId('db-movie-count').textContent().catch(() => null), { timeout: 60_000 }).toBe('214');
    expect(await page.getByTestId('db-credit-count').textContent()).toBe('1302');
    expect(await page.getByTestId('db-status').textContent()).toContain('DuckDB v0.9.1');
    const top = await page.getByTestId('db-top-movies').locator('li').allTextContents();
    expect(top).toHaveLength(10);
    expect((await page.getByTestId('db-genres').locator('li').first().textContent())!).toMatch(/^Drama: \d+$/);

    const base = `${new URL(server.url).origin}${E2E_BASE}/`;
    expect(v.foreign).toEqual([]);
    // manifest.json lists no clusters artifacts yet, so they are not requested: no 404 at all.
    expect(v.failed).toEqual([]);
    expect(v.requests.every((u) => u.startsWith(base))).toBe(true);
    // The engine came from the site's own hashed assets: one worker script and one wasm binary.
    expect(v.requests.filter((u) => /\/_app\/immutable\/assets\/duckdb-browser-(eh|mvp)\.worker\.[\w-]+\.js$/.test(u))).toHaveLength(1);
    expect(v.requests.filter((u) => /\/_app\/immutable\/assets\/duckdb-(eh|mvp)\.[\w-]+\.wasm$/.test(u))).toHaveLength(1);
    expect(v.requests).toContain(`${base}data/movies.parquet`);
    expect(v.requests).toContain(`${base}data/people.parquet`);
    expect(v.requests.some((u) => /clusters|layout/.test(u))).toBe(false);
    const bench = await page.evaluate(() => (window as unknown as { __dbBench: { report: { absent: string[] } } }).__dbBench);
    expect(bench.report.absent).toEqual(['clusters.parquet', 'clusters_meta.parquet', 'layout.parquet']);

    // A repeat visit: this browser has started this wasm before, so the worker fetches it itself.
    expect(await page.evaluate(() => localStorage.getItem('cineatlas:duckdb-wasm-started'))).toMatch(/duckdb-(eh|mvp)\.[\w-]+\.wasm$/);
    await page.reload();
    await expect.poll(() => page.getByTestId('db-movie-count').textContent().catch(() => null), { timeout: 60_000 }).toBe('214');
    expect(v.foreign).toEqual([]);
    expect(v.failed).toEqual([]);
    await v.ctx.close();
  }, 90_000);

  it('runs the whole query mix in the browser (?bench=1)', async () => {
    const v = await visit(server.url);
    await v.page.goto(`${server.url}dev/db/?bench=1`);
    await expect.poll(() => v.page.getByTestId('db-bench').locator('tbody tr').count(), { timeout: 60_000 }).toBe(11);
    expect(v.foreign).toEqual([]);
    await v.ctx.close();
  }, 90_000);

  it('says so when the engine itself cannot be loaded, instead of hanging', async () => {
    const ctx = await browser.newContext();
    await ctx.route(/\/duckdb-(eh|mvp)\.[\w-]+\.wasm$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
    const page = await ctx.newPage();
    await page.goto(`${server.url}dev/db/`);
    await expect
      .poll(() => page.getByTestId('db-error').textContent().catch(() => ''), { timeout: 60_000 })
      .toContain('The database engine could not start');
    expect(await page.getByTestId('db-error').textContent()).toMatch(/duckdb-(eh|mvp)\.[\w-]+\.wasm was not found \(HTTP 404\)/);
    await ctx.close();
  }, 90_000);

  it('shows progress while the engine and the artifacts download', async () => {
    const ctx = await browser.newContext();
    // Hold the wasm back for a moment so the loading state can be seen.
    await ctx.route(/\/duckdb-(eh|mvp)\.[\w-]+\.wasm$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const page = await ctx.newPage();
    await page.goto(`${server.url}dev/db/`);
    await expect.poll(() => page.getByTestId('db-status').textContent(), { timeout: 30_000 }).toMatch(/Starting|Downloading/);
    expect(await page.locator('progress').count()).toBe(1);
    expect(await page.getByRole('main').getAttribute('aria-busy')).toBeNull();
    expect(await page.locator('section[aria-busy="true"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('db-movie-count').textContent().catch(() => null), { timeout: 60_000 }).toBe('214');
    expect(await page.locator('progress').count()).toBe(0);
    await ctx.close();
  }, 90_000);

  async function brokenData(name: string, edit: (dir: string) => void): Promise<StaticServer> {
    const dir = join(tmp, name);
    mkdirSync(dir);
    for (const f of ['manifest.json', 'movies.parquet', 'people.parquet']) copyFileSync(join(tmp, 'data', f), join(dir, f));
    edit(dir);
    return serveStatic(join(tmp, 'site'), E2E_BASE, dir);
  }

  it('says which artifact is missing', async () => {
    const s = await brokenData('no-people', (d) => rmSync(join(d, 'people.parquet')));
    const v = await visit(s.url);
    const alert = v.page.getByTestId('db-error');
    await expect.poll(() => alert.textContent().catch(() => ''), { timeout: 60_000 }).toContain('people.parquet was not found');
    expect(await alert.textContent()).toContain(`${E2E_BASE}/data/people.parquet (HTTP 404)`);
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(v.foreign).toEqual([]);
    await v.ctx.close();
    await s.close();
  }, 90_000);

  it('says which artifact is corrupt', async () => {
    const s = await brokenData('corrupt-movies', (d) => {
      const bytes = readFileSync(join(d, 'movies.parquet'));
      writeFileSync(join(d, 'movies.parquet'), bytes.subarray(0, 5000));
    });
    const v = await visit(s.url);
    await expect
      .poll(() => v.page.getByTestId('db-error').textContent().catch(() => ''), { timeout: 60_000 })
      .toContain('movies.parquet is not a readable Parquet file: it is truncated');
    await v.ctx.close();
    await s.close();
  }, 90_000);
});
