/**
 * Content-hash cache of embeddings, kept in the output folder (embed-cache.bin) so a rebuild
 * embeds only movies whose text changed. Key = sha256(recipe version, model file hash, max
 * length, text): any change to what produced a vector misses, nothing else does.
 *
 * File layout (little-endian), chosen for a single read with no parsing per row:
 *   8 bytes magic "CAEMBC01" | uint32 dim | uint32 count | count × 32-byte keys | count × dim f32
 * Not a build artifact: it is not in the manifest and can be deleted at any time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../write/duckdb';

export const CACHE_FILE = 'embed-cache.bin';
const MAGIC = 'CAEMBC01';
const KEY_BYTES = 32;

export interface CacheKeyParts {
  recipeVersion: number;
  modelSha256: string;
  maxLength: number;
}

export function cacheKey(parts: CacheKeyParts, text: string): string {
  return createHash('sha256')
    .update(`${parts.recipeVersion}\0${parts.modelSha256}\0${parts.maxLength}\0`)
    .update(text)
    .digest('hex');
}

export class EmbeddingCache {
  private readonly map = new Map<string, Float32Array>();
  constructor(readonly dim: number) {}

  get size(): number {
    return this.map.size;
  }
  get(key: string): Float32Array | undefined {
    return this.map.get(key);
  }
  set(key: string, vec: Float32Array): void {
    if (vec.length !== this.dim) throw new Error(`cache: vector of ${vec.length} dims, expected ${this.dim}`);
    this.map.set(key, vec);
  }

  /** Reads the cache in `dir`; a missing, foreign or damaged file gives an empty cache. */
  static load(dir: string, dim: number): EmbeddingCache {
    const cache = new EmbeddingCache(dim);
    const file = join(dir, CACHE_FILE);
    if (!existsSync(file)) return cache;
    const buf = readFileSync(file);
    if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) return cache;
    const fileDim = buf.readUInt32LE(8);
    const count = buf.readUInt32LE(12);
    const keysAt = 16;
    const vecsAt = keysAt + count * KEY_BYTES;
    if (fileDim !== dim || buf.length !== vecsAt + count * dim * 4) return cache;
    // Copy into an aligned buffer: Float32Array needs a 4-byte aligned offset.
    const vecs = new Float32Array(buf.buffer.slice(buf.byteOffset + vecsAt, buf.byteOffset + buf.length));
    for (let i = 0; i < count; i++) {
      const key = buf.toString('hex', keysAt + i * KEY_BYTES, keysAt + (i + 1) * KEY_BYTES);
      cache.map.set(key, vecs.subarray(i * dim, (i + 1) * dim));
    }
    return cache;
  }

  /** Writes exactly the given keys (those of the current build), so stale entries drop out. */
  async save(dir: string, keys: Iterable<string> = this.map.keys()): Promise<void> {
    const kept = [...new Set(keys)].filter((k) => this.map.has(k));
    const buf = Buffer.alloc(16 + kept.length * (KEY_BYTES + this.dim * 4));
    buf.write(MAGIC, 0, 'latin1');
    buf.writeUInt32LE(this.dim, 8);
    buf.writeUInt32LE(kept.length, 12);
    const vecsAt = 16 + kept.length * KEY_BYTES;
    kept.forEach((k, i) => {
      buf.write(k, 16 + i * KEY_BYTES, 'hex');
      const v = this.map.get(k)!;
      Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(buf, vecsAt + i * this.dim * 4);
    });
    await writeAtomically(join(dir, CACHE_FILE), (tmp) => writeFileSync(tmp, buf));
  }
}
