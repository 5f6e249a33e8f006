/**
 * The movie page (/movie/?id=) and the person page (/person/?name=) on the built static site
 * under a base path, in Chromium. Expected values (cast, directors, budget, micro-genre per
 * model, filmography size, collaborators) come from the Parquet files the site serves, read
 * here with Node DuckDB. No request may leave the origin but TMDB posters (aborted: tests run
 * offline); no failed request, no page error, nothing wider than a 390 px phone.
 * Screenshots: test-results/screenshots/movie-*.png and person-*.png.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/lib/site/explore-money';
import { CHROMIUM, hasChromium, launchChromium } from './browser';
import { sharedSite } from './site-build';
import { watch } from './page-watch';
import { serveStatic, type StaticServer } from './static-server';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM}`);

type Row = Record<string, unknown>;

/** SQL over the served artifacts; $MOVIES, $PEOPLE, $CLUSTERS name the Parquet files. */
async function queryData(dataDir: string, q: string): Promise<Row[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    const text = q
      .replaceAll('$MOVIES', `read_parquet('${join(dataDir, 'movies.parquet')}')`)
      .replaceAll('$PEOPLE', `read_parquet('${join(dataDir, 'people.parquet')}')`)
      .replaceAll('$CLUSTERS', `read_parquet('${join(dataDir, 'clusters.parquet')}')`);
    return (await con.runAndReadAll(text)).getRowObjectsJson() as Row[];
  } finally {
    con.closeSync();
  }
}
const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Requests off the origin (TMDB posters excepted), failed or erroring same-origin requests, page errors. */
async function open(browser: Browser, url: string, ready: string, o: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, ...o });
  await context.route('https://image.tmdb.org/**', (r) => r.abort('internetdisconnected'));
  const page = await context.newPage();
  const w = watch(page, new URL(url).origin, { ignoreTmdbImages: true });
  await page.goto(url);
  await page.getByTestId(ready).waitFor({ timeout: 60_000 });
  return { context, page, ...w };
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const texts = (page: Page, sel: string) => page.locator(sel).allTextContents();

interface Pick {
  id: number;
  title: string;
  budget: number;
  cast: string[];
  directors: string[];
  clusters: Map<string, number>;
}

