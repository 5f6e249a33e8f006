/**
 * Map label placement (src/lib/site/atlas-labels.ts): greedy by priority, never overlapping
 * each other, reserved boxes or the viewport edge; compared with a brute-force reference
 * to check the bucket grid misses no collision.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POSITIONS, layoutLabels, overlaps, type Box, type LabelCandidate, type LabelLayoutOptions } from '../../../src/lib/site/atlas-labels';

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

function candidates(n: number, seed: number, width: number, height: number): LabelCandidate<number>[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    key: i,
    text: `label ${i}`,
    x: r() * (width + 100) - 50,
    y: r() * (height + 40) - 20,
    w: 20 + r() * 140,
    h: 10 + r() * 12,
    priority: Math.floor(r() * 10), // many ties
    data: i
  }));
}

/** The same greedy algorithm without the grid: every box against every earlier one. */
function reference(cands: readonly LabelCandidate<number>[], o: LabelLayoutOptions) {
  const pad = o.padding ?? 2;
  const positions = o.positions ?? DEFAULT_POSITIONS;
  const taken: Box[] = [...(o.reserved ?? [])];
  const out: { key: string | number; box: Box }[] = [];
  const order = [...cands.keys()].sort((a, b) => cands[b].priority - cands[a].priority || a - b);
  for (const i of order) {
    if (out.length >= (o.max ?? Infinity)) break;
    const c = cands[i];
    for (const [fx, fy] of positions) {
      const box = { x: c.x - c.w / 2 + fx * c.w, y: c.y - c.h / 2 + fy * c.h, w: c.w, h: c.h };
      if (box.x < 0 || box.y < 0 || box.x + box.w > o.width || box.y + box.h > o.height) continue;
      if (taken.some((t) => overlaps(box, t, pad))) continue;
      taken.push(box);
      out.push({ key: c.key, box });
      break;
    }
  }
  return out;
}

describe('overlaps', () => {
  const a = { x: 0, y: 0, w: 10, h: 10 };
  it('detects intersecting boxes, symmetrically', () => {
    const b = { x: 5, y: 5, w: 10, h: 10 };
    expect(overlaps(a, b)).toBe(true);
    expect(overlaps(b, a)).toBe(true);
    expect(overlaps(a, { x: 2, y: 2, w: 1, h: 1 })).toBe(true); // contained
  });
  it('lets boxes touch without padding, not with it', () => {
    const right = { x: 10, y: 0, w: 5, h: 5 };
    expect(overlaps(a, right)).toBe(false);
    expect(overlaps(a, right, 1)).toBe(true);
    const near = { x: 13, y: 0, w: 5, h: 5 };
    expect(overlaps(a, near, 2)).toBe(false);
    expect(overlaps(a, near, 3.01)).toBe(true);
    expect(overlaps(a, { x: 0, y: 20, w: 10, h: 10 }, 5)).toBe(false);
  });
});

