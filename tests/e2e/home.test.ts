import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TMDB_ATTRIBUTION } from '../../src/lib/core/movie';
import { hasChromium, launchChromium, CHROMIUM } from './browser';
import { sharedSite } from './site-build';
import { serveStatic, type StaticServer } from './static-server';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!hasChromium)('home page, built static site under a base path', () => {
  let tmp: string;
  let siteDir: string;
  let dataDir: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cineatlas-e2e-'));
    const site = await sharedSite();
    siteDir = site.siteDir;
    dataDir = site.dataDir;
    server = await serveStatic(siteDir, '/cineatlas', site.dataDir);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`shows the catalogue's movie count from the manifest and the TMDB notice (${name})`, async () => {
      const page = await browser.newPage({ viewport });
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(server.url);
      const con = await (await DuckDBInstance.create(':memory:')).connect();
      const facts = (await con.runAndReadAll(
        `SELECT count(*) AS n, min(year) AS lo, max(year) AS hi FROM read_parquet('${join(dataDir, 'movies.parquet')}')`
      )).getRowObjectsJson()[0];
      con.closeSync();
      await expect.poll(() => page.getByTestId('movie-count').textContent()).toBe(String(facts.n));
      expect(await page.getByTestId('year-span').textContent()).toBe(`${facts.lo}–${facts.hi}`);
      expect(await page.locator('footer').textContent()).toContain(TMDB_ATTRIBUTION);
      expect(failed).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `home-${name}.png`), fullPage: true });
      await page.close();
    });
  }

  it('says plainly when no catalogue has been built into the site', async () => {
    const bare = await serveStatic(siteDir, '/cineatlas', join(tmp, 'no-such-data'));
    const page = await browser.newPage();
    await page.goto(bare.url);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('No catalogue has been built');
    await page.close();
    await bare.close();
  });
});
