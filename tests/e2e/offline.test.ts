import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './browser';
import { E2E_BASE, sharedSite, withTinyModel } from './site-build';
import { serveStatic, type StaticServer } from './static-server';

/**
 * Offline use of the built site under /cineatlas, in Chromium: a first online visit with one
 * free-text search warms the service worker's caches; then, offline, the home page reloads,
 * a free-text search still ranks by meaning, and other pages open. The sample catalogue's
 * vectors come from the tiny test model, so a private copy of the shared build serves that
 * model under the id the site asks for.
 *
 * "Offline" is two things here: context.setOffline(true), and a gate in front of the server
 * that drops every connection: Chromium's offline emulation has not always covered the
 * service worker's own fetches (microsoft/playwright#2311), and the test must not depend on it.
 */

if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM}`);

interface Gate {
  url: string;
  offline: boolean;
  close(): Promise<void>;
}

async function gateInFront(target: StaticServer): Promise<Gate> {
  const to = new URL(target.url);
  const server: Server = createServer((req, res) => {
    if (gate.offline) {
      req.socket.destroy();
      return;
    }
    const up = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const gate: Gate = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${E2E_BASE}/`,
    offline: false,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    })
  };
  return gate;
}

describe.skipIf(!hasChromium)('offline use (service worker)', () => {
  let siteDir: string;
  let version: string;
  let server: StaticServer;
  let gate: Gate;
  let browser: Browser;

  beforeAll(async () => {
    const shared = await sharedSite();
    // A private copy: the shared build is read by other test files; model/ and ort/ are
    // replaced by the tiny model the sample vectors were embedded with.
    siteDir = withTinyModel(shared.siteDir, 'offline');
    version = JSON.parse(readFileSync(join(siteDir, '_app/version.json'), 'utf8')).version;
    server = await serveStatic(siteDir, E2E_BASE, shared.dataDir);
    gate = await gateInFront(server);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await gate?.close();
    await server?.close();
    if (siteDir && existsSync(siteDir)) rmSync(siteDir, { recursive: true, force: true });
  });

  const search = async (page: Page, text: string) => {
    await page.getByLabel('Describe a movie').fill(text);
    await page.keyboard.press('Enter');
    // Lexical results come first; "words and meaning" only once the model and vectors answer.
    await expect.poll(() => page.getByTestId('search-mode').textContent(), { timeout: 90_000 }).toContain('Ranked by words and meaning');
    await page.locator('[data-testid=result]').first().waitFor();
    return page.locator('[data-testid=result]').count();
  };

  const homeReady = (page: Page) => expect.poll(() => page.getByTestId('movie-count').textContent(), { timeout: 30_000 }).toBe('214');

  beforeEach(() => {
    gate.offline = false;
  });

  it('works offline after one online visit: home, free-text search, other pages', async () => {
    const ctx: BrowserContext = await browser.newContext();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(gate.url);
    await homeReady(page);
    // The first install activates at once and claims the page, so the search's downloads
    // (DuckDB, data, model, vectors) already pass through it and are cached as they arrive.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
    expect(await search(page, 'zombie outbreak')).toBeGreaterThan(0);

    const cached = () =>
      page.evaluate(async () => {
        const out: Record<string, string[]> = {};
        for (const k of await caches.keys()) out[k] = (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname);
        return out;
      });
    // DuckDB's wasm was downloaded by the home page before the worker took control: the page
    // then hands its URL to the worker, which stores it in the background.
    await expect.poll(async () => Object.values(await cached()).flat().some((p) => /duckdb-(eh|mvp)\.[^/]+\.wasm$/.test(p)), { timeout: 60_000 }).toBe(true);
    const stored = await cached();
    const names = Object.keys(stored);
    const own = (kind: string) => names.find((n) => n.startsWith(`cineatlas-sw:${E2E_BASE}/:${kind}:`));
    // Versioned: the shell carries this build's version; runtime caches their format version.
    expect(own('shell')).toBe(`cineatlas-sw:${E2E_BASE}/:shell:${version}`);
    expect(own('assets')).toBe(`cineatlas-sw:${E2E_BASE}/:assets:v1`);
    expect(own('data')).toBe(`cineatlas-sw:${E2E_BASE}/:data:v1`);
    expect(stored[own('shell')!]).toEqual(expect.arrayContaining([`${E2E_BASE}/`, `${E2E_BASE}/explore/`, `${E2E_BASE}/404.html`]));
    expect(stored[own('assets')!].some((p) => /duckdb-(eh|mvp)\.[^/]+\.wasm$/.test(p))).toBe(true);
    expect(stored[own('data')!]).toEqual(expect.arrayContaining(['movies.parquet', 'people.parquet', 'embeddings.i8.bin', 'manifest.json'].map((f) => `${E2E_BASE}/data/${f}`)));
    // Nothing twice: model and ORT files live only in the model worker's cache.
    const modelFiles = Object.entries(stored).flatMap(([n, paths]) => paths.filter((p) => p.startsWith(`${E2E_BASE}/model/`) || p.startsWith(`${E2E_BASE}/ort/`)).map((p) => `${n} ${p}`));
    expect(modelFiles.length).toBeGreaterThan(0);
    expect(modelFiles.every((e) => e.startsWith('cineatlas-model:'))).toBe(true);
    expect(new Set(modelFiles.map((e) => e.split(' ')[1])).size).toBe(modelFiles.length);

    await ctx.setOffline(true);
    gate.offline = true;
    // The search page reloads from the caches and ranks by meaning again...
    await page.reload();
    await expect.poll(() => page.getByTestId('search-mode').textContent(), { timeout: 90_000 }).toContain('Ranked by words and meaning');
    // ...and so does a new search from the home page.
    await page.goto(gate.url);
    await homeReady(page);
    expect(await search(page, 'a lonely robot in space')).toBeGreaterThan(0);
    expect(await page.getByTestId('search-status').textContent()).toMatch(/model WASM/);

    // Client-side navigation, then a full page load of another page, both offline.
    await page.getByRole('link', { name: /explore/i }).first().click();
    await page.getByTestId('result-count').waitFor({ timeout: 60_000 });
    // A page never opened before: precached HTML, DuckDB and data from the caches.
    await page.goto(`${gate.url}trends/`);
    await page.getByTestId('budget-scatter').locator('circle').first().waitFor({ timeout: 60_000 });
    // A shared link with a query string is the same precached page.
    await page.goto(`${gate.url}explore/?genres=Drama`);
    await page.getByTestId('result-count').waitFor({ timeout: 60_000 });

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('still searches where service workers are blocked', async () => {
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(gate.url);
    await homeReady(page);
    expect(await search(page, 'zombie outbreak')).toBeGreaterThan(0);
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
    expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('cineatlas-sw:')))).toEqual([]);
    expect((await page.getByTestId('update-prompt').textContent())?.trim()).toBe('');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
