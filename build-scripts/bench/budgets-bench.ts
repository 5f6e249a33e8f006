import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runBuild } from '../pipeline';
import { dataDir, PROJECT_ROOT } from '../paths';
import { silentProgress } from '../report/progress';
import { hasChromium, launchChromium } from '../../tests/e2e/browser';
import { pagesLikeServer, type PagesServer } from './pages-like-server';

/**
 * Page-weight and speed budgets of the built site (issue #8), in Debian Chromium:
 *   first visit to the home page (no model download): bytes transferred ≤ 12 MB, interactive ≤ 2 s;
 *   repeat visit offline (service worker warmed by the first): interactive ≤ 1 s.
 * "Interactive" = the search box is enabled and the catalogue figures are shown: the movie
 * count only appears once the page has hydrated and read manifest.json, so from then on
 * typing a query and pressing Enter searches. Measured as performance.now() (from navigation
 * start) when both hold, by a MutationObserver injected before the page's scripts.
 * Bytes: what the server sent (everything: page, workers, the service worker's precache and
 * first-visit caching), and Chromium's own count for the page (CDP Network.loadingFinished
 * encodedDataLength; service-worker fetches are not in it). The server behaves like GitHub
 * Pages: gzip for text and wasm, not for .parquet/.bin/.onnx; max-age=600 + ETag.
 * Also, for context: the first visit at 20 Mbit/s / 40 ms RTT, and the bytes a first visit
 * costs with service workers blocked (the difference is the precache).
 * Data: the TMDB 5000 catalogue with the real model's vectors and micro-genres when the
 * dataset and model are here (built once into .cache/bench/budgets-tmdb5000), else the sample
 * catalogue with the tiny test model. Figures are printed; nothing is asserted.
 */

const BASE = '/cineatlas';
const VISITS = 3;
const BUDGET = { firstBytes: 12e6, firstTti: 2000, offlineTti: 1000 };
/** The catalogue to serve, and how it was obtained. */
async function catalogue(): Promise<{ dir: string; label: string }> {
  const tmdb = join(dataDir(), 'tmdb');
  const model = process.env.CINEATLAS_MODEL_DIR ?? join(PROJECT_ROOT, '.cache/models/Xenova/all-MiniLM-L6-v2');
  if (existsSync(tmdb) && existsSync(join(model, 'onnx/model.onnx'))) {
    const dir = join(PROJECT_ROOT, '.cache/bench/budgets-tmdb5000');
    if (!existsSync(join(dir, 'models.json'))) {
      mkdirSync(dir, { recursive: true });
      // The atlas bench's embeddings of the same texts with the same model, when present.
      const seed = join(PROJECT_ROOT, '.cache/bench/tmdb5000/embed-cache.bin');
      if (existsSync(seed) && !existsSync(join(dir, 'embed-cache.bin'))) copyFileSync(seed, join(dir, 'embed-cache.bin'));
      console.log(`building the TMDB 5000 catalogue with ${model} into ${dir} (once; reused on later runs)…`);
      await runBuild({ sources: [tmdb], out: dir, progress: silentProgress(), embed: { model, dtype: 'fp32' }, clusters: { seed: 1 } });
    }
    return { dir, label: `TMDB 5000 (${tmdb}), vectors and micro-genres from ${model}` };
  }
  const dir = join(PROJECT_ROOT, '.cache/bench/budgets-sample');
  rmSync(dir, { recursive: true, force: true });
  await runBuild({ sources: [], out: dir, progress: silentProgress(), embed: { model: join(PROJECT_ROOT, 'tests/fixtures/tiny-bert'), dtype: 'fp32' }, clusters: { seed: 1 } });
  const why = existsSync(tmdb) ? `no model at ${model}` : `no TMDB 5000 at ${tmdb}`;
  return { dir, label: `the sample catalogue with the tiny test model (${why})` };
}

