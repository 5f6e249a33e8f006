/**
 * Short display names (2–4 words, title case) from a cluster's keywords, e.g.
 * ["zombie apocalypse", "survival", "zombies"] → "Zombie Apocalypse Survival".
 * Words come from the most relevant keywords (`nameKeywords`), skipping redundant ones
 * ("Zombie Zombies", "Survival Survivor"), until the name has 3 words (never more than 4);
 * a one-word name is padded with the top genre.
 */
import { STOP_WORDS } from './stopwords';

const SMALL = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'vs']);
const ROMAN = /^(?:ii|iii|iv|vi|vii|viii|ix|xi|xii)$/;
const NUMERALS = ['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const TARGET_WORDS = 3;
const MAX_WORDS = 4;

/** Singular/plural spellings a word may stand for ("zombies" → zombie, zombi, zomby). */
function variants(w: string): string[] {
  w = w.toLowerCase();
  const out = [w];
  if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) out.push(w.slice(0, -1));
  if (w.length > 4 && w.endsWith('es')) out.push(w.slice(0, -2));
  if (w.length > 4 && w.endsWith('ies')) out.push(w.slice(0, -3) + 'y');
  return out;
}

/** Same word up to plural, or a shared stem covering ¾ of the shorter word (survival/survivor). */
export function isRedundant(a: string, b: string): boolean {
  const va = variants(a), vb = variants(b);
  if (va.some((x) => vb.includes(x))) return true;
  const x = va[va.length > 1 ? 1 : 0], y = vb[vb.length > 1 ? 1 : 0];
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  return p >= 5 && p >= 0.75 * Math.min(x.length, y.length);
}

export function titleCase(words: string[], acronyms: ReadonlySet<string> = new Set()): string {
  return words
    .map((w, i) => {
      const l = w.toLowerCase();
      if (acronyms.has(l) || ROMAN.test(l)) return l.toUpperCase();
      if (i > 0 && i < words.length - 1 && SMALL.has(l)) return l;
      return l.charAt(0).toUpperCase() + l.slice(1);
    })
    .join(' ');
}

/** Drops stop words at either end (phrases trimmed by redundancy can end in "of"). */
function trimStops(ws: string[]): string[] {
  let s = 0, e = ws.length;
  while (s < e && STOP_WORDS.has(ws[s])) s++;
  while (e > s && STOP_WORDS.has(ws[e - 1])) e--;
  return ws.slice(s, e);
}

/** Non-redundant words of `phrase` with respect to `words`, trimmed of stop words. */
function freshWords(words: string[], phrase: string): string[] {
  const toks = phrase.toLowerCase().split(/\s+/).filter(Boolean);
  return trimStops(toks.filter((t) => STOP_WORDS.has(t) || !words.some((w) => !STOP_WORDS.has(w) && isRedundant(w, t))));
}

/**
 * Lower-case name words from keywords (MMR order) up to 3 words. `fallback` (e.g. top genres)
 * pads a one-word name to two; "films" / "assorted films" are the last resort.
 */
export function nameWords(keywords: string[], fallback: string[] = []): string[] {
  const words: string[] = [];
  const add = (phrase: string) => {
    const fresh = freshWords(words, phrase);
    if (fresh.length && words.length + fresh.length <= MAX_WORDS) words.push(...fresh);
  };
  for (const kw of keywords) if (words.length < TARGET_WORDS) add(kw);
  for (const f of [...fallback, 'films']) if (words.length < 2) add(f);
  if (words.length < 2) words.unshift('assorted');
  return words.length < 2 ? ['assorted', 'films'] : words;
}

/**
 * Keywords fit for the name: by relevance (score = cosine to the centroid), keeping those within
 * `minRatio` of the best. MMR at high diversity deliberately adds off-centre keywords
 * ("serial killer", "former"); they belong in the keyword list, not in the name.
 */
export function nameKeywords(keywords: { phrase: string; score: number }[], minRatio = 0.7): string[] {
  const sorted = [...keywords].sort((a, b) => b.score - a.score);
  const floor = sorted.length ? sorted[0].score * minRatio : 0;
  return sorted.filter((k) => k.score >= floor).map((k) => k.phrase);
}

export function displayName(keywords: string[], fallback: string[] = [], acronyms?: ReadonlySet<string>): string {
  return titleCase(nameWords(keywords, fallback), acronyms);
}

export interface NameRequest {
  /** Lower-case base name words (from `nameWords`). */
  words: string[];
  keywords: string[];
  /** Larger clusters keep the plain name when two collide. */
  size: number;
}

/**
 * Makes names unique within a model (case-insensitive). Largest cluster first keeps its name;
 * a later duplicate gets a distinguishing keyword appended (or swapped in for the last words
 * to stay within 4), and a roman numeral only as a last resort. `reserved` (e.g. "unclustered")
 * is never handed out. Returns names in the input order.
 */
export function uniqueNames(reqs: NameRequest[], acronyms?: ReadonlySet<string>, reserved: string[] = []): string[] {
  const used = new Set(reserved.map((r) => r.toLowerCase()));
  const out: string[] = new Array(reqs.length);
  const order = [...reqs.keys()].sort((a, b) => reqs[b].size - reqs[a].size || a - b);
  const take = (i: number, ws: string[]) => {
    const name = titleCase(ws, acronyms);
    if (used.has(name.toLowerCase())) return false;
    used.add(name.toLowerCase());
    out[i] = name;
    return true;
  };
  for (const i of order) {
    const base = reqs[i].words;
    if (take(i, base)) continue;
    let done = false;
    for (const kw of reqs[i].keywords) {
      const fresh = freshWords(base, kw);
      if (!fresh.length || fresh.length >= MAX_WORDS) continue;
      const head = trimStops(base.slice(0, Math.min(base.length, MAX_WORDS - fresh.length)));
      if (head.length && (done = take(i, [...head, ...fresh]))) break;
    }
    const head = trimStops(base.slice(0, MAX_WORDS - 1));
    for (let r = 0; !done; r++) done = take(i, [...head, (NUMERALS[r] ?? String(r + 2)).toLowerCase()]);
  }
  return out;
}
