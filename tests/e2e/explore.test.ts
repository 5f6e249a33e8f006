/**
 * The explorer (/explore/) on the built static site under a base path, in Chromium: loads,
 * filters through the linked charts and inputs change the URL and the results, a shared URL
 * restores the view, keyboard use, posters fall back to the placeholder, no request leaves
 * the origin but TMDB posters. Screenshots: test-results/screenshots/explore-*.png.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './browser';
import { sharedSite } from './site-build';
import { watch } from './page-watch';
import { serveStatic, type StaticServer } from './static-server';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM}`);

/** Runs SQL on the artifacts the site serves (Node DuckDB), for the expected answers. */
async function queryData(dataDir: string, q: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    const r = await con.runAndReadAll(q.replaceAll('$MOVIES', `read_parquet('${join(dataDir, 'movies.parquet')}')`));
    return r.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
  }
}
const countOf = async (dataDir: string, where: string) =>
  Number((await queryData(dataDir, `SELECT count(*) AS n FROM $MOVIES WHERE ${where}`))[0].n);

async function open(browser: Browser, url: string, o: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, ...o });
  // Tests run without a network: anything for TMDB's image service fails like offline.
  await context.route('https://image.tmdb.org/**', (r) => r.abort('internetdisconnected'));
  const page = await context.newPage();
  const w = watch(page, new URL(url).origin);
  await page.goto(url);
  await page.getByTestId('result-count').waitFor({ timeout: 60_000 });
  return { context, page, ...w };
}

const params = (page: Page) => new URL(page.url()).searchParams;
const resultCount = async (page: Page) => Number((await page.getByTestId('result-count').textContent())?.replace(/,/g, ''));

