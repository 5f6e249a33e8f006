import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where real-model tests look for all-MiniLM-L6-v2, in order: $CINEATLAS_MODEL_DIR, the
 * folder `npm run model:provision` fills (the default hub model's cache folder), a local
 * models/ folder, then ../shared/models. The q8 parity bar needs our re-quantized int8
 * (quantize_q8.py), which the first two hold.
 */
export const MODEL_CANDIDATES = [
  ...(process.env.CINEATLAS_MODEL_DIR ? [resolve(process.env.CINEATLAS_MODEL_DIR)] : []),
  resolve(root, '.cache/models/Xenova/all-MiniLM-L6-v2'),
  resolve(root, 'models/all-MiniLM-L6-v2'),
  resolve(root, '../shared/models/all-MiniLM-L6-v2')
];

export const REAL_MODEL_DIR = MODEL_CANDIDATES.find(
  (d) => existsSync(`${d}/reference_embeddings.json`) && existsSync(`${d}/onnx/model.onnx`)
);

export function warnIfSkipped(suite: string): void {
  if (!REAL_MODEL_DIR)
    console.warn(`[${suite}] SKIPPED: no real model found; looked in ${MODEL_CANDIDATES.join(', ')} (run npm run model:provision or set CINEATLAS_MODEL_DIR).`);
}
