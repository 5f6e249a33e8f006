import iconv from 'iconv-lite';
import type { RowContext } from './row-context';
import { text } from './fields';

/**
 * Repairs UTF-8 text that was decoded as Windows-1252 (`WALLÂ·E`, `Whereâ€™s`, `CafÃ©`):
 * each run of characters that cp1252 produces for bytes 0x80–0xFF is turned back into
 * those bytes, and every valid UTF-8 sequence found in them is decoded when the result is
 * believable in context (see repairedChar). Characters that do not form valid UTF-8 stay
 * as they are, so correct text ("Ñandú", "Ångström", "ゴジラ") is left alone.
 *
 * Some sources lost bytes upstream (cp1252 has no character for 0x81, 0x8D, 0x8F, 0x90,
 * 0x9D, so `Á` = C3 81 became a bare `Ã`). Those spots cannot be repaired; they are
 * counted in `unrepaired` so the row is kept with a warning.
 */

export interface MojibakeResult {
  text: string;
  /** Mis-decoded sequences turned back into the characters they encoded. */
  repaired: number;
  /** Of `repaired`, sequences whose lost last byte was inferred (`â€` + lost 0x9D → `”`). */
  inferred: number;
  /** Garbled spots left in `text` because bytes were lost upstream (e.g. `Ãlex`). */
  unrepaired: number;
  /** Excerpt around the first unrepaired spot, for reports. */
  sample?: string;
}

/** Character → byte for everything a cp1252 (or Latin-1) decoder yields for 0x80–0xFF. */
const BYTE_OF = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) {
  // Undefined cp1252 bytes (0x81…) come out as U+FFFD from iconv-lite; Latin-1 style
  // decoders pass every 0x80–0x9F through as a C1 control, so accept those too.
  BYTE_OF.set(String.fromCharCode(b), b);
  const c = iconv.decode(Buffer.from([b]), 'win1252');
  if (c !== '\uFFFD') BYTE_OF.set(c, b);
}
const RUN = new RegExp(`[${[...BYTE_OF.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]+`, 'g');
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Spots that look like mojibake but are not valid UTF-8 bytes, i.e. lost bytes. Kept
 * narrow so correct text is not flagged: `Ã` is only correct in all-caps Portuguese
 * ("SÃO"), `Â` only before a letter ("Âge"); `Ä`, `Å` or a combining-mark lead `Ì` right
 * after a lowercase letter ("ShidÅ", "RashÄd") does not occur in real names (Irish
 * "hÉireann" does, so `É` is not in that set); a Latin-1 letter glued to another script
 * ("Ðдмиралъ", "解救å´先生") is a broken sequence.
 */
const NON_LATIN = '\\u0370-\\u1dff\\u2e80-\\ud7ff\\uf900-\\ufaff\\uff00-\\uffef';
const LEFTOVER = new RegExp(
  [
    'â[€„…†]',
    'Ã(?![A-Z])',
    'Â(?!\\p{L})',
    '(?<=\\p{Ll})[ÄÅÌ]',
    `[\\u00c0-\\u00ff](?=[${NON_LATIN}])`,
    `(?<=[${NON_LATIN}])[\\u00c0-\\u00ff]`,
    'ï¬',
    'á[»º](?=\\p{L})',
    '[\\u0080-\\u009f]'
  ].join('|'),
  'gu'
);
/**
 * In a cell that had mojibake, all of its non-ASCII text was garbled, so any lead-byte
 * character left untouched (`Äan` for Đan, lost 0x90) is a leftover too.
 */
const LEAD_LEFT = /[\u0080-\u009f\u00c2-\u00f4]/g;

export function repairMojibake(input: string): MojibakeResult {
  if (!NON_ASCII.test(input)) return { text: input, repaired: 0, inferred: 0, unrepaired: 0 };
  let repaired = 0;
  let inferred = 0;
  let out = '';
  let last = 0;
  const decodedAt = new Set<number>(); // output offsets of characters produced by decoding
  for (const match of input.matchAll(RUN)) {
    const run = match[0];
    const at = match.index ?? 0;
    out += input.slice(last, at);
    last = at + run.length;
    const before = input[at - 1] ?? '';
    const after = input[last] ?? '';
    let r = decodeRun(run, before, after);
    // Text garbled twice (`ÃƒÂ©`): decode again, but only when the first pass consumed
    // the whole run, so correct characters produced by pass one are never re-read.
    if (r.complete && r.fixed > 0) {
      const again = decodeRun(r.pieces.map((p) => p.text).join(''), before, after);
      if (again.complete && again.fixed > 0) r = { ...again, fixed: r.fixed, guessed: r.guessed + again.guessed };
    }
    for (const p of r.pieces) {
      if (p.decoded) decodedAt.add(out.length);
      out += p.text;
    }
    repaired += r.fixed;
    inferred += r.guessed;
  }
  out += input.slice(last);

  const spots = new Set<number>();
  for (const m of out.matchAll(LEFTOVER)) if (!decodedAt.has(m.index ?? 0)) spots.add(m.index ?? 0);
  if (repaired > 0) for (const m of out.matchAll(LEAD_LEFT)) if (!decodedAt.has(m.index ?? 0)) spots.add(m.index ?? 0);
  const result: MojibakeResult = { text: out, repaired, inferred, unrepaired: spots.size };
  if (spots.size) {
    const first = Math.min(...spots);
    result.sample = out.slice(Math.max(0, first - 20), first + 20).trim();
  }
  return result;
}

