/**
 * A micro-genre's word cloud: which words, how big, and where.
 *
 * Words come from two places: the label's KeyBERT keywords with their scores, and the
 * keywords most frequent among the cluster's members (TMDB keyword lists). A word's weight
 * mixes its keyword score (relative to the best) with how many members mention it (relative
 * to the most mentioned), so a label word nobody's plot contains does not shout, and a word
 * every member carries still shows even without a label score. Font sizes come from a d3
 * square-root scale over the weights (area grows with weight). Placement is an Archimedean
 * spiral from the centre, biggest words first, boxes never overlapping; words that find no
 * room are returned as `dropped` (the page lists every word anyway).
 */
import { scaleSqrt } from 'd3';

export interface LabelKeyword {
  text: string;
  score: number | null;
}

export interface MemberKeyword {
  text: string;
  /** Members whose text or keyword list contains the word. */
  members: number;
}

export interface CloudWord {
  text: string;
  weight: number;
  score: number | null;
  members: number;
  /** Part of the cluster's label keywords. */
  label: boolean;
}

export const SCORE_WEIGHT = 0.55;

/** Merges label and member keywords (case-insensitive), weighs them, best first. */
export function cloudWords(label: readonly LabelKeyword[], members: readonly MemberKeyword[], limit = 40): CloudWord[] {
  const by = new Map<string, CloudWord>();
  for (const k of label) {
    const text = k.text.trim();
    if (!text) continue;
    const key = text.toLowerCase();
    const prev = by.get(key);
    const score = Number.isFinite(k.score) ? (k.score as number) : null;
    if (prev) prev.score = Math.max(prev.score ?? 0, score ?? 0);
    else by.set(key, { text, weight: 0, score, members: 0, label: true });
  }
  for (const k of members) {
    const text = k.text.trim();
    if (!text) continue;
    const key = text.toLowerCase();
    const prev = by.get(key);
    const n = Math.max(0, k.members || 0);
    if (prev) prev.members = Math.max(prev.members, n);
    else by.set(key, { text, weight: 0, score: null, members: n, label: false });
  }
  const words = [...by.values()];
  const maxScore = Math.max(0, ...words.map((w) => w.score ?? 0));
  const maxMembers = Math.max(0, ...words.map((w) => w.members));
  for (const w of words) {
    const s = maxScore > 0 ? (w.score ?? 0) / maxScore : 0;
    const f = maxMembers > 0 ? w.members / maxMembers : 0;
    w.weight = SCORE_WEIGHT * s + (1 - SCORE_WEIGHT) * f;
  }
  return words
    .filter((w) => w.weight > 0)
    .sort((a, b) => b.weight - a.weight || Number(b.label) - Number(a.label) || a.text.localeCompare(b.text))
    .slice(0, limit);
}

/** Font size (px) for a weight: square-root scale from the lightest to the heaviest word. */
export function fontSizer(words: readonly Pick<CloudWord, 'weight'>[], range: [number, number] = [12, 44]): (weight: number) => number {
  const ws = words.map((w) => w.weight);
  const lo = ws.length ? Math.min(...ws) : 0;
  const hi = ws.length ? Math.max(...ws) : 1;
  if (!(hi > lo)) return () => (range[0] + range[1]) / 2;
  const s = scaleSqrt().domain([lo, hi]).range(range).clamp(true);
  return (w) => Math.round(s(w) * 10) / 10;
}

export interface SizedWord {
  text: string;
  size: number;
}

export interface PlacedWord extends SizedWord {
  /** Centre of the word's box. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SpiralOptions {
  width: number;
  height: number;
  /** Text width in px at a font size (canvas measureText in the browser). */
  measure: (text: string, size: number) => number;
  padding?: number;
  /** Spiral steps tried per word before it is dropped. */
  maxSteps?: number;
}

/** Places words (in the given order) on a spiral; returns the placed ones and the dropped. */
export function spiralLayout<W extends SizedWord>(words: readonly W[], o: SpiralOptions): { placed: (W & PlacedWord)[]; dropped: W[] } {
  const pad = o.padding ?? 3;
  const maxSteps = o.maxSteps ?? 3000;
  const cx = o.width / 2;
  const cy = o.height / 2;
  const aspect = o.width / Math.max(1, o.height);
  const placed: (W & PlacedWord)[] = [];
  const dropped: W[] = [];
  for (const word of words) {
    const w = o.measure(word.text, word.size) + pad;
    const h = word.size * 1.1 + pad;
    let done = false;
    for (let step = 0; step < maxSteps && !done; step++) {
      const t = step * 0.12;
      const r = 1.1 * t;
      const x = cx + r * Math.cos(t) * Math.sqrt(aspect);
      const y = cy + (r * Math.sin(t)) / Math.sqrt(aspect);
      const box = { x: x - w / 2, y: y - h / 2, w, h };
      if (box.x < 0 || box.y < 0 || box.x + w > o.width || box.y + h > o.height) {
        // Past every edge at once: the spiral has left the area, stop early.
        if (r > Math.hypot(o.width, o.height)) break;
        continue;
      }
      if (placed.some((p) => box.x < p.x + p.w / 2 && p.x - p.w / 2 < box.x + w && box.y < p.y + p.h / 2 && p.y - p.h / 2 < box.y + h)) continue;
      placed.push({ ...word, x, y, w, h });
      done = true;
    }
    if (!done) dropped.push(word);
  }
  return { placed, dropped };
}
