import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runBuild } from '../pipeline';
import { dataDir, PROJECT_ROOT } from '../paths';
import { silentProgress } from '../report/progress';
import { type BenchFigure, runBench } from '../../src/lib/db/bench-queries';
import { loadArtifacts } from '../../src/lib/db/client';
import { fetchFromDir, openNodeEngine } from '../../src/lib/db/node';
import { catalogueQueries } from '../../src/lib/db/queries';
import { hasChromium, launchChromium } from '../../tests/e2e/browser';
import { pagesLikeServer } from './pages-like-server';

/**
 * DuckDB-WASM data layer: engine start, artifact load and query latency for the TMDB 5000
 * catalogue (4,803 movies, 26,666 credits; the sample catalogue when that is absent) —
 * (1) in Node, on the same wasm build through its blocking Node target;
 * (2) in Debian Chromium, on the built static site under /cineatlas (the /dev/db/?bench=N
 *     page), served the way GitHub Pages serves it (gzip for text and wasm, not for
 *     .parquet; Cache-Control max-age=600 + ETag): cold visits in fresh browser contexts,
 *     then a repeat visit in the same context (HTTP cache and V8's wasm code cache warm),
 *     on loopback and throttled to 20 Mbit/s down, 40 ms RTT.
 * Also the engine's download size (raw and gzip -6). Figures only; nothing is asserted.
 */

const REPEATS = 10;
const VISITS = 3;
const BASE = '/cineatlas';
const r0 = (x: number) => Math.round(x);
const mb = (b: number) => (b / 1e6).toFixed(2);

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

function benchTable(cols: { label: string; figures: BenchFigure[] }[]): void {
  const names = cols[0].figures.map((f) => f.name);
  table(
    ['query (ms)', ...cols.flatMap((c) => [`${c.label} first`, `${c.label} median`])],
    names.map((n) => [n, ...cols.flatMap((c) => {
      const f = c.figures.find((x) => x.name === n)!;
      return [String(f.first), String(f.median)];
    })])
  );
}

