/**
 * Categorical colours for micro-genres: up to ~80 clusters that stay apart from each other
 * and readable on both themes.
 *
 * Colours are picked in OKLCH (perceptually even lightness and hue): hues are spread evenly
 * round the wheel and, past 8 clusters, split over two or three lightness bands, so two
 * clusters in the same hue region differ in lightness. Each theme has its own bands: deeper
 * inks on the light background, lighter ones on the dark background, all with at least 3:1
 * contrast against the page. Colours outside sRGB lose chroma until they fit.
 *
 * `assignColours` hands the palette out so that clusters next to each other on the map get
 * colours far apart (greedy, largest cluster first).
 */

export type Theme = 'light' | 'dark';
export type Rgb = readonly [number, number, number];

/** Page backgrounds of app.css (--bg), for contrast checks. */
export const THEME_BACKGROUND: Record<Theme, Rgb> = { light: [0xfb, 0xfa, 0xf7], dark: [0x11, 0x13, 0x18] };

// ------------------------------------------------------------------------------------
// Colour maths (OKLab, Björn Ottosson 2020)

const srgbToLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const linearToSrgb = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * Math.max(c, 0) ** (1 / 2.4) - 0.055);

/** OKLab → linear sRGB (components may fall outside 0..1 when out of gamut). */
function oklabToLinear(L: number, a: number, b: number): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s
  ];
}

/** sRGB 0..255 → OKLab [L, a, b]. */
export function rgbToOklab(rgb: Rgb): [number, number, number] {
  const [lr, lg, lb] = rgb.map((c) => srgbToLinear(c / 255));
  const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb);
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb);
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s
  ];
}

/** OKLCH (hue in degrees) → sRGB 0..255, reducing chroma until the colour is in gamut. */
export function oklchToRgb(L: number, C: number, hDeg: number): Rgb {
  const h = (hDeg * Math.PI) / 180;
  let c = C;
  for (let i = 0; i < 40; i++) {
    const lin = oklabToLinear(L, c * Math.cos(h), c * Math.sin(h));
    if (lin.every((v) => v >= -1e-4 && v <= 1 + 1e-4) || c <= 1e-4) {
      return lin.map((v) => Math.round(Math.min(1, Math.max(0, linearToSrgb(v))) * 255)) as unknown as Rgb;
    }
    c *= 0.93;
  }
  const lin = oklabToLinear(L, 0, 0);
  return lin.map((v) => Math.round(Math.min(1, Math.max(0, linearToSrgb(v))) * 255)) as unknown as Rgb;
}

/** Euclidean distance in OKLab (≈ 0.02 is a just-noticeable difference; 0.1+ is obvious). */
export function deltaE(a: Rgb, b: Rgb): number {
  const [l1, a1, b1] = rgbToOklab(a);
  const [l2, a2, b2] = rgbToOklab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** WCAG relative luminance and contrast ratio. */
export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * srgbToLinear(r / 255) + 0.7152 * srgbToLinear(g / 255) + 0.0722 * srgbToLinear(b / 255);
}
export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

export const toHex = (c: Rgb): string => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
export function rgba(c: Rgb, alpha: number): string {
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;
}

// ------------------------------------------------------------------------------------
// The palette

/** Lightness range, chroma steps and start colour per theme. */
const SPACE: Record<Theme, { L: [number, number]; C: readonly number[]; first: [number, number, number] }> = {
  light: { L: [0.42, 0.68], C: [0.08, 0.11, 0.14, 0.17, 0.2], first: [0.56, 0.17, 30] },
  dark: { L: [0.66, 0.92], C: [0.07, 0.1, 0.13, 0.16], first: [0.74, 0.15, 30] }
};
const MAX_COLOURS = 128;
const sequences = new Map<Theme, Rgb[]>();

/**
 * The theme's colour sequence: farthest-point sampling in OKLab over in-gamut colours of the
 * theme's lightness range with at least 3:1 contrast against its background. Every prefix is
 * a maximin set, so `categoricalPalette(n)` keeps its first colours as n grows and any two
 * of its n colours are as far apart as greedy sampling allows.
 */
