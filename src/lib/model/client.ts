/**
 * Promise API over the model worker. Call createEmbedder when the first free-text query needs
 * a vector, not on page load: it downloads ONNX Runtime and the model (tens of MB the first
 * time; from the browser cache afterwards) and reports bytes through onProgress.
 */
import type { TextEmbedder } from '../core/search/types';
import { DEFAULT_MODEL_ID, type ModelDtype } from './files';
import { requestPersistentStorage } from '../offline/persist';
import type { ModelDevice } from './probe';
import type { DevicePreference, FromWorker, LoadProgress, ModelErrorCode, ReadyInfo, ToWorker } from './protocol';

export type { LoadProgress, ReadyInfo, ModelErrorCode, DevicePreference };

export interface EmbedderOptions {
  /** The site's base path ($app/paths `base`: "", "/cineatlas", or relative "." / ".."). */
  base: string;
  onProgress?: (p: LoadProgress) => void;
  /** Default 'auto': WebGPU when an adapter exists, else WASM. */
  device?: DevicePreference;
  /** Default: fp32 on WebGPU, q8 on WASM. */
  dtype?: ModelDtype;
  modelId?: string;
  /** Tests pass their own worker; the default is the bundled module worker. */
  createWorker?: () => Worker;
}

export interface BrowserEmbedder extends TextEmbedder {
  readonly device: ModelDevice;
  readonly dtype: ModelDtype;
  readonly info: ReadyInfo;
  /** Milliseconds the worker spent on the last embed call (no postMessage overhead). */
  readonly lastMs: number;
  dispose(): void;
}

export class ModelLoadError extends Error {
  constructor(readonly code: ModelErrorCode, message: string, readonly device?: ModelDevice) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

const defaultWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

export async function createEmbedder(o: EmbedderOptions): Promise<BrowserEmbedder> {
  const device = o.device ?? 'auto';
  try {
    return await start(o, device);
  } catch (e) {
    // A failed WebGPU session poisons ORT for the whole worker, so WASM gets a fresh worker.
    if (device !== 'auto' || !(e instanceof ModelLoadError) || e.code !== 'load-failed' || e.device !== 'webgpu') throw e;
    const em = await start(o, 'wasm');
    em.info.reason = `WebGPU failed to load the model (${e.message}); using WASM`;
    return em;
  }
}

function start(o: EmbedderOptions, device: DevicePreference): Promise<BrowserEmbedder> {
  const worker = (o.createWorker ?? defaultWorker)();
  const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let lastMs = 0;
  let disposed = false;
  const send = (m: ToWorker) => worker.postMessage(m);

  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      reject(err); // no-op once ready
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      worker.terminate();
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      fail(new ModelLoadError('load-failed', `the model worker stopped: ${ev.message || 'script error'}`));
    };
    worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.type === 'progress') o.onProgress?.(m.progress);
      else if (m.type === 'result') {
        lastMs = m.ms;
        pending.get(m.id)?.resolve(m.vectors);
        pending.delete(m.id);
      } else if (m.type === 'error') {
        const err = new ModelLoadError(m.code, m.message, m.device);
        if (m.id === undefined) return fail(err);
        pending.get(m.id)?.reject(err);
        pending.delete(m.id);
      } else if (m.type === 'ready') {
        const info = m.info;
        // The model is now cached: worth asking the browser not to evict it (never blocks).
        void requestPersistentStorage();
        resolve({
          device: info.device,
          dtype: info.dtype,
          info,
          get lastMs() {
            return lastMs;
          },
          embed(texts: string[]) {
            if (disposed) return Promise.reject(new ModelLoadError('embed-failed', 'the embedder was disposed'));
            if (!texts.length) return Promise.resolve([]);
            const id = nextId++;
            return new Promise<Float32Array[]>((res, rej) => {
              pending.set(id, { resolve: res, reject: rej });
              send({ type: 'embed', id, texts });
            });
          },
          dispose() {
            disposed = true;
            fail(new ModelLoadError('embed-failed', 'the embedder was disposed'));
          }
        });
      }
    };
    const siteBase = new URL(`${o.base}/`, location.href).pathname;
    send({ type: 'init', siteBase, modelId: o.modelId ?? DEFAULT_MODEL_ID, device, dtype: o.dtype });
  });
}

/** A sentence for the UI: why free-text search has no vectors. */
export function describeModelError(e: unknown): string {
  if (e instanceof ModelLoadError && e.code === 'model-unavailable') {
    return 'The search model is not available on this site, so free-text search falls back to words only.';
  }
  if (e instanceof ModelLoadError && e.code === 'runtime-unavailable') {
    return `The search model's runtime could not be loaded (${e.message}).`;
  }
  return `The search model could not be started: ${(e as Error)?.message ?? String(e)}`;
}
