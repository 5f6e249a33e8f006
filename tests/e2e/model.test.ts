import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../build-scripts/embed/embedder';
import { stageModel } from '../../build-scripts/site/stage-model';
import type { ReadyInfo } from '../../src/lib/model/protocol';
import { REAL_MODEL_DIR } from '../integration/real-model';
import { readReference, TINY_MODEL } from '../unit/embed/helpers';
import { CHROMIUM, hasChromium, launchChromium } from './browser';
import { E2E_BASE, sharedSite } from './site-build';
import { serveStatic, type StaticServer } from './static-server';

/**
 * The query embedder in Chromium, on the built static site under /cineatlas (no COOP/COEP, as on
 * GitHub Pages). The /dev/model/ diagnostics page loads the model in its worker on the first
 * embed; window.__model.embed(texts) returns the vectors, which must match the Node embedder's
 * on the same ONNX file. The committed tiny model is staged as "test/tiny-bert" so the worker
 * is always exercised; the real all-MiniLM-L6-v2 is staged when present (else: skipped, said).
 */
const TINY_ID = 'test/tiny-bert';
const REAL = REAL_MODEL_DIR && existsSync(join(REAL_MODEL_DIR, 'onnx/model_quantized.onnx')) ? REAL_MODEL_DIR : undefined;
const PARITY = 0.999;

if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
if (hasChromium && !REAL) console.warn('[e2e model] real-model parity SKIPPED: no all-MiniLM-L6-v2 with q8 (run npm run model:provision or set CINEATLAS_MODEL_DIR)');

interface Embedded { vectors: number[][]; ms: number; info: ReadyInfo }

interface Visit {
  ctx: BrowserContext;
  page: Page;
  requests: string[];
  foreign: string[];
  failed: string[];
}

