/**
 * What the site serves for the query embedder, shared by the build step that copies the files
 * (build-scripts/site/stage-model.ts) and the worker that loads them, so the two cannot drift.
 *
 * Layout under the site's base path (transformers.js asks for localModelPath + model id + file):
 *   model/<id>/files.json                 this manifest (written at build time)
 *   model/<id>/config.json, tokenizer.json, tokenizer_config.json
 *   model/<id>/onnx/model.onnx            fp32 (WebGPU)
 *   model/<id>/onnx/model_quantized.onnx  q8   (WASM)
 *   ort/ort-wasm-simd-threaded.asyncify.{mjs,wasm}
 */

export const DEFAULT_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';

/** Word pieces per text, [CLS]/[SEP] included: the same cut as the build (embedder.ts MAX_LENGTH). */
export const QUERY_MAX_LENGTH = 256;

export type ModelDtype = 'fp32' | 'q8';

/** transformers.js file names: dtype "q8" loads the `_quantized` suffix. */
export const ONNX_FILE: Record<ModelDtype, string> = {
  fp32: 'onnx/model.onnx',
  q8: 'onnx/model_quantized.onnx'
};

export const TOKENIZER_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/**
 * transformers.js imports `onnxruntime-web/webgpu`, whose one binary (the asyncify build) runs
 * both the WebGPU and the WASM execution providers; no other ORT file is ever requested.
 */
export const ORT_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'] as const;

export const MANIFEST_FILE = 'files.json';

export interface ServedFile {
  /** Path relative to the site's base path, e.g. "model/Xenova/all-MiniLM-L6-v2/config.json". */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ModelManifest {
  id: string;
  /** Short hash of every file's hash: names the browser cache, so a new model never mixes with an old one. */
  version: string;
  /** Files every load needs (config, tokenizer, ORT runtime). */
  common: ServedFile[];
  /** The ONNX file per dtype the site serves. */
  onnx: Partial<Record<ModelDtype, ServedFile>>;
}

export const modelDir = (id: string) => `model/${id}`;
export const manifestPath = (id: string) => `${modelDir(id)}/${MANIFEST_FILE}`;