describe('layoutLabels', () => {
  const W = 800, H = 500;

  it('never places overlapping labels, stays in the viewport and off reserved boxes', () => {
    const reserved = [{ x: 0, y: 0, w: 200, h: 40 }, { x: W - 48, y: H - 120, w: 48, h: 120 }];
    for (let seed = 1; seed <= 20; seed++) {
      const pad = seed % 4;
      const cands = candidates(300, seed, W, H);
      const placed = layoutLabels(cands, { width: W, height: H, padding: pad, reserved });
      expect(placed.length).toBeGreaterThan(0);
      for (let i = 0; i < placed.length; i++) {
        const b = placed[i].box;
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(W);
        expect(b.y + b.h).toBeLessThanOrEqual(H);
        for (const r of reserved) expect(overlaps(b, r, pad)).toBe(false);
        for (let j = 0; j < i; j++) expect(overlaps(b, placed[j].box, pad)).toBe(false);
      }
    }
  });

  it('places exactly what a brute-force greedy placement places (the grid misses nothing)', () => {
    for (let seed = 100; seed < 110; seed++) {
      const cands = candidates(400, seed, W, H);
      const o = { width: W, height: H, padding: 3, reserved: [{ x: 300, y: 200, w: 20, h: 20 }] };
      const got = layoutLabels(cands, o).map((p) => ({ key: p.key, box: p.box }));
      expect(got).toEqual(reference(cands, o));
    }
  });

  it('handles reserved boxes partly off-screen (negative grid cells)', () => {
    const cands: LabelCandidate[] = [{ key: 'a', text: 'a', x: 30, y: 10, w: 40, h: 14, priority: 1 }];
    const reserved = [{ x: -100, y: -100, w: 180, h: 130 }];
    expect(layoutLabels(cands, { width: W, height: H, reserved })).toEqual([]);
    expect(layoutLabels(cands, { width: W, height: H })).toHaveLength(1);
  });

  it('places higher priority first; ties keep input order', () => {
    // Three labels on the same anchor with a single allowed position: only the first placed wins.
    const base = { x: 100, y: 100, w: 50, h: 12 };
    const one = { width: W, height: H, positions: [[0, 0]] as const };
    const cands: LabelCandidate[] = [
      { ...base, key: 'low', text: 'low', priority: 1 },
      { ...base, key: 'high', text: 'high', priority: 5 },
      { ...base, key: 'high2', text: 'high2', priority: 5 }
    ];
    expect(layoutLabels(cands, one).map((p) => p.key)).toEqual(['high']);
    expect(layoutLabels([cands[2], cands[1], cands[0]], one).map((p) => p.key)).toEqual(['high2']);
  });

  it('moves a label to its next position when the centred one is taken', () => {
    const base = { x: 200, y: 200, w: 60 };
    const placed = layoutLabels(
      [
        { ...base, key: 'a', text: 'a', h: 6, priority: 2 },
        { ...base, key: 'b', text: 'b', h: 12, priority: 1 }
      ],
      { width: W, height: H, padding: 0 }
    );
    expect(placed.map((p) => p.key)).toEqual(['a', 'b']);
    expect(placed[0].box).toEqual({ x: 170, y: 197, w: 60, h: 6 }); // centred
    // Second position: above, by 0.9 × its height (bottom at 195.2, clear of a's top at 197).
    expect(placed[1].box.x).toBeCloseTo(170, 9);
    expect(placed[1].box.y).toBeCloseTo(194 - 0.9 * 12, 9);
    // With 2 px padding the gap of 1.8 px is too small: b goes below instead (third position).
    const padded = layoutLabels(
      [
        { ...base, key: 'a', text: 'a', h: 6, priority: 2 },
        { ...base, key: 'b', text: 'b', h: 12, priority: 1 }
      ],
      { width: W, height: H, padding: 2 }
    );
    expect(padded).toHaveLength(1);
  });

  it('drops a label when every position overlaps or falls outside', () => {
    const placed = layoutLabels(
      [
        { key: 'edge', text: 'edge', x: 5, y: 5, w: 100, h: 40, priority: 1 },
        { key: 'huge', text: 'huge', x: W / 2, y: H / 2, w: W + 1, h: 10, priority: 2 }
      ],
      { width: W, height: H }
    );
    expect(placed).toEqual([]);
  });

  it('drops labels with a non-finite anchor or size instead of placing them nowhere', () => {
    const ok = { key: 'ok', text: 'ok', x: 100, y: 100, w: 30, h: 12, priority: 0 };
    const placed = layoutLabels(
      [
        { key: 'nan-x', text: 'a', x: NaN, y: 100, w: 30, h: 12, priority: 5 },
        { key: 'nan-w', text: 'b', x: 100, y: 100, w: NaN, h: 12, priority: 4 },
        { key: 'inf', text: 'c', x: Infinity, y: 100, w: 30, h: 12, priority: 3 },
        ok
      ],
      { width: W, height: H }
    );
    expect(placed.map((p) => p.key)).toEqual(['ok']);
  });

  it('stops after max labels and keeps the candidate fields', () => {
    const cands = candidates(200, 7, W, H);
    const placed = layoutLabels(cands, { width: W, height: H, max: 5 });
    expect(placed).toHaveLength(5);
    for (const p of placed) {
      const c = cands[p.data!];
      expect(p).toMatchObject({ key: c.key, text: c.text, x: c.x, y: c.y, priority: c.priority, data: c.data });
    }
    expect(layoutLabels(cands, { width: W, height: H, max: 0 })).toEqual([]);
  });

  it('shows more labels once anchors move apart (zooming in)', () => {
    const cands = candidates(200, 9, W, H);
    const squeezed = cands.map((c) => ({ ...c, x: W / 2 + (c.x - W / 2) * 0.25, y: H / 2 + (c.y - H / 2) * 0.25 }));
    const few = layoutLabels(squeezed, { width: W, height: H }).length;
    const many = layoutLabels(cands, { width: W, height: H }).length;
    expect(many).toBeGreaterThan(few);
  });

  it('is deterministic and does not reorder its input', () => {
    const cands = candidates(150, 5, W, H);
    const copy = cands.map((c) => ({ ...c }));
    const a = layoutLabels(cands, { width: W, height: H });
    const b = layoutLabels(cands, { width: W, height: H });
    expect(a).toEqual(b);
    expect(cands).toEqual(copy);
  });
});
