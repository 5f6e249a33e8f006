/**
 * The map's canvas renderer and hit-testing. Points are drawn in colour batches (one path
 * and one fill per colour), culled to the viewport; noise first and faint, then clusters,
 * then highlighted movies, the focused movie and the hovered one on top, then labels.
 * Hover hit-testing is a d3 quadtree over layout coordinates, built once per data set.
 */
import { quadtree, type Quadtree } from 'd3';
import { layoutLabels, type Box, type LabelCandidate, type PlacedLabel } from '$lib/site/atlas-labels';
import { baseX, baseY, invert, type Fit, type Transform } from '$lib/site/atlas-view';

export interface MapData {
  n: number;
  ids: Float64Array;
  xs: Float64Array;
  ys: Float64Array;
  titles: string[];
  years: (number | null)[];
  votes: Float64Array;
  indexById: Map<number, number>;
}

/** How points are coloured under one model. */
export interface Colouring {
  /** Per point: index into `colours`, or −1 (no cluster: grey). */
  colourIndex: Int32Array;
  /** Per point: 1 when the model left it outside every cluster (HDBSCAN noise). */
  noise: Uint8Array;
  /** Per point: the model's raw cluster (−1 noise), or NaN-free −2 when unknown. */
  cluster: Int32Array;
  /** Per point: the display cluster (noise takes its nearest). */
  display: Int32Array;
  colours: string[];
}

export interface ClusterLabel {
  cluster: number;
  name: string;
  x: number;
  y: number;
  size: number;
}

export interface DrawOptions {
  width: number;
  height: number;
  dpr: number;
  fit: Fit;
  t: Transform;
  radius: number;
  colouring: Colouring | null;
  /** Raw cluster id singled out, or null. */
  selectedCluster: number | null;
  /** Point indices to draw on top. */
  highlight: readonly number[];
  focus: number;
  hover: number;
  /** Draw a crosshair at the centre (keyboard exploration). */
  crosshair: boolean;
  labels: readonly ClusterLabel[];
  /** Boxes labels must avoid (controls over the canvas). */
  reserved: readonly Box[];
  colours: { bg: string; fg: string; muted: string; grey: string; ring: string; focus: string };
}

export interface DrawStats {
  ms: number;
  visible: number;
  /** Movies in view drawn receded (outside the singled-out cluster or the highlights). */
  dimmed: number;
  labels: PlacedLabel<LabelData>[];
}

interface LabelData {
  kind: 'cluster' | 'movie';
}

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export function buildQuadtree(d: MapData): Quadtree<number> {
  const idx = Array.from({ length: d.n }, (_, i) => i);
  return quadtree<number>()
    .x((i) => d.xs[i])
    .y((i) => d.ys[i])
    .addAll(idx);
}

/** Nearest point to screen (sx, sy) within `maxPx` pixels, or −1. */
export function hitTest(tree: Quadtree<number>, fit: Fit, t: Transform, sx: number, sy: number, maxPx: number): number {
  const [x, y] = invert(fit, t, sx, sy);
  const found = tree.find(x, y, maxPx / (fit.scale * t.k));
  return found ?? -1;
}

/** Screen position of point i. */
export function screenOf(d: MapData, fit: Fit, t: Transform, i: number): [number, number] {
  return [t.x + t.k * baseX(fit, d.xs[i]), t.y + t.k * baseY(fit, d.ys[i])];
}

/** Label font size for a cluster of `size` among sizes up to `maxSize`. */
function clusterFont(size: number, maxSize: number): number {
  return Math.round(11 + 4 * Math.sqrt(Math.max(0, size) / Math.max(1, maxSize)));
}

