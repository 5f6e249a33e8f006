/**
 * Long queries → chunks that each fit the model, so nothing past word piece 256 is lost (a
 * 300-word memory often saves its key detail for last). Sentences are packed greedily, in
 * order, into chunks of at most `maxPieces` word pieces; a sentence too long on its own is
 * cut at commas, then between words. Joined with spaces, the chunks are the whole query.
 *
 * Sentences about the viewing rather than the film ("I saw it at a sleepover with my cousin")
 * can be down-weighted: `contextWeight` (measured on tests/eval, see RESULTS.md). Context and
 * film sentences never share a chunk, so each chunk has one weight.
 */
import type { PieceCounter } from './types';

export interface QueryChunk {
  text: string;
  /** 1, or `contextWeight` for viewing-context sentences. */
  weight: number;
  /** Word pieces as counted (without [CLS]/[SEP]). */
  pieces: number;
}

export interface ChunkOptions {
  /** Most word pieces per chunk, excluding [CLS]/[SEP]: 254 for a 256-piece model. */
  maxPieces: number;
  count?: PieceCounter;
  /** Weight of viewing-context sentences (1 = no down-weighting, 0 = drop). */
  contextWeight?: number;
}

/**
 * Word pieces of a text when no tokenizer is at hand, erring high: a punctuation mark is one
 * piece, a number one per digit, a word one piece plus one per 3 letters beyond the fourth,
 * plus one per letter outside ASCII. Against MiniLM's tokenizer on the eval queries and TMDB
 * 5000 overviews and titles (16.9k sentences) it over-counts by 45% on average and
 * under-counts 1.2% of them, by at most 4 pieces (short rare words: "Tora!", "Kabhi Alvida Naa
 * Kehna"): with 64-piece chunks and a 254-piece model that error cannot overflow the model.
 */
export function estimatePieces(text: string): number {
  let n = 0;
  for (const tok of text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []) {
    if (!/[\p{L}\p{N}]/u.test(tok)) n += 1;
    else if (/^\p{N}+$/u.test(tok)) n += tok.length;
    else n += 1 + Math.ceil(Math.max(0, tok.length - 4) / 3) + (tok.match(/[^\x00-\x7f]/g)?.length ?? 0);
  }
  return n;
}

/** Sentences, split after . ! ? (and before a capital or digit) and at line breaks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?…])["')\]]*\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

const FIRST_PERSON = /\b(i|i'm|i've|i'd|my|me|we|we'd|our|us)\b/i;
const VIEWING = new RegExp(
  '\\b(watch|watched|watching|saw|seen|see it|remember|recall|forget|find|found|search|title|called|named|' +
    'vhs|dvd|tape|cable|tv|cinema|theater|theatre|drive-in|rental|rented|blockbuster|netflix|laptop|plane|' +
    'sleepover|babysit|babysitter|birthday|weekend|summer|christmas|halloween|school|college|class|' +
    'dad|mom|mum|father|mother|grandpa|grandma|grandfather|grandmother|uncle|aunt|cousin|brother|sister|' +
    'friend|friends|girlfriend|boyfriend|kid|kids|child|teenager|years ago|ages ago|long time|crying|cried|scared|nightmares)\\b',
  'i'
);

/**
 * A sentence about the person and the viewing, not the film: first person plus a viewing,
 * memory or life-event word. Hedged plot details ("I think it's set in Maine") stay in:
 * they say "I" but name no viewing cue.
 */
export function isContextSentence(s: string): boolean {
  return FIRST_PERSON.test(s) && VIEWING.test(s);
}

export function chunkQuery(text: string, opts: ChunkOptions): QueryChunk[] {
  const count = opts.count ?? estimatePieces;
  const max = Math.max(8, opts.maxPieces);
  const cw = opts.contextWeight ?? 1;
  const sentences = splitSentences(text);
  const flags = sentences.map((s) => cw !== 1 && isContextSentence(s));
  // All context (or none)? Then nothing is background: keep every sentence at weight 1.
  const weighOut = flags.some((f) => !f) && flags.some((f) => f);
  const pieces: { text: string; pieces: number; weight: number }[] = [];
  sentences.forEach((s, i) => {
    const weight = weighOut && flags[i] ? cw : 1;
    if (weight <= 0) return;
    for (const part of splitToFit(s, max, count)) pieces.push({ ...part, weight });
  });
  const chunks: QueryChunk[] = [];
  let cur: QueryChunk | null = null;
  for (const p of pieces) {
    if (cur && cur.weight === p.weight) {
      const joined = `${cur.text} ${p.text}`;
      // Pieces are not additive across a join in general, so count the joined text.
      const n = count(joined);
      if (n <= max) {
        cur.text = joined;
        cur.pieces = n;
        continue;
      }
    }
    cur = { text: p.text, pieces: p.pieces, weight: p.weight };
    chunks.push(cur);
  }
  return chunks;
}

/** A sentence as parts of ≤ max pieces: whole, else at commas/semicolons, else between words. */
function splitToFit(s: string, max: number, count: PieceCounter): { text: string; pieces: number }[] {
  const n = count(s);
  if (n <= max) return [{ text: s, pieces: n }];
  const clauses = s.split(/(?<=[,;:])\s+/);
  const units = clauses.length > 1 ? clauses : s.split(' ');
  const out: { text: string; pieces: number }[] = [];
  let cur = '';
  for (const u of units) {
    const next = cur ? `${cur} ${u}` : u;
    if (count(next) <= max) {
      cur = next;
      continue;
    }
    if (cur) out.push({ text: cur, pieces: count(cur) });
    if (count(u) <= max) cur = u;
    else {
      // A clause still too long: split it by words; a single word longer than max stays whole
      // (the model truncates it: nothing else can be done with one giant token run).
      const parts = clauses.length > 1 ? splitToFit(u, max, count) : [{ text: u, pieces: count(u) }];
      out.push(...parts.slice(0, -1));
      cur = parts[parts.length - 1].text;
    }
  }
  if (cur) out.push({ text: cur, pieces: count(cur) });
  return out;
}

/** Weighted mean of unit vectors, renormalised (one search instead of one per chunk). */
export function meanVector(vectors: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const dim = vectors[0]?.length ?? 0;
  const out = new Float32Array(dim);
  vectors.forEach((v, i) => {
    for (let d = 0; d < dim; d++) out[d] += weights[i] * v[d];
  });
  return normalize(out);
}

export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let d = 0; d < v.length; d++) n += v[d] * v[d];
  n = Math.sqrt(n);
  if (n > 0) for (let d = 0; d < v.length; d++) v[d] /= n;
  return v;
}
