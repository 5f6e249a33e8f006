/**
 * Trends (/trends/) and Insights (/insights/) on the built static site under a base path, in
 * Chromium: the pages load, every chart draws marks, controls write the URL and a shared URL
 * restores the view, month/day names work in Spanish in any case, keyboard reading of the
 * charts, and no request leaves the origin. Also against the real TMDB 5000 build when one
 * is at $CINEATLAS_TMDB5K_DATA (default /tmp/ca-tmdb5k).
 * Screenshots: test-results/screenshots/{trends,insights}[-tmdb5k]-{desktop,phone}[-dark].png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './browser';
import { sharedSite } from './site-build';
import { serveStatic, type StaticServer } from './static-server';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TMDB5K = process.env.CINEATLAS_TMDB5K_DATA ?? '/tmp/ca-tmdb5k';
const hasTmdb = existsSync(join(TMDB5K, 'manifest.json'));
if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM}`);

interface Visit {
  page: Page;
  close(): Promise<void>;
  offOrigin: string[];
  failed: string[];
  errors: string[];
}

/** Opens `url` in a fresh context; requests to any other origin are recorded and refused (page and workers). */
async function open(browser: Browser, url: string, o: BrowserContextOptions = {}): Promise<Visit> {
  const origin = new URL(url).origin;
  const ctx = await browser.newContext({ viewport: DESKTOP, ...o });
  const v = { offOrigin: [] as string[], failed: [] as string[], errors: [] as string[] };
  await ctx.route(
    (u) => u.origin !== origin && u.protocol !== 'blob:' && u.protocol !== 'data:',
    (route) => {
      v.offOrigin.push(route.request().url());
      return route.abort('blockedbyclient');
    }
  );
  ctx.on('requestfailed', (r) => v.failed.push(r.url()));
  const page = await ctx.newPage();
  page.on('pageerror', (e) => v.errors.push(String(e)));
  await page.goto(url);
  return { page, close: () => ctx.close(), ...v };
}

const params = (page: Page) => new URL(page.url()).searchParams;
const marks = (page: Page, sel: string) => page.locator(sel).count();

async function trendsReady(page: Page) {
  await page.getByTestId('budget-scatter').locator('circle').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('micro-growth').waitFor({ timeout: 30_000 }).catch(() => undefined);
}
async function insightsReady(page: Page) {
  await page.getByTestId('month-bars').waitFor({ timeout: 60_000 });
  await page.getByTestId('genre-bars').waitFor({ timeout: 30_000 });
  await page.getByTestId('cast-eras').waitFor({ timeout: 30_000 });
}
/** The index (data-index) of the highlighted bar of a bar chart, or null. */
const highlighted = async (page: Page, testid: string) => {
  const hl = page.getByTestId(testid).locator('g.bar.hl');
  return (await hl.count()) ? Number(await hl.getAttribute('data-index')) : null;
};

async function screenshots(browser: Browser, url: string, name: string, ready: (p: Page) => Promise<void>) {
  for (const [vp, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const)
    for (const scheme of ['light', 'dark'] as const) {
      const v = await open(browser, url, { viewport, colorScheme: scheme });
      await ready(v.page);
      await v.page.waitForTimeout(300);
      // No horizontal scrolling of the page itself at any width.
      const overflow = await v.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} ${vp} ${scheme} page overflows sideways`).toBeLessThanOrEqual(0);
      await v.page.screenshot({ path: join(SHOTS, `${name}-${vp}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
      expect(v.errors).toEqual([]);
      expect(v.offOrigin).toEqual([]);
      await v.close();
    }
}

