/**
 * Micro-genre colours (src/lib/site/atlas-palette.ts): OKLab maths against known values,
 * WCAG contrast, the categorical palette's promises (distinct, prefix-stable, greedy
 * maximin, ≥ 3:1 against the page on both themes) and the neighbour-aware assignment.
 */
import { describe, expect, it } from 'vitest';
import {
  assignColours, categoricalPalette, contrast, deltaE, luminance, NOISE_GREY, oklchToRgb, rgba, rgbToOklab,
  THEME_BACKGROUND, toHex, type ClusterCentre, type Rgb, type Theme
} from '../../../src/lib/site/atlas-palette';

const THEMES: Theme[] = ['light', 'dark'];

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

describe('colour maths', () => {
  it('maps white, black and greys onto the OKLab lightness axis', () => {
    const white = rgbToOklab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(1, 4);
    expect(Math.abs(white[1])).toBeLessThan(1e-4);
    expect(Math.abs(white[2])).toBeLessThan(1e-4);
    expect(rgbToOklab([0, 0, 0]).map((v) => Math.abs(v) < 1e-9)).toEqual([true, true, true]);
    const grey = rgbToOklab([128, 128, 128]);
    expect(Math.hypot(grey[1], grey[2])).toBeLessThan(1e-4);
    expect(grey[0]).toBeGreaterThan(0.5);
    expect(grey[0]).toBeLessThan(0.7);
  });

  it('matches published OKLab values for the sRGB primaries', () => {
    // Björn Ottosson's reference: red (0.62796, 0.22486, 0.12585), green (0.86644, −0.23389, 0.17950), blue (0.45201, −0.03246, −0.31153).
    const check = (rgb: Rgb, ref: [number, number, number]) => rgbToOklab(rgb).forEach((v, i) => expect(v).toBeCloseTo(ref[i], 3));
    check([255, 0, 0], [0.62796, 0.22486, 0.12585]);
    check([0, 255, 0], [0.86644, -0.23389, 0.1795]);
    check([0, 0, 255], [0.45201, -0.03246, -0.31153]);
  });

  it('oklchToRgb inverts rgbToOklab for in-gamut colours', () => {
    const r = rng(5);
    for (let i = 0; i < 200; i++) {
      const rgb: Rgb = [Math.floor(r() * 256), Math.floor(r() * 256), Math.floor(r() * 256)];
      const [L, a, b] = rgbToOklab(rgb);
      const C = Math.hypot(a, b);
      const h = (Math.atan2(b, a) * 180) / Math.PI;
      const back = oklchToRgb(L, C, h);
      back.forEach((v, k) => expect(Math.abs(v - rgb[k])).toBeLessThanOrEqual(1));
    }
  });

  it('oklchToRgb reduces chroma into gamut, keeping hue and lightness roughly', () => {
    for (const h of [0, 30, 90, 150, 210, 270, 330]) {
      const rgb = oklchToRgb(0.7, 0.5, h); // far outside sRGB
      rgb.forEach((v) => {
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(255);
      });
      const [L, a, b] = rgbToOklab(rgb);
      expect(L).toBeCloseTo(0.7, 1);
      const C = Math.hypot(a, b);
      expect(C).toBeGreaterThan(0.05);
      expect(C).toBeLessThan(0.5);
      const hue = ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
      const diff = Math.abs(((hue - h + 540) % 360) - 180);
      expect(diff).toBeLessThan(8);
    }
    const grey = oklchToRgb(0.6, 0, 123);
    expect(grey[0]).toBe(grey[1]);
    expect(grey[1]).toBe(grey[2]);
  });

  it('deltaE is a metric: zero on itself, symmetric, triangle inequality', () => {
    const r = rng(9);
    const rand = (): Rgb => [Math.floor(r() * 256), Math.floor(r() * 256), Math.floor(r() * 256)];
    for (let i = 0; i < 100; i++) {
      const [a, b, c] = [rand(), rand(), rand()];
      expect(deltaE(a, a)).toBe(0);
      expect(deltaE(a, b)).toBeCloseTo(deltaE(b, a), 12);
      expect(deltaE(a, c)).toBeLessThanOrEqual(deltaE(a, b) + deltaE(b, c) + 1e-12);
    }
    expect(deltaE([0, 0, 0], [255, 255, 255])).toBeCloseTo(1, 3);
  });

  it('computes WCAG luminance and contrast', () => {
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 9);
    expect(luminance([0, 0, 0])).toBe(0);
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 9);
    expect(contrast([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 9);
    expect(contrast([120, 30, 200], [120, 30, 200])).toBe(1);
    // #767676 on white is the classic 4.54:1.
    expect(contrast([0x76, 0x76, 0x76], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  it('formats hex and rgba', () => {
    expect(toHex([0, 15, 255])).toBe('#000fff');
    expect(toHex(THEME_BACKGROUND.light)).toBe('#fbfaf7');
    expect(rgba([1, 2, 3], 0.5)).toBe('rgba(1, 2, 3, 0.5)');
  });
});

describe('categoricalPalette', () => {
  for (const theme of THEMES) {
    describe(theme, () => {
      const all = categoricalPalette(128, theme);

      it('gives n valid colours, all distinct up to 128', () => {
        expect(categoricalPalette(0, theme)).toEqual([]);
        expect(categoricalPalette(-3, theme)).toEqual([]);
        expect(all).toHaveLength(128);
        for (const c of all) for (const v of c) expect(Number.isInteger(v) && v >= 0 && v <= 255).toBe(true);
        expect(new Set(all.map(toHex)).size).toBe(128);
      });

      it('has at least 3:1 contrast against the page background for every colour', () => {
        for (const c of all) expect(contrast(c, THEME_BACKGROUND[theme])).toBeGreaterThanOrEqual(3);
      });

      it('keeps its first colours as n grows (prefix-stable) and repeats past 128', () => {
        for (const n of [1, 2, 8, 20, 80]) expect(categoricalPalette(n, theme)).toEqual(all.slice(0, n));
        const more = categoricalPalette(130, theme);
        expect(more[128]).toEqual(all[0]);
        expect(more[129]).toEqual(all[1]);
      });

      it('is a greedy maximin sequence: each new colour is no closer to the earlier ones than the previous was', () => {
        const lab = all.map(rgbToOklab);
        const d = (i: number, j: number) => Math.hypot(lab[i][0] - lab[j][0], lab[i][1] - lab[j][1], lab[i][2] - lab[j][2]);
        let prev = Infinity;
        for (let k = 1; k < all.length; k++) {
          let near = Infinity;
          for (let j = 0; j < k; j++) near = Math.min(near, d(k, j));
          expect(near).toBeLessThanOrEqual(prev + 1e-12);
          expect(near).toBeGreaterThan(0);
          prev = near;
        }
      });

      it('keeps small palettes far apart (≥ 0.1 in OKLab up to 16 colours; ≥ 0.05 up to 80)', () => {
        const minPair = (n: number) => {
          const p = categoricalPalette(n, theme);
          let m = Infinity;
          for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) m = Math.min(m, deltaE(p[i], p[j]));
          return m;
        };
        expect(minPair(8)).toBeGreaterThan(0.15);
        expect(minPair(16)).toBeGreaterThan(0.1);
        expect(minPair(80)).toBeGreaterThan(0.05);
      });

      it('keeps noise grey apart from the page', () => {
        expect(contrast(NOISE_GREY[theme], THEME_BACKGROUND[theme])).toBeGreaterThan(2.5);
      });
    });
  }

  it('differs per theme (deeper inks on light, lighter on dark)', () => {
    const light = categoricalPalette(40, 'light').map((c) => luminance(c));
    const dark = categoricalPalette(40, 'dark').map((c) => luminance(c));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(dark)).toBeGreaterThan(mean(light));
  });
});

describe('assignColours', () => {
  const scatter = (n: number, seed: number): ClusterCentre[] => {
    const r = rng(seed);
    return Array.from({ length: n }, (_, i) => ({ cluster: i, x: r(), y: r(), size: 1 + Math.floor(r() * 500) }));
  };
  const nearestOf = (cs: readonly ClusterCentre[], c: ClusterCentre) => {
    let best = cs[0] === c ? cs[1] : cs[0];
    for (const o of cs) if (o !== c && Math.hypot(o.x - c.x, o.y - c.y) < Math.hypot(best.x - c.x, best.y - c.y)) best = o;
    return best;
  };

  it('colours every non-noise cluster with a distinct palette colour', () => {
    for (const theme of THEMES) {
      const cs = [...scatter(30, 4), { cluster: -1, x: 0.5, y: 0.5, size: 10_000 }];
      const m = assignColours(cs, theme);
      expect([...m.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      const pal = categoricalPalette(30, theme).map(toHex);
      const used = [...m.values()].map(toHex);
      expect(new Set(used).size).toBe(30);
      for (const h of used) expect(pal).toContain(h);
    }
    expect(assignColours([], 'light').size).toBe(0);
    expect(assignColours([{ cluster: -1, x: 0, y: 0, size: 3 }], 'light').size).toBe(0);
  });

  it('gives the largest cluster the first palette colour', () => {
    const cs = scatter(12, 8);
    const biggest = [...cs].sort((a, b) => b.size - a.size || a.cluster - b.cluster)[0];
    expect(assignColours(cs, 'dark').get(biggest.cluster)).toEqual(categoricalPalette(12, 'dark')[0]);
  });

  it('gives the second cluster the unused colour farthest from its already-coloured neighbour', () => {
    const cs: ClusterCentre[] = [
      { cluster: 0, x: 0, y: 0, size: 30 },
      { cluster: 1, x: 0.1, y: 0, size: 20 },
      { cluster: 2, x: 0.9, y: 0, size: 10 },
      { cluster: 3, x: 1, y: 0, size: 5 }
    ];
    const m = assignColours(cs, 'light');
    const pal = categoricalPalette(4, 'light');
    const first = m.get(0)!;
    const far = pal.filter((_, i) => i !== 0).sort((a, b) => deltaE(b, first) - deltaE(a, first))[0];
    expect(m.get(1)).toEqual(far);
  });

  it('is deterministic and independent of input order', () => {
    const cs = scatter(40, 12);
    const a = assignColours(cs, 'light');
    const shuffled = [...cs].reverse();
    const b = assignColours(shuffled, 'light');
    expect([...b.entries()].sort((p, q) => p[0] - q[0])).toEqual([...a.entries()].sort((p, q) => p[0] - q[0]));
  });

  it('keeps map neighbours clearly apart, more than handing the palette out in cluster order', () => {
    for (const theme of THEMES) {
      for (const n of [8, 20, 40, 80]) {
        let sumAssigned = 0, sumNaive = 0, count = 0;
        for (let seed = 1; seed <= 6; seed++) {
          const cs = scatter(n, seed * 97 + n);
          const m = assignColours(cs, theme);
          const pal = categoricalPalette(n, theme);
          for (const c of cs) {
            const o = nearestOf(cs, c);
            const dA = deltaE(m.get(c.cluster)!, m.get(o.cluster)!);
            // Nearest neighbours: at least 3× a just-noticeable difference (0.02).
            expect(dA).toBeGreaterThan(0.06);
            sumAssigned += dA;
            sumNaive += deltaE(pal[c.cluster], pal[o.cluster]);
            count++;
          }
        }
        expect(sumAssigned / count).toBeGreaterThan(0.2);
        expect(sumAssigned).toBeGreaterThan(sumNaive);
      }
    }
  });
});
