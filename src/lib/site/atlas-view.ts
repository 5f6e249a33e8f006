/**
 * Geometry of the map view: layout coordinates (0..1, aspect preserved by the build) → a
 * base fit in the canvas → the d3-zoom transform. The URL stores the zoom independently of
 * the screen size, as a factor and the layout point at the view's centre (atlas-url.ts), so
 * a shared link frames the same region on a phone and on a desktop.
 */
import type { ZoomParam } from './atlas-url';

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Screen = offset + (layout − bounds origin) × scale, before the zoom transform. */
export interface Fit {
  scale: number;
  ox: number;
  oy: number;
  bounds: Bounds;
}

/** d3-zoom's transform: screen = k × base + (x, y). */
export interface Transform {
  k: number;
  x: number;
  y: number;
}

export function dataBounds(xs: ArrayLike<number>, ys: ArrayLike<number>): Bounds {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x1 >= x0)) return { x0: 0, y0: 0, x1: 1, y1: 1 };
  // A single point (or a line) still gets an area to sit in.
  if (x1 - x0 < 1e-9) (x0 -= 0.5), (x1 += 0.5);
  if (y1 - y0 < 1e-9) (y0 -= 0.5), (y1 += 0.5);
  return { x0, y0, x1, y1 };
}

/** The largest uniform scale that fits `b` in width × height with `pad` px all round, centred. */
export function fitBounds(b: Bounds, width: number, height: number, pad = 24): Fit {
  const w = Math.max(1, width - 2 * pad);
  const h = Math.max(1, height - 2 * pad);
  const scale = Math.min(w / (b.x1 - b.x0), h / (b.y1 - b.y0));
  return {
    scale,
    ox: (width - scale * (b.x1 - b.x0)) / 2,
    oy: (height - scale * (b.y1 - b.y0)) / 2,
    bounds: b
  };
}

/** Layout → base screen coordinates (no zoom). */
export function baseX(f: Fit, x: number): number {
  return f.ox + (x - f.bounds.x0) * f.scale;
}
export function baseY(f: Fit, y: number): number {
  return f.oy + (y - f.bounds.y0) * f.scale;
}

/** Screen → layout coordinates under transform t. */
export function invert(f: Fit, t: Transform, sx: number, sy: number): [number, number] {
  return [((sx - t.x) / t.k - f.ox) / f.scale + f.bounds.x0, ((sy - t.y) / t.k - f.oy) / f.scale + f.bounds.y0];
}

/** The transform that puts layout point (cx, cy) at the view's centre at zoom k. */
export function zoomToTransform(z: ZoomParam, f: Fit, width: number, height: number): Transform {
  return { k: z.k, x: width / 2 - z.k * baseX(f, z.cx), y: height / 2 - z.k * baseY(f, z.cy) };
}

/** The URL form of a transform: zoom factor and the layout point at the centre. */
export function transformToZoom(t: Transform, f: Fit, width: number, height: number): ZoomParam {
  const [cx, cy] = invert(f, t, width / 2, height / 2);
  return { k: t.k, cx, cy };
}

/** The zoom the whole map shows at (identity) in URL form. */
export function homeZoom(f: Fit): ZoomParam {
  return { k: 1, cx: (f.bounds.x0 + f.bounds.x1) / 2, cy: (f.bounds.y0 + f.bounds.y1) / 2 };
}

/**
 * Point radius in px: dense maps get small dots (about a fifth of the mean spacing, 1.2–4 px
 * at zoom 1); zooming in grows them gently (√k, at most 3×) so clusters stay readable.
 */
export function pointRadius(n: number, width: number, height: number, k: number): number {
  const spacing = Math.sqrt((width * height) / Math.max(1, n));
  const r = Math.min(4, Math.max(1.2, spacing * 0.2));
  return r * Math.min(3, Math.sqrt(Math.max(1, k)));
}
