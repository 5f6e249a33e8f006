/**
 * The map renderer's geometry (src/lib/charts/map/scatter.ts): quadtree hit-testing against
 * a brute-force nearest point, screen positions, and drawMap on a fake 2-D context that
 * records calls (culling, colour batches, dimming, labels without overlaps).
 */
import { describe, expect, it } from 'vitest';
import { buildMapData } from '../../../src/lib/charts/map/colouring';
import { buildQuadtree, drawMap, hitTest, screenOf, type Colouring, type DrawOptions, type MapData } from '../../../src/lib/charts/map/scatter';
import { overlaps } from '../../../src/lib/site/atlas-labels';
import { fitBounds, invert, zoomToTransform, type Transform } from '../../../src/lib/site/atlas-view';

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

function randomData(n: number, seed: number): MapData {
  const r = rng(seed);
  return buildMapData(Array.from({ length: n }, (_, i) => ({ id: i + 1, title: `Movie ${i + 1}`, year: 2000, vote_count: Math.floor(r() * 1000), x: r(), y: r() })));
}

describe('hitTest', () => {
  const W = 800, H = 600;
  const fit = fitBounds({ x0: 0, y0: 0, x1: 1, y1: 1 }, W, H);

  it('returns the nearest point within maxPx and −1 beyond, under any zoom', () => {
    const d = randomData(400, 1);
    const tree = buildQuadtree(d);
    const r = rng(2);
    let hits = 0, misses = 0;
    for (let trial = 0; trial < 400; trial++) {
      // A view centred somewhere on the data, at zoom 1, 6, 11 or 16.
      const t: Transform = zoomToTransform({ k: 1 + Math.floor(r() * 4) * 5, cx: r(), cy: r() }, fit, W, H);
      const [sx, sy] = [r() * W, r() * H];
      const maxPx = 2 + r() * 20;
      let best = -1, bestD = Infinity;
      for (let i = 0; i < d.n; i++) {
        const [px, py] = screenOf(d, fit, t, i);
        const dd = Math.hypot(px - sx, py - sy);
        if (dd < bestD) (bestD = dd), (best = i);
      }
      const got = hitTest(tree, fit, t, sx, sy, maxPx);
      if (bestD <= maxPx - 1e-6) {
        hits++;
        expect(got).toBeGreaterThanOrEqual(0);
        const [gx, gy] = screenOf(d, fit, t, got);
        expect(Math.hypot(gx - sx, gy - sy)).toBeCloseTo(bestD, 6);
        if (got !== best) expect(Math.hypot(gx - sx, gy - sy)).toBeCloseTo(bestD, 9); // an exact tie only
      } else if (bestD > maxPx + 1e-6) {
        misses++;
        expect(got).toBe(-1);
      }
    }
    expect(hits).toBeGreaterThan(20);
    expect(misses).toBeGreaterThan(20);
  });

  it('finds a point exactly under the cursor and nothing just past the radius', () => {
    const d = buildMapData([
      { id: 1, title: 'a', year: null, vote_count: null, x: 0.25, y: 0.25 },
      { id: 2, title: 'b', year: null, vote_count: null, x: 0.75, y: 0.75 }
    ]);
    const tree = buildQuadtree(d);
    const t = { k: 2, x: -100, y: -50 };
    const [sx, sy] = screenOf(d, fit, t, 1);
    expect(hitTest(tree, fit, t, sx, sy, 5)).toBe(1);
    expect(hitTest(tree, fit, t, sx + 4.9, sy, 5)).toBe(1);
    expect(hitTest(tree, fit, t, sx + 5.1, sy, 5)).toBe(-1);
    expect(hitTest(tree, fit, t, sx + 3, sy - 4.1, 5)).toBe(-1); // 5.08 px diagonally
  });

  it('finds nothing on an empty map', () => {
    const tree = buildQuadtree(buildMapData([]));
    expect(hitTest(tree, fit, { k: 1, x: 0, y: 0 }, 10, 10, 1000)).toBe(-1);
  });
});

describe('screenOf', () => {
  it('is inverted by invert', () => {
    const d = randomData(50, 4);
    const fit = fitBounds({ x0: -0.1, y0: 0, x1: 1.1, y1: 1 }, 500, 700);
    const t = { k: 3.5, x: -420, y: 77 };
    for (let i = 0; i < d.n; i++) {
      const [sx, sy] = screenOf(d, fit, t, i);
      const [x, y] = invert(fit, t, sx, sy);
      expect(x).toBeCloseTo(d.xs[i], 9);
      expect(y).toBeCloseTo(d.ys[i], 9);
    }
  });
});

