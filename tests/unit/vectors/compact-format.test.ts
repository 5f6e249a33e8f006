import { describe, expect, it } from 'vitest';
import * as buildSide from '../../../build-scripts/embed/compact';
import { clusteredVectors } from '../../../build-scripts/bench/synthetic-vectors';
import {
  COMPACT_FORMAT, decodeCompact, dequantizeInt8, dequantizeRow, encodeCompact
} from '../../../src/lib/vectors/compact-format';

describe('compact vectors format (isomorphic copy)', () => {
  const dim = 24;
  const v = clusteredVectors(40, dim, { seed: 3 });
  const ids = Array.from({ length: 40 }, (_, i) => (i * 7919) % 100_003);

  it('is the one the build writes: compact.ts re-exports it', () => {
    expect(buildSide.encodeCompact).toBe(encodeCompact);
    expect(buildSide.decodeCompact).toBe(decodeCompact);
    expect(buildSide.dequantizeInt8).toBe(dequantizeInt8);
  });

  it('round-trips ids, header and values, with aligned sections', () => {
    const bytes = encodeCompact(ids, v, dim, { model: 'x', note: 'é' });
    const h = new DataView(bytes.buffer).getUint32(8, true);
    expect(h % 4).toBe(0);
    expect(bytes.length).toBe(12 + h + 40 * 8 + 40 * dim);
    const c = decodeCompact(bytes);
    expect(Array.from(c.ids)).toEqual(ids);
    expect(c.header).toMatchObject({ format: COMPACT_FORMAT, dim, count: 40, model: 'x', note: 'é' });
    const all = dequantizeInt8(c);
    for (let i = 0; i < 40; i++) {
      const row = dequantizeRow(c, i);
      expect(Array.from(row)).toEqual(Array.from(all.subarray(i * dim, (i + 1) * dim)));
      for (let d = 0; d < dim; d++) expect(Math.abs(row[d] - v[i * dim + d])).toBeLessThanOrEqual(c.scales[i] / 2 + 1e-7);
    }
  });

  it('decodes from a view into a larger buffer (as a fetch chunk may be)', () => {
    const bytes = encodeCompact(ids, v, dim);
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 5);
    expect(Array.from(decodeCompact(padded.subarray(5, 5 + bytes.length)).q)).toEqual(Array.from(decodeCompact(bytes).q));
  });

  it('refuses what is not a whole compact file', () => {
    const bytes = encodeCompact(ids, v, dim);
    expect(() => decodeCompact(new TextEncoder().encode('<!doctype html><html>'))).toThrow(/bad magic/);
    expect(() => decodeCompact(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeCompact(bytes.subarray(0, 20))).toThrow(/truncated/);
  });
});
