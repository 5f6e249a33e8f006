import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runBuild } from '../pipeline';
import { dataDir, PROJECT_ROOT } from '../paths';
import { silentProgress } from '../report/progress';
import { hasChromium, launchChromium } from '../../tests/e2e/browser';
import { pagesLikeServer } from './pages-like-server';

/**
 * Are the pages fast on 5k–10k movies (issue #7)? In Debian Chromium, on loopback (a server
 * that compresses and caches like GitHub Pages), each page
 * of the built site is opened in a fresh profile and timed from navigation to its first
 * complete view (the element that appears once its data is drawn), plus the interactions that
 * must stay smooth: a cross-filter click in the explorer, a model switch and a zoom on the map
 * (the map's own draw time, from its data-draw-ms attribute).
 * Catalogues: `--data DIR` (repeatable, a complete data build), else complete builds found in
 * .cache/bench (the budgets bench's TMDB 5000), plus TMDB 10k ingested without vectors (the
 * map and micro-genre pages are skipped for it). Median of 3; nothing asserted.
 */

const BASE = '/cineatlas';
const RUNS = 3;

interface Probe {
  name: string;
  path: (ids: { movie: number; person: string }) => string;
  ready: string;
  needsClusters?: boolean;
  /** An interaction after ready: returns its own duration in ms. */
  act?: (page: Page) => Promise<number>;
  actName?: string;
}

const attr = async (page: Page, sel: string, a: string) => Number(await page.locator(sel).getAttribute(a));

const PROBES: Probe[] = [
  { name: 'home', path: () => '', ready: '[data-testid=movie-count]' },
  {
    name: 'explore', path: () => 'explore/', ready: '[data-testid=decade-chart] [data-bar]',
    actName: 'cross-filter click → results',
    act: async (page) => {
      const before = await page.getByTestId('result-count').textContent();
      const t = Date.now();
      await page.locator('[data-testid=decade-chart] [data-bar]').nth(3).click();
      await page.waitForFunction((b) => document.querySelector('[data-testid=result-count]')?.textContent !== b, before);
      return Date.now() - t;
    }
  },
  { name: 'trends', path: () => 'trends/', ready: 'main svg' },
  { name: 'insights', path: () => 'insights/', ready: 'main svg' },
  { name: 'movie', path: (i) => `movie/?id=${i.movie}`, ready: 'main h1' },
  { name: 'person', path: (i) => `person/?name=${encodeURIComponent(i.person)}`, ready: 'main h1' },
  {
    name: 'map', path: () => 'map/', ready: '[data-testid=map-legend]', needsClusters: true,
    actName: 'draw ms: first / after zoom / after model switch',
    act: async (page) => {
      const first = await attr(page, '[data-testid=map]', 'data-draw-ms');
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.waitForTimeout(400);
      const zoomed = await attr(page, '[data-testid=map]', 'data-draw-ms');
      const select = page.getByTestId('map-model');
      const other = await select.locator('option').nth(1).getAttribute('value');
      await select.selectOption(other!);
      await page.waitForFunction((m) => document.querySelector('[data-testid=map-layout]')?.getAttribute('data-model') === m, other);
      await page.waitForTimeout(200);
      const switched = await attr(page, '[data-testid=map]', 'data-draw-ms');
      console.log(`    map draw: first ${first} ms, zoomed ${zoomed} ms, switched ${switched} ms`);
      return Math.max(first, zoomed, switched);
    }
  },
  { name: 'micro-genres', path: () => 'genres/', ready: '[data-testid=genre-card]', needsClusters: true },
  { name: 'models', path: () => 'models/', ready: '[data-testid=size-panel] rect', needsClusters: true }
];