describe.skipIf(!hasChromium)('explorer, built static site under a base path', () => {
  let server: StaticServer;
  let browser: Browser;
  let dataDir: string;
  let siteDir: string;
  let explore: string;

  beforeAll(async () => {
    const site = await sharedSite();
    dataDir = site.dataDir;
    siteDir = site.siteDir;
    server = await serveStatic(site.siteDir, '/cineatlas', site.dataDir);
    explore = `${server.url}explore/`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`loads the whole catalogue with linked charts and a grid (${name}, ${scheme})`, async () => {
        const { context, page, offOrigin, failed, errors } = await open(browser, explore, { viewport, colorScheme: scheme });
        expect(await resultCount(page)).toBe(214);
        await expect.poll(() => page.getByTestId('movie-card').count()).toBe(48);
        await page.getByTestId('decade-chart').waitFor();
        expect(await page.getByTestId('decade-chart').locator('[data-bar]').count()).toBeGreaterThanOrEqual(9);
        expect(await page.getByTestId('rating-chart').locator('[data-bar]').count()).toBe(10);
        // The sample has no posters: every card shows the placeholder, none a broken image.
        expect(await page.getByTestId('poster-placeholder').count()).toBe(48);
        expect(await page.locator('[data-testid=movie-card] img').count()).toBe(0);
        // Nothing sticks out sideways (phone width included).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        expect(offOrigin).toEqual([]);
        expect(failed).toEqual([]);
        expect(errors).toEqual([]);
        if (name === 'phone') {
          // Filters fold away behind a labelled toggle on a phone.
          const toggle = page.getByRole('button', { name: /^☰?\s*Filters/ });
          expect(await toggle.getAttribute('aria-expanded')).toBe('false');
          await page.screenshot({ path: join(SHOTS, `explore${scheme === 'dark' ? '-dark' : ''}-${name}.png`), fullPage: false });
          await toggle.click();
          await page.locator('#explore-filters').waitFor({ state: 'visible' });
          await page.screenshot({ path: join(SHOTS, `explore-filters${scheme === 'dark' ? '-dark' : ''}-${name}.png`), fullPage: true });
        } else {
          await page.screenshot({ path: join(SHOTS, `explore${scheme === 'dark' ? '-dark' : ''}-${name}.png`), fullPage: true });
        }
        await context.close();
      });
    }
  }

  it('cross-filters: chart clicks change the URL, the results and the other charts', async () => {
    const { context, page } = await open(browser, explore);
    const decadeBefore = await page.getByTestId('decade-chart').locator('[data-bar="1990"]').getAttribute('aria-label');

    await page.getByTestId('genre-chart').locator('[data-bar="Drama"]').click();
    await expect.poll(() => params(page).get('genres')).toBe('Drama');
    const drama = await countOf(dataDir, `list_contains(genres, 'Drama')`);
    await expect.poll(() => resultCount(page)).toBe(drama);
    // The decade chart now counts dramas only; the genre chart still lists every genre.
    await expect.poll(() => page.getByTestId('decade-chart').locator('[data-bar="1990"]').getAttribute('aria-label')).not.toBe(decadeBefore);
    expect(await page.getByTestId('genre-chart').locator('[data-bar="Drama"]').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('decade-chart').locator('[data-bar="1990"]').click();
    await expect.poll(() => params(page).get('decade')).toBe('1990');
    const drama90s = await countOf(dataDir, `list_contains(genres, 'Drama') AND year BETWEEN 1990 AND 1999`);
    await expect.poll(() => resultCount(page)).toBe(drama90s);
    const label = await page.getByTestId('decade-chart').locator('[data-bar="1990"]').getAttribute('aria-label');
    expect(label).toContain(`${drama90s} movies`);

    await page.getByTestId('rating-chart').locator('[data-bar="7"]').click();
    await expect.poll(() => `${params(page).get('minRating')}-${params(page).get('maxRating')}`).toBe('7-8');
    const rated = await countOf(dataDir, `list_contains(genres, 'Drama') AND year BETWEEN 1990 AND 1999 AND vote_average BETWEEN 7 AND 8`);
    await expect.poll(() => resultCount(page)).toBe(rated);

    // A chip removes one filter; clicking the selected bar again removes it too.
    await page.getByRole('button', { name: 'Remove filter 1990s' }).click();
    await expect.poll(() => params(page).has('decade')).toBe(false);
    await page.getByTestId('rating-chart').locator('[data-bar="7"]').click();
    await expect.poll(() => params(page).has('minRating')).toBe(false);
    await expect.poll(() => resultCount(page)).toBe(drama);

    // Title search (debounced) and a number field.
    await page.fill('#explore-q', 'the');
    await expect.poll(() => params(page).get('q')).toBe('the');
    const theDrama = await countOf(dataDir, `list_contains(genres, 'Drama') AND starts_with(lower(strip_accents(title)), 'the')`);
    await expect.poll(() => resultCount(page)).toBe(theDrama);
    await page.fill('#explore-q', '');
    await page.fill('#explore-from', '2000');
    await page.press('#explore-from', 'Enter');
    await expect.poll(() => params(page).get('from')).toBe('2000');
    await expect.poll(() => resultCount(page)).toBe(await countOf(dataDir, `list_contains(genres, 'Drama') AND year >= 2000`));

    await page.getByRole('button', { name: 'Clear all', exact: true }).click();
    await expect.poll(() => resultCount(page)).toBe(214);
    expect(params(page).toString()).toBe('');
    await context.close();
  });

  it('filters by micro-genre of the chosen model, and by language', async () => {
    const { context, page } = await open(browser, explore);
    const bar = page.getByTestId('cluster-chart').locator('[data-bar]').first();
    const label = (await bar.getAttribute('aria-label')) ?? '';
    const n = Number(/: ([\d,]+) movies$/.exec(label)?.[1].replace(/,/g, ''));
    await bar.click();
    await expect.poll(() => params(page).get('cluster')).not.toBeNull();
    expect(params(page).get('model')).toBeTruthy();
    await expect.poll(() => resultCount(page)).toBe(n);
    // Every card names that micro-genre.
    const name = label.replace(/: [\d,]+ movies$/, '');
    if (!name.startsWith('Unclustered')) {
      const micro = await page.locator('[data-testid=movie-card] .micro').allTextContents();
      expect(new Set(micro)).toEqual(new Set([name]));
    }
    // Another model: the micro-genre filter goes, the chart shows that model's clusters.
    const select = page.locator('#explore-model');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const other = options.find((o) => o !== params(page).get('model'))!;
    await select.selectOption(other);
    await expect.poll(() => params(page).has('cluster')).toBe(false);
    await expect.poll(() => resultCount(page)).toBe(214);

    await page.getByTestId('language-chart').locator('[data-bar="fr"]').click();
    await expect.poll(() => params(page).get('lang')).toBe('fr');
    await expect.poll(() => resultCount(page)).toBe(await countOf(dataDir, `original_language = 'fr'`));
    await context.close();
  });

  it('restores a shared URL: filters, sort, table view and page', async () => {
    const url = `${explore}?genres=Drama,Crime&decade=1990&sort=rating&view=table`;
    const { context, page, errors } = await open(browser, url);
    const expected = await queryData(
      dataDir,
      `SELECT title, vote_average FROM $MOVIES WHERE (list_contains(genres, 'Drama') OR list_contains(genres, 'Crime'))
       AND year BETWEEN 1990 AND 1999 ORDER BY vote_average DESC NULLS LAST, id`
    );
    expect(await resultCount(page)).toBe(expected.length);
    const table = page.getByTestId('results-table');
    await table.waitFor();
    expect(await page.locator('#explore-sort').inputValue()).toBe('rating');
    expect(await page.getByTestId('genre-chart').locator('[data-bar="Drama"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('genre-chart').locator('[data-bar="Crime"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('decade-chart').locator('[data-bar="1990"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');
    const titles = await table.locator('tbody td.title').allTextContents();
    expect(titles).toEqual(expected.slice(0, 48).map((r) => r.title));
    expect(await table.locator('th[aria-sort]').textContent()).toContain('Rating');
    await page.screenshot({ path: join(SHOTS, 'explore-table-desktop.png'), fullPage: true });

    // Paging: the second page of the whole catalogue, restored from its URL.
    await page.goto(`${explore}?sort=title&page=2`);
    await page.getByTestId('result-count').waitFor();
    const page2 = await queryData(dataDir, `SELECT title FROM $MOVIES ORDER BY lower(strip_accents(title)), id LIMIT 48 OFFSET 48`);
    await expect.poll(() => page.locator('[data-testid=movie-card] h3').allTextContents()).toEqual(page2.map((r) => r.title));
    expect(await page.getByRole('navigation', { name: 'Result pages' }).textContent()).toContain('Page 2 of 5');
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => params(page).get('page')).toBe('3');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works from the keyboard: one tab stop per chart, arrows, Enter, sort and view controls', async () => {
    const { context, page } = await open(browser, explore);
    const decade = page.getByTestId('decade-chart');
    expect(await decade.locator('[tabindex="0"]').count()).toBe(1);
    // Tab into the decade chart from the last filter control before it.
    await page.getByRole('heading', { name: 'Explore' }).click();
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.closest('[data-testid=decade-chart]') !== null)) && guard++ < 80) await page.keyboard.press('Tab');
    expect(guard).toBeLessThan(80);
    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-bar'));
    const keys = await decade.locator('[data-bar]').evaluateAll((els) => els.map((e) => e.getAttribute('data-bar')));
    expect(first).toBe(keys[0]);
    for (let i = 0; i < keys.indexOf('1990'); i++) await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-bar'))).toBe('1990');
    await page.keyboard.press('Enter');
    await expect.poll(() => params(page).get('decade')).toBe('1990');
    // Focus stays on the bar after the URL changed, Space toggles it back off.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-bar'))).toBe('1990');
    await page.keyboard.press(' ');
    await expect.poll(() => params(page).has('decade')).toBe(false);

    // Sort select, direction and view buttons.
    await page.focus('#explore-sort');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => params(page).get('sort')).toBe('rating');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sort-dir');
    await page.keyboard.press('Enter');
    await expect.poll(() => params(page).get('dir')).toBe('asc');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Table');
    await page.keyboard.press('Enter');
    await expect.poll(() => params(page).get('view')).toBe('table');
    // Table headers sort too.
    await page.getByRole('button', { name: /^Year/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => params(page).get('sort')).toBe('year');
    // A card / title link opens the movie page with Enter.
    await page.locator('[data-testid=results-table] td.title a').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/movie\/\?id=\d+/, { waitUntil: 'commit' });
    await context.close();
  });

  describe('posters', () => {
    let tmp: string;
    let posterServer: StaticServer;

    beforeAll(async () => {
      // The sample has no poster paths: serve a copy whose movies all have one.
      tmp = mkdtempSync(join(tmpdir(), 'cineatlas-posters-'));
      cpSync(dataDir, tmp, { recursive: true });
      const file = join(tmp, 'movies.parquet');
      const inst = await DuckDBInstance.create(':memory:');
      const con = await inst.connect();
      await con.run(
        `COPY (SELECT * REPLACE ('/poster' || id || '.jpg' AS poster_path) FROM read_parquet('${join(dataDir, 'movies.parquet')}'))
         TO '${file}' (FORMAT parquet, COMPRESSION zstd)`
      );
      con.closeSync();
      const manifest = JSON.parse(readFileSync(join(tmp, 'manifest.json'), 'utf8'));
      const entry = manifest.artifacts.find((a: { name: string }) => a.name === 'movies.parquet');
      entry.bytes = statSync(file).size;
      entry.sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
      writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest));
      posterServer = await serveStatic(siteDir, '/cineatlas', tmp);
    }, 60_000);
    afterAll(async () => {
      await posterServer?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it('asks TMDB only for posters, and shows the placeholder when they fail (offline)', async () => {
      const { context, page, offOrigin, errors } = await open(browser, `${posterServer.url}explore/`);
      await expect.poll(() => offOrigin.length).toBeGreaterThan(0);
      for (const u of offOrigin) expect(u).toMatch(/^https:\/\/image\.tmdb\.org\/t\/p\/w185\/poster\d+\.jpg$/);
      // A failed image gives way to the placeholder (lazy ones below the fold wait, hidden
      // behind it); no broken image shows, and the cards keep their size.
      await expect.poll(() => page.locator('[data-testid=movie-card] img').count()).toBeLessThan(48);
      expect(await page.locator('[data-testid=movie-card] img.loaded').count()).toBe(0);
      expect(await page.getByTestId('poster-placeholder').count()).toBe(48);
      const heights = await page.getByTestId('poster').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
      expect(new Set(heights).size).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('shows the poster when TMDB answers', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="185" height="278"><rect width="185" height="278" fill="#2a9d8f"/></svg>';
      await context.route('https://image.tmdb.org/**', (r) => r.fulfill({ status: 200, contentType: 'image/svg+xml', body: svg }));
      const page = await context.newPage();
      await page.goto(`${posterServer.url}explore/`);
      await page.getByTestId('result-count').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('[data-testid=movie-card] img.loaded').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid=movie-card] img').first().getAttribute('alt')).toMatch(/^Poster of /);
      await context.close();
    });
  });
});
