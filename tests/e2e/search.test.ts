import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './browser';
import { decodeCompact, dequantizeInt8, encodeCompact, COMPACT_FILE } from '../../src/lib/vectors/compact-format';
import { sharedSite, withTinyModel } from './site-build';
import { serveStatic, type StaticServer } from './static-server';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/**
 * The home page search on the built site (sample catalogue). The shared test build has no
 * language model staged, so this is also the "model unavailable" path: word matches must
 * still come back, with the reason shown, and nothing may be fetched off the site.
 */
describe.skipIf(!hasChromium)('search from the home page', () => {
  let server: StaticServer;
  let browser: Browser;
  let site: { siteDir: string; dataDir: string };

  beforeAll(async () => {
    site = await sharedSite();
    server = await serveStatic(site.siteDir, '/cineatlas', site.dataDir);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function titles(page: Page): Promise<string[]> {
    await page.locator('[data-testid=result]').first().waitFor({ timeout: 60_000 });
    return (await page.locator('[data-testid=result] h3 a').allTextContents()).map((t) => t.trim());
  }

  it('finds films by their words from a typed query, keeps the query in the URL and explains the match', async () => {
    const page = await browser.newPage();
    const offsite: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url.replace(/\/cineatlas\/$/, '')) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) offsite.push(r.url());
    });
    await page.goto(server.url);
    await page.getByLabel('Describe a movie').fill('zombie outbreak');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('zombie outbreak');
    const found = await titles(page);
    expect(found).toEqual(expect.arrayContaining(['Dawn of the Dead']));
    expect(await page.getByTestId('explanation').first().textContent()).toMatch(/Matched zombie/i);
    await expect.poll(() => page.getByTestId('search-status').textContent(), { timeout: 60_000 }).toMatch(/words only|model/i);
    await page.screenshot({ path: join(SHOTS, 'search-desktop.png'), fullPage: true });
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('restores a shared search link with its filters, and filters combine with ranking', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}?q=zombie&mode=lexical&from=2000`);
    const found = await titles(page);
    expect(found.length).toBeGreaterThan(0);
    expect(found).not.toContain('Night of the Living Dead'); // 1968: outside the year filter
    expect(await page.getByLabel('From').inputValue()).toBe('2000');
    await page.screenshot({ path: join(SHOTS, 'search-phone.png'), fullPage: true });
    await page.close();
  });

  it('treats markup in the query as text', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      return d.dismiss();
    });
    await page.goto(`${server.url}?q=${encodeURIComponent('<img src=x onerror=alert(1)> zombie')}&mode=lexical`);
    await titles(page);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it('searches by words, and says why, when the site model does not fit the catalogue vectors', async () => {
    // The tiny model (32-d) in front of vectors cut to 16-d: a site whose model was swapped
    // after the data build. Search must not fail; it ranks by words and names the mismatch.
    const siteDir = withTinyModel(site.siteDir, 'mismatch');
    const dataDir = mkdtempSync(`${site.dataDir}-mismatch-`);
    cpSync(site.dataDir, dataDir, { recursive: true });
    const c = decodeCompact(readFileSync(join(site.dataDir, COMPACT_FILE)));
    const full = dequantizeInt8(c);
    const n = c.ids.length;
    const cut = new Float32Array(n * 16);
    for (let i = 0; i < n; i++) cut.set(full.subarray(i * c.dim, i * c.dim + 16), i * 16);
    writeFileSync(join(dataDir, COMPACT_FILE), encodeCompact(c.ids, cut, 16));
    const other = await serveStatic(siteDir, '/cineatlas', dataDir);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(`${other.url}?q=${encodeURIComponent('zombie outbreak')}`);
      expect(await titles(page)).toEqual(expect.arrayContaining(['Dawn of the Dead']));
      await expect.poll(() => page.getByTestId('search-status').textContent(), { timeout: 60_000 }).toMatch(/\(32-d\).*\(16-d\)/);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await other.close();
      rmSync(siteDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