describe.skipIf(!hasChromium)('trends and insights, sample catalogue, built static site under a base path', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    const site = await sharedSite();
    server = await serveStatic(site.siteDir, '/cineatlas', site.dataDir);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('trends: every chart draws, nothing leaves the origin', async () => {
    const v = await open(browser, `${server.url}trends/`);
    await trendsReady(v.page);
    const p = v.page;
    expect(await marks(p, '[data-testid=genre-share] path.layer')).toBeGreaterThan(1);
    expect(await marks(p, '[data-testid=genre-heatmap] rect.cell')).toBeGreaterThan(10);
    expect(await marks(p, '[data-testid=micro-growth] svg path')).toBeGreaterThan(0);
    expect(await marks(p, '[data-testid=runtime-chart] svg circle')).toBeGreaterThan(1);
    expect(await marks(p, '[data-testid=rating-chart] svg circle')).toBeGreaterThan(1);
    expect(await marks(p, '[data-testid=keyword-clouds] li')).toBeGreaterThan(0);
    expect(await marks(p, '[data-testid=budget-scatter] circle')).toBeGreaterThan(50);
    expect(v.offOrigin).toEqual([]);
    expect(v.failed).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it('trends: controls write the URL, and the URL restores the view', async () => {
    const v = await open(browser, `${server.url}trends/`);
    await trendsReady(v.page);
    const p = v.page;
    await p.getByLabel('Genre in focus').selectOption('Drama');
    await expect.poll(() => params(p).get('genre')).toBe('Drama');
    await expect.poll(() => p.getByRole('heading', { name: 'Runtime and rating over time: Drama' }).count()).toBe(1);
    await p.getByRole('radio', { name: 'Decade', exact: true }).check();
    await expect.poll(() => params(p).get('bucket')).toBe('decade');
    await p.getByRole('radio', { name: 'Number of films', exact: true }).check();
    await expect.poll(() => params(p).get('heat')).toBe('count');
    await p.getByRole('radio', { name: 'Largest', exact: true }).check();
    await expect.poll(() => params(p).get('mg')).toBe('size');
    await p.getByRole('radio', { name: 'Most frequent', exact: true }).check();
    await expect.poll(() => params(p).get('kw')).toBe('top');
    await p.getByRole('radio', { name: 'Linear', exact: true }).check();
    await expect.poll(() => params(p).get('scale')).toBe('linear');
    // Back to a default: the parameter leaves the URL.
    await p.getByRole('radio', { name: '5 years', exact: true }).check();
    await expect.poll(() => params(p).get('bucket')).toBeNull();
    // The genre legend toggles the focus too.
    await p.getByTestId('genre-share').getByRole('button', { name: 'Drama' }).click();
    await expect.poll(() => params(p).get('genre')).toBeNull();
    const shared = p.url();
    await v.close();

    const w = await open(browser, `${shared}&genre=Comedy`);
    await trendsReady(w.page);
    expect(await w.page.getByLabel('Genre in focus').inputValue()).toBe('Comedy');
    expect(await w.page.getByRole('radio', { name: 'Number of films', exact: true }).isChecked()).toBe(true);
    expect(await w.page.getByRole('radio', { name: 'Linear', exact: true }).isChecked()).toBe(true);
    expect(await w.page.getByTestId('genre-share').getByRole('button', { name: 'Comedy' }).getAttribute('aria-pressed')).toBe('true');
    await w.close();
  });

  it('trends: the share chart reads out a period with the arrow keys', async () => {
    const v = await open(browser, `${server.url}trends/?bucket=decade`);
    await trendsReady(v.page);
    const chart = v.page.getByRole('group', { name: /Share of each genre/ });
    await chart.focus();
    await v.page.keyboard.press('End');
    await expect.poll(() => v.page.getByTestId('genre-share').locator('.readout').textContent()).toMatch(/20\d0s \(\d+ films\):/);
    await v.page.keyboard.press('ArrowLeft');
    await expect.poll(() => v.page.getByTestId('genre-share').locator('.readout').textContent()).toMatch(/^\s*20\d0s|^\s*19\d0s/);
    await v.close();
  });

  it('insights: every chart draws, nothing leaves the origin', async () => {
    const v = await open(browser, `${server.url}insights/`);
    await insightsReady(v.page);
    const p = v.page;
    expect(await marks(p, '[data-testid=month-bars] rect')).toBe(12);
    expect(await marks(p, '[data-testid=weekday-bars] rect')).toBe(7);
    expect(await marks(p, '[data-testid=country-bars] rect')).toBeGreaterThan(0);
    expect(await marks(p, '[data-testid=company-bars] rect')).toBeGreaterThan(0);
    expect(await marks(p, '[data-testid=genre-bars] rect')).toBeGreaterThan(0);
    expect(await marks(p, '[data-testid=cast-size-bars] rect')).toBeGreaterThan(0);
    expect(await marks(p, '[data-testid=cast-eras] rect')).toBeGreaterThan(0);
    // The sample catalogue has collections: the franchise table shows, not the note.
    expect(await marks(p, '[data-testid=franchise-table] tbody tr')).toBeGreaterThan(0);
    expect(await p.getByTestId('no-collections').count()).toBe(0);
    expect(v.offOrigin).toEqual([]);
    expect(v.failed).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it('insights: Spanish month and day names in any case pick out the bar', async () => {
    const v = await open(browser, `${server.url}insights/`);
    await insightsReady(v.page);
    const p = v.page;
    const month = p.getByRole('textbox', { name: 'Month', exact: true });
    expect(await highlighted(p, 'month-bars')).toBeNull();
    for (const text of ['Marzo', 'marzo', 'MARZO', 'Mar', 'march']) {
      await month.fill(text);
      await expect.poll(() => highlighted(p, 'month-bars'), { message: text }).toBe(2);
      await expect.poll(() => params(p).get('month')).toBe(text);
      expect(await p.locator('#cal-month-hint').textContent()).toContain('March');
    }
    await expect.poll(() => p.getByTestId('calendar-pick').textContent()).toContain('came out in March');
    await month.fill('xyz');
    await expect.poll(() => highlighted(p, 'month-bars')).toBeNull();
    expect(await p.locator('#cal-month-hint').textContent()).toContain('Not a month name');

    const day = p.getByRole('textbox', { name: 'Day of the week' });
    for (const text of ['miércoles', 'MIERCOLES', 'Miércoles', 'wed']) {
      await day.fill(text);
      await expect.poll(() => highlighted(p, 'weekday-bars'), { message: text }).toBe(2); // Monday-first: Wednesday is the third bar
    }
    await month.fill('septiembre');
    await expect.poll(() => highlighted(p, 'month-bars')).toBe(8);
    await expect.poll(() => p.getByTestId('calendar-pick').textContent()).toMatch(/on a Wednesday in September/);
    const shared = p.url();
    await v.close();

    // A shared link restores the typed text and the highlight.
    const w = await open(browser, shared);
    await insightsReady(w.page);
    expect(await w.page.getByRole('textbox', { name: 'Month', exact: true }).inputValue()).toBe('septiembre');
    await expect.poll(() => highlighted(w.page, 'month-bars')).toBe(8);
    await expect.poll(() => highlighted(w.page, 'weekday-bars')).toBe(2);
    await w.close();
  });

  it('insights: title lookup shows a film’s money; other controls write the URL', async () => {
    const v = await open(browser, `${server.url}insights/`);
    await insightsReady(v.page);
    const p = v.page;
    await p.getByLabel('Title starts with').fill('AVA');
    const hit = p.locator('#money-results').getByRole('button', { name: /^Avatar/ });
    await hit.click();
    await expect.poll(() => params(p).get('q')).toBe('AVA');
    await expect.poll(() => params(p).get('movie')).toMatch(/^\d+$/);
    await expect.poll(() => p.getByTestId('movie-money').textContent()).toMatch(/Avatar[\s\S]*Budget[\s\S]*\$237 M[\s\S]*Revenue ÷ budget/);
    await p.getByRole('radio', { name: 'Top 25', exact: true }).check();
    await expect.poll(() => params(p).get('cn')).toBe('25');
    await p.getByRole('radio', { name: 'Number of films', exact: true }).check();
    await expect.poll(() => params(p).get('co')).toBe('movies');
    await p.getByRole('radio', { name: 'Rating', exact: true }).check();
    await expect.poll(() => params(p).get('fr')).toBe('rating');
    // Injection text in the title box is only a prefix that matches nothing.
    await p.getByLabel('Title starts with').fill("'; DROP TABLE movies; --");
    await expect.poll(() => p.locator('#money-results').textContent()).toContain('No title starts with');
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it('screenshots, desktop and phone, light and dark', async () => {
    await screenshots(browser, `${server.url}trends/`, 'trends', trendsReady);
    await screenshots(browser, `${server.url}insights/?month=marzo&day=vie&movie=179`, 'insights', insightsReady);
  }, 240_000);
});

describe.skipIf(!hasChromium || !hasTmdb)('trends and insights on the TMDB 5000 build', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    const site = await sharedSite();
    server = await serveStatic(site.siteDir, '/cineatlas', TMDB5K);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws every chart for 4,803 films and says the source has no collections', async () => {
    const v = await open(browser, `${server.url}trends/`);
    await trendsReady(v.page);
    expect(await marks(v.page, '[data-testid=budget-scatter] circle')).toBeGreaterThan(3000);
    expect(await marks(v.page, '[data-testid=micro-growth] svg path')).toBeGreaterThan(0);
    expect(v.offOrigin).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.close();
    const w = await open(browser, `${server.url}insights/?month=MARZO`);
    await insightsReady(w.page);
    await expect.poll(() => highlighted(w.page, 'month-bars')).toBe(2);
    await w.page.getByTestId('no-collections').waitFor();
    expect(w.offOrigin).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.close();
  });

  it('screenshots, desktop and phone, light and dark', async () => {
    await screenshots(browser, `${server.url}trends/`, 'trends-tmdb5k', trendsReady);
    await screenshots(browser, `${server.url}insights/?month=marzo&day=mi%C3%A9rcoles&movie=19995`, 'insights-tmdb5k', insightsReady);
  }, 300_000);
});