describe.skipIf(!hasChromium)('query embedder in Chromium', () => {
  let site: string;
  let added: string[] | undefined;
  let server: StaticServer;
  let browser: Browser;
  let gpuBrowser: Browser;

  beforeAll(async () => {
    // The run's shared site build (one vite build for all page tests); the models are staged
    // into it here, not into static/, so the test never depends on `npm run build`.
    site = (await sharedSite()).siteDir;
    // Whatever this test adds to the shared build it takes away again (the real model is 150 MB).
    added = ['model', 'model/test', 'model/Xenova', 'ort'].filter((d) => !existsSync(join(site, d)));
    stageModel({ src: TINY_MODEL, target: site, id: TINY_ID });
    if (REAL) stageModel({ src: REAL, target: site });
    server = await serveStatic(site, E2E_BASE);
    browser = await launchChromium();
    gpuBrowser = await launchChromium(['--enable-unsafe-webgpu']);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await gpuBrowser?.close();
    await server?.close();
    for (const d of added ?? []) rmSync(join(site, d), { recursive: true, force: true });
  });

  async function visit(query: string, b = browser, ctx?: BrowserContext): Promise<Visit> {
    const origin = new URL(server.url).origin;
    ctx ??= await b.newContext();
    const v: Visit = { ctx, page: await ctx.newPage(), requests: [], foreign: [], failed: [] };
    // Covers the page and its workers: anything off-origin (hub, CDN) is recorded and refused.
    await ctx.route((url) => url.origin !== origin, (route) => {
      v.foreign.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    ctx.on('request', (r) => v.requests.push(r.url()));
    ctx.on('requestfailed', (r) => v.failed.push(r.url()));
    await v.page.goto(`${server.url}dev/model/${query}`);
    await v.page.waitForFunction(() => '__model' in window);
    return v;
  }

  const embedIn = (page: Page, texts: string[]) =>
    page.evaluate((t) => (window as unknown as { __model: { embed(t: string[]): Promise<Embedded> } }).__model.embed(t), texts);

  async function nodeVectors(dir: string, dtype: 'fp32' | 'q8', texts: string[]): Promise<Float32Array[]> {
    const em = await loadEmbedder({ model: dir, dtype, offline: true });
    const flat = await em.embed(texts);
    await em.dispose();
    const dim = flat.length / texts.length;
    return texts.map((_, i) => flat.subarray(i * dim, (i + 1) * dim));
  }

  function minCosine(a: number[][], b: Float32Array[]): number {
    expect(a.length).toBe(b.length);
    return Math.min(...a.map((v, i) => {
      let d = 0, na = 0, nb = 0;
      for (let k = 0; k < v.length; k++) { d += v[k] * b[i][k]; na += v[k] ** 2; nb += b[i][k] ** 2; }
      expect(v.length).toBe(b[i].length);
      return d / Math.sqrt(na * nb);
    }));
  }

  const base = () => `${new URL(server.url).origin}${E2E_BASE}/`;
  const modelFiles = (v: Visit) =>
    v.requests.filter((u) => /^\/cineatlas\/(model|ort)\//.test(new URL(u).pathname) && !u.endsWith('/files.json'));

  describe('tiny model (always available)', () => {
    const ref = readReference(TINY_MODEL);

    for (const dtype of ['q8', 'fp32'] as const) {
      it(`WASM ${dtype}: matches Node on the same file, everything from the site itself`, async () => {
        const v = await visit(`?model=${TINY_ID}&device=wasm&dtype=${dtype}`);
        const got = await embedIn(v.page, ref.sentences);
        expect(got.info).toMatchObject({ device: 'wasm', dtype, modelId: TINY_ID });
        const cos = minCosine(got.vectors, await nodeVectors(TINY_MODEL, dtype, ref.sentences));
        console.log(`[e2e model] tiny ${dtype} WASM vs Node: min cosine ${cos.toFixed(7)} (1 - cos = ${(1 - cos).toExponential(1)})`);
        expect(cos).toBeGreaterThanOrEqual(PARITY);
        expect(v.foreign).toEqual([]);
        expect(v.failed).toEqual([]);
        expect(v.requests.every((u) => u.startsWith(base()) || u.startsWith('blob:'))).toBe(true);
        // Each file once: ORT's loader and binary from <base>/ort/, the model from <base>/model/<id>/.
        const onnx = dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
        expect(modelFiles(v).sort()).toEqual([
          `${base()}model/${TINY_ID}/config.json`, `${base()}model/${TINY_ID}/${onnx}`,
          `${base()}model/${TINY_ID}/tokenizer.json`, `${base()}model/${TINY_ID}/tokenizer_config.json`,
          `${base()}ort/ort-wasm-simd-threaded.asyncify.mjs`, `${base()}ort/ort-wasm-simd-threaded.asyncify.wasm`
        ]);
        await v.ctx.close();
      }, 120_000);
    }

    it('keeps the files for later visits: a reload loads without fetching model or runtime, even offline', async () => {
      const v = await visit(`?model=${TINY_ID}&device=wasm`);
      const first = await embedIn(v.page, ['a lighthouse keeper and his grief']);
      expect(first.info.downloadedBytes).toBeGreaterThan(27e6);
      v.requests.length = 0;
      await v.page.reload();
      await v.page.waitForFunction(() => '__model' in window);
      const again = await embedIn(v.page, ['a lighthouse keeper and his grief']);
      expect(again.info.downloadedBytes).toBe(0);
      expect(modelFiles(v)).toEqual([]);
      expect(again.vectors).toEqual(first.vectors);
      // Offline (files.json unreachable too): the cached manifest and files still serve.
      await v.ctx.route(/\/model\/.*files\.json$/, (route) => route.abort('internetdisconnected'));
      await v.page.reload();
      await v.page.waitForFunction(() => '__model' in window);
      const offline = await embedIn(v.page, ['a lighthouse keeper and his grief']);
      expect(offline.vectors).toEqual(first.vectors);
      await v.ctx.close();
    }, 120_000);

    it('shows download progress while the model loads', async () => {
      const ctx = await browser.newContext();
      // Hold the runtime back for a moment so the loading state can be seen.
      await ctx.route(/\/ort\/ort-wasm-simd-threaded\.asyncify\.wasm$/, async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      const v = await visit(`?model=${TINY_ID}&device=wasm`, browser, ctx);
      await v.page.getByRole('button', { name: 'Embed' }).click();
      await expect.poll(() => v.page.getByTestId('model-status').textContent(), { timeout: 30_000 }).toMatch(/Loading the search model: [\d.]+ of 27\.\d MB|Starting/);
      expect(await v.page.locator('progress').count()).toBe(1);
      await expect.poll(() => v.page.getByTestId('model-device').textContent().catch(() => null), { timeout: 60_000 }).toBe('wasm');
      expect(await v.page.locator('progress').count()).toBe(0);
      await ctx.close();
    }, 120_000);

    it('says the model is unavailable when the site was built without it', async () => {
      const v = await visit('?model=test/not-staged&device=wasm');
      const err = await v.page.evaluate(() =>
        (window as unknown as { __model: { embed(t: string[]): Promise<unknown> } }).__model.embed(['x']).then(() => null, (e: Error) => e.message)
      );
      expect(err).toContain('built without the embedding model');
      await expect.poll(() => v.page.getByTestId('model-error').textContent()).toContain('not available on this site');
      expect(v.foreign).toEqual([]);
      await v.ctx.close();
    }, 60_000);

    it('auto: no WebGPU in plain headless Chromium, so WASM q8, and says why', async () => {
      const v = await visit(`?model=${TINY_ID}`);
      const got = await embedIn(v.page, ['hello']);
      expect(got.info).toMatchObject({ device: 'wasm', dtype: 'q8' });
      console.log(`[e2e model] plain headless Chromium, auto: ${got.info.reason}`);
      expect(got.info.reason).toMatch(/WebGPU|adapter/);
      await v.ctx.close();
    }, 60_000);

    it('WebGPU (--enable-unsafe-webgpu): the probe finds the software adapter and picks WASM; forced WebGPU fp32 matches Node', async () => {
      const auto = await visit(`?model=${TINY_ID}`, gpuBrowser);
      const a = await embedIn(auto.page, ['hello']);
      console.log(`[e2e model] WebGPU probe: ${JSON.stringify(a.info.probe)}`);
      expect(a.info.probe.adapter).toMatch(/swiftshader/i);
      expect(a.info.device).toBe('wasm');
      await auto.ctx.close();

      const v = await visit(`?model=${TINY_ID}&device=webgpu`, gpuBrowser);
      const got = await embedIn(v.page, ref.sentences);
      expect(got.info).toMatchObject({ device: 'webgpu', dtype: 'fp32' });
      const cos = minCosine(got.vectors, await nodeVectors(TINY_MODEL, 'fp32', ref.sentences));
      console.log(`[e2e model] tiny fp32 WebGPU vs Node: min cosine ${cos.toFixed(7)} (1 - cos = ${(1 - cos).toExponential(1)})`);
      expect(cos).toBeGreaterThanOrEqual(PARITY);
      expect(v.foreign).toEqual([]);
      await v.ctx.close();
    }, 120_000);
  });

  describe.skipIf(!REAL)('all-MiniLM-L6-v2 (when provisioned)', () => {
    const ref = REAL ? readReference(REAL) : { sentences: [], embeddings: [] };

    it('WASM q8: cosine >= 0.999 against Node on the same q8 file, no request leaves the site', async () => {
      const v = await visit('?device=wasm');
      const got = await embedIn(v.page, ref.sentences);
      expect(got.info).toMatchObject({ device: 'wasm', dtype: 'q8', modelId: 'Xenova/all-MiniLM-L6-v2' });
      const cos = minCosine(got.vectors, await nodeVectors(REAL!, 'q8', ref.sentences));
      const vsTorch = minCosine(got.vectors, ref.embeddings.map((e) => Float32Array.from(e)));
      console.log(`[e2e model] MiniLM q8 WASM vs Node q8: min cosine ${cos.toFixed(7)} (1 - cos = ${(1 - cos).toExponential(1)}); vs PyTorch fp32: ${vsTorch.toFixed(4)}`);
      expect(cos).toBeGreaterThanOrEqual(PARITY);
      expect(v.foreign).toEqual([]);
      expect(v.failed).toEqual([]);
      expect(v.requests.every((u) => u.startsWith(base()) || u.startsWith('blob:'))).toBe(true);
      await v.ctx.close();
    }, 180_000);

    it('WebGPU fp32 (SwiftShader): cosine >= 0.999 against Node fp32', async () => {
      const v = await visit('?device=webgpu', gpuBrowser);
      const got = await embedIn(v.page, ref.sentences);
      expect(got.info).toMatchObject({ device: 'webgpu', dtype: 'fp32' });
      const cos = minCosine(got.vectors, await nodeVectors(REAL!, 'fp32', ref.sentences));
      console.log(`[e2e model] MiniLM fp32 WebGPU vs Node fp32: min cosine ${cos.toFixed(7)} (1 - cos = ${(1 - cos).toExponential(1)})`);
      expect(cos).toBeGreaterThanOrEqual(PARITY);
      expect(v.foreign).toEqual([]);
      await v.ctx.close();
    }, 240_000);
  });
});
