/**
 * Word clouds of one micro-genre (src/lib/site/atlas-wordcloud.ts): merging and weighing
 * label and member keywords, the square-root font sizer and the spiral layout (no overlaps,
 * in bounds, biggest first, the rest dropped).
 */
import { describe, expect, it } from 'vitest';
import { cloudWords, fontSizer, SCORE_WEIGHT, spiralLayout, type SizedWord } from '../../../src/lib/site/atlas-wordcloud';

/** A crude but deterministic text measure: 0.6 em per character. */
const measure = (text: string, size: number) => text.length * size * 0.6;

describe('cloudWords', () => {
  it('weighs score (relative to the best) and member share (relative to the most mentioned)', () => {
    const words = cloudWords(
      [{ text: 'heist', score: 0.8 }, { text: 'vault', score: 0.4 }],
      [{ text: 'heist', members: 10 }, { text: 'robbery', members: 20 }]
    );
    const by = Object.fromEntries(words.map((w) => [w.text, w]));
    expect(by.heist.weight).toBeCloseTo(SCORE_WEIGHT * 1 + (1 - SCORE_WEIGHT) * 0.5, 12);
    expect(by.vault.weight).toBeCloseTo(SCORE_WEIGHT * 0.5, 12);
    expect(by.robbery.weight).toBeCloseTo(1 - SCORE_WEIGHT, 12);
    expect(by.heist).toMatchObject({ score: 0.8, members: 10, label: true });
    expect(by.robbery).toMatchObject({ score: null, members: 20, label: false });
    // Best first.
    const ws = words.map((w) => w.weight);
    expect(ws).toEqual([...ws].sort((a, b) => b - a));
    expect(words[0].text).toBe('heist');
  });

  it('gives a word top in both score and members weight 1; every weight lies in (0, 1]', () => {
    const words = cloudWords(
      [{ text: 'space', score: 2 }, { text: 'alien', score: 1 }, { text: 'ship', score: 0.5 }],
      [{ text: 'space', members: 7 }, { text: 'alien', members: 3 }, { text: 'crew', members: 1 }]
    );
    expect(words[0]).toMatchObject({ text: 'space', weight: 1 });
    for (const w of words) {
      expect(w.weight).toBeGreaterThan(0);
      expect(w.weight).toBeLessThanOrEqual(1);
    }
  });

  it('merges case-insensitively, keeping the label spelling and the best score / count', () => {
    const words = cloudWords(
      [{ text: 'New York', score: 0.3 }, { text: 'new york ', score: 0.9 }],
      [{ text: 'NEW YORK', members: 4 }, { text: 'new york', members: 6 }, { text: 'Gangster', members: 3 }, { text: 'gangster', members: 2 }]
    );
    expect(words.map((w) => w.text)).toEqual(['New York', 'Gangster']);
    expect(words[0]).toMatchObject({ score: 0.9, members: 6, label: true });
    expect(words[1]).toMatchObject({ members: 3, label: false });
  });

  it('drops blank words, non-finite scores and zero weights', () => {
    const words = cloudWords(
      [{ text: '  ', score: 1 }, { text: 'nan', score: NaN }, { text: 'inf', score: Infinity }, { text: 'null', score: null }, { text: 'good', score: 0.5 }],
      [{ text: '', members: 5 }, { text: 'none', members: 0 }, { text: 'neg', members: -3 }]
    );
    expect(words.map((w) => w.text)).toEqual(['good']);
    expect(cloudWords([], [])).toEqual([]);
  });

  it('still shows member-only words when no label word has a score', () => {
    const words = cloudWords([{ text: 'x', score: null }], [{ text: 'a', members: 2 }, { text: 'b', members: 4 }]);
    expect(words.map((w) => [w.text, w.weight])).toEqual([['b', 1 - SCORE_WEIGHT], ['a', (1 - SCORE_WEIGHT) / 2]]);
  });

  it('breaks weight ties label words first, then alphabetically, and applies the limit', () => {
    const words = cloudWords(
      [{ text: 'zeta', score: 1 }],
      [{ text: 'zeta', members: 0 }, { text: 'beta', members: 5 }, { text: 'alpha', members: 5 }]
    );
    // zeta: 0.55; alpha, beta: 0.45 each (alphabetical).
    expect(words.map((w) => w.text)).toEqual(['zeta', 'alpha', 'beta']);
    // Equal weights (no scores at all): the label word 'b' before 'a'.
    const tie = cloudWords([{ text: 'b', score: null }], [{ text: 'b', members: 1 }, { text: 'a', members: 1 }]);
    expect(tie.map((w) => [w.text, w.label])).toEqual([['b', true], ['a', false]]);
    expect(tie[0].weight).toBe(tie[1].weight);
    const many = cloudWords([], Array.from({ length: 100 }, (_, i) => ({ text: `w${i}`, members: i + 1 })));
    expect(many).toHaveLength(40);
    expect(many[0].text).toBe('w99');
    expect(cloudWords([], many.map((w) => ({ text: w.text, members: w.members })), 5)).toHaveLength(5);
  });
});

