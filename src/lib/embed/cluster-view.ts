/**
 * Framing one micro-genre on the map: the members of a cluster, and a zoom that centres
 * them with the rest of the map still around for context.
 */
import type { ZoomParam } from '$lib/site/atlas-url';

/** Indices of points whose raw cluster is `cluster`. */
export function membersOf(clusterOf: ArrayLike<number>, cluster: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < clusterOf.length; i++) if (clusterOf[i] === cluster) out.push(i);
  return out;
}

function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (i - lo);
}

/**
 * A zoom centred on the members' core (5th–95th percentiles, so a stray member does not
 * frame half the map), leaving ~40% margin around it; null (whole map) when that would
 * barely zoom in or there are no members.
 */
export function clusterZoom(xs: ArrayLike<number>, ys: ArrayLike<number>, members: readonly number[], maxK = 6): ZoomParam | null {
  if (!members.length) return null;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    x0 = Math.min(x0, xs[i]); x1 = Math.max(x1, xs[i]);
    y0 = Math.min(y0, ys[i]); y1 = Math.max(y1, ys[i]);
  }
  const mx = members.map((i) => xs[i]).filter(Number.isFinite).sort((a, b) => a - b);
  const my = members.map((i) => ys[i]).filter(Number.isFinite).sort((a, b) => a - b);
  if (!mx.length || !(x1 > x0) || !(y1 > y0)) return null;
  const [a, b, c, d] = [quantile(mx, 0.05), quantile(mx, 0.95), quantile(my, 0.05), quantile(my, 0.95)];
  const span = Math.max((b - a) / (x1 - x0), (d - c) / (y1 - y0), 1e-3);
  const k = Math.min(maxK, 0.6 / span);
  if (k < 1.25) return null;
  return { k, cx: (a + b) / 2, cy: (c + d) / 2 };
}