export function drawMap(ctx: CanvasRenderingContext2D, d: MapData, o: DrawOptions): DrawStats {
  const started = performance.now();
  const { width: W, height: H, fit, t, radius: r } = o;
  ctx.setTransform(o.dpr, 0, 0, o.dpr, 0, 0);
  ctx.clearRect(0, 0, W, H);

  const sx = new Float32Array(d.n);
  const sy = new Float32Array(d.n);
  const inView = new Uint8Array(d.n);
  let visible = 0;
  const m = r + 2;
  for (let i = 0; i < d.n; i++) {
    const x = t.x + t.k * baseX(fit, d.xs[i]);
    const y = t.y + t.k * baseY(fit, d.ys[i]);
    sx[i] = x;
    sy[i] = y;
    if (x >= -m && x <= W + m && y >= -m && y <= H + m) {
      inView[i] = 1;
      visible++;
    }
  }

  const c = o.colouring;
  const sel = o.selectedCluster;
  const hl = o.highlight.length > 0;
  const hlSet = hl ? new Set(o.highlight) : null;
  // Movies outside the selected cluster (or not highlighted) recede.
  const dimmed = (i: number) => (sel !== null && c !== null && c.cluster[i] !== sel) || (hlSet !== null && !hlSet.has(i));
  const anyDim = sel !== null || hl;
  const TAU = Math.PI * 2;

  const dot = (i: number, rad: number) => {
    ctx.moveTo(sx[i] + rad, sy[i]);
    ctx.arc(sx[i], sy[i], rad, 0, TAU);
  };

  // Batches: [colour index + 1] for clustered, separate passes for noise and dimmed.
  const nColours = c ? c.colours.length : 0;
  const batches: number[][] = Array.from({ length: nColours + 1 }, () => []);
  const noiseBatches: number[][] = Array.from({ length: nColours + 1 }, () => []);
  const dimmedList: number[] = [];
  for (let i = 0; i < d.n; i++) {
    if (!inView[i]) continue;
    if (anyDim && dimmed(i)) {
      dimmedList.push(i);
      continue;
    }
    const ci = c ? c.colourIndex[i] + 1 : 0;
    if (c && c.noise[i]) noiseBatches[ci].push(i);
    else batches[ci].push(i);
  }
  const colourOf = (ci: number) => (ci === 0 || !c ? o.colours.grey : c.colours[ci - 1]);

  // 1. dimmed points: one faint grey pass.
  if (dimmedList.length) {
    ctx.globalAlpha = 0.22;
    ctx.fillStyle = o.colours.grey;
    ctx.beginPath();
    for (const i of dimmedList) dot(i, r * 0.8);
    ctx.fill();
  }
  // 2. noise: its display cluster's colour, faint and smaller.
  ctx.globalAlpha = 0.3;
  noiseBatches.forEach((list, ci) => {
    if (!list.length) return;
    ctx.fillStyle = colourOf(ci);
    ctx.beginPath();
    for (const i of list) dot(i, r * 0.8);
    ctx.fill();
  });
  // 3. clustered points.
  ctx.globalAlpha = 0.85;
  batches.forEach((list, ci) => {
    if (!list.length) return;
    ctx.fillStyle = colourOf(ci);
    ctx.beginPath();
    for (const i of list) dot(i, r);
    ctx.fill();
  });
  ctx.globalAlpha = 1;

  // 4. highlighted movies: bigger, full colour, ringed.
  if (hl) {
    const rr = Math.max(r * 1.7, 3.5);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = o.colours.ring;
    for (const i of o.highlight) {
      if (!inView[i]) continue;
      ctx.beginPath();
      ctx.fillStyle = c ? colourOf(c.colourIndex[i] + 1) : o.colours.grey;
      ctx.arc(sx[i], sy[i], rr, 0, TAU);
      ctx.fill();
      ctx.stroke();
    }
  }

  // 5. focus and hover rings.
  const ring = (i: number, rad: number, colour: string, width: number) => {
    if (i < 0 || i >= d.n) return;
    ctx.beginPath();
    ctx.arc(sx[i], sy[i], rad, 0, TAU);
    ctx.lineWidth = width + 2;
    ctx.strokeStyle = o.colours.bg;
    ctx.stroke();
    ctx.lineWidth = width;
    ctx.strokeStyle = colour;
    ctx.stroke();
  };
  if (o.focus >= 0) {
    ctx.beginPath();
    ctx.fillStyle = c ? colourOf(c.colourIndex[o.focus] + 1) : o.colours.grey;
    ctx.arc(sx[o.focus], sy[o.focus], Math.max(r * 1.8, 4), 0, TAU);
    ctx.fill();
    ring(o.focus, Math.max(r * 2.6, 8), o.colours.focus, 2.5);
  }
  if (o.hover >= 0 && o.hover !== o.focus) ring(o.hover, Math.max(r * 2, 6), o.colours.fg, 1.5);

  if (o.crosshair) {
    ctx.strokeStyle = o.colours.fg;
    ctx.globalAlpha = 0.6;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(W / 2 - 10, H / 2);
    ctx.lineTo(W / 2 - 3, H / 2);
    ctx.moveTo(W / 2 + 3, H / 2);
    ctx.lineTo(W / 2 + 10, H / 2);
    ctx.moveTo(W / 2, H / 2 - 10);
    ctx.lineTo(W / 2, H / 2 - 3);
    ctx.moveTo(W / 2, H / 2 + 3);
    ctx.lineTo(W / 2, H / 2 + 10);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  // 6. labels: cluster names first (by size), then movie titles once few points are in view.
  const cands: LabelCandidate<LabelData>[] = [];
  const maxSize = Math.max(1, ...o.labels.map((l) => l.size));
  for (const l of o.labels) {
    if (sel !== null && l.cluster !== sel) continue;
    const x = t.x + t.k * baseX(fit, l.x);
    const y = t.y + t.k * baseY(fit, l.y);
    if (x < -200 || x > W + 200 || y < -50 || y > H + 50) continue;
    const size = clusterFont(l.size, maxSize);
    ctx.font = `600 ${size}px ${FONT_FAMILY}`;
    cands.push({ key: `c${l.cluster}`, text: l.name, x, y, w: ctx.measureText(l.name).width + 6, h: size + 4, priority: 1e9 + l.size, data: { kind: 'cluster' } });
  }
  if (visible <= 150) {
    ctx.font = `11px ${FONT_FAMILY}`;
    for (let i = 0; i < d.n; i++) {
      if (!inView[i] || (anyDim && dimmed(i))) continue;
      const text = d.titles[i];
      const w = Math.min(ctx.measureText(text).width, 180) + 4;
      cands.push({ key: `m${i}`, text, x: sx[i] + r + 3 + w / 2, y: sy[i], w, h: 14, priority: d.votes[i] || 0, data: { kind: 'movie' } });
    }
  }
  const reserved = [...o.reserved];
  if (o.focus >= 0 && inView[o.focus]) reserved.push({ x: sx[o.focus] - 10, y: sy[o.focus] - 10, w: 20, h: 20 });
  const placed = layoutLabels(cands, { width: W, height: H, padding: 3, reserved });
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const p of placed) {
    const cluster = p.data?.kind === 'cluster';
    const size = p.h - (cluster ? 4 : 3);
    ctx.font = cluster ? `600 ${size}px ${FONT_FAMILY}` : `11px ${FONT_FAMILY}`;
    const cx = p.box.x + p.box.w / 2;
    const cy = p.box.y + p.box.h / 2;
    let text = p.text;
    if (!cluster && ctx.measureText(text).width > p.box.w - 4) {
      while (text.length > 1 && ctx.measureText(`${text}…`).width > p.box.w - 4) text = text.slice(0, -1);
      text = `${text}…`;
    }
    ctx.lineWidth = cluster ? 4 : 3;
    ctx.strokeStyle = o.colours.bg;
    ctx.strokeText(text, cx, cy);
    ctx.fillStyle = cluster ? o.colours.fg : o.colours.muted;
    ctx.fillText(text, cx, cy);
  }
  return { ms: performance.now() - started, visible, dimmed: dimmedList.length, labels: placed };
}
