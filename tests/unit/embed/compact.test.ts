import { describe, expect, it } from 'vitest';
import {
  decodeCompact, dequantizeInt8, encodeCompact, quantizeInt8, recallAtK
} from '../../../build-scripts/embed/compact';
import { maxAbsDiff } from './helpers';

/** Deterministic unit vectors (a small LCG, so the test never flakes). */
function randomUnit(n: number, dim: number, seed = 7): Float32Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const v = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (v[i * dim + d] = rnd()) ** 2;
    for (let d = 0; d < dim; d++) v[i * dim + d] /= Math.sqrt(norm);
  }
  return v;
}

describe('int8 compact vectors', () => {
  it('quantises each vector to the full int8 range with error ≤ half a step', () => {
    const v = randomUnit(20, 48);
    const { scales, q } = quantizeInt8(v, 48);
    const back = dequantizeInt8({ dim: 48, scales, q });
    for (let i = 0; i < 20; i++) {
      const row = Array.from(q.subarray(i * 48, (i + 1) * 48));
      expect(Math.max(...row.map(Math.abs))).toBe(127);
      expect(maxAbsDiff(back.subarray(i * 48, (i + 1) * 48), v.subarray(i * 48, (i + 1) * 48))).toBeLessThanOrEqual(scales[i] / 2 + 1e-7);
    }
  });

  it('keeps a zero vector finite', () => {
    const { scales, q } = quantizeInt8(new Float32Array(4), 4);
    expect(scales[0]).toBe(1);
    expect(Array.from(q)).toEqual([0, 0, 0, 0]);
  });

  it('round-trips ids, header and values through the file format', () => {
    const v = randomUnit(5, 8);
    const bytes = encodeCompact([3, 1, 2 ** 31 - 1, 0, 42], v, 8, { model: 'tiny' });
    expect((12 + new DataView(bytes.buffer).getUint32(8, true)) % 4).toBe(0);
    const c = decodeCompact(bytes);
    expect(Array.from(c.ids)).toEqual([3, 1, 2 ** 31 - 1, 0, 42]);
    expect(c.header).toMatchObject({ format: 'int8-per-vector-scale', dim: 8, count: 5, model: 'tiny' });
    expect(bytes.length).toBe(12 + new DataView(bytes.buffer).getUint32(8, true) + 5 * 8 + 5 * 8);
    expect(maxAbsDiff(dequantizeInt8(c), v)).toBeLessThan(0.01);
  });

  it('measures recall@k: 1 for identical vectors, high for int8, low for noise', () => {
    const v = randomUnit(300, 64);
    expect(recallAtK(v, v, 64)).toBe(1);
    const c = decodeCompact(encodeCompact(Array.from({ length: 300 }, (_, i) => i), v, 64));
    expect(recallAtK(v, dequantizeInt8(c), 64)).toBeGreaterThan(0.95);
    expect(recallAtK(v, randomUnit(300, 64, 99), 64)).toBeLessThan(0.2);
  });
});