// ---------------------------------------------------------------------------------------
// drawMap on a recording context

interface Call {
  fn: string;
  args: unknown[];
  state: { fillStyle: unknown; strokeStyle: unknown; globalAlpha: unknown; font: unknown };
}

function fakeContext() {
  const calls: Call[] = [];
  const state: Record<string, unknown> = { fillStyle: '#000', strokeStyle: '#000', globalAlpha: 1, font: '10px sans-serif', lineWidth: 1 };
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'measureText') return (text: string) => ({ width: text.length * 6 });
      return (...args: unknown[]) => {
        calls.push({ fn: prop, args, state: { fillStyle: target.fillStyle, strokeStyle: target.strokeStyle, globalAlpha: target.globalAlpha, font: target.font } });
      };
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    }
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, calls };
}

const COLOURS = { bg: '#ffffff', fg: '#111111', muted: '#666666', grey: '#999999', ring: '#ff00ff', focus: '#0000ff' };

function options(d: MapData, o: Partial<DrawOptions> = {}): DrawOptions {
  const width = 400, height = 300;
  return {
    width, height, dpr: 2, fit: fitBounds({ x0: 0, y0: 0, x1: 1, y1: 1 }, width, height), t: { k: 1, x: 0, y: 0 }, radius: 2,
    colouring: null, selectedCluster: null, highlight: [], focus: -1, hover: -1, crosshair: false, labels: [], reserved: [],
    colours: COLOURS, ...o
  };
}

/** Points drawn per fill: arcs since the last beginPath, keyed by fill colour and alpha. */
function fills(calls: Call[]) {
  const out: { colour: unknown; alpha: unknown; arcs: number }[] = [];
  let arcs = 0;
  for (const c of calls) {
    if (c.fn === 'beginPath') arcs = 0;
    else if (c.fn === 'arc') arcs++;
    else if (c.fn === 'fill') out.push({ colour: c.state.fillStyle, alpha: c.state.globalAlpha, arcs });
  }
  return out;
}

