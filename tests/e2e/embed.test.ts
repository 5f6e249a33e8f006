/**
 * Embeddable widgets (/embed/) on the built static site, framed by a page on ANOTHER origin
 * (a second tiny server on another port): the site's own demo parent page
 * (static/embed-example.html, with a <base> pointing at the site) so its snippet is what is
 * tested. (Playwright-routed hosts like http://parent.test count as public to Chromium's
 * local-network checks, which then block framing the 127.0.0.1 site: both stay local.) Checks the postMessage protocol both ways (ready, height, result clicks; commands
 * from the parent accepted, from another origin ignored), the three widgets, the compact
 * chrome, and that nothing else is fetched off the site. Screenshots: embed-*.png.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExactVectorSearcher } from '../../src/lib/core/search/exact';
import { decodeCompact } from '../../src/lib/vectors/compact-format';
import { hasChromium, launchChromium } from './browser';
import { sharedSite, withTinyModel } from './site-build';
import { serveStatic, type StaticServer } from './static-server';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// Set once the parent server listens: the same server under two host names, two origins.
let PARENT = '';
let EVIL = '';

interface Received {
  origin: string;
  data: { source?: string; type: string; height?: number; id?: number; title?: string; widget?: string | null };
}

async function queryData(dataDir: string, q: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    const r = await con.runAndReadAll(q.replaceAll('$DATA', dataDir));
    return r.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
  }
}

describe.skipIf(!hasChromium)('embeddable widgets in a page on another origin', () => {
  let server: StaticServer;
  let browser: Browser;
  let siteOrigin: string;
  let demo: string;
  let dataDir: string;
  let siteDir: string;
  let parentServer: Server;

  beforeAll(async () => {
    const shared = await sharedSite();
    dataDir = shared.dataDir;
    // A private copy with the tiny model the sample vectors were embedded with, so free-text
    // search ranks by meaning too (as in offline.test.ts).
    siteDir = withTinyModel(shared.siteDir, 'embed');
    server = await serveStatic(siteDir, '/cineatlas', dataDir);
    siteOrigin = new URL(server.url).origin;
    // The shipped demo page, as another site would serve it: its relative iframe src resolves
    // against the CineAtlas site through <base>; location.origin stays the parent server's.
    demo = readFileSync(join(siteDir, 'embed-example.html'), 'utf8').replace('<head>', `<head><base href="${server.url}" />`);
    parentServer = createServer((req, res) => {
      const demoPage = req.url?.startsWith('/embed-example.html');
      res.writeHead(demoPage ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(demoPage ? demo : '<!doctype html><title>another site</title>');
    });
    await new Promise<void>((r) => parentServer.listen(0, '127.0.0.1', r));
    const { port } = parentServer.address() as AddressInfo;
    PARENT = `http://127.0.0.1:${port}`;
    EVIL = `http://localhost:${port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((r) => parentServer?.close(r));
    if (siteDir && existsSync(siteDir)) rmSync(siteDir, { recursive: true, force: true });
  });

  interface Opened {
    context: BrowserContext;
    page: Page;
    frame: FrameLocator;
    offsite: string[];
    errors: string[];
    received: () => Promise<Received[]>;
    ofType: (type: string) => Promise<Received[]>;
  }

  /** The demo parent page on the parent origin, its query string choosing the widget. */
  async function openParent(query: string, viewport = DESKTOP): Promise<Opened> {
    const context = await browser.newContext({ viewport });
    await context.route('https://image.tmdb.org/**', (r) => r.abort('internetdisconnected'));
    // Record every message the parent window receives (init scripts run in every frame: only the parent's).
    await context.addInitScript((parent) => {
      if (location.origin !== parent) return;
      const w = window as unknown as { __received: unknown[] };
      w.__received = [];
      addEventListener('message', (e) => w.__received.push({ origin: e.origin, data: e.data }));
    }, PARENT);
    const page = await context.newPage();
    const offsite: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      const u = r.url();
      if (![siteOrigin, PARENT, EVIL, 'blob:', 'data:'].some((p) => u.startsWith(p))) offsite.push(u);
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${PARENT}/embed-example.html?${query}`);
    const received = () => page.evaluate(() => (window as unknown as { __received: Received[] }).__received);
    const ofType = async (type: string) => (await received()).filter((m) => m.data?.type === type);
    return { context, page, frame: page.frameLocator('iframe#cineatlas'), offsite, errors, received, ofType };
  }

  const lastHeight = async (o: Opened) => (await o.ofType('cineatlas:height')).at(-1)?.data.height ?? 0;
  const frameHeight = (o: Opened) => o.page.locator('iframe#cineatlas').evaluate((f) => f.getBoundingClientRect().height);
  const resultIds = async (frame: FrameLocator) =>
    (await frame.locator('[data-testid=result] h3 a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))).map((h) =>
      Number(new URL(h).searchParams.get('id'))
    );

  it('search: ready and height reach the parent, only the parent origin can run a search, a click is reported and opens the movie in a new tab', async () => {
    const o = await openParent('widget=search');
    const { page, frame } = o;

    // Ready and a first height, sent to the declared parent origin, from the site's origin.
    await expect.poll(() => o.ofType('cineatlas:ready'), { timeout: 60_000 }).toHaveLength(1);
    const [ready] = await o.ofType('cineatlas:ready');
    expect(ready).toEqual({ origin: siteOrigin, data: { source: 'cineatlas', type: 'cineatlas:ready', widget: 'search' } });
    await expect.poll(() => lastHeight(o)).toBeGreaterThan(50);
    const before = await lastHeight(o);
    // The snippet sized the frame to it.
    await expect.poll(() => frameHeight(o)).toBeCloseTo(before + 2, -1);

    // Compact chrome: no site header/nav/footer, the attribution and the full-page link.
    expect(await frame.locator('header, nav, main').count()).toBe(0);
    await expect.poll(() => frame.getByTestId('embed-attribution').textContent()).toBe(
      'This product uses the TMDB API but is not endorsed or certified by TMDB.'
    );
    expect(await frame.getByTestId('embed-attribution').isVisible()).toBe(true);
    const open = frame.getByTestId('embed-open');
    expect(await open.getAttribute('target')).toBe('_blank');
    expect(await open.getAttribute('rel')).toBe('noopener');

    // Another site's frame on the same page sends a search: ignored.
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.style.cssText = 'position:absolute;left:-9999px;width:1px;height:1px;border:0';
      f.src = src;
      document.body.appendChild(f);
      return new Promise((r) => f.addEventListener('load', r));
    }, `${EVIL}/`);
    const evil = page.frames().find((f) => f.url().startsWith(EVIL))!;
    await evil.evaluate(() => window.parent.frames[0].postMessage({ type: 'cineatlas:search', q: 'zombie' }, '*'));
    // The parent itself, with a malformed message: ignored too.
    await page.evaluate((to) => (document.getElementById('cineatlas') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'cineatlas:search', q: 42 }, to), siteOrigin);
    await page.waitForTimeout(1500);
    expect(await frame.locator('[data-testid=result]').count()).toBe(0);
    expect(await frame.getByLabel('Describe a movie').inputValue()).toBe('');

    // The parent's search (the demo's form posts it): runs, results render, the height grows.
    await page.getByLabel('Search text to send to the widget').fill('zombie');
    await page.getByRole('button', { name: 'Send search' }).click();
    await frame.locator('[data-testid=result]').first().waitFor({ timeout: 60_000 });
    expect(await frame.getByLabel('Describe a movie').inputValue()).toBe('zombie');
    expect(await frame.locator('[data-testid=result] h3 a').allTextContents()).toContain('Dawn of the Dead');
    // The home page's ranking path: words first, then words and meaning (the tiny model).
    await expect.poll(() => frame.getByTestId('search-mode').textContent(), { timeout: 90_000 }).toContain('Ranked by words and meaning');
    await expect.poll(() => lastHeight(o)).toBeGreaterThan(before + 200);
    await expect.poll(() => frameHeight(o)).toBeGreaterThan(before + 200);
    expect(await open.getAttribute('href')).toMatch(/\?q=zombie$/);
    // Compact results: no option controls, no map link, ten at most.
    expect(await frame.getByLabel('Ranking').count()).toBe(0);
    expect(await frame.locator('[data-testid=result]').count()).toBeLessThanOrEqual(10);

    // A click on a result: reported with its id and title, and the movie opens in a new tab.
    const first = frame.locator('[data-testid=result] h3 a').first();
    const title = (await first.textContent())!.trim();
    const [id] = await resultIds(frame);
    const popup = o.context.waitForEvent('page');
    await first.click();
    const tab = await popup;
    expect(tab.url()).toBe(`${server.url}movie/?id=${id}`);
    await expect.poll(() => o.ofType('cineatlas:result-click')).toHaveLength(1);
    expect((await o.ofType('cineatlas:result-click'))[0]).toEqual({
      origin: siteOrigin, data: { source: 'cineatlas', type: 'cineatlas:result-click', id, title }
    });
    // The frame itself stayed on the widget.
    expect(page.frames().find((f) => f.url().includes('/embed/'))?.url()).toContain('widget=search');
    // The demo's log shows the pick as text.
    await expect.poll(() => page.locator('#log').textContent()).toContain(`picked ${title} (TMDB ${id})`);

    await page.screenshot({ path: join(SHOTS, 'embed-search-desktop.png'), fullPage: true });
    expect(o.offsite).toEqual([]);
    expect(o.errors).toEqual([]);
    await o.context.close();
  });

  it('search on a phone, dark theme from the URL and light from a message; with nav=none a click only reports', async () => {
    const o = await openParent(`widget=search&q=${encodeURIComponent('zombie outbreak')}&theme=dark&nav=none`, PHONE);
    const { page, frame } = o;
    await frame.locator('[data-testid=result]').first().waitFor({ timeout: 60_000 });
    expect(await frame.locator('html').getAttribute('data-theme')).toBe('dark');
    await expect.poll(() => frameHeight(o)).toBeGreaterThan(400);
    await page.screenshot({ path: join(SHOTS, 'embed-search-phone.png'), fullPage: true });

    await page.getByRole('button', { name: 'Light' }).click();
    await expect.poll(() => frame.locator('html').getAttribute('data-theme')).toBe('light');

    const [id] = await resultIds(frame);
    await frame.locator('[data-testid=result] h3 a').first().click();
    await expect.poll(() => o.ofType('cineatlas:result-click')).toHaveLength(1);
    expect((await o.ofType('cineatlas:result-click'))[0].data.id).toBe(id);
    await page.waitForTimeout(500);
    expect(o.context.pages()).toHaveLength(1); // no tab opened
    expect(page.frames().find((f) => f.url().includes('/embed/'))?.url()).toContain('widget=search');
    expect(o.offsite).toEqual([]);
    expect(o.errors).toEqual([]);
    await o.context.close();
  });

  it('similar: shows the nearest neighbours of the given movie by its vector', async () => {
    const [{ id }] = await queryData(dataDir, `SELECT id FROM read_parquet('$DATA/movies.parquet') WHERE title = 'Dawn of the Dead' ORDER BY year LIMIT 1`);
    const movieId = Number(id);
    // The expected answer: exact cosine neighbours over the same compact vectors.
    const exact = ExactVectorSearcher.fromInt8(decodeCompact(new Uint8Array(readFileSync(join(dataDir, 'embeddings.i8.bin')))));
    const hits = await exact.search(exact.vectorOf(movieId)!, 9);
    const expected = hits.map((h) => h.id).filter((x) => x !== movieId).slice(0, 8);

    const o = await openParent(`widget=similar&id=${movieId}`);
    const { page, frame } = o;
    await frame.getByTestId('similar-results').waitFor({ timeout: 60_000 });
    expect(await frame.getByTestId('similar-heading').textContent()).toContain('Dawn of the Dead');
    const shown = await resultIds(frame);
    expect(shown).not.toContain(movieId);
    expect(shown.slice(0, 3)).toEqual(expected.slice(0, 3));
    expect(new Set(shown)).toEqual(new Set(expected));
    await expect.poll(() => o.ofType('cineatlas:ready')).toHaveLength(1);
    expect((await o.ofType('cineatlas:ready'))[0].data.widget).toBe('similar');
    await expect.poll(() => frameHeight(o)).toBeGreaterThan(300);
    expect(await frame.getByTestId('embed-open').getAttribute('href')).toMatch(new RegExp(`movie/\\?id=${movieId}$`));
    await page.screenshot({ path: join(SHOTS, 'embed-similar-desktop.png'), fullPage: true });
    expect(o.offsite).toEqual([]);
    expect(o.errors).toEqual([]);
    await o.context.close();
  });

  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`map (${name}): draws the map with the micro-genre's members in colour and the rest dimmed`, async () => {
      const registry = JSON.parse(readFileSync(join(dataDir, 'models.json'), 'utf8'));
      const model: string = registry.default_model;
      const [row] = await queryData(
        dataDir,
        `SELECT c.cluster, count(*) AS n, any_value(m.name) AS name FROM read_parquet('$DATA/clusters.parquet') c
         LEFT JOIN read_parquet('$DATA/clusters_meta.parquet') m ON m.model = c.model AND m.level = 'micro' AND m.cluster = c.cluster
         WHERE c.model = '${model}' AND c.cluster >= 0 GROUP BY c.cluster ORDER BY n DESC, c.cluster LIMIT 1`
      );
      const o = await openParent(`widget=map&model=${model}&cluster=${row.cluster}`, viewport);
      const { page, frame } = o;
      const stage = frame.getByTestId('embed-map');
      await stage.waitFor({ timeout: 60_000 });
      expect(await stage.getAttribute('data-members')).toBe(String(row.n));
      expect(await frame.locator('h2').textContent()).toContain(String(row.name));
      await expect.poll(() => frame.getByTestId('map').getAttribute('data-visible')).not.toBe('0');
      // Count coloured (the cluster) and grey (dimmed) pixels on the canvas.
      const pixels = await frame.getByTestId('map-canvas').evaluate((c) => {
        const cv = c as HTMLCanvasElement;
        const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
        let coloured = 0, grey = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] < 40) continue;
          const spread = Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]);
          if (spread > 60) coloured++;
          else grey++;
        }
        return { coloured, grey };
      });
      expect(pixels.coloured).toBeGreaterThan(20);
      expect(pixels.grey).toBeGreaterThan(20);
      await expect.poll(() => o.ofType('cineatlas:ready')).toHaveLength(1);
      await expect.poll(() => frameHeight(o)).toBeGreaterThan(250);
      expect(await frame.locator('header, nav').count()).toBe(0);
      await page.waitForTimeout(300); // the canvas draws on the next frame after a resize
      await page.screenshot({ path: join(SHOTS, `embed-map-${name}.png`), fullPage: true });
      expect(o.offsite).toEqual([]);
      expect(o.errors).toEqual([]);
      await o.context.close();
    });
  }

  it('an unknown widget says which ones exist, and still reports ready and its height', async () => {
    const o = await openParent('widget=carousel');
    const err = o.frame.getByTestId('embed-error');
    await err.waitFor({ timeout: 30_000 });
    const text = await err.textContent();
    for (const w of ['search', 'similar', 'map']) expect(text).toContain(`widget=${w}`);
    expect(text).toContain('Unknown widget "carousel"');
    await expect.poll(() => o.ofType('cineatlas:ready')).toHaveLength(1);
    expect((await o.ofType('cineatlas:ready'))[0].data.widget).toBe(null);
    await expect.poll(() => lastHeight(o)).toBeGreaterThan(50);
    expect(o.errors).toEqual([]);
    await o.context.close();
  });

  it('the built pages do not forbid framing', () => {
    for (const f of ['embed/index.html', 'index.html', 'embed-example.html']) {
      const html = readFileSync(join(siteDir, f), 'utf8');
      expect(html).not.toMatch(/x-frame-options|frame-ancestors/i);
    }
  });
});
