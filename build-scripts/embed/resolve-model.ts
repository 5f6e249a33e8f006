/**
 * Model resolution for --model: a Hugging Face id (downloaded once by transformers.js into a
 * cache folder) or a local folder in transformers.js layout. Both end up as a folder on disk,
 * so loading, hashing and the manifest treat them alike.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../paths';

export type EmbedDtype = 'fp32' | 'q8';

/** The model cannot be had or used as given: a user-facing problem, not a bug (CLI exit 4). */
export class ModelError extends Error {
  override name = 'ModelError';
}
export const EMBED_DTYPES: readonly EmbedDtype[] = ['fp32', 'q8'];

export const DEFAULT_MODEL = 'Xenova/all-MiniLM-L6-v2';
/** Where hub models are downloaded to: inside the project (gitignored), whatever the cwd. */
export const DEFAULT_CACHE_DIR = resolve(PROJECT_ROOT, '.cache/models');

/** transformers.js file names: dtype "q8" loads the `_quantized` suffix. */
export const ONNX_FILE: Record<EmbedDtype, string> = {
  fp32: 'onnx/model.onnx',
  q8: 'onnx/model_quantized.onnx'
};

export interface ModelSource {
  /** What the user passed to --model. */
  ref: string;
  kind: 'local' | 'hub';
  /** Folder holding (or, for a hub model not yet downloaded, going to hold) the files. */
  dir: string;
  /** False only for a hub model that is not in the cache yet. */
  present: boolean;
}

export function requiredFiles(dtype: EmbedDtype): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', ONNX_FILE[dtype]];
}

export function missingFiles(dir: string, dtype: EmbedDtype): string[] {
  return requiredFiles(dtype).filter((f) => !existsSync(join(dir, f)));
}

const HUB_ID = /^[\w.-]+\/[\w.-]+$/;

/** A ref is a folder if it exists as one, or is written like a path (./x, /x, ~/x, x\y). */
export function looksLikePath(ref: string): boolean {
  if (existsSync(ref) && statSync(ref).isDirectory()) return true;
  return isAbsolute(ref) || /^(\.{1,2}|~)([\\/]|$)/.test(ref) || ref.includes('\\') ||
    !HUB_ID.test(ref) || ref.includes('..');
}

export function resolveModelSource(
  ref: string,
  dtype: EmbedDtype,
  cacheDir = DEFAULT_CACHE_DIR
): ModelSource {
  if (!EMBED_DTYPES.includes(dtype)) {
    throw new ModelError(`Unknown embedding dtype "${dtype}": use one of ${EMBED_DTYPES.join(', ')}.`);
  }
  if (looksLikePath(ref)) {
    const dir = resolve(ref.replace(/^~(?=[\\/]|$)/, process.env.HOME ?? '~'));
    if (!existsSync(dir)) throw modelUnavailableError(ref, dtype, cacheDir, `no folder at ${dir}`);
    const missing = missingFiles(dir, dtype);
    if (missing.length) {
      throw new ModelError(
        `Model folder ${dir} is not in transformers.js layout: missing ${missing.join(', ')}. ` +
        `Expected ${requiredFiles(dtype).join(', ')} (dtype ${dtype}).`
      );
    }
    return { ref, kind: 'local', dir, present: true };
  }
  const dir = resolve(cacheDir, ref);
  return { ref, kind: 'hub', dir, present: missingFiles(dir, dtype).length === 0 };
}

/** The single error users see when no model can be had: names both ways out. */
export function modelUnavailableError(
  ref: string,
  dtype: EmbedDtype,
  cacheDir: string,
  reason: string
): Error {
  return new ModelError(
    `Embedding model "${ref}" (dtype ${dtype}) is not available: ${reason}.\n` +
    `Either\n` +
    `  1. allow network access once so transformers.js can download a Hugging Face model id ` +
    `(default ${DEFAULT_MODEL}) into ${resolve(cacheDir)}, or\n` +
    `  2. pass --model /path/to/folder holding a model in transformers.js layout ` +
    `(${requiredFiles(dtype).join(', ')}).`
  );
}

/** True when the environment asks for no network (Hugging Face's own conventions). */
export function offlineFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['HF_HUB_OFFLINE', 'TRANSFORMERS_OFFLINE'].some((k) => /^(1|true|yes)$/i.test(env[k] ?? ''));
}

export function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (b) => h.update(b))
      .on('error', rej)
      .on('end', () => res(h.digest('hex')));
  });
}
