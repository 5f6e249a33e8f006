/** Messages between client.ts (page) and worker.ts (vector worker). */
import type { VectorHit } from '../core/search/types';
import type { HnswParams } from './hnsw';
import type { VectorProgress, VectorStatus } from './vector-index';

export interface InitRequest {
  type: 'init';
  /** Absolute URL of embeddings.i8.bin. */
  url: string;
  /** The compact file's sha256 (manifest.json); keys the stored index. */
  versionKey: string | null;
  params?: Partial<HnswParams>;
  forceExact?: boolean;
}

export interface SearchRequest {
  type: 'search';
  id: number;
  query: Float32Array;
  k: number;
  ef?: number;
}

export interface VectorRequest {
  type: 'vector';
  id: number;
  movieId: number;
}

/** Diagnostics: runs the queries back to back inside the worker and times each one. */
export interface TimeRequest {
  type: 'time';
  id: number;
  queries: Float32Array[];
  k: number;
  ef?: number;
}

export type WorkerRequest = InitRequest | SearchRequest | VectorRequest | TimeRequest;

export type WorkerMessage =
  | { type: 'progress'; progress: VectorProgress }
  /** Search works (exact while an index builds, or a restored index). */
  | { type: 'ready'; status: VectorStatus }
  /** Final path: the HNSW index is built (and stored), or exact search stays. */
  | { type: 'settled'; status: VectorStatus }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; hits: VectorHit[] }
  | { type: 'vector'; id: number; vector: Float32Array | null }
  | { type: 'timed'; id: number; ms: number[]; totalMs: number; hits: VectorHit[][] }
  | { type: 'error'; id: number; message: string };
