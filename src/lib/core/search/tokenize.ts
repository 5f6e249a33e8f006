/**
 * Text → index terms, the same for movies and queries: fold case and accents, split on
 * anything that is not a letter or digit, drop English stop words, stem lightly.
 *
 * Stemming options (measured on tests/eval, see RESULTS.md):
 *   'none'   exact words
 *   's'      Harman's S-stemmer: plurals only (worms → worm, bodies → body); the default
 *   'light'  Porter step 1 (plurals, -ed, -ing, y → i): dreams/dreaming/dreamed → dream
 * Porter's later steps (-ation, -ness, …) merge too much for short film texts.
 */

export type Stemming = 'none' | 's' | 'light';

export interface TokenizeOptions {
  stem?: Stemming;
  /** Drop stop words (default true). */
  stopwords?: boolean;
}

/** Letters that NFKD does not decompose into base + accent. */
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i' };

/** Lower case, accents removed ("Amélie" → "amelie", "Ærø" → "aero"). */
export function fold(text: string): string {
  // Fast path: plain ASCII needs no Unicode normalisation (most catalogue text).
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC') // recompose what NFKD split but is not an accent (Hangul syllables)
    .toLowerCase()
    .replace(/[ßæœøđłþðı]/g, (c) => SPECIAL[c]);
}

export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been but by for from had has have he her his i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this those ' +
    'to was we were what when where which who whom why will with would you your him us do does did ' +
    'am about after all also any because before being can could just more most only other over ' +
    'some such too very while s t')
    .split(' ')
);

/** Terms of a text, in order (duplicates kept: they are term frequencies). */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const stem = cachedStemmer(opts.stem ?? 's');
  const dropStop = opts.stopwords ?? true;
  const out: string[] = [];
  // Possessive 's goes; inner apostrophes join ("don't" → "dont", "o'brien" → "obrien").
  const words = fold(text).replace(/['’]s\b/g, '').replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u);
  for (const w of words) {
    if (!w || (dropStop && STOPWORDS.has(w))) continue;
    const s = stem(w);
    if (s) out.push(s);
  }
  return out;
}

const caches = new Map<Stemming, Map<string, string>>();

/** Stemming memoised per word: a catalogue repeats a few ten thousand words millions of times. */
function cachedStemmer(kind: Stemming): (w: string) => string {
  if (kind === 'none') return (w) => w;
  const stem = stemmer(kind);
  let cache = caches.get(kind);
  if (!cache) caches.set(kind, (cache = new Map()));
  const c = cache;
  return (w) => {
    let s = c.get(w);
    if (s === undefined) {
      if (c.size > 200_000) c.clear(); // bounded, for a long-lived worker
      c.set(w, (s = stem(w)));
    }
    return s;
  };
}

export function stemmer(kind: Stemming): (w: string) => string {
  return kind === 'none' ? (w) => w : kind === 's' ? sStem : porterStep1;
}

/** Harman (1991) S-stemmer. */
export function sStem(w: string): string {
  if (w.length < 4 || !w.endsWith('s') || /\d/.test(w)) return w;
  if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('es') && !/(aes|ees|oes)$/.test(w)) return w.slice(0, -1);
  if (!/(us|ss)$/.test(w)) return w.slice(0, -1);
  return w;
}

// --- Porter (1980) step 1 ---------------------------------------------------------------

const isCons = (w: string, i: number): boolean => {
  const c = w[i];
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 || !isCons(w, i - 1);
  return true;
};

/** Porter's m: the number of vowel-consonant sequences in a stem. */
function measure(s: string): number {
  let m = 0;
  let i = 0;
  while (i < s.length && isCons(s, i)) i++;
  while (i < s.length) {
    while (i < s.length && !isCons(s, i)) i++;
    if (i >= s.length) break;
    while (i < s.length && isCons(s, i)) i++;
    m++;
  }
  return m;
}

const hasVowel = (s: string) => [...s].some((_, i) => !isCons(s, i));
const doubleCons = (s: string) => s.length > 1 && s[s.length - 1] === s[s.length - 2] && isCons(s, s.length - 1);
/** consonant-vowel-consonant ending, last not w, x or y ("hop" → "hope"). */
const cvc = (s: string) => {
  const n = s.length;
  return n >= 3 && isCons(s, n - 3) && !isCons(s, n - 2) && isCons(s, n - 1) && !'wxy'.includes(s[n - 1]);
};

export function porterStep1(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  let w = word;
  // 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  // 1b
  let tidy = false;
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) {
    w = w.slice(0, -2);
    tidy = true;
  } else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) {
    w = w.slice(0, -3);
    tidy = true;
  }
  if (tidy) {
    if (/(at|bl|iz)$/.test(w)) w += 'e';
    else if (doubleCons(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w) === 1 && cvc(w)) w += 'e';
  }
  // 1c
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  return w;
}
