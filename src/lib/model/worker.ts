/// <reference lib="webworker" />
/**
 * Module web worker that embeds free-text queries with transformers.js, off the main thread.
 * Everything comes from the site itself (model/ and ort/ under the base path, staged by
 * build-scripts/site/stage-model.ts); the hub and CDNs are never asked. Files land in the
 * Cache API under a name tied to the model's version, so later visits load without network.
 * Tokenisation cut and pooling are the build's (QUERY_MAX_LENGTH, core/pooling).
 */
import { AutoModel, AutoTokenizer, env, LogLevel } from '@huggingface/transformers';
import { meanPoolNormalize } from '../core/pooling';
import { manifestPath, ORT_FILES, QUERY_MAX_LENGTH, type ModelDtype, type ModelManifest, type ServedFile } from './files';
import { probeDevice, type ProbeResult } from './probe';
import type { FromWorker, InitRequest, ModelErrorCode, ReadyInfo, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

type Tok = Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
type Model = Awaited<ReturnType<typeof AutoModel.from_pretrained>>;

class WorkerError extends Error {
  constructor(readonly code: ModelErrorCode, message: string, readonly device?: ProbeResult['device']) {
    super(message);
  }
}

const CACHE_PREFIX = 'cineatlas-model:';
/** Queries come one at a time; a bigger batch only pads more. */
const BATCH = 16;
/** Progress messages at most this often (transformers.js reports every network chunk). */
const PROGRESS_EVERY_MS = 100;

let loaded: { tokenizer: Tok; model: Model; device: ProbeResult['device'] } | null = null;
let queue: Promise<unknown> = Promise.resolve();

const post = (m: FromWorker, transfer: Transferable[] = []) => self.postMessage(m, transfer);

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  // One thing at a time: ORT web sessions refuse concurrent runs.
  queue = queue.then(async () => {
    if (msg.type === 'init') {
      try {
        post({ type: 'ready', info: await init(msg) });
      } catch (e) {
        post({ type: 'error', code: codeOf(e, 'load-failed'), message: messageOf(e), device: (e as WorkerError).device });
      }
    } else if (msg.type === 'embed') {
      try {
        const t0 = performance.now();
        const vectors = await embed(msg.texts);
        post({ type: 'result', id: msg.id, vectors, ms: performance.now() - t0 }, vectors.map((v) => v.buffer));
      } catch (e) {
        post({ type: 'error', id: msg.id, code: codeOf(e, 'embed-failed'), message: messageOf(e) });
      }
    }
  });
};

async function init(req: InitRequest): Promise<ReadyInfo> {
  const t0 = performance.now();
  const manifest = await fetchManifest(req.siteBase, req.modelId);
  // Probed even when the caller forces a device, so the diagnostics say what the browser has.
  const probe = await probeDevice();
  let { device, reason } = req.device === 'auto' ? probe : { device: req.device, reason: `${req.device} requested by the caller` };
  if (device === 'webgpu' && !req.dtype && !manifest.onnx.fp32) {
    device = 'wasm';
    reason += '; the site serves no fp32 model, so WASM';
  }
  // fp32 on WebGPU (float kernels are what the GPU path is built for), q8 on WASM (a third of
  // the download, and faster than fp32 on one CPU thread from ~30 words up: bench figures).
  const dtype: ModelDtype = req.dtype ?? (device === 'webgpu' ? 'fp32' : 'q8');
  const onnx = manifest.onnx[dtype];
  if (!onnx) throw new WorkerError('model-unavailable', `the site serves no ${dtype} copy of ${manifest.id}`);

  const cacheName = `${CACHE_PREFIX}${manifest.id}:${manifest.version}`;
  // Cache API refused (some private modes): nothing stale to drop, the model loads uncached.
  await dropStaleCaches(manifest.id, cacheName).catch(() => {});
  configure(req.siteBase, cacheName);

  const files = [...manifest.common, onnx];
  const progress = tracker(files);
  const cache = await caches.open(cacheName).catch(() => null);
  // Every file goes into the cache here, with progress, before transformers.js asks for it:
  // it then reads each from the cache under the same URL. Left to itself it would fetch ORT's
  // binary without progress, and (with a progress callback) GET each model file twice, the
  // second time only to learn its size.
  let downloadedBytes = 0;
  for (const f of files) downloadedBytes += await cacheWithProgress(cache, abs(req.siteBase, f.path), f, progress);
  progress.flush();
  const tFiles = performance.now();
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(manifest.id);
    const model = await AutoModel.from_pretrained(manifest.id, { device, dtype });
    loaded = { tokenizer, model, device };
  } catch (e) {
    throw new WorkerError('load-failed', `${device}/${dtype}: ${messageOf(e)}`, device);
  }
  const tSession = performance.now();
  // First run compiles kernels (WebGPU: shaders); do it now so the first real query is warm.
  await embed(['warm up']);
  const end = performance.now();
  return {
    device, dtype, reason, probe, modelId: manifest.id, version: manifest.version, loadMs: end - t0, downloadedBytes,
    phases: { files: tFiles - t0, session: tSession - tFiles, warmup: end - tSession }
  };
}