/** Records when the page became interactive (see the header). Runs before the page's scripts. */
const INTERACTIVE_PROBE = `(() => {
  const check = () => {
    const q = document.getElementById('q');
    const count = document.querySelector('[data-testid=movie-count]');
    if (q && !q.disabled && count && count.textContent.trim()) {
      window.__interactiveMs = performance.now();
      return true;
    }
    return false;
  };
  const obs = new MutationObserver(() => check() && obs.disconnect());
  obs.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

async function interactiveMs(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __interactiveMs?: number }).__interactiveMs !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => (window as unknown as { __interactiveMs: number }).__interactiveMs);
}

/** Waits until the site has been quiet for `ms` (lazy loads, the service worker's caching). */
async function quiet(server: PagesServer, ms = 2000): Promise<void> {
  while (Date.now() - server.lastRequestAt < ms) await new Promise((r) => setTimeout(r, 200));
}

interface Visit {
  firstTti: number;
  firstServerBytes: number;
  firstPageBytes: number;
  firstRequests: number;
  repeatTti: number;
  offlineTti: number;
  /** Same first visit at 20 Mbit/s down, 40 ms RTT (CDP network emulation). */
  slowTti: number;
  /** Bytes of a first visit with service workers blocked: the precache's share is the difference. */
  noSwBytes: number;
  offlineRefused: number;
}

async function visit(ctx: BrowserContext, server: PagesServer): Promise<Omit<Visit, 'slowTti' | 'noSwBytes'>> {
  await ctx.addInitScript(INTERACTIVE_PROBE);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  let pageBytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (pageBytes += e.encodedDataLength));
  await cdp.send('Network.enable');
  const bytes0 = server.bytes;
  const requests0 = server.requests;

  await page.goto(server.url);
  const firstTti = await interactiveMs(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60_000 });
  await quiet(server);
  const first = { firstServerBytes: server.bytes - bytes0, firstPageBytes: pageBytes, firstRequests: server.requests - requests0 };

  await page.goto('about:blank');
  await page.goto(server.url);
  const repeatTti = await interactiveMs(page);
  await quiet(server);

  await ctx.setOffline(true);
  server.offline = true;
  const refused0 = server.refused;
  await page.goto('about:blank');
  await page.goto(server.url);
  const offlineTti = await interactiveMs(page);
  server.offline = false;
  return { firstTti, ...first, repeatTti, offlineTti, offlineRefused: server.refused - refused0 };
}

/** A first visit in a fresh profile at 20 Mbit/s, or with service workers blocked. */
async function variant(ctx: BrowserContext, server: PagesServer, slow: boolean): Promise<{ tti: number; bytes: number }> {
  await ctx.addInitScript(INTERACTIVE_PROBE);
  const page = await ctx.newPage();
  if (slow) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 });
  }
  const bytes0 = server.bytes;
  await page.goto(server.url);
  const tti = await interactiveMs(page);
  await quiet(server);
  return { tti, bytes: server.bytes - bytes0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const ms = (x: number) => `${Math.round(x)} ms`;

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

async function main(): Promise<void> {
  if (!hasChromium) {
    console.log('skip budgets bench: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
    return;
  }
  const data = await catalogue();
  console.log(`catalogue: ${data.label}`);
  const work = join(PROJECT_ROOT, '.cache/bench/budgets-site');
  const site = join(work, 'site');
  rmSync(work, { recursive: true, force: true });
  // Its own output folders, so a build running elsewhere in this tree cannot collide with it.
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production', BASE_PATH: BASE, SITE_OUT: site, KIT_OUT_DIR: join(work, 'kit') },
    stdio: 'pipe'
  });
  const server = await pagesLikeServer(site, data.dir, BASE);
  const browser = await launchChromium();
  const visits: Visit[] = [];
  try {
    for (let i = 0; i < VISITS; i++) {
      const ctx = await browser.newContext();
      const v = await visit(ctx, server);
      await ctx.close();
      const slowCtx = await browser.newContext();
      const slow = await variant(slowCtx, server, true);
      await slowCtx.close();
      const bareCtx = await browser.newContext({ serviceWorkers: 'block' });
      const bare = await variant(bareCtx, server, false);
      await bareCtx.close();
      visits.push({ ...v, slowTti: slow.tti, noSwBytes: bare.bytes });
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
  const version = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const each = (f: (v: Visit) => number, fmt: (x: number) => string) => visits.map((v) => fmt(f(v))).join(' / ');
  const row = (name: string, f: (v: Visit) => number, fmt: (x: number) => string, budget?: number): string[] => {
    const m = median(visits.map(f));
    return [name, fmt(m), each(f, fmt), budget === undefined ? '' : `≤ ${fmt(budget)}`, budget === undefined ? '' : m <= budget ? 'PASS' : 'FAIL'];
  };
  console.log(`\n${version}, loopback, Pages-like server (gzip, max-age=600); home page ${BASE}/; median of ${VISITS} fresh profiles:`);
  table(['figure', 'median', 'each visit', 'budget', ''], [
    row('first visit: bytes sent by the server', (v) => v.firstServerBytes, mb, BUDGET.firstBytes),
    row('first visit: bytes Chromium counted for the page', (v) => v.firstPageBytes, mb, BUDGET.firstBytes),
    row('first visit: requests', (v) => v.firstRequests, String),
    row('  of which the service worker (precache)', (v) => v.firstServerBytes - v.noSwBytes, mb),
    row('first visit: interactive', (v) => v.firstTti, ms, BUDGET.firstTti),
    row('first visit at 20 Mbit/s, 40 ms RTT: interactive', (v) => v.slowTti, ms, BUDGET.firstTti),
    row('repeat visit online: interactive', (v) => v.repeatTti, ms),
    row('repeat visit offline: interactive', (v) => v.offlineTti, ms, BUDGET.offlineTti),
    row('repeat visit offline: network attempts (dropped)', (v) => v.offlineRefused, String)
  ]);
}

await main();