describe.skipIf(!hasChromium)('movie and person pages, built static site under a base path', () => {
  let server: StaticServer;
  let browser: Browser;
  let dataDir: string;
  let defaultModel: string;
  let movie: Pick;
  let members: Set<number>;
  /** Someone who both acts and directs, most credits first. */
  let both: { person: string; acted: number; directed: number };

  beforeAll(async () => {
    const site = await sharedSite();
    dataDir = site.dataDir;
    server = await serveStatic(site.siteDir, '/cineatlas', site.dataDir);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    defaultModel = (JSON.parse(readFileSync(join(dataDir, 'models.json'), 'utf8')) as { default_model: string }).default_model;
    // A movie with a known budget and revenue, cast, a director with several films, and a
    // (non-noise) micro-genre of a few members in the default model.
    const [m] = await queryData(
      dataDir,
      `WITH dir AS (SELECT person, count(DISTINCT movie_id) AS n FROM $PEOPLE WHERE role = 'director' GROUP BY person),
            size AS (SELECT model, cluster, count(*) AS n FROM $CLUSTERS GROUP BY ALL)
       SELECT m.id, m.title, m.budget FROM $MOVIES m
       JOIN $PEOPLE p ON p.movie_id = m.id AND p.role = 'director' JOIN dir ON dir.person = p.person
       JOIN $CLUSTERS c ON c.movie_id = m.id AND c.model = ${sqlString(defaultModel)}
       JOIN size s ON s.model = c.model AND s.cluster = c.cluster
       WHERE m.budget > 0 AND m.revenue > 0 AND c.cluster >= 0 AND s.n >= 4 AND len(m."cast") >= 3
       ORDER BY dir.n DESC, m.id LIMIT 1`
    );
    const id = Number(m.id);
    const people = await queryData(dataDir, `SELECT person, role FROM $PEOPLE WHERE movie_id = ${id} ORDER BY role, billing_order`);
    const clusters = await queryData(dataDir, `SELECT model, cluster FROM $CLUSTERS WHERE movie_id = ${id}`);
    movie = {
      id,
      title: String(m.title),
      budget: Number(m.budget),
      cast: people.filter((p) => p.role === 'cast').map((p) => String(p.person)),
      directors: people.filter((p) => p.role === 'director').map((p) => String(p.person)),
      clusters: new Map(clusters.map((c) => [String(c.model), Number(c.cluster)]))
    };
    const mine = movie.clusters.get(defaultModel)!;
    members = new Set(
      (await queryData(dataDir, `SELECT movie_id FROM $CLUSTERS WHERE model = ${sqlString(defaultModel)} AND cluster = ${mine}`)).map((r) => Number(r.movie_id))
    );
    const [b] = await queryData(
      dataDir,
      `SELECT person, count(DISTINCT movie_id) FILTER (WHERE role = 'cast') AS acted, count(DISTINCT movie_id) FILTER (WHERE role = 'director') AS directed
       FROM $PEOPLE GROUP BY person HAVING acted > 0 AND directed > 0 ORDER BY acted + directed DESC, person LIMIT 1`
    );
    both = { person: String(b.person), acted: Number(b.acted), directed: Number(b.directed) };
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const movieUrl = (id: number) => `${server.url}movie/?id=${id}`;
  const personUrl = (name: string) => `${server.url}person/?name=${encodeURIComponent(name)}`;

  it('shows the movie: metadata, people, money, micro-genre per model, similar movies', async () => {
    const { context, page, offOrigin, failed, errors } = await open(browser, movieUrl(movie.id), 'movie');
    expect(await page.getByTestId('movie-title').textContent()).toContain(movie.title);
    expect(await page.title()).toContain(movie.title);
    expect(await texts(page, '[data-testid=movie-directors] a')).toEqual(movie.directors);
    expect((await texts(page, '[data-testid=movie-cast] li > a')).slice(0, 3)).toEqual(movie.cast.slice(0, 3));
    expect(await page.getByTestId('money-budget').textContent()).toBe(formatUsd(movie.budget));
    expect(await page.getByTestId('money-roi').textContent()).toMatch(/^[+−]?[\d,]+ %$/);
    // The sample has no posters: the placeholder stands in.
    expect(await page.locator('.hero [data-testid=poster-placeholder]').count()).toBe(1);

    // One row per model, each with the movie's cluster from clusters.parquet, linked to the genre page.
    const list = page.getByTestId('movie-micro-genres');
    await list.waitFor();
    expect(await list.locator('li').count()).toBe(movie.clusters.size);
    for (const [model, cluster] of movie.clusters) {
      const li = list.locator(`li[data-model="${model}"]`);
      expect(await li.getAttribute('data-cluster')).toBe(String(cluster));
      const href = await li.locator('a').getAttribute('href');
      expect(href).toBe(`/cineatlas/genre/?model=${model}&cluster=${cluster}`);
      if (cluster < 0) expect(await li.textContent()).toMatch(/Noise/);
    }
    expect(await page.getByTestId('map-link').getAttribute('href')).toBe(`/cineatlas/map/?highlight=${movie.id}&focus=${movie.id}`);

    // Similar movies by vector, and within the cluster only members of it.
    await page.getByTestId('similar-global').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('similar-method').textContent()).toMatch(/Nearest by meaning/);
    const globalIds = (await page.getByTestId('similar-global').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).map((h) =>
      Number(new URL(h!, 'http://x').searchParams.get('id'))
    );
    expect(globalIds.length).toBeGreaterThanOrEqual(4);
    expect(globalIds).not.toContain(movie.id);
    const clusterIds = (await page.getByTestId('similar-cluster').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).map((h) =>
      Number(new URL(h!, 'http://x').searchParams.get('id'))
    );
    // Neighbours are taken from the 12 nearest in the display cluster, then non-members (noise) dropped.
    expect(clusterIds.length).toBeGreaterThan(0);
    expect(clusterIds.length).toBeLessThanOrEqual(Math.min(8, members.size - 1));
    expect(clusterIds.every((id) => members.has(id) && id !== movie.id)).toBe(true);

    // A similar movie's card opens its page.
    await page.getByTestId('similar-global').locator('a').first().click();
    await page.waitForURL((u) => u.searchParams.get('id') === String(globalIds[0]), { waitUntil: 'commit' });
    await expect.poll(async () => (await page.getByTestId('movie-title').textContent()) ?? '').not.toContain(movie.title);

    expect(offOrigin).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says "unknown" for money the source does not have, and noise for an unclustered movie', async () => {
    const [m] = await queryData(
      dataDir,
      `SELECT m.id FROM $MOVIES m LEFT JOIN $CLUSTERS c ON c.movie_id = m.id AND c.cluster < 0
       WHERE m.budget IS NULL OR m.budget = 0 ORDER BY (c.movie_id IS NULL), m.id LIMIT 1`
    );
    const id = Number(m.id);
    const { context, page, errors } = await open(browser, movieUrl(id), 'movie');
    expect(await page.getByTestId('money-budget').textContent()).toBe('unknown');
    expect(await page.getByTestId('money-roi').textContent()).toBe('unknown');
    const noise = await queryData(dataDir, `SELECT model FROM $CLUSTERS WHERE movie_id = ${id} AND cluster < 0`);
    for (const n of noise) {
      const li = page.getByTestId('movie-micro-genres').locator(`li[data-model="${n.model}"]`);
      expect(await li.textContent()).toMatch(/Noise — in no micro-genre/);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an unknown movie id says so', async () => {
    const { context, page } = await open(browser, movieUrl(987654321), 'movie-not-found');
    expect(await page.getByTestId('movie-not-found').textContent()).toMatch(/no movie with id 987654321/);
    await context.close();
  });

  it('people links open the person page: filmography marks, collaborators, counts (keyboard)', async () => {
    const { context, page, offOrigin, failed, errors } = await open(browser, movieUrl(movie.id), 'movie');
    const director = movie.directors[0];
    // From the keyboard: focus the director's link and follow it.
    await page.getByTestId('movie-directors').getByRole('link', { name: director }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname.endsWith('/person/') && u.searchParams.get('name') === director, { waitUntil: 'commit' });
    await page.getByTestId('person').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('person-name').textContent()).toBe(director);

    const [{ n }] = await queryData(dataDir, `SELECT count(DISTINCT movie_id) AS n FROM $PEOPLE WHERE person = ${sqlString(director)}`);
    expect(Number(await page.getByTestId('person-movie-count').textContent())).toBe(Number(n));
    expect(await page.getByTestId('filmography-chart').locator('[data-mark]').count()).toBe(Number(n));
    expect(await page.getByTestId('filmography-table').locator('tbody tr').count()).toBe(Number(n));
    expect(await page.getByTestId('filmography-chart').locator(`[data-mark="${movie.id}"]`).count()).toBe(1);

    // Actors they directed, most shared movies first, counts from people.parquet.
    const expected = await queryData(
      dataDir,
      `SELECT a.person, count(DISTINCT a.movie_id) AS n FROM $PEOPLE a
       JOIN $PEOPLE me ON me.movie_id = a.movie_id AND me.person = ${sqlString(director)} AND me.role = 'director'
       WHERE a.role = 'cast' AND a.person <> ${sqlString(director)} GROUP BY a.person ORDER BY n DESC, a.person LIMIT 3`
    );
    const actors = page.getByTestId('person-collaborators').locator('ol[data-role=cast] li');
    for (let i = 0; i < expected.length; i++) {
      expect(await actors.nth(i).locator('a').textContent()).toBe(expected[i].person);
      expect(await actors.nth(i).getByTestId('collaborator-count').textContent()).toBe(`${expected[i].n} ${Number(expected[i].n) === 1 ? 'movie' : 'movies'}`);
    }
    expect(await page.getByTestId('person-genres').locator('svg text').count()).toBeGreaterThan(0);

    // A filmography link leads back to a movie page.
    await page.getByTestId('filmography-table').getByRole('link', { name: movie.title, exact: true }).first().click();
    await page.waitForURL((u) => u.pathname.endsWith('/movie/'), { waitUntil: 'commit' });
    await page.getByTestId('movie').waitFor();

    expect(offOrigin).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an actor: their directors with counts, and the role filter in the URL', async () => {
    const actor = movie.cast[0];
    const { context, page, errors } = await open(browser, personUrl(actor), 'person');
    const expected = await queryData(
      dataDir,
      `SELECT d.person, count(DISTINCT d.movie_id) AS n FROM $PEOPLE d
       JOIN $PEOPLE me ON me.movie_id = d.movie_id AND me.person = ${sqlString(actor)} AND me.role = 'cast'
       WHERE d.role = 'director' AND d.person <> ${sqlString(actor)} GROUP BY d.person ORDER BY n DESC, d.person LIMIT 10`
    );
    const directors = page.getByTestId('person-collaborators').locator('ol[data-role=director] li');
    expect(await directors.locator('a').allTextContents()).toEqual(expected.map((e) => e.person));
    const [{ n }] = await queryData(dataDir, `SELECT count(DISTINCT movie_id) AS n FROM $PEOPLE WHERE person = ${sqlString(actor)}`);
    expect(await page.getByTestId('filmography-chart').locator('[data-mark]').count()).toBe(Number(n));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('someone who acts and directs: both kinds of marks, and a role filter kept in the URL', async () => {
    const { context, page } = await open(browser, personUrl(both.person), 'person');
    const [{ n }] = await queryData(dataDir, `SELECT count(DISTINCT movie_id) AS n FROM $PEOPLE WHERE person = ${sqlString(both.person)}`);
    expect(await page.getByTestId('person-movie-count').textContent()).toBe(String(n));
    expect(await page.getByTestId('filmography-chart').locator('[data-mark]').count()).toBe(Number(n));
    expect(await page.getByTestId('filmography-chart').locator('.mark.director, .mark.both').count()).toBeGreaterThan(0);
    await page.getByRole('radio', { name: 'Directing' }).check();
    await page.waitForURL((u) => u.searchParams.get('role') === 'director', { waitUntil: 'commit' });
    await expect.poll(() => page.getByTestId('person-movie-count').textContent()).toBe(String(both.directed));
    expect(await page.getByTestId('filmography-chart').locator('[data-mark]').count()).toBe(both.directed);
    await page.reload();
    await page.getByTestId('person').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('radio', { name: 'Directing' }).isChecked()).toBe(true);
    expect(await page.getByTestId('person-movie-count').textContent()).toBe(String(both.directed));
    await context.close();
  });

  it('an unknown name says so, suggests close names and links back to search', async () => {
    const director = movie.directors[0];
    const { context, page, errors } = await open(browser, personUrl(`${director} Zzyzx`), 'person-not-found');
    expect(await page.getByTestId('person-not-found').textContent()).toContain(`Nobody called “${director} Zzyzx”`);
    expect(await page.getByTestId('back-to-search').getAttribute('href')).toBe('/cineatlas/');
    const lone = await open(browser, personUrl(director.split(' ')[0]), 'person-not-found');
    expect(await lone.page.getByTestId('person-not-found').getByRole('link', { name: director }).count()).toBe(1);
    await lone.context.close();
    // A hand-typed name in other case finds them.
    const lower = await open(browser, personUrl(director.toLowerCase()), 'person');
    expect(await lower.page.getByTestId('person-name').textContent()).toBe(director);
    await lower.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`fits and is screenshotted (${name}, ${scheme})`, async () => {
        const suffix = `${scheme === 'dark' ? '-dark' : ''}-${name}`;
        const m = await open(browser, movieUrl(movie.id), 'movie', { viewport, colorScheme: scheme });
        await m.page.getByTestId('similar-cluster').waitFor({ timeout: 60_000 });
        expect(await overflow(m.page)).toBeLessThanOrEqual(0);
        await m.page.screenshot({ path: join(SHOTS, `movie${suffix}.png`), fullPage: true });
        // A phone's full page shrinks to a sliver when viewed: keep the first screen too.
        if (name === 'phone') await m.page.screenshot({ path: join(SHOTS, `movie${suffix}-top.png`) });
        expect(m.offOrigin).toEqual([]);
        expect(m.failed).toEqual([]);
        expect(m.errors).toEqual([]);
        await m.context.close();

        const p = await open(browser, personUrl(both.person), 'person', { viewport, colorScheme: scheme });
        expect(await overflow(p.page)).toBeLessThanOrEqual(0);
        await p.page.screenshot({ path: join(SHOTS, `person${suffix}.png`), fullPage: true });
        if (name === 'phone') await p.page.screenshot({ path: join(SHOTS, `person${suffix}-top.png`) });
        expect(p.offOrigin).toEqual([]);
        expect(p.failed).toEqual([]);
        expect(p.errors).toEqual([]);
        await p.context.close();
      });
    }
  }
});
