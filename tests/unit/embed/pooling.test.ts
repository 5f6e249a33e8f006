import { describe, expect, it } from 'vitest';
import { meanPoolNormalize } from '../../../build-scripts/embed/pooling';

describe('meanPoolNormalize', () => {
  it('averages only tokens with mask 1, then scales to unit length', () => {
    // batch 2, seq 3, dim 2; the second row's last token is padding with a huge value.
    const hidden = [1, 0, 3, 0, 5, 4, /* row 2 */ 0, 2, 0, 4, 1000, 1000];
    const mask = [1n, 1n, 1n, 1n, 1n, 0n];
    const out = meanPoolNormalize(hidden, [2, 3, 2], mask);
    // row 1: mean (3, 4/3) → normalised; row 2: mean (0, 3) → (0, 1)
    const n = Math.hypot(3, 4 / 3);
    expect(out[0]).toBeCloseTo(3 / n, 6);
    expect(out[1]).toBeCloseTo(4 / 3 / n, 6);
    expect(out[2]).toBeCloseTo(0, 6);
    expect(out[3]).toBeCloseTo(1, 6);
  });

  it('accepts number masks and gives zeros (not NaN) for an all-padding row', () => {
    const out = meanPoolNormalize([1, 2, 3, 4], [2, 1, 2], [1, 0]);
    expect(Array.from(out.subarray(2))).toEqual([0, 0]);
    expect(Math.hypot(out[0], out[1])).toBeCloseTo(1, 6);
  });
});
