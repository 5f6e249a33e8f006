/**
 * Label placement with collision avoidance for the map: most important label first, each
 * tries a few positions round its anchor and is dropped when every position overlaps a
 * label already placed, a reserved box, or falls outside the viewport. Called every frame
 * with screen coordinates, so zooming in (anchors move apart) shows more labels.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelCandidate<T = unknown> {
  key: string | number;
  text: string;
  /** Anchor on screen (pixels). */
  x: number;
  y: number;
  /** Text box size (pixels). */
  w: number;
  h: number;
  /** Higher is placed first. */
  priority: number;
  data?: T;
}

export interface PlacedLabel<T = unknown> extends LabelCandidate<T> {
  /** Top-left of the placed box. */
  box: Box;
}

export interface LabelLayoutOptions {
  width: number;
  height: number;
  /** Empty space kept round every box (pixels). */
  padding?: number;
  /** Boxes nothing may cover (controls drawn over the canvas, the focused point…). */
  reserved?: readonly Box[];
  /** Offsets tried in order, as fractions: [dx, dy] of the box from centred on the anchor. */
  positions?: readonly (readonly [number, number])[];
  /** Stop after this many labels. */
  max?: number;
}

/** Centred on the anchor, then above, below, right, left of it. */
export const DEFAULT_POSITIONS: readonly (readonly [number, number])[] = [
  [0, 0], [0, -0.9], [0, 0.9], [0.6, 0], [-0.6, 0]
];

export function overlaps(a: Box, b: Box, pad = 0): boolean {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

/**
 * Greedy placement. Deterministic: ties in priority keep input order. A coarse grid of
 * buckets keeps each overlap check to nearby boxes, so a few hundred candidates per frame
 * cost well under a millisecond.
 */
export function layoutLabels<T>(candidates: readonly LabelCandidate<T>[], o: LabelLayoutOptions): PlacedLabel<T>[] {
  const pad = o.padding ?? 2;
  const positions = o.positions ?? DEFAULT_POSITIONS;
  const max = o.max ?? Infinity;
  const cell = 64;
  const grid = new Map<number, Box[]>();
  const keyOf = (cx: number, cy: number) => cx * 100_003 + cy;
  const cellsOf = (b: Box) => {
    const out: number[] = [];
    for (let cx = Math.floor((b.x - pad) / cell); cx <= Math.floor((b.x + b.w + pad) / cell); cx++)
      for (let cy = Math.floor((b.y - pad) / cell); cy <= Math.floor((b.y + b.h + pad) / cell); cy++) out.push(keyOf(cx, cy));
    return out;
  };
  const add = (b: Box) => {
    for (const k of cellsOf(b)) {
      const list = grid.get(k);
      if (list) list.push(b);
      else grid.set(k, [b]);
    }
  };
  const free = (b: Box) => {
    for (const k of cellsOf(b)) for (const other of grid.get(k) ?? []) if (overlaps(b, other, pad)) return false;
    return true;
  };
  for (const r of o.reserved ?? []) add(r);

  const order = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.priority - a.c.priority || a.i - b.i);
  const placed: PlacedLabel<T>[] = [];
  for (const { c } of order) {
    if (placed.length >= max) break;
    for (const [fx, fy] of positions) {
      const box = { x: c.x - c.w / 2 + fx * c.w, y: c.y - c.h / 2 + fy * c.h, w: c.w, h: c.h };
      // Written so that a non-finite anchor or size (NaN) counts as outside, never as placed.
      if (!(box.x >= 0 && box.y >= 0 && box.x + box.w <= o.width && box.y + box.h <= o.height)) continue;
      if (!free(box)) continue;
      add(box);
      placed.push({ ...c, box });
      break;
    }
  }
  return placed;
}