describe('drawMap', () => {
  // Three clusters in a row of 9 points, one noise point, one point outside the view.
  const pts = [
    ...Array.from({ length: 9 }, (_, i) => ({ id: i + 1, title: `M${i + 1}`, year: 2000, vote_count: 10 * i, x: 0.1 + 0.1 * i, y: 0.5 })),
    { id: 10, title: 'Noise', year: 2000, vote_count: 1, x: 0.5, y: 0.2 },
    { id: 11, title: 'Far', year: 2000, vote_count: 1, x: 40, y: 40 }
  ];
  const d = buildMapData(pts);
  const colouring: Colouring = {
    colourIndex: Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 2]),
    noise: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
    cluster: Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, -1, 2]),
    display: Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 2]),
    colours: ['#aa0000', '#00aa00', '#0000aa']
  };

  it('culls to the viewport and sets the device-pixel transform', () => {
    const { ctx, calls } = fakeContext();
    const stats = drawMap(ctx, d, options(d, { colouring }));
    expect(stats.visible).toBe(10);
    expect(calls[0]).toMatchObject({ fn: 'setTransform', args: [2, 0, 0, 2, 0, 0] });
    expect(calls[1]).toMatchObject({ fn: 'clearRect', args: [0, 0, 400, 300] });
    expect(stats.ms).toBeGreaterThanOrEqual(0);
  });

  it('draws one batch per colour: noise faint first, then clusters', () => {
    const { ctx, calls } = fakeContext();
    drawMap(ctx, d, options(d, { colouring }));
    const f = fills(calls);
    expect(f).toEqual([
      { colour: '#00aa00', alpha: 0.3, arcs: 1 }, // noise, in its display cluster's colour
      { colour: '#aa0000', alpha: 0.85, arcs: 3 },
      { colour: '#00aa00', alpha: 0.85, arcs: 3 },
      { colour: '#0000aa', alpha: 0.85, arcs: 3 } // not the far point: outside the view
    ]);
  });

  it('draws everything grey without a colouring', () => {
    const { ctx, calls } = fakeContext();
    drawMap(ctx, d, options(d));
    expect(fills(calls)).toEqual([{ colour: COLOURS.grey, alpha: 0.85, arcs: 10 }]);
  });

  it('dims movies outside the selected cluster, and non-highlighted movies', () => {
    const { ctx, calls } = fakeContext();
    drawMap(ctx, d, options(d, { colouring, selectedCluster: 1 }));
    const f = fills(calls);
    expect(f[0]).toEqual({ colour: COLOURS.grey, alpha: 0.22, arcs: 7 }); // 6 others + noise (raw −1)
    expect(f.slice(1)).toEqual([{ colour: '#00aa00', alpha: 0.85, arcs: 3 }]);

    const rec = fakeContext();
    drawMap(rec.ctx, d, options(d, { colouring, highlight: [0, 4] }));
    const g = fills(rec.calls);
    expect(g[0]).toEqual({ colour: COLOURS.grey, alpha: 0.22, arcs: 8 });
    // Highlighted: drawn normally, then again bigger with a ring.
    expect(g.slice(1, 3)).toEqual([
      { colour: '#aa0000', alpha: 0.85, arcs: 1 },
      { colour: '#00aa00', alpha: 0.85, arcs: 1 }
    ]);
    expect(g.slice(3)).toEqual([
      { colour: '#aa0000', alpha: 1, arcs: 1 },
      { colour: '#00aa00', alpha: 1, arcs: 1 }
    ]);
    expect(rec.calls.filter((c) => c.fn === 'stroke' && c.state.strokeStyle === COLOURS.ring)).toHaveLength(2);
  });

  it('rings the focused and hovered movies', () => {
    const { ctx, calls } = fakeContext();
    drawMap(ctx, d, options(d, { colouring, focus: 2, hover: 5 }));
    const strokes = calls.filter((c) => c.fn === 'stroke').map((c) => c.state.strokeStyle);
    expect(strokes).toEqual([COLOURS.bg, COLOURS.focus, COLOURS.bg, COLOURS.fg]);
    const same = fakeContext();
    drawMap(same.ctx, d, options(d, { colouring, focus: 2, hover: 2 }));
    expect(same.calls.filter((c) => c.fn === 'stroke')).toHaveLength(2);
  });

  it('places cluster names first, then movie titles, never overlapping', () => {
    const { ctx, calls } = fakeContext();
    const labels = [
      { cluster: 0, name: 'Heists', x: 0.2, y: 0.5, size: 3 },
      { cluster: 1, name: 'Space', x: 0.5, y: 0.5, size: 3 },
      { cluster: 2, name: 'Noir', x: 0.8, y: 0.5, size: 3 }
    ];
    const stats = drawMap(ctx, d, options(d, { colouring, labels, reserved: [{ x: 0, y: 0, w: 400, h: 40 }] }));
    const kinds = stats.labels.map((l) => l.data?.kind);
    expect(kinds.slice(0, 3)).toEqual(['cluster', 'cluster', 'cluster']);
    expect(kinds.slice(3).every((k) => k === 'movie')).toBe(true);
    for (let i = 0; i < stats.labels.length; i++) {
      const b = stats.labels[i].box;
      expect(overlaps(b, { x: 0, y: 0, w: 400, h: 40 }, 3)).toBe(false);
      for (let j = 0; j < i; j++) expect(overlaps(b, stats.labels[j].box, 3)).toBe(false);
    }
    // Every placed label is drawn (halo then fill).
    const texts = calls.filter((c) => c.fn === 'fillText').map((c) => c.args[0]);
    expect(texts).toHaveLength(stats.labels.length);
    expect(texts.slice(0, 3).sort()).toEqual(['Heists', 'Noir', 'Space']);
  });

  it('labels only the selected cluster', () => {
    const { ctx } = fakeContext();
    const labels = [
      { cluster: 0, name: 'Heists', x: 0.2, y: 0.5, size: 3 },
      { cluster: 1, name: 'Space', x: 0.5, y: 0.5, size: 3 }
    ];
    const stats = drawMap(ctx, d, options(d, { colouring, labels, selectedCluster: 1 }));
    expect(stats.labels.filter((l) => l.data?.kind === 'cluster').map((l) => l.text)).toEqual(['Space']);
  });

  it('draws no movie titles when many points are in view', () => {
    const big = randomData(400, 9);
    const { ctx } = fakeContext();
    const stats = drawMap(ctx, big, options(big));
    expect(stats.visible).toBeGreaterThan(150);
    expect(stats.labels).toEqual([]);
  });
});
