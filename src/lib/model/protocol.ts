/** Messages between client.ts (page) and worker.ts (model). Plain data only: they cross postMessage. */
import type { ModelDtype } from './files';
import type { ModelDevice, ProbeResult } from './probe';

export type DevicePreference = 'auto' | ModelDevice;

export interface InitRequest {
  type: 'init';
  /** The site's base as an absolute URL path with a trailing slash, e.g. "/cineatlas/". */
  siteBase: string;
  modelId: string;
  device: DevicePreference;
  /** Default: fp32 on WebGPU, q8 on WASM. */
  dtype?: ModelDtype;
}
export interface EmbedRequest {
  type: 'embed';
  id: number;
  texts: string[];
}
export type ToWorker = InitRequest | EmbedRequest;

export interface LoadProgress {
  /** Bytes of model + runtime files read so far (from the network or the browser cache). */
  loaded: number;
  /** Bytes of every file this load needs, from the site's files.json. */
  total: number;
  /** The file read last. */
  file: string;
}

export interface ReadyInfo {
  device: ModelDevice;
  dtype: ModelDtype;
  /** Why this device (probe outcome, the caller's choice, or the fallback that happened). */
  reason: string;
  /** What the WebGPU probe found, whatever device was used. */
  probe: ProbeResult;
  /** Manifest id + version: what actually computes the vectors. */
  modelId: string;
  version: string;
  /** Milliseconds from init to a warmed-up session. */
  loadMs: number;
  /** Bytes that came from the network this time (0 on a visit served from the cache). */
  downloadedBytes: number;
  /** Where loadMs went: manifest + files into the cache, runtime + session start, first run. */
  phases: { files: number; session: number; warmup: number };
}

/**
 * model-unavailable: the site serves no model (not staged at build) or not the needed dtype.
 * runtime-unavailable: ONNX Runtime's files are missing. load-failed / embed-failed: the rest.
 */
export type ModelErrorCode = 'model-unavailable' | 'runtime-unavailable' | 'load-failed' | 'embed-failed';

export type FromWorker =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'ready'; info: ReadyInfo }
  | { type: 'result'; id: number; vectors: Float32Array[]; ms: number }
  | { type: 'error'; id?: number; code: ModelErrorCode; message: string; device?: ModelDevice };
