/**
 * Loads a sentence-embedding model with transformers.js (onnxruntime-node underneath) and embeds
 * texts in batches through one reused session. Pooling is ours (pooling.ts), not the pipeline's,
 * so the arithmetic is pinned to sentence-transformers' and tested.
 */
import { AutoModel, AutoTokenizer, env, LogLevel } from '@huggingface/transformers';
import { join } from 'node:path';
import { meanPoolNormalize } from './pooling';
import {
  DEFAULT_CACHE_DIR, DEFAULT_MODEL, type EmbedDtype, missingFiles, modelUnavailableError,
  ONNX_FILE, offlineFromEnv, resolveModelSource, sha256File
} from './resolve-model';

/** sentence-transformers' max_seq_length for all-MiniLM-L6-v2 (word pieces incl. [CLS]/[SEP]). */
export const MAX_LENGTH = 256;

export interface EmbedderOptions {
  /** Hugging Face id or local folder (transformers.js layout). */
  model?: string;
  dtype?: EmbedDtype;
  /** Where hub models are cached. */
  cacheDir?: string;
  /** Never touch the network (also on with HF_HUB_OFFLINE=1 / TRANSFORMERS_OFFLINE=1). */
  offline?: boolean;
  /** Hub mirror; default $HF_ENDPOINT, else https://huggingface.co/ (tests serve a local one). */
  remoteHost?: string;
  /** onnxruntime intra-op threads; default: 2 (measured fastest on the 2-core target). */
  threads?: number;
  maxLength?: number;
}

export interface ModelInfo {
  /** --model as given. */
  model: string;
  source: 'local' | 'hub';
  dir: string;
  dtype: EmbedDtype;
  /** ONNX file inside dir and its sha256: what actually computed the vectors. */
  file: string;
  sha256: string;
  dim: number;
  maxLength: number;
  threads: number;
}

export interface EmbedOptions {
  batchSize?: number;
  /** Sort texts by length so batches carry little padding (default true; off for benchmarks). */
  sortByLength?: boolean;
  /** Called after each batch with texts done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface Embedder {
  readonly info: ModelInfo;
  /** Unit vectors, row-major [texts.length * dim], in input order. */
  embed(texts: readonly string[], opts?: EmbedOptions): Promise<Float32Array>;
  dispose(): Promise<void>;
}

type Tok = Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
type Model = Awaited<ReturnType<typeof AutoModel.from_pretrained>>;

export async function loadEmbedder(opts: EmbedderOptions = {}): Promise<Embedder> {
  const ref = opts.model ?? DEFAULT_MODEL;
  const dtype = opts.dtype ?? 'fp32';
  const cacheDir = opts.cacheDir ?? DEFAULT_CACHE_DIR;
  const offline = opts.offline ?? offlineFromEnv();
  const threads = opts.threads ?? 2;
  const maxLength = opts.maxLength ?? MAX_LENGTH;
  const src = resolveModelSource(ref, dtype, cacheDir);
  if (!src.present && offline) {
    throw modelUnavailableError(ref, dtype, cacheDir, `offline, and not in the cache (${src.dir})`);
  }

  // env is global to transformers.js; set all of it on every load so loads can't leak settings.
  env.logLevel = LogLevel.ERROR;
  env.allowLocalModels = true;
  env.useFSCache = true;
  env.cacheDir = cacheDir;
  env.allowRemoteModels = !src.present;
  env.remoteHost = withSlash(opts.remoteHost ?? process.env.HF_ENDPOINT ?? 'https://huggingface.co/');
  // A folder is passed as an absolute path: transformers.js then reads it as-is instead of
  // joining it to env.localModelPath. A hub id not yet cached downloads into cacheDir/<id>.
  const id = src.present ? src.dir : ref;
  const load = { local_files_only: src.present, cache_dir: cacheDir };
  let tokenizer: Tok;
  let model: Model;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(id, load);
    model = await AutoModel.from_pretrained(id, {
      ...load,
      dtype,
      device: 'cpu',
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 }
    });
  } catch (e) {
    if (src.kind === 'hub' && !src.present) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw modelUnavailableError(ref, dtype, cacheDir, `download failed: ${String(e)}${cause ? ` (${cause})` : ''}`);
    }
    throw e;
  }
  if (missingFiles(src.dir, dtype).length) {
    throw new Error(`Model "${ref}" loaded but its files are not in ${src.dir}; cannot hash it.`);
  }
  const config = model.config as unknown as { hidden_size?: number };
  const info: ModelInfo = {
    model: ref,
    source: src.kind,
    dir: src.dir,
    dtype,
    file: ONNX_FILE[dtype],
    sha256: await sha256File(join(src.dir, ONNX_FILE[dtype])),
    dim: config.hidden_size ?? 0,
    maxLength,
    threads
  };

  async function embedBatch(texts: readonly string[]): Promise<Float32Array> {
    const enc = tokenizer(texts as string[], { padding: true, truncation: true, max_length: maxLength });
    const out = await model(enc);
    const h = out.last_hidden_state;
    const pooled = meanPoolNormalize(h.data, h.dims, enc.attention_mask.data);
    info.dim ||= h.dims[2];
    return pooled;
  }

  return {
    info,
    async embed(texts, { batchSize = 8, sortByLength = true, onProgress } = {}) {
      // Longest first, by characters (a cheap proxy for word pieces): batches hold texts of
      // similar length, so little compute goes to padding; the biggest batch also runs first.
      const order = texts.map((_, i) => i);
      if (sortByLength) order.sort((a, b) => texts[b].length - texts[a].length);
      let result: Float32Array | null = null;
      for (let start = 0; start < order.length; start += batchSize) {
        const idx = order.slice(start, start + batchSize);
        const vecs = await embedBatch(idx.map((i) => texts[i]));
        const dim = vecs.length / idx.length;
        result ??= new Float32Array(texts.length * dim);
        idx.forEach((i, j) => result!.set(vecs.subarray(j * dim, (j + 1) * dim), i * dim));
        onProgress?.(Math.min(start + batchSize, texts.length), texts.length);
      }
      return result ?? new Float32Array(0);
    },
    async dispose() {
      await model.dispose();
    }
  };
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
