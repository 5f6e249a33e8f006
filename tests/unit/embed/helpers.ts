/** Shared bits of the embed unit tests: the committed tiny model and small vector maths. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Tiny random BERT made by build-scripts/embed/make_tiny_model.py (same layout as the real one). */
export const TINY_MODEL = fileURLToPath(new URL('../../fixtures/tiny-bert', import.meta.url));

export interface Reference {
  sentences: string[];
  embeddings: number[][];
  n_tokens?: number[];
}

export function readReference(dir: string): Reference {
  return JSON.parse(readFileSync(`${dir}/reference_embeddings.json`, 'utf8')) as Reference;
}

export function row(m: Float32Array, i: number, dim: number): Float32Array {
  return m.subarray(i * dim, (i + 1) * dim);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