interface Decoded {
  pieces: { text: string; decoded: boolean }[];
  fixed: number;
  guessed: number;
  /** Every character of the run was consumed by a decoded sequence. */
  complete: boolean;
}

function decodeRun(run: string, before: string, after: string): Decoded {
  const chars = [...run];
  const bytes = chars.map((c) => BYTE_OF.get(c) ?? -1);
  const pieces: Decoded['pieces'] = [];
  let fixed = 0;
  let guessed = 0;
  let complete = true;
  const decoded = (text: string) => {
    pieces.push({ text, decoded: true });
    fixed++;
  };
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    const prev = pieces.length ? pieces[pieces.length - 1].text.slice(-1) : before;
    if (n > 0) {
      const c = repairedChar(decodeSequence(bytes, i, n), prev);
      if (c !== null) {
        decoded(c);
        i += n;
        continue;
      }
    } else if (bytes[i] === 0xe2 && bytes[i + 1] === 0x80 && !isContinuation(bytes[i + 2])) {
      // `â€` then a lost byte. Of E2 80 81/8D/8F/90/9D only 9D (”) is ordinary text, and a
      // closing quote is followed by a space, punctuation or the end, never a letter.
      const next = i + 2 < chars.length ? chars[i + 2] : after;
      if (!/^[\p{L}\p{N}]/u.test(next)) {
        decoded('\u201d');
        guessed++;
        i += 2;
        continue;
      }
    }
    pieces.push({ text: chars[i], decoded: false });
    complete = false;
    i++;
  }
  return { pieces, fixed, guessed, complete };
}

function isContinuation(b: number | undefined): boolean {
  return b !== undefined && b >= 0x80 && b <= 0xbf;
}

/** Length of the valid UTF-8 sequence starting at i (RFC 3629 table), or 0. */
function sequenceLength(b: number[], i: number): number {
  const lead = b[i];
  const [n, lo, hi] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : [0, 0, 0];
  if (n === 0 || i + n > b.length) return 0;
  if (b[i + 1] < lo || b[i + 1] > hi) return 0;
  for (let k = 2; k < n; k++) if (!isContinuation(b[i + k])) return 0;
  return n;
}

function decodeSequence(b: number[], i: number, n: number): number {
  let cp = b[i] & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) cp = (cp << 6) | (b[i + k] & 0x3f);
  return cp;
}

/**
 * The character a decoded code point stands for, or null when it is not a believable
 * repair. A C1 control (U+0080–U+009F) means the text was cp1252 read as Latin-1 before
 * being garbled (`Â“` → U+0093): it stands for the cp1252 character of that byte.
 * Private-use and non-characters never are. Right after a Latin letter only Latin, Greek,
 * Cyrillic and punctuation are: this keeps correct text such as "café…”" (E9 85 94 would
 * decode to a CJK character) intact, while `WALLÂ·E` and `Whereâ€™s` are still repaired.
 * Correct text can still collide in rare cases (lowercase, accented capital, curly quote:
 * "dÉ’" → "dɒ"); that is the price of repairing `WALLÂ·E`.
 */
function repairedChar(cp: number, prev: string): string | null {
  if (cp >= 0x80 && cp <= 0x9f) {
    const c = iconv.decode(Buffer.from([cp]), 'win1252');
    return c === '\uFFFD' ? null : c;
  }
  if (cp < 0xa0 || (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return null;
  if (/^[A-Za-z]$/.test(prev)) {
    const latinish = cp < 0x0590 || (cp >= 0x1e00 && cp <= 0x1fff) || (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0xfb00 && cp <= 0xfb06);
    if (!latinish) return null;
    // All-caps "JOSÉ’S" (C9 92) would become "JOSɒS": after a capital, Latin Extended-B
    // and IPA letters are not believable (after lowercase they are: `jÉ™` → "jə").
    if (/^[A-Z]$/.test(prev) && cp >= 0x0180 && cp <= 0x02af) return null;
  }
  return String.fromCodePoint(cp);
}

/**
 * A trimmed text cell with mojibake repaired, warning `mojibake_repaired` or
 * `mojibake_unrepaired` on the row (the row is kept either way).
 */
export function repairedText(ctx: RowContext, field: string, raw: unknown): string | null {
  if (text(raw) === null) return null;
  // Repair before trimming: `MollÃ` + NBSP is "Mollà", and trim() would eat the NBSP.
  const s = String(raw);
  const r = repairMojibake(s);
  if (r.repaired)
    ctx.warn(field, 'mojibake_repaired', `${field}: repaired ${r.repaired} mis-decoded character(s)${r.inferred ? `, ${r.inferred} with a lost byte inferred` : ''}`, s);
  if (r.unrepaired)
    ctx.warn(field, 'mojibake_unrepaired', `${field}: ${r.unrepaired} garbled character(s) could not be repaired (bytes lost upstream)`, r.sample);
  return text(r.text);
}
