import type { RowContext } from './row-context';

/**
 * Field parsers shared by all adapters. Each returns the canonical value and records a
 * rejection or warning on the row context instead of throwing, so one bad cell is
 * reported with its location and the rest of the file keeps going.
 */

/** Trimmed text, or null when empty. */
export function text(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  return s === '' ? null : s;
}

/** A positive integer id; missing → `missing_id`, malformed → `bad_id`. */
export function parseId(ctx: RowContext, field: string, raw: unknown): number | null {
  const s = text(raw);
  if (s === null) {
    ctx.reject(field, 'missing_id', `${field} is empty`);
    return null;
  }
  const n = typeof raw === 'number' ? raw : /^\d+(\.0+)?$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    ctx.reject(field, 'bad_id', `${field} is not a positive integer`, raw);
    return null;
  }
  return n;
}

/** A finite number or null when empty; garbage → `bad_number`. */
export function parseNumber(ctx: RowContext, field: string, raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : badNumber(ctx, field, raw);
  const s = text(raw);
  if (s === null) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : badNumber(ctx, field, raw);
}

function badNumber(ctx: RowContext, field: string, raw: unknown): null {
  ctx.reject(field, 'bad_number', `${field} is not a number`, raw);
  return null;
}

/** Integer count such as vote_count; fractional or negative → `bad_number`. */
export function parseCount(ctx: RowContext, field: string, raw: unknown): number | null {
  const n = parseNumber(ctx, field, raw);
  if (n === null) return null;
  if (!Number.isInteger(n) || n < 0) return badNumber(ctx, field, raw);
  return n;
}

/**
 * Money in USD. Sources write 0 for "unknown": that becomes null with a warning, because
 * a 0 would poison averages and return-on-investment figures. Negative → rejected.
 */
export function parseMoney(
  ctx: RowContext,
  field: 'budget' | 'revenue',
  raw: unknown,
  /** Source column name for the report when it differs from the canonical field. */
  column: string = field
): number | null {
  const n = parseNumber(ctx, column, raw);
  if (n === null) return null;
  if (n < 0) {
    ctx.reject(column, 'negative_money', `${column} is negative`, raw);
    return null;
  }
  if (n === 0) {
    ctx.warn(column, field === 'budget' ? 'zero_budget' : 'zero_revenue', `${column} is 0 (unknown): stored as null`);
    return null;
  }
  return n;
}

/** Runtime in minutes; 0 means unknown (→ null with a warning). */
export function parseRuntime(ctx: RowContext, field: string, raw: unknown): number | null {
  const n = parseNumber(ctx, field, raw);
  if (n === null) return null;
  if (n < 0) return badNumber(ctx, field, raw);
  if (n === 0) {
    ctx.warn(field, 'zero_runtime', `${field} is 0 (unknown): stored as null`);
    return null;
  }
  return n;
}

export interface ParsedDate {
  date: string | null;
  year: number | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks that y-m-d is a real calendar date (rejects 2001-02-30). */
export function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO `YYYY-MM-DD` (a time part is tolerated and dropped); garbage → `bad_date`. */
export function parseIsoDate(ctx: RowContext, field: string, raw: unknown): ParsedDate {
  const s = text(raw)?.replace(/[T ].*$/, '') ?? null;
  if (s === null) return { date: null, year: null };
  const m = ISO_DATE.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isRealDate(y, mo, d)) return { date: isoDate(y, mo, d), year: y };
  } else if (/^\d{4}$/.test(s)) {
    return { date: null, year: Number(s) };
  }
  ctx.reject(field, 'bad_date', `${field} is not a date (expected YYYY-MM-DD)`, raw);
  return { date: null, year: null };
}

export interface DateParts {
  y: number;
  m: number;
  d: number;
  /** Digits written for the year (2 for `6/9/15`), so callers can settle the century. */
  yearDigits: number;
}

/**
 * Day, month and year of a numeric `D/M/Y` or `M/D/Y` date (separators `/`, `-` or `.`);
 * null when malformed. Calendar validity is left to the caller (see isRealDate).
 */
export function dateParts(s: string, order: 'dmy' | 'mdy'): DateParts | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s.trim());
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return { y: Number(m[3]), m: order === 'dmy' ? b : a, d: order === 'dmy' ? a : b, yearDigits: m[3].length };
}

/** A plain four-digit year; garbage → `bad_date`. */
export function parseYear(ctx: RowContext, field: string, raw: unknown): number | null {
  const s = text(raw);
  if (s === null) return null;
  if (/^\d{4}(\.0+)?$/.test(s)) return Math.trunc(Number(s));
  ctx.reject(field, 'bad_date', `${field} is not a year`, raw);
  return null;
}

/** Splits a delimited list ("Action|Drama"), trimming and dropping empties. */
export function splitList(raw: unknown, separator: string): string[] {
  const s = text(raw);
  if (s === null) return [];
  return s
    .split(separator)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/**
 * A JSON array of objects (TMDB style `[{"id": 28, "name": "Action"}]`) reduced to one key.
 * Unparseable JSON rejects the row with `bad_json`; items without the key are warned.
 */
export function parseJsonNames(
  ctx: RowContext,
  field: string,
  raw: unknown,
  key = 'name',
  parse: (s: string) => unknown = JSON.parse
): string[] {
  const s = text(raw);
  if (s === null) return [];
  let value: unknown;
  try {
    value = parse(s);
  } catch (e) {
    ctx.reject(field, 'bad_json', `${field} is not valid ${parse === JSON.parse ? 'JSON' : 'literal'}: ${(e as Error).message}`, raw);
    return [];
  }
  return namesFrom(ctx, field, value, key);
}

/** Pulls `key` out of an array of objects (or accepts an array of strings). */
export function namesFrom(ctx: RowContext, field: string, value: unknown, key = 'name'): string[] {
  if (!Array.isArray(value)) {
    ctx.reject(field, 'bad_json', `${field} should be a list`, value);
    return [];
  }
  const out: string[] = [];
  for (const item of value) {
    const name =
      typeof item === 'string' ? item : item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
    const t = typeof name === 'string' ? text(name) : null;
    if (t === null) ctx.warn(field, 'bad_list_item', `${field} has an item without "${key}"`, item);
    else out.push(t);
  }
  return out;
}