async function embed(texts: string[]): Promise<Float32Array[]> {
  if (!loaded) throw new WorkerError('embed-failed', 'the model is not loaded');
  const { tokenizer, model } = loaded;
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = texts.slice(i, i + BATCH);
    const enc = tokenizer(batch, { padding: true, truncation: true, max_length: QUERY_MAX_LENGTH });
    const h = (await model(enc)).last_hidden_state;
    const pooled = meanPoolNormalize(h.data, h.dims, enc.attention_mask.data);
    const dim = h.dims[2];
    for (let j = 0; j < batch.length; j++) out.push(pooled.slice(j * dim, (j + 1) * dim));
  }
  return out;
}

function configure(siteBase: string, cacheName: string) {
  env.logLevel = LogLevel.ERROR;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // A path, not a URL: transformers.js treats URLs as remote and would refuse them.
  env.localModelPath = `${siteBase}model/`;
  env.useBrowserCache = true;
  env.useWasmCache = true;
  env.cacheKey = cacheName;
  const wasm = env.backends.onnx.wasm!;
  // Object form {mjs, wasm}: ORT loads exactly these two files, and transformers.js keeps them
  // in the Cache API for offline visits. A string prefix would do neither.
  wasm.wasmPaths = { mjs: abs(siteBase, `ort/${ORT_FILES[0]}`), wasm: abs(siteBase, `ort/${ORT_FILES[1]}`) };
  // GitHub Pages sends no COOP/COEP: no SharedArrayBuffer, so one thread and no proxy worker.
  wasm.numThreads = 1;
  wasm.proxy = false;
}

async function fetchManifest(siteBase: string, id: string): Promise<ModelManifest> {
  const url = abs(siteBase, manifestPath(id));
  let res: Response | undefined;
  try {
    res = await fetch(url, { cache: 'no-cache' });
  } catch {
    // Offline: whichever version was cached last still works.
    for (const name of (await caches.keys()).filter((k) => k.startsWith(`${CACHE_PREFIX}${id}:`))) {
      res = (await (await caches.open(name)).match(url)) ?? undefined;
      if (res) break;
    }
  }
  if (!res?.ok) {
    throw new WorkerError('model-unavailable', `this site was built without the embedding model (${url}: ${res ? `HTTP ${res.status}` : 'offline'})`);
  }
  const manifest = (await res.clone().json()) as ModelManifest;
  await caches.open(`${CACHE_PREFIX}${manifest.id}:${manifest.version}`).then((c) => c.put(url, res)).catch(() => {});
  return manifest;
}

async function dropStaleCaches(id: string, keep: string) {
  for (const name of await caches.keys()) {
    if (name.startsWith(`${CACHE_PREFIX}${id}:`) && name !== keep) await caches.delete(name);
  }
}

function tracker(files: ServedFile[]) {
  const size = new Map(files.map((f) => [f.path, f.bytes]));
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const done = new Map<string, number>();
  let last = 0;
  let lastFile = '';
  const t = {
    set(path: string, bytes: number) {
      // Sizes come from files.json, not content-length (the gzip size where the host compresses).
      done.set(path, Math.min(bytes, size.get(path) ?? bytes));
      lastFile = path;
      if (performance.now() - last > PROGRESS_EVERY_MS) t.flush();
    },
    flush() {
      last = performance.now();
      const loaded = [...done.values()].reduce((s, b) => s + b, 0);
      post({ type: 'progress', progress: { loaded, total, file: lastFile } });
    }
  };
  return t;
}

/** Streams one file into the cache, counting bytes; returns the bytes that came from the network. */
async function cacheWithProgress(cache: Cache | null, url: string, f: ServedFile, progress: ReturnType<typeof tracker>) {
  if (!cache) return 0; // no Cache API (e.g. some private modes): transformers.js fetches itself
  if (await cache.match(url)) {
    progress.set(f.path, f.bytes);
    return 0;
  }
  const code: ModelErrorCode = f.path.startsWith('ort/') ? 'runtime-unavailable' : 'model-unavailable';
  const res = await fetch(url).catch((e) => {
    throw new WorkerError(code, `${url} could not be downloaded: ${messageOf(e)}`);
  });
  if (!res.ok || !res.body) throw new WorkerError(code, `${url} was not found (HTTP ${res.status})`);
  let n = 0;
  const counted = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        n += chunk.length;
        progress.set(f.path, n);
        out.enqueue(chunk);
      }
    })
  );
  // Own headers: the server's content-length is the gzip size where the host compresses.
  const headers = { 'content-type': res.headers.get('content-type') ?? 'application/octet-stream', 'content-length': String(f.bytes) };
  // Storage full (private windows have little): nothing is stored, transformers.js fetches the
  // file again itself, and the model still loads, just without being kept.
  await cache.put(url, new Response(counted, { headers })).catch(() => {});
  return n;
}

const abs = (siteBase: string, path: string) => new URL(siteBase + path, self.location.origin).href;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const codeOf = (e: unknown, fallback: ModelErrorCode): ModelErrorCode => (e instanceof WorkerError ? e.code : fallback);
