/**
 * Month and weekday names typed by a visitor, in English or Spanish, to numbers.
 *
 * - Any case, accents optional ("Miércoles", "miercoles", "MIÉRCOLES"), surrounding spaces
 *   and punctuation ignored ("Wed.", "(sept)").
 * - Full names, the usual abbreviations ("sept", "tues", "thurs", "weds", "sáb", "mié"), and any
 *   other prefix of at least three letters that names only one month or day ("septem", "miérc").
 * - Months: 1 = January … 12 = December. A bare number 1–12 ("3", "03") is also a month.
 * - Weekdays use the **JavaScript convention**: 0 = Sunday … 6 = Saturday, the same as
 *   `Date.prototype.getDay()` and DuckDB's `dayofweek()`. Numbers are not accepted for
 *   weekdays (0 or 7 for Sunday, 1 for Sunday or Monday: too ambiguous to guess).
 * - Anything else (empty text, junk, two names, "marzipan") gives null.
 *
 * "mar" is March for months and martes (Tuesday) for weekdays: the two parsers are separate,
 * so each context reads it the way a Spanish speaker means it.
 *
 * Isomorphic, no dependencies.
 */

export type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;
/** 0 = Sunday … 6 = Saturday (JS `getDay()`, DuckDB `dayofweek()`). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const MONTH_NAMES_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December'
] as const;
export const MONTH_NAMES_ES = [
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio',
  'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'
] as const;
/** Index = JS weekday (0 = Sunday). */
export const WEEKDAY_NAMES_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const WEEKDAY_NAMES_ES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'] as const;

/** Monday-first display order of JS weekdays (how Europe and ISO 8601 lay out a week). */
export const WEEKDAYS_MONDAY_FIRST: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];

/** Forms that are not prefixes of a full name. */
const MONTH_EXTRA: Record<string, Month> = { setiembre: 9, set: 9 };
const WEEKDAY_EXTRA: Record<string, Weekday> = { weds: 3, thur: 4, thurs: 4, tues: 2 };

const MIN_PREFIX = 3;

/** Lower case, accents and other marks removed, width-folded; outer spaces and punctuation trimmed. */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function lookup<T extends number>(text: unknown, names: readonly (readonly string[])[], extra: Record<string, T>, offset: number): T | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const key = foldName(text);
  if (!/^\p{L}+$/u.test(key)) return null;
  if (Object.hasOwn(extra, key)) return extra[key];
  if (key.length < MIN_PREFIX) return null;
  let found: number | null = null;
  for (const list of names)
    list.forEach((name, i) => {
      if (foldName(name).startsWith(key)) {
        if (found !== null && found !== i) found = -1; // names two different values
        else if (found === null) found = i;
      }
    });
  return found === null || found === -1 ? null : ((found + offset) as T);
}

/** 1–12 for a month name or abbreviation in English or Spanish (or a bare 1–12); else null. */
export function parseMonth(text: unknown): Month | null {
  if (typeof text === 'string' && /^\s*\d{1,2}\s*$/.test(text)) {
    const n = Number(text);
    return n >= 1 && n <= 12 ? (n as Month) : null;
  }
  return lookup<Month>(text, [MONTH_NAMES_EN, MONTH_NAMES_ES], MONTH_EXTRA, 1);
}

/** 0 (Sunday) – 6 (Saturday) for a weekday name or abbreviation in English or Spanish; else null. */
export function parseWeekday(text: unknown): Weekday | null {
  return lookup<Weekday>(text, [WEEKDAY_NAMES_EN, WEEKDAY_NAMES_ES], WEEKDAY_EXTRA, 0);
}

/** "March" for 3. */
export function monthName(m: number): string {
  return MONTH_NAMES_EN[m - 1] ?? '';
}

/** "Mar" for 3. */
export function monthShort(m: number): string {
  return monthName(m).slice(0, 3);
}

/** "Wednesday" for 3 (JS convention). */
export function weekdayName(d: number): string {
  return WEEKDAY_NAMES_EN[d] ?? '';
}

/** "Wed" for 3. */
export function weekdayShort(d: number): string {
  return weekdayName(d).slice(0, 3);
}
