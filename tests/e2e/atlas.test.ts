/**
 * The map (/map/), micro-genres list (/genres/), one micro-genre (/genre/) and models
 * (/models/) pages on the built static site under a base path, in Chromium. Expected
 * counts come from the artifacts the site serves (models.json, clusters.parquet,
 * layout.parquet), never from constants. Screenshots: test-results/screenshots/atlas-*.png.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../build-scripts/cluster/registry';
import { CHROMIUM, hasChromium, launchChromium } from './browser';
import { sharedSite } from './site-build';
import { watch } from './page-watch';
import { serveStatic, type StaticServer } from './static-server';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM}`);

async function query(dataDir: string, q: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    const sqlText = q.replace(/\$(\w+)/g, (_, t: string) => `read_parquet('${join(dataDir, `${t}.parquet`)}')`);
    return (await con.runAndReadAll(sqlText)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
  }
}

const overflowOf = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const params = (page: Page) => new URL(page.url()).searchParams;
const mapAttr = async (page: Page, a: string) => Number(await page.getByTestId('map').getAttribute(`data-${a}`));

describe.skipIf(!hasChromium)('map, micro-genres and models pages, built static site under a base path', () => {
  let server: StaticServer;
  let browser: Browser;
  let dataDir: string;
  let siteDir: string;
  let registry: Registry;
  let layoutCount: number;
  /** model → cluster → members (cluster −1: HDBSCAN noise). */
  const sizes = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    const site = await sharedSite();
    dataDir = site.dataDir;
    siteDir = site.siteDir;
    server = await serveStatic(site.siteDir, '/cineatlas', site.dataDir);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    registry = JSON.parse(readFileSync(join(dataDir, 'models.json'), 'utf8')) as Registry;
    layoutCount = Number((await query(dataDir, 'SELECT count(*) AS n FROM $layout'))[0].n);
    for (const r of await query(dataDir, 'SELECT model, cluster, count(*) AS n FROM $clusters GROUP BY ALL')) {
      const m = sizes.get(String(r.model)) ?? new Map<number, number>();
      m.set(Number(r.cluster), Number(r.n));
      sizes.set(String(r.model), m);
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, ready: string, o: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport: DESKTOP, ...o });
    await context.route('https://image.tmdb.org/**', (r) => r.abort('internetdisconnected'));
    const page = await context.newPage();
    const w = watch(page, new URL(server.url).origin);
    await page.goto(`${server.url}${path}`);
    await page.getByTestId(ready).first().waitFor({ timeout: 60_000 });
    return { context, page, ...w };
  }

  const microCount = (model: string) => [...(sizes.get(model)?.keys() ?? [])].filter((c) => c >= 0).length;

  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      const tag = `${scheme === 'dark' ? '-dark' : ''}-${name}`;

      it(`map draws every movie coloured by the default model with its legend (${name}, ${scheme})`, async () => {
        const { context, page, offOrigin, failed, errors } = await open('map/', 'map-legend', { viewport, colorScheme: scheme });
        const def = registry.default_model;
        expect(await mapAttr(page, 'points')).toBe(layoutCount);
        expect(await page.getByTestId('map-layout').getAttribute('data-model')).toBe(def);
        expect(await page.getByTestId('map-model').inputValue()).toBe(def);
        // One legend entry per cluster of the model (+ one for noise), each with its true size.
        const entries = page.getByTestId('map-legend').locator('button[data-cluster]');
        expect(await entries.count()).toBe(sizes.get(def)!.size);
        for (const [c, n] of sizes.get(def)!) {
          const text = await page.getByTestId('map-legend').locator(`button[data-cluster="${c}"] .n`).textContent();
          expect(Number(text)).toBe(n);
        }
        await expect.poll(() => mapAttr(page, 'labels')).toBeGreaterThan(0);
        expect(await mapAttr(page, 'visible')).toBe(layoutCount);
        expect(await overflowOf(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `atlas-map${tag}.png`), fullPage: name === 'desktop' });
        expect(offOrigin).toEqual([]);
        expect(failed).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });

      it(`micro-genres list shows every cluster of the model (${name}, ${scheme})`, async () => {
        const { context, page, errors, offOrigin } = await open('genres/', 'genre-card', { viewport, colorScheme: scheme });
        const def = registry.default_model;
        await expect.poll(() => page.getByTestId('genre-card').count()).toBe(microCount(def));
        expect(await overflowOf(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `atlas-genres${tag}.png`), fullPage: true });
        expect(errors).toEqual([]);
        expect(offOrigin).toEqual([]);
        await context.close();
      });

      it(`models page compares every model in the registry (${name}, ${scheme})`, async () => {
        const { context, page, errors, offOrigin } = await open('models/', 'metrics', { viewport, colorScheme: scheme });
        const rows = page.getByTestId('metrics').locator('tbody tr');
        expect(await rows.count()).toBe(registry.models.length);
        const ids = await rows.evaluateAll((trs) => trs.map((t) => t.getAttribute('data-model')));
        expect(new Set(ids)).toEqual(new Set(registry.models.map((m) => m.id)));
        // The agreement matrix is models × models.
        expect(await page.getByTestId('agreement').locator('tbody td').count()).toBe(registry.models.length ** 2);
        // Each model's size panel draws one bar per micro-genre once the catalogue answers.
        for (const m of registry.models) {
          const bars = page.locator(`[data-testid=size-panel][data-model="${m.id}"] rect`);
          await expect.poll(() => bars.count()).toBe(microCount(m.id));
        }
        expect(await overflowOf(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `atlas-models${tag}.png`), fullPage: true });
        expect(errors).toEqual([]);
        expect(offOrigin).toEqual([]);
        await context.close();
      });
    }
  }

  it('switching the model recolours the map, keeps the URL and the legend in step', async () => {
    const { context, page, errors } = await open('map/', 'map-legend');
    const other = registry.models.find((m) => m.id !== registry.default_model)!.id;
    await page.getByTestId('map-model').selectOption(other);
    await expect.poll(() => page.getByTestId('map-layout').getAttribute('data-model')).toBe(other);
    expect(params(page).get('model')).toBe(other);
    await expect.poll(() => page.getByTestId('map-legend').locator('button[data-cluster]').count()).toBe(sizes.get(other)!.size);
    // Singling out a micro-genre dims the rest and lands in the URL; a reload restores it.
    const [c, n] = [...sizes.get(other)!].find(([k]) => k >= 0)!;
    await page.getByTestId('map-legend').locator(`button[data-cluster="${c}"]`).click();
    await expect.poll(() => params(page).get('cluster')).toBe(String(c));
    await expect.poll(() => mapAttr(page, 'dimmed')).toBe(layoutCount - n);
    await page.reload();
    await page.getByTestId('map-legend').waitFor();
    expect(await page.getByTestId('map-model').inputValue()).toBe(other);
    expect(await page.getByTestId('map-legend').locator(`button[data-cluster="${c}"]`).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => mapAttr(page, 'dimmed')).toBe(layoutCount - n);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('highlights linked ids, hovers show a tooltip, zoom lands in the URL, find focuses a movie', async () => {
    const picks = await query(dataDir, 'SELECT id, title FROM $movies ORDER BY vote_count DESC NULLS LAST, id LIMIT 3');
    const ids = picks.map((r) => Number(r.id));
    const { context, page, errors } = await open(`map/?highlight=${ids.join(',')},999999999`, 'map-legend');
    await expect.poll(() => mapAttr(page, 'highlighted')).toBe(3);
    const hl = page.getByTestId('map-highlights');
    await expect.poll(() => hl.locator('li').count()).toBe(3);
    expect(await hl.textContent()).toContain('1 of the linked ids are not on this map');
    for (const p of picks) expect(await hl.textContent()).toContain(String(p.title));

    // Sweep the pointer over the canvas until it passes over a point: a tooltip with a title.
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    let tip = '';
    for (let gy = 0.1; gy < 0.95 && !tip; gy += 0.04) {
      for (let gx = 0.1; gx < 0.95 && !tip; gx += 0.04) {
        await page.mouse.move(box.x + box.width * gx, box.y + box.height * gy);
        if (await page.getByTestId('map-tooltip').isVisible()) tip = (await page.getByTestId('map-tooltip').textContent()) ?? '';
      }
    }
    expect(tip.length).toBeGreaterThan(0);

    // Zoom with the button: the zoom (k, centre) is written to the URL.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => params(page).get('zoom')?.split(',')[0]).toMatch(/^2(\.0+)?$/);
    await page.getByRole('button', { name: 'Show the whole map' }).click();
    await expect.poll(() => params(page).get('zoom')).toBeNull();

    // Find a movie by title: it becomes the focus, with a link to its page.
    const target = picks[1];
    await page.getByTestId('map-find').fill(String(target.title).slice(0, 8));
    await page.getByRole('option', { name: new RegExp(String(target.title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().click();
    await expect.poll(() => params(page).get('focus')).toBe(String(target.id));
    const sel = page.getByTestId('map-selection');
    expect(await sel.locator('h2').textContent()).toContain(String(target.title));
    expect(await sel.getByRole('link', { name: 'Movie page' }).getAttribute('href')).toContain(`/movie/?id=${target.id}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the map is keyboard usable: focus, plus zooms, arrows pan, 0 resets', async () => {
    const { context, page, errors } = await open('map/', 'map-legend');
    await page.getByRole('application').focus();
    await page.keyboard.press('+');
    await expect.poll(() => Number(params(page).get('zoom')?.split(',')[0] ?? 1)).toBeGreaterThan(1);
    const before = params(page).get('zoom');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => params(page).get('zoom')).not.toBe(before);
    await page.keyboard.press('0');
    await expect.poll(() => params(page).get('zoom')).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a micro-genre page lists its members, pages through them and links back to the map', async () => {
    const model = registry.models.find((m) => m.id !== registry.default_model)!.id;
    const [cluster, size] = [...sizes.get(model)!].filter(([c]) => c >= 0).sort((a, b) => b[1] - a[1])[0];
    const { context, page, errors, offOrigin } = await open(`genre/?model=${model}&cluster=${cluster}`, 'genre-members');
    const meta = await query(dataDir, `SELECT name FROM $clusters_meta WHERE model = '${model}' AND cluster = ${cluster} AND level = 'micro'`);
    expect(await page.getByTestId('genre-name').textContent()).toContain(String(meta[0].name));
    const rows = page.getByTestId('genre-members').locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(25, size));
    await page.getByTestId('word-cloud').waitFor();
    // Every member on every page belongs to the cluster, per clusters.parquet.
    const expected = new Set(
      (await query(dataDir, `SELECT movie_id FROM $clusters WHERE model = '${model}' AND cluster = ${cluster}`)).map((r) => Number(r.movie_id))
    );
    const seen = new Set<number>();
    for (;;) {
      const hrefs = await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const h of hrefs) seen.add(Number(new URL(h, 'http://x').searchParams.get('id')));
      const next = page.getByRole('button', { name: 'Next →' });
      if (!(await next.isVisible()) || (await next.isDisabled())) break;
      // The URL carries the page one-based (absent on the first).
      const pageNo = Number(params(page).get('page') ?? 1);
      await next.click();
      await expect.poll(() => Number(params(page).get('page') ?? 1)).toBe(pageNo + 1);
      await expect.poll(() => rows.locator('a').first().getAttribute('href')).not.toBe(hrefs[0]);
    }
    expect(seen).toEqual(expected);
    const mapLink = page.getByRole('link', { name: 'See it on the map' });
    const href = new URL((await mapLink.getAttribute('href'))!, page.url());
    expect(href.searchParams.get('model')).toBe(model);
    expect(href.searchParams.get('cluster')).toBe(String(cluster));
    await page.screenshot({ path: join(SHOTS, 'atlas-genre-desktop.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(offOrigin).toEqual([]);
    await context.close();
  });

  it('the genres list switches model and filters by keyword through the URL', async () => {
    const { context, page, errors } = await open('genres/', 'genre-card');
    const other = registry.models.find((m) => m.id !== registry.default_model)!.id;
    await page.getByTestId('model-select').selectOption(other);
    await expect.poll(() => params(page).get('model')).toBe(other);
    await expect.poll(() => page.getByTestId('genre-card').count()).toBe(microCount(other));
    const metas = await query(dataDir, `SELECT name, keywords FROM $clusters_meta WHERE model = '${other}' AND level = 'micro' AND cluster >= 0 ORDER BY size DESC`);
    const texts = metas.map((m) => [String(m.name), ...(m.keywords as string[])].join(' ').toLowerCase());
    const kw = (metas[0].keywords as string[])[0];
    const words = kw.toLowerCase().split(/\s+/);
    const matching = texts.filter((t) => words.every((w) => t.includes(w))).length;
    await page.getByPlaceholder('Name or keyword…').fill(kw);
    await expect.poll(() => params(page).get('q')).toBe(kw);
    await expect.poll(() => page.getByTestId('genre-card').count()).toBe(matching);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the models table sorts by a metric column, the order lands in the URL', async () => {
    const { context, page, errors } = await open('models/', 'metrics');
    await page.getByTestId('metrics').getByRole('button', { name: /Silhouette/ }).click();
    await expect.poll(() => params(page).get('sort')).toBe('silhouette');
    const order = await page.getByTestId('metrics').locator('tbody tr').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-model')));
    const dir = params(page).get('dir') ?? 'desc';
    const sil = (id: string | null) => registry.models.find((m) => m.id === id)!.metrics.silhouette ?? -Infinity;
    const values = order.map(sil);
    const sorted = [...values].sort((a, b) => (dir === 'asc' ? a - b : b - a));
    expect(values).toEqual(sorted);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when the catalogue was built without the map and micro-genre stages', async () => {
    const bare = mkdtempSync(`${dataDir}-no-layout-`);
    cpSync(dataDir, bare, { recursive: true, filter: (src) => !/(layout|clusters|clusters_meta)\.parquet$|models\.json$/.test(src) });
    const other = await serveStatic(siteDir, '/cineatlas', bare);
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await page.goto(`${other.url}map/`);
      await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/no map/);
      expect(await page.getByTestId('map-canvas').count()).toBe(0);
    } finally {
      await context.close();
      await other.close();
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
