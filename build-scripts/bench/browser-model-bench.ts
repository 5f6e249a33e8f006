import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../paths';
import { DEFAULT_MODEL_SRC, stageModel } from '../site/stage-model';
import { hasChromium, launchChromium } from '../../tests/e2e/browser';
import { serveStatic } from '../../tests/e2e/static-server';
import type { ReadyInfo } from '../../src/lib/model/protocol';

/**
 * The query embedder in Debian Chromium on the built static site under /cineatlas (the
 * /dev/model/ page, loopback, no COOP/COEP so one wasm thread): cold load (fresh browser
 * context: worker start, download, session, warm-up) and repeat-visit load (same context:
 * files from the Cache API), then warm query latency for 3-, 30- and 300-word queries
 * (300 words pass 256 word pieces and are cut there, as in the build). WASM q8 is what
 * browsers without WebGPU get; WebGPU fp32 runs on SwiftShader here (--enable-unsafe-webgpu),
 * a software adapter, so its figures say nothing about a real GPU. Figures only.
 * Usage: tsx build-scripts/bench/browser-model-bench.ts [--model <dir>] [--runs 30]
 */

const BASE = '/cineatlas';
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const MODEL = arg('model') ?? process.env.CINEATLAS_MODEL_DIR ?? join(PROJECT_ROOT, DEFAULT_MODEL_SRC);
const RUNS = Number(arg('runs') ?? 30);

const PLOT = `a retired lighthouse keeper on a windswept island takes in a runaway girl who claims to hear
voices in the fog and together they uncover a smuggling ring that ties the village priest to a
shipwreck forty years ago while a storm cuts the island off from the mainland and old debts come
due between neighbours who have kept each other's secrets for a lifetime`.split(/\s+/);
const words = (n: number, shift: number) => Array.from({ length: n }, (_, i) => PLOT[(i + shift) % PLOT.length]).join(' ');

interface Config { label: string; device: 'wasm' | 'webgpu'; dtype: 'q8' | 'fp32'; gpu: boolean; runs: number }
const CONFIGS: Config[] = [
  { label: 'WASM q8', device: 'wasm', dtype: 'q8', gpu: false, runs: RUNS },
  { label: 'WASM fp32', device: 'wasm', dtype: 'fp32', gpu: false, runs: RUNS },
  // ~3 s a query on SwiftShader: a few runs say enough.
  { label: 'WebGPU fp32 (SwiftShader)', device: 'webgpu', dtype: 'fp32', gpu: true, runs: 5 }
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f1 = (x: number) => (x < 100 ? x.toFixed(1) : Math.round(x).toString());

type Embed = { ms: number; info: ReadyInfo; roundTrip: number };
async function embed(page: Page, text: string): Promise<Embed> {
  return page.evaluate(async (t) => {
    const m = (window as unknown as { __model: { embed(t: string[]): Promise<{ ms: number; info: ReadyInfo }> } }).__model;
    const t0 = performance.now();
    const r = await m.embed([t]);
    return { ms: r.ms, info: r.info, roundTrip: performance.now() - t0 };
  }, text);
}

async function benchConfig(browser: Browser, url: string, c: Config): Promise<string[][]> {
  const page0 = `${url}dev/model/?device=${c.device}&dtype=${c.dtype}`;
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(page0);
  await page.waitForFunction(() => '__model' in window);
  const cold = await embed(page, 'hello');
  await page.reload();
  await page.waitForFunction(() => '__model' in window);
  const repeat = await embed(page, 'hello');
  const load = (e: Embed) => {
    const p = e.info.phases;
    return `${Math.round(e.roundTrip)} ms (${(e.info.downloadedBytes / 1e6).toFixed(1)} MB fetched; files ${Math.round(p.files)}, session ${Math.round(p.session)}, first run ${Math.round(p.warmup)})`;
  };
  console.log(`  ${c.label}: ${cold.info.reason}\n    cold load ${load(cold)}\n    repeat visit ${load(repeat)}`);
  const lengths = [3, 30, 300];
  for (const n of lengths) await embed(page, words(n, 99)); // one unmeasured run each (WebGPU: shapes compile)
  // Lengths take turns, so V8's background tier-up of the 27 MB wasm (it competes for one of
  // the two cores for a while after load) does not all land on whichever length runs first.
  const rt = lengths.map(() => [] as number[]);
  const worker = lengths.map(() => [] as number[]);
  for (let i = 0; i < c.runs; i++) {
    for (const [k, n] of lengths.entries()) {
      const r = await embed(page, words(n, i));
      rt[k].push(r.roundTrip);
      worker[k].push(r.ms);
    }
  }
  const rows = lengths.map((n, k) => [
    c.label, `${n}`, f1(pct(rt[k], 50)), f1(pct(rt[k], 95)), f1(pct(worker[k], 50)), `${c.runs}`,
    `${Math.round(cold.roundTrip)}`, `${Math.round(repeat.roundTrip)}`
  ]);
  await ctx.close();
  return rows;
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

async function main() {
  if (!hasChromium) return console.log('Skipped: no Chromium (apt-get install chromium, or set CHROMIUM_PATH).');
  if (!existsSync(join(MODEL, 'onnx/model_quantized.onnx'))) {
    return console.log(`Skipped: no model at ${MODEL} (npm run model:provision, or --model <dir>).`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'cineatlas-model-bench-'));
  try {
    const site = join(tmp, 'site');
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
      cwd: PROJECT_ROOT, env: { ...process.env, BASE_PATH: BASE, SITE_OUT: site }, stdio: 'pipe'
    });
    const m = stageModel({ src: MODEL, target: site });
    console.log(`Served files (raw / gzip -6, what a compressing host would send):`);
    for (const f of [...m.common, ...Object.values(m.onnx)]) {
      const gz = gzipSync(readFileSync(join(site, f.path)), { level: 6 }).length;
      console.log(`  ${f.path.padEnd(48)} ${(f.bytes / 1e6).toFixed(2).padStart(6)} MB / ${(gz / 1e6).toFixed(2).padStart(6)} MB`);
    }
    const server = await serveStatic(site, BASE);
    const plain = await launchChromium();
    const gpu = await launchChromium(['--enable-unsafe-webgpu']);
    console.log(`\nChromium ${plain.version()}, ${RUNS} warm runs a length (WebGPU: 5):`);
    const rows: string[][] = [];
    for (const c of CONFIGS) rows.push(...(await benchConfig(c.gpu ? gpu : plain, server.url, c)));
    console.log('\nWarm query latency (ms; round trip = page → worker → page, as the search box sees it):');
    table(['device', 'words', 'p50', 'p95', 'worker p50', 'runs', 'cold load', 'repeat load'], rows);
    await plain.close();
    await gpu.close();
    await server.close();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