/** Complete site builds: the manifest lists the layout (the atlas bench's own folders do not). */
function catalogues(): { dir: string; label: string }[] {
  const given = process.argv.flatMap((a, i) => (a === '--data' ? [process.argv[i + 1]] : []));
  if (given.length) return given.map((d) => ({ dir: d, label: d }));
  const complete = (d: string) => {
    try {
      const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { artifacts?: { name: string }[] };
      return Boolean(m.artifacts?.some((a) => a.name === 'layout.parquet'));
    } catch {
      return false;
    }
  };
  return ['budgets-tmdb5000', 'tmdb5000', 'tmdb10k']
    .map((n) => join(PROJECT_ROOT, '.cache/bench', n))
    .filter(complete)
    .slice(0, 2)
    .map((d) => ({ dir: d, label: `${d} (full build)` }));
}

async function ingestOnly10k(): Promise<{ dir: string; label: string }> {
  const dir = join(PROJECT_ROOT, '.cache/bench/pages-tmdb10k-ingest');
  if (!existsSync(join(dir, 'movies.parquet'))) {
    await runBuild({ sources: [join(dataDir(), 'tmdb_10k_udacity/tmdb-movies.csv')], out: dir, progress: silentProgress() });
  }
  return { dir, label: 'TMDB 10k, ingest only (no map or micro-genres)' };
}

async function facts(dir: string): Promise<{ n: number; movie: number; person: string }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const q = async (s: string) => (await con.runAndReadAll(s)).getRowObjectsJson()[0] as Record<string, unknown>;
  const m = await q(`SELECT count(*) OVER () AS n, id FROM read_parquet('${join(dir, 'movies.parquet')}') ORDER BY vote_count DESC NULLS LAST LIMIT 1`);
  const p = await q(`SELECT person, count(*) AS k FROM read_parquet('${join(dir, 'people.parquet')}') GROUP BY person ORDER BY k DESC, person LIMIT 1`);
  con.closeSync();
  return { n: Number(m.n), movie: Number(m.id), person: String(p.person) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(browser: Browser, url: string, probe: Probe): Promise<{ ready: number; act: number | null }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await ctx.route('https://image.tmdb.org/**', (r) => r.abort('internetdisconnected'));
  const page = await ctx.newPage();
  try {
    const t = Date.now();
    await page.goto(url);
    await page.locator(probe.ready).first().waitFor({ timeout: 120_000 });
    const ready = Date.now() - t;
    const act = probe.act ? await probe.act(page) : null;
    return { ready, act };
  } finally {
    await ctx.close();
  }
}

async function main(): Promise<void> {
  if (!hasChromium) return void console.log('skip pages bench: no Chromium');
  // Full builds where found, and always TMDB 10k (ingest only: cheap) for the data pages at 10k.
  const sets = [...catalogues(), await ingestOnly10k()];
  const work = join(PROJECT_ROOT, '.cache/bench/pages-site');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production', BASE_PATH: BASE, SITE_OUT: join(work, 'site'), KIT_OUT_DIR: join(work, 'kit') },
    stdio: 'pipe'
  });
  const browser = await launchChromium();
  try {
    for (const set of sets) {
      const f = await facts(set.dir);
      const clusters = existsSync(join(set.dir, 'clusters.parquet'));
      console.log(`\n${set.label}: ${f.n.toLocaleString('en')} movies; movie ${f.movie}, person "${f.person}"; median of ${RUNS} fresh profiles`);
      const server = await pagesLikeServer(join(work, 'site'), set.dir, BASE);
      try {
        const rows: string[][] = [];
        for (const p of PROBES) {
          if (p.needsClusters && !clusters) continue;
          const runs = [];
          for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, `${server.url}${p.path(f)}`, p));
          const act = runs.map((r) => r.act).filter((x): x is number => x !== null);
          rows.push([p.name, `${median(runs.map((r) => r.ready))} ms`, p.actName ? `${p.actName}: ${median(act)} ms` : '']);
        }
        const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), 6));
        console.log(`  ${'page'.padEnd(w[0])}  ${'ready'.padStart(w[1])}  interaction`);
        for (const r of rows) console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2]}`);
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
