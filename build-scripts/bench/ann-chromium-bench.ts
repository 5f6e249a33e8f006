/**
 * The vector worker in Debian Chromium on the built site (/dev/vectors/ diagnostics page):
 * first visit (download embeddings.i8.bin + HNSW build in the worker + store in IndexedDB)
 * and second visit (restore from IndexedDB); search time inside the worker and round trip
 * page → worker → page (p50/p95), and recall@10 against exact search in the page. Figures only.
 *
 *   npx tsx build-scripts/bench/ann-chromium-bench.ts [--data DIR]... [--synthetic 10866,100000]
 *       [--queries 200] [--site DIR]
 *
 * --data       build folders (embeddings.i8.bin + manifest.json); default $CINEATLAS_ANN_DATA (':'-separated)
 * --synthetic  clustered synthetic 384-D sets (synthetic-vectors.ts) written as compact files
 * --site       a site already built with BASE_PATH=/cineatlas (else one is built into a temp folder)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hasChromium, launchChromium } from '../../tests/e2e/browser';
import { serveStatic } from '../../tests/e2e/static-server';
import { COMPACT_FILE, encodeCompact } from '../../src/lib/vectors/compact-format';
import { PROJECT_ROOT } from '../paths';
import { clusteredVectors } from './synthetic-vectors';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', multiple: true, default: (process.env.CINEATLAS_ANN_DATA ?? '').split(':').filter(Boolean) },
    synthetic: { type: 'string', default: '10866,100000' },
    queries: { type: 'string', default: '200' },
    site: { type: 'string' }
  }
});
const BASE = '/cineatlas';

interface Status { mode: string; source: string; count: number; reason: string | null; ms: Record<string, number> }
interface Check { recall: number; p50Ms: number; p95Ms: number; maxScoreDiff: number; worker: { p50Ms: number; p95Ms: number; meanMs: number } }

/** A data folder holding only what the vector worker reads: the compact file and a manifest with its sha256. */
function dataFolder(root: string, name: string, bytes: Uint8Array): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, COMPACT_FILE), bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ built_at: new Date().toISOString(), artifacts: [{ name: COMPACT_FILE, bytes: bytes.length, sha256 }] }));
  return dir;
}

async function main(): Promise<void> {
  if (!hasChromium) return console.log('Chromium not installed: skipped');
  const tmp = mkdtempSync(join(tmpdir(), 'cineatlas-ann-chromium-'));
  try {
    const sets: { name: string; dir: string }[] = [];
    for (const d of args.data ?? []) {
      const dir = join(tmp, `real-${sets.length}`);
      mkdirSync(dir);
      for (const f of [COMPACT_FILE, 'manifest.json']) if (existsSync(join(d, f))) copyFileSync(join(d, f), join(dir, f));
      sets.push({ name: d, dir });
    }
    for (const n of args.synthetic.split(',').map(Number).filter((x) => x > 0)) {
      const v = clusteredVectors(n, 384, { seed: 7 });
      sets.push({ name: `synthetic ${n.toLocaleString('en')}`, dir: dataFolder(tmp, `syn-${n}`, encodeCompact(Array.from({ length: n }, (_, i) => i + 1), v, 384)) });
    }
    let site = args.site;
    if (!site) {
      site = join(tmp, 'site');
      execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
        cwd: PROJECT_ROOT, env: { ...process.env, BASE_PATH: BASE, SITE_OUT: site }, stdio: 'pipe'
      });
    }
    const browser = await launchChromium();
    console.log(`Chromium ${browser.version()}; round trips page → worker → page; ${args.queries} queries mixing two movies' vectors`);
    try {
      for (const set of sets) {
        const server = await serveStatic(site, BASE, set.dir);
        const ctx = await browser.newContext();
        const page = await ctx.newPage();
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(String(e)));
        const visit = async (): Promise<{ status: Status; check: Check }> => {
          await page.goto(`${server.url}dev/vectors/?queries=${args.queries}`);
          const crashed = new Promise<void>((r) => page.once('crash', () => (errors.push('the page crashed (out of memory?)'), r())));
          await Promise.race([page.locator('[data-testid="vec-settled"], [data-testid="vec-error"]').first().waitFor({ timeout: 900_000 }), crashed]);
          if (page.isClosed() || errors.some((e) => e.startsWith('the page crashed'))) throw new Error(`${set.name}: ${errors.join(' | ')}`);
          const failed = await page.getByTestId('vec-error').textContent({ timeout: 100 }).catch(() => null);
          if (failed) throw new Error(`${set.name}: ${failed} ${errors.join(' | ')}`);
          return page.evaluate(async () => {
            const api = (window as unknown as { __vectors: { status: unknown; check(): Promise<unknown> } }).__vectors;
            return { status: api.status, check: await api.check() } as never;
          });
        };
        const first = await visit();
        const second = await visit();
        const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
        console.log(`\n${set.name}: ${first.status.count.toLocaleString('en')} vectors, ${readFileSync(join(set.dir, COMPACT_FILE)).length / 1e6} MB compact`);
        for (const [label, r] of [['first visit', first], ['second visit', second]] as const) {
          const { ms } = r.status;
          console.log(
            `  ${label}: ${r.status.mode} (${r.status.source}${r.status.reason ? `; ${r.status.reason}` : ''}); download ${f(ms.download)} ms, build ${f(ms.build)} ms, ` +
              `store ${f(ms.persist)} ms, restore ${f(ms.restore)} ms; search in worker p50 ${f(r.check.worker.p50Ms)} ms, p95 ${f(r.check.worker.p95Ms)} ms, mean ${r.check.worker.meanMs.toFixed(3)} ms; ` +
              `round trip p50 ${f(r.check.p50Ms)} ms, p95 ${f(r.check.p95Ms)} ms; recall@10 vs exact ${r.check.recall.toFixed(4)}`
          );
        }
        await ctx.close();
        await server.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
