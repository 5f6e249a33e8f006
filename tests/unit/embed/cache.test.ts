import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FILE, cacheKey, EmbeddingCache } from '../../../build-scripts/embed/cache';

const dir = mkdtempSync(join(tmpdir(), 'embed-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const parts = { recipeVersion: 1, modelSha256: 'a'.repeat(64), maxLength: 256 };

describe('cacheKey', () => {
  it('changes with the recipe version, the model, the max length and the text, and only with them', () => {
    const k = cacheKey(parts, 'text');
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...parts }, 'text')).toBe(k);
    expect(cacheKey({ ...parts, recipeVersion: 2 }, 'text')).not.toBe(k);
    expect(cacheKey({ ...parts, modelSha256: 'b'.repeat(64) }, 'text')).not.toBe(k);
    expect(cacheKey({ ...parts, maxLength: 128 }, 'text')).not.toBe(k);
    expect(cacheKey(parts, 'text ')).not.toBe(k);
  });
});

describe('EmbeddingCache', () => {
  it('round-trips through embed-cache.bin and keeps only the keys of the current build', async () => {
    const c = new EmbeddingCache(3);
    c.set(cacheKey(parts, 'a'), Float32Array.of(1, 2, 3));
    c.set(cacheKey(parts, 'b'), Float32Array.of(-1, 0.5, 0));
    c.set(cacheKey(parts, 'stale'), Float32Array.of(9, 9, 9));
    await c.save(dir, [cacheKey(parts, 'a'), cacheKey(parts, 'b')]);
    const back = EmbeddingCache.load(dir, 3);
    expect(back.size).toBe(2);
    expect(Array.from(back.get(cacheKey(parts, 'b'))!)).toEqual([-1, 0.5, 0]);
    expect(back.get(cacheKey(parts, 'stale'))).toBeUndefined();
  });

  it('starts empty on a missing, damaged or other-dimension file', () => {
    expect(EmbeddingCache.load(join(dir, 'none'), 3).size).toBe(0);
    expect(EmbeddingCache.load(dir, 4).size).toBe(0);
    writeFileSync(join(dir, CACHE_FILE), 'garbage');
    expect(EmbeddingCache.load(dir, 3).size).toBe(0);
  });

  it('refuses a vector of the wrong size', () => {
    expect(() => new EmbeddingCache(3).set('k', new Float32Array(2))).toThrow(/2 dims/);
  });
});