async function main(): Promise<void> {
  const tmdb = join(dataDir(), 'tmdb');
  const sources = existsSync(tmdb) ? [tmdb] : [];
  const tmp = mkdtempSync(join(tmpdir(), 'cineatlas-duckdb-bench-'));
  try {
    const data = join(tmp, 'data');
    const built = await runBuild({ sources, out: data, progress: silentProgress() });
    const bytes = (f: string) => statSync(join(data, f)).size;
    console.log(
      `catalogue: ${sources.length ? tmdb : 'sample (no TMDB data found)'}: ${built.movies.length} movies, ${built.credits.length} credits; ` +
        `movies.parquet ${mb(bytes('movies.parquet'))} MB, people.parquet ${mb(bytes('people.parquet'))} MB`
    );

    // (1) Node, same wasm
    let t = performance.now();
    const engine = await openNodeEngine();
    const engineMs = performance.now() - t;
    t = performance.now();
    const report = await loadArtifacts(engine, { dataUrl: (f) => `${BASE}/data/${f}`, fetch: fetchFromDir(data) });
    const loadMs = performance.now() - t;
    const nodeFigures = await runBench(catalogueQueries(engine), REPEATS);
    await engine.close();
    console.log(`\nNode ${process.version}, DuckDB-WASM ${engine.version} (EH build, blocking): engine ${r0(engineMs)} ms, ` +
      `load movies+people ${r0(loadMs)} ms (${report.counts.movies} movies, ${report.counts.people} credits)`);

    // (2) Chromium, built site
    if (!hasChromium) {
      console.log('\nChromium not installed: browser figures skipped');
      benchTable([{ label: 'node', figures: nodeFigures }]);
      return;
    }
    const site = join(tmp, 'site');
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BASE_PATH: BASE, SITE_OUT: site },
      stdio: 'pipe'
    });
    const server = await pagesLikeServer(site, data, BASE);
    const browser = await launchChromium();
    type Visit = { ms: { engine: number; total: number }; report: { ms: { download: number; tables: number } }; bench: BenchFigure[] | null };
    const runs: { network: string; cold: Visit[]; repeat: Visit[] }[] = [];
    let requested: string[] = [];
    let version = '';
    const open = async (page: import('playwright-core').Page, reps: number): Promise<Visit> => {
      await page.goto(`${server.url}dev/db/?bench=${reps}`);
      await page.waitForFunction(() => (window as unknown as { __dbBench?: unknown }).__dbBench, null, { timeout: 300_000 });
      const r = await page.evaluate(() => (window as unknown as { __dbBench: Record<string, unknown> }).__dbBench);
      if (r.error) throw new Error(String(r.error));
      version = String(r.version);
      return r as unknown as Visit;
    };
    try {
      for (const network of ['loopback', '20 Mbit/s, 40 ms RTT']) {
        const run = { network, cold: [] as Visit[], repeat: [] as Visit[] };
        for (let i = 0; i < VISITS; i++) {
          const ctx = await browser.newContext();
          const page = await ctx.newPage();
          if (network !== 'loopback') {
            const cdp = await ctx.newCDPSession(page);
            await cdp.send('Network.enable');
            await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 });
          }
          const urls: string[] = [];
          ctx.on('request', (r) => urls.push(r.url()));
          run.cold.push(await open(page, network === 'loopback' ? REPEATS : 0));
          if (network === 'loopback') requested = [...urls];
          await page.goto('about:blank');
          run.repeat.push(await open(page, 0));
          await ctx.close();
        }
        runs.push(run);
      }
    } finally {
      await browser.close();
      await server.close();
    }
    const visits = runs[0].cold;
    const chromiumVersion = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    console.log(`\n${chromiumVersion}, DuckDB-WASM ${version} in a web worker, single-threaded; /dev/db/ page (ms, median of ${VISITS} visits):`);
    const med = (xs: number[]) => r0([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
    table(
      ['network', 'visit', 'engine ready', 'artifacts downloaded', 'tables created', 'total to ready'],
      runs.flatMap((r) =>
        (['cold', 'repeat'] as const).map((kind) => [
          r.network, kind,
          String(med(r[kind].map((v) => v.ms.engine))),
          String(med(r[kind].map((v) => v.report.ms.download))),
          String(med(r[kind].map((v) => v.report.ms.tables))),
          String(med(r[kind].map((v) => v.ms.total)))
        ])
      )
    );

    // What the visit downloaded, from the site folder: raw and gzip -6 (what a compressing host sends).
    const origin = new URL(server.url).origin;
    let raw = 0;
    let gz = 0;
    const lines: string[][] = [];
    for (const u of new Set(requested)) {
      const path = new URL(u).pathname.slice(BASE.length);
      const file = path.startsWith('/data/') ? join(data, path.slice(6)) : join(site, path.endsWith('/') ? `${path}index.html` : path);
      if (!u.startsWith(origin) || !existsSync(file)) continue;
      const body = readFileSync(file);
      const z = path.endsWith('.parquet') ? body.length : gzipSync(body, { level: 6 }).length;
      raw += body.length;
      gz += z;
      if (body.length > 100_000) lines.push([path.split('/').pop()!, mb(body.length), mb(z)]);
    }
    console.log(`\n/dev/db/ first visit downloads (${new Set(requested).size} requests; gzip is what the server sent for all but .parquet):`);
    table(['file (>100 kB)', 'raw MB', 'gzip -6 MB'], [...lines, ['all files', mb(raw), mb(gz)]]);

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const figure = (v: Visit, name: string) => v.bench!.find((x) => x.name === name)!;
    const chromeFigures: BenchFigure[] = visits[0].bench!.map((f) => ({
      name: f.name,
      first: median(visits.map((v) => figure(v, f.name).first)),
      median: median(visits.map((v) => figure(v, f.name).median)),
      min: Math.min(...visits.map((v) => figure(v, f.name).min))
    }));
    console.log(`\nQuery latency, ${built.movies.length} movies (first call; median of ${REPEATS} repeats; Chromium: median over visits):`);
    benchTable([
      { label: 'node', figures: nodeFigures },
      { label: 'chromium', figures: chromeFigures }
    ]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