describe('fontSizer', () => {
  it('maps the lightest word to the small end and the heaviest to the large end', () => {
    const f = fontSizer([{ weight: 0.2 }, { weight: 0.5 }, { weight: 1 }]);
    expect(f(0.2)).toBe(12);
    expect(f(1)).toBe(44);
    const g = fontSizer([{ weight: 0.1 }, { weight: 0.9 }], [10, 20]);
    expect(g(0.1)).toBe(10);
    expect(g(0.9)).toBe(20);
  });

  it('follows a square-root scale, rounded to 0.1 px, clamped to the range', () => {
    const lo = 0.04, hi = 1;
    const f = fontSizer([{ weight: lo }, { weight: hi }]);
    for (const w of [0.04, 0.1, 0.25, 0.5, 0.81, 1]) {
      // d3's sqrt scale: linear in √w between √lo and √hi.
      const expected = 12 + (32 * (Math.sqrt(w) - Math.sqrt(lo))) / (Math.sqrt(hi) - Math.sqrt(lo));
      expect(f(w)).toBeCloseTo(Math.round(expected * 10) / 10, 9);
      expect(Math.round(f(w) * 10) / 10).toBe(f(w));
    }
    expect(f(0)).toBe(12);
    expect(f(5)).toBe(44);
  });

  it('is monotone', () => {
    const f = fontSizer([{ weight: 0.05 }, { weight: 0.7 }]);
    let prev = -Infinity;
    for (let w = 0; w <= 1; w += 0.01) {
      expect(f(w)).toBeGreaterThanOrEqual(prev);
      prev = f(w);
    }
  });

  it('uses the middle size when all weights are equal, and stays in range without words', () => {
    for (const w of [0, 0.3, 1, 7]) {
      expect(fontSizer([])(w)).toBeGreaterThanOrEqual(12);
      expect(fontSizer([])(w)).toBeLessThanOrEqual(44);
    }
    expect(fontSizer([{ weight: 0.4 }, { weight: 0.4 }])(0.4)).toBe(28);
    expect(fontSizer([{ weight: 0.4 }], [10, 20])(1)).toBe(15);
  });
});

describe('spiralLayout', () => {
  const boxesOverlap = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
    Math.abs(a.x - b.x) < (a.w + b.w) / 2 - 1e-9 && Math.abs(a.y - b.y) < (a.h + b.h) / 2 - 1e-9;

  const sized = (n: number, seed: number): SizedWord[] => {
    let s = seed;
    const r = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
    return Array.from({ length: n }, (_, i) => ({ text: 'w'.repeat(3 + Math.floor(r() * 10)) + i, size: Math.round(44 - (32 * i) / n) }));
  };

  it('places words without overlaps, inside the area, and accounts for every word', () => {
    for (const [width, height] of [[600, 320], [320, 480], [900, 200]]) {
      for (let seed = 1; seed <= 4; seed++) {
        const words = sized(60, seed);
        const { placed, dropped } = spiralLayout(words, { width, height, measure, maxSteps: 1500 });
        expect(placed.length + dropped.length).toBe(words.length);
        // Input order kept across the two lists.
        const order = new Map(words.map((w, i) => [w, i]));
        const placedIdx = placed.map((p) => words.findIndex((w) => w.text === p.text));
        expect(placedIdx).toEqual([...placedIdx].sort((a, b) => a - b));
        expect(dropped.map((w) => order.get(w)!)).toEqual([...dropped.map((w) => order.get(w)!)].sort((a, b) => a - b));
        for (let i = 0; i < placed.length; i++) {
          const p = placed[i];
          expect(p.x - p.w / 2).toBeGreaterThanOrEqual(0);
          expect(p.y - p.h / 2).toBeGreaterThanOrEqual(0);
          expect(p.x + p.w / 2).toBeLessThanOrEqual(width + 1e-9);
          expect(p.y + p.h / 2).toBeLessThanOrEqual(height + 1e-9);
          for (let j = 0; j < i; j++) expect(boxesOverlap(p, placed[j])).toBe(false);
        }
      }
    }
  });

  it('puts the first word at the centre and sizes boxes from the measure, font size and padding', () => {
    const { placed } = spiralLayout([{ text: 'heist', size: 40 }, { text: 'vault', size: 20 }], { width: 400, height: 300, measure, padding: 4 });
    expect(placed[0]).toMatchObject({ text: 'heist', size: 40, x: 200, y: 150 });
    expect(placed[0].w).toBeCloseTo(measure('heist', 40) + 4, 9);
    expect(placed[0].h).toBeCloseTo(40 * 1.1 + 4, 9);
    expect(placed).toHaveLength(2);
    expect(boxesOverlap(placed[0], placed[1])).toBe(false);
  });

  it('keeps extra fields of the words', () => {
    const { placed } = spiralLayout([{ text: 'a', size: 12, weight: 0.3, label: true }], { width: 100, height: 100, measure });
    expect(placed[0]).toMatchObject({ weight: 0.3, label: true });
  });

  it('drops words that cannot fit, and the rest once the area is full', () => {
    const { placed, dropped } = spiralLayout([{ text: 'x'.repeat(100), size: 30 }, { text: 'ok', size: 12 }], { width: 200, height: 100, measure });
    expect(dropped.map((w) => w.text)).toEqual(['x'.repeat(100)]);
    expect(placed.map((w) => w.text)).toEqual(['ok']);
    const tiny = spiralLayout(sized(80, 3), { width: 120, height: 80, measure });
    expect(tiny.dropped.length).toBeGreaterThan(0);
    expect(tiny.placed.length).toBeGreaterThan(0);
  });

  it('returns nothing for no words or no area', () => {
    expect(spiralLayout([], { width: 300, height: 200, measure })).toEqual({ placed: [], dropped: [] });
    const w = [{ text: 'a', size: 12 }];
    expect(spiralLayout(w, { width: 0, height: 0, measure })).toEqual({ placed: [], dropped: w });
  });
});