function sequence(theme: Theme): Rgb[] {
  const cached = sequences.get(theme);
  if (cached) return cached;
  const sp = SPACE[theme];
  const bg = THEME_BACKGROUND[theme];
  const cands: { rgb: Rgb; lab: [number, number, number] }[] = [];
  for (let L = sp.L[0]; L <= sp.L[1] + 1e-9; L += 0.02) {
    for (const C of sp.C) {
      for (let h = 0; h < 360; h += 5) {
        const rad = (h * Math.PI) / 180;
        const lin = oklabToLinear(L, C * Math.cos(rad), C * Math.sin(rad));
        if (!lin.every((v) => v >= 0 && v <= 1)) continue; // in gamut only: no clipped look-alikes
        const rgb = lin.map((v) => Math.round(linearToSrgb(v) * 255)) as unknown as Rgb;
        if (contrast(rgb, bg) < 3) continue;
        cands.push({ rgb, lab: rgbToOklab(rgb) });
      }
    }
  }
  const first = oklchToRgb(...sp.first);
  const out: Rgb[] = [first];
  const firstLab = rgbToOklab(first);
  const nearest = cands.map((c) => Math.hypot(c.lab[0] - firstLab[0], c.lab[1] - firstLab[1], c.lab[2] - firstLab[2]));
  while (out.length < MAX_COLOURS) {
    let best = 0;
    for (let i = 1; i < cands.length; i++) if (nearest[i] > nearest[best]) best = i;
    const pick = cands[best];
    out.push(pick.rgb);
    for (let i = 0; i < cands.length; i++) {
      const d = Math.hypot(cands[i].lab[0] - pick.lab[0], cands[i].lab[1] - pick.lab[1], cands[i].lab[2] - pick.lab[2]);
      if (d < nearest[i]) nearest[i] = d;
    }
  }
  sequences.set(theme, out);
  return out;
}

/**
 * `n` distinct colours for `theme` (n ≤ 128; beyond that colours repeat), in an order where
 * early entries are the most different from each other.
 */
export function categoricalPalette(n: number, theme: Theme): Rgb[] {
  const seq = sequence(theme);
  return Array.from({ length: Math.max(0, n) }, (_, i) => seq[i % seq.length]);
}

/** Colour of points outside every cluster when no display cluster is known. */
export const NOISE_GREY: Record<Theme, Rgb> = { light: [0x8a, 0x8f, 0x99], dark: [0x6b, 0x70, 0x7a] };

export interface ClusterCentre {
  cluster: number;
  x: number;
  y: number;
  size: number;
}

/**
 * Gives each cluster a palette colour so that clusters near each other on the map differ
 * most. Largest cluster first; each takes the unused colour farthest (in OKLab) from the
 * colours of its already-coloured nearest neighbours (the closest weighs most). Deterministic.
 * Noise (cluster < 0) is not coloured here.
 */
export function assignColours(centres: readonly ClusterCentre[], theme: Theme, neighbours = 6): Map<number, Rgb> {
  const list = centres.filter((c) => c.cluster >= 0);
  const palette = categoricalPalette(list.length, theme);
  const out = new Map<number, Rgb>();
  if (!list.length) return out;
  const order = list
    .map((c, i) => ({ c, i }))
    .sort((p, q) => q.c.size - p.c.size || p.c.cluster - q.c.cluster);
  const near = list.map((c) =>
    list
      .filter((o) => o !== c)
      .map((o) => ({ o, d: Math.hypot(o.x - c.x, o.y - c.y) }))
      .sort((p, q) => p.d - q.d || p.o.cluster - q.o.cluster)
      .slice(0, neighbours)
      .map((p) => p.o.cluster)
  );
  const used = new Array<boolean>(palette.length).fill(false);
  const lab = palette.map(rgbToOklab);
  const dist = (i: number, j: number) => Math.hypot(lab[i][0] - lab[j][0], lab[i][1] - lab[j][1], lab[i][2] - lab[j][2]);
  const colourOf = new Map<number, number>();
  for (const { c, i } of order) {
    const assigned = near[i]
      .map((cl, rank) => ({ idx: colourOf.get(cl), w: 1 + rank * 0.25 }))
      .filter((a): a is { idx: number; w: number } => a.idx !== undefined);
    let best = -1;
    let bestScore = -Infinity;
    for (let p = 0; p < palette.length; p++) {
      if (used[p]) continue;
      if (!assigned.length) {
        best = p;
        break;
      }
      // Distance to the nearest-coloured neighbour, discounted for neighbours further away.
      let score = Infinity;
      for (const a of assigned) score = Math.min(score, dist(p, a.idx) * a.w);
      if (score > bestScore + 1e-12) {
        bestScore = score;
        best = p;
      }
    }
    used[best] = true;
    colourOf.set(c.cluster, best);
    out.set(c.cluster, palette[best]);
  }
  return out;
}
