/**
 * Map view geometry (src/lib/site/atlas-view.ts): data bounds, the base fit, screen ↔ layout
 * transforms and the URL form of a zoom that does not depend on the screen size.
 */
import { describe, expect, it } from 'vitest';
import { formatZoom } from '../../../src/lib/site/atlas-url';
import {
  baseX, baseY, dataBounds, fitBounds, homeZoom, invert, pointRadius, transformToZoom, zoomToTransform,
  type Bounds, type Transform
} from '../../../src/lib/site/atlas-view';

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

const screen = (f: ReturnType<typeof fitBounds>, t: Transform, x: number, y: number): [number, number] => [
  t.x + t.k * baseX(f, x),
  t.y + t.k * baseY(f, y)
];

describe('dataBounds', () => {
  it('spans the finite points only', () => {
    const b = dataBounds([0.2, NaN, 0.9, 0.5, Infinity], [0.1, 0.3, 0.7, -Infinity, 0.4]);
    expect(b).toEqual({ x0: 0.2, y0: 0.1, x1: 0.9, y1: 0.7 });
  });

  it('falls back to the unit square without finite points', () => {
    expect(dataBounds([], [])).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
    expect(dataBounds([NaN], [1])).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
  });

  it('gives a single point (or a line) an area', () => {
    const one = dataBounds([0.3], [0.6]);
    expect(one.x0).toBeCloseTo(-0.2, 12);
    expect(one.x1).toBeCloseTo(0.8, 12);
    expect(one.y0).toBeCloseTo(0.1, 12);
    expect(one.y1).toBeCloseTo(1.1, 12);
    const line = dataBounds([0.1, 0.9], [0.4, 0.4]);
    expect(line.x1 - line.x0).toBeCloseTo(0.8);
    expect(line.y1 - line.y0).toBeCloseTo(1);
  });

  it('accepts typed arrays', () => {
    expect(dataBounds(new Float64Array([3, 1, 2]), new Float32Array([5, 4, 6]))).toEqual({ x0: 1, y0: 4, x1: 3, y1: 6 });
  });
});

describe('fitBounds', () => {
  const cases: [Bounds, number, number, number][] = [
    [{ x0: 0, y0: 0, x1: 1, y1: 1 }, 800, 600, 24],
    [{ x0: 0, y0: 0, x1: 1, y1: 0.5 }, 400, 900, 10],
    [{ x0: -3, y0: 2, x1: 5, y1: 3 }, 1200, 300, 0],
    [{ x0: 0.1, y0: 0.2, x1: 0.3, y1: 0.9 }, 320, 568, 24]
  ];

  it('fits the bounds inside the padded box, centred, touching at least one side', () => {
    for (const [b, w, h, pad] of cases) {
      const f = fitBounds(b, w, h, pad);
      const [left, top] = [baseX(f, b.x0), baseY(f, b.y0)];
      const [right, bottom] = [baseX(f, b.x1), baseY(f, b.y1)];
      expect(left).toBeGreaterThanOrEqual(pad - 1e-9);
      expect(top).toBeGreaterThanOrEqual(pad - 1e-9);
      expect(right).toBeLessThanOrEqual(w - pad + 1e-9);
      expect(bottom).toBeLessThanOrEqual(h - pad + 1e-9);
      // Centred.
      expect(left + right).toBeCloseTo(w, 9);
      expect(top + bottom).toBeCloseTo(h, 9);
      // Largest scale: one pair of sides touches the padding.
      const touchesX = Math.abs(left - pad) < 1e-9;
      const touchesY = Math.abs(top - pad) < 1e-9;
      expect(touchesX || touchesY).toBe(true);
      // Aspect preserved: one scale for both axes.
      expect((right - left) / (bottom - top)).toBeCloseTo((b.x1 - b.x0) / (b.y1 - b.y0), 9);
    }
  });

  it('survives a canvas smaller than its padding', () => {
    const f = fitBounds({ x0: 0, y0: 0, x1: 1, y1: 1 }, 10, 10, 24);
    expect(Number.isFinite(f.scale)).toBe(true);
    expect(f.scale).toBeGreaterThan(0);
  });
});

describe('transforms', () => {
  const sizes: [number, number][] = [[800, 600], [375, 700], [1920, 1080]];

  it('invert undoes the screen mapping under any transform', () => {
    const r = rng(3);
    for (const [w, h] of sizes) {
      const f = fitBounds({ x0: -0.02, y0: 0.01, x1: 1.01, y1: 0.97 }, w, h);
      for (let i = 0; i < 100; i++) {
        const t = { k: 1 + r() * 63, x: (r() - 0.5) * 5000, y: (r() - 0.5) * 5000 };
        const [x, y] = [r(), r()];
        const [sx, sy] = screen(f, t, x, y);
        const [bx, by] = invert(f, t, sx, sy);
        expect(bx).toBeCloseTo(x, 9);
        expect(by).toBeCloseTo(y, 9);
      }
    }
  });

  it('zoomToTransform ∘ transformToZoom is the identity (and the other way round)', () => {
    const r = rng(11);
    for (const [w, h] of sizes) {
      const f = fitBounds({ x0: 0, y0: 0, x1: 1, y1: 1 }, w, h);
      for (let i = 0; i < 100; i++) {
        const z = { k: 1 + r() * 63, cx: r() * 2 - 0.5, cy: r() * 2 - 0.5 };
        const t = zoomToTransform(z, f, w, h);
        const back = transformToZoom(t, f, w, h);
        expect(back.k).toBe(z.k);
        expect(back.cx).toBeCloseTo(z.cx, 9);
        expect(back.cy).toBeCloseTo(z.cy, 9);
        const t2 = { k: 1 + r() * 10, x: (r() - 0.5) * 3000, y: (r() - 0.5) * 3000 };
        const again = zoomToTransform(transformToZoom(t2, f, w, h), f, w, h);
        expect(again.k).toBe(t2.k);
        expect(again.x).toBeCloseTo(t2.x, 6);
        expect(again.y).toBeCloseTo(t2.y, 6);
      }
    }
  });

  it('puts the zoom centre at the middle of the screen', () => {
    const [w, h] = [640, 480];
    const f = fitBounds({ x0: 0, y0: 0, x1: 1, y1: 1 }, w, h);
    const z = { k: 4, cx: 0.3, cy: 0.8 };
    const [sx, sy] = screen(f, zoomToTransform(z, f, w, h), z.cx, z.cy);
    expect(sx).toBeCloseTo(w / 2, 9);
    expect(sy).toBeCloseTo(h / 2, 9);
  });

  it('frames the same layout region on different screens (the URL zoom is size-independent)', () => {
    const z = { k: 3, cx: 0.4, cy: 0.6 };
    const b = { x0: 0, y0: 0, x1: 1, y1: 1 };
    for (const [w, h] of sizes) {
      const f = fitBounds(b, w, h);
      const t = zoomToTransform(z, f, w, h);
      // The layout point at the centre is z's centre on every screen.
      const [cx, cy] = invert(f, t, w / 2, h / 2);
      expect(cx).toBeCloseTo(z.cx, 9);
      expect(cy).toBeCloseTo(z.cy, 9);
    }
  });

  it('homeZoom maps to the identity transform, which the URL leaves out', () => {
    for (const [w, h] of sizes) {
      const b = { x0: 0, y0: 0, x1: 1, y1: 1 };
      const f = fitBounds(b, w, h);
      const home = homeZoom(f);
      expect(home).toEqual({ k: 1, cx: 0.5, cy: 0.5 });
      const t = zoomToTransform(home, f, w, h);
      expect(t.k).toBe(1);
      expect(t.x).toBeCloseTo(0, 9);
      expect(t.y).toBeCloseTo(0, 9);
      expect(formatZoom(transformToZoom({ k: 1, x: 0, y: 0 }, f, w, h))).toBeNull();
    }
    const f = fitBounds({ x0: 2, y0: -1, x1: 4, y1: 3 }, 500, 500);
    expect(homeZoom(f)).toEqual({ k: 1, cx: 3, cy: 1 });
  });
});

describe('pointRadius', () => {
  it('stays within 1.2–4 px at zoom 1', () => {
    for (const n of [0, 1, 10, 1000, 50_000, 1e7]) {
      const r = pointRadius(n, 800, 600, 1);
      expect(r).toBeGreaterThanOrEqual(1.2);
      expect(r).toBeLessThanOrEqual(4);
    }
    expect(pointRadius(1, 800, 600, 1)).toBe(4);
    expect(pointRadius(1e7, 800, 600, 1)).toBe(1.2);
  });

  it('is about a fifth of the mean spacing in between', () => {
    expect(pointRadius(4800, 800, 600, 1)).toBeCloseTo(2, 9); // spacing √(800·600/4800) = 10
    expect(pointRadius(19_200, 800, 600, 1)).toBeCloseTo(1.2, 9); // spacing 5 → 1 → clamped to 1.2
    expect(pointRadius(3000, 800, 600, 1)).toBeCloseTo(0.2 * Math.sqrt(160), 9);
  });

  it('shrinks as points get denser', () => {
    let prev = Infinity;
    for (const n of [10, 1e3, 1e4, 3e4, 1e5, 1e6]) {
      const r = pointRadius(n, 800, 600, 1);
      expect(r).toBeLessThanOrEqual(prev);
      prev = r;
    }
  });

  it('grows with √k when zooming in, at most 3×, never shrinking below zoom 1', () => {
    const r1 = pointRadius(4800, 800, 600, 1);
    expect(pointRadius(4800, 800, 600, 4)).toBeCloseTo(r1 * 2, 9);
    expect(pointRadius(4800, 800, 600, 9)).toBeCloseTo(r1 * 3, 9);
    expect(pointRadius(4800, 800, 600, 64)).toBeCloseTo(r1 * 3, 9);
    expect(pointRadius(4800, 800, 600, 0.5)).toBeCloseTo(r1, 9);
  });
});
