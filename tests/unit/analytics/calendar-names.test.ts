import { describe, expect, it } from 'vitest';
import {
  foldName, monthName, MONTH_NAMES_EN, MONTH_NAMES_ES, parseMonth, parseWeekday, weekdayName, WEEKDAY_NAMES_EN,
  WEEKDAY_NAMES_ES, WEEKDAYS_MONDAY_FIRST
} from '../../../src/lib/core/calendar-names';

const variants = (s: string) => [s, s.toLowerCase(), s.toUpperCase(), s[0].toUpperCase() + s.slice(1).toLowerCase(), ` ${s} `];
const unaccent = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

describe('parseMonth', () => {
  it('reads every full month name in English and Spanish, in any case, with or without accents', () => {
    for (let i = 0; i < 12; i++)
      for (const name of [MONTH_NAMES_EN[i], MONTH_NAMES_ES[i]])
        for (const v of [...variants(name), ...variants(unaccent(name))]) expect(parseMonth(v), v).toBe(i + 1);
  });

  it('reads "Marzo", "marzo" and "MARZO" as March', () => {
    expect(parseMonth('Marzo')).toBe(3);
    expect(parseMonth('marzo')).toBe(3);
    expect(parseMonth('MARZO')).toBe(3);
  });

  it('reads the usual abbreviations of both languages', () => {
    const cases: [string, number][] = [
      ['jan', 1], ['ene', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['abr', 4], ['may', 5], ['jun', 6], ['jul', 7],
      ['aug', 8], ['ago', 8], ['sep', 9], ['sept', 9], ['Sept.', 9], ['set', 9], ['setiembre', 9], ['oct', 10],
      ['nov', 11], ['dec', 12], ['dic', 12], ['DIC.', 12], ['Jan.', 1]
    ];
    for (const [text, month] of cases) expect(parseMonth(text), text).toBe(month);
  });

  it('reads unambiguous prefixes of three letters or more', () => {
    expect(parseMonth('septiem')).toBe(9);
    expect(parseMonth('novem')).toBe(11);
    expect(parseMonth('febr')).toBe(2);
    expect(parseMonth('marc')).toBe(3);
  });

  it('accepts a bare month number 1–12', () => {
    expect(parseMonth('3')).toBe(3);
    expect(parseMonth('03')).toBe(3);
    expect(parseMonth(' 12 ')).toBe(12);
    expect(parseMonth('0')).toBeNull();
    expect(parseMonth('13')).toBeNull();
    expect(parseMonth('-1')).toBeNull();
    expect(parseMonth('3.5')).toBeNull();
  });

  it('ignores width and combining forms (full-width letters, decomposed accents)', () => {
    expect(parseMonth('ＭＡＲＣＨ')).toBe(3);
    expect(parseMonth('febrero'.normalize('NFD'))).toBe(2);
  });

  it('returns null for junk, too-short and ambiguous input', () => {
    const junk: unknown[] = [
      '', '   ', 'x', 'ma', 'ju', 'j', 'marzipan', 'junio2', 'mar zo', 'march april', 'lunes', 'monday', '🙂', '%%%',
      'Marchh', 'decembre', 'a'.repeat(500), null, undefined, 3, {}, [], "'; DROP TABLE movies; --"
    ];
    for (const j of junk) expect(parseMonth(j), String(j)).toBeNull();
  });
});

describe('parseWeekday (JS convention: 0 = Sunday … 6 = Saturday)', () => {
  it('reads every full day name in English and Spanish, in any case, with or without accents', () => {
    for (let d = 0; d < 7; d++)
      for (const name of [WEEKDAY_NAMES_EN[d], WEEKDAY_NAMES_ES[d]])
        for (const v of [...variants(name), ...variants(unaccent(name))]) expect(parseWeekday(v), v).toBe(d);
  });

  it('reads "Miércoles", "miercoles", "MIÉRCOLES" and "WED" as Wednesday (3)', () => {
    for (const v of ['Miércoles', 'miercoles', 'MIÉRCOLES', 'MIERCOLES', 'WED', 'wed', 'Wed.', 'mié', 'mie', 'weds']) expect(parseWeekday(v), v).toBe(3);
  });

  it('reads the usual abbreviations of both languages', () => {
    const cases: [string, number][] = [
      ['sun', 0], ['dom', 0], ['mon', 1], ['lun', 1], ['tue', 2], ['tues', 2], ['mar', 2], ['thu', 4], ['thur', 4],
      ['thurs', 4], ['jue', 4], ['fri', 5], ['vie', 5], ['sat', 6], ['sáb', 6], ['sab', 6], ['SÁB.', 6]
    ];
    for (const [text, day] of cases) expect(parseWeekday(text), text).toBe(day);
  });

  it('"mar" is March as a month and martes (Tuesday) as a day', () => {
    expect(parseMonth('mar')).toBe(3);
    expect(parseWeekday('mar')).toBe(2);
  });

  it('matches JS Date.getDay()', () => {
    // 2024-03-13 was a Wednesday.
    const d = new Date(Date.UTC(2024, 2, 13));
    expect(parseWeekday('miércoles')).toBe(d.getUTCDay());
  });

  it('returns null for junk, numbers and too-short input', () => {
    const junk: unknown[] = ['', ' ', 'w', 'we', 'sa', 'do', 'mi', '0', '1', '7', 'monday!!x', 'lunes martes', 'march', 'enero', 'xyz', null, undefined, 5, 'a'.repeat(100)];
    for (const j of junk) expect(parseWeekday(j), String(j)).toBeNull();
  });
});

describe('names and folding', () => {
  it('names months and days in English', () => {
    expect(monthName(3)).toBe('March');
    expect(monthName(13)).toBe('');
    expect(weekdayName(0)).toBe('Sunday');
    expect(WEEKDAYS_MONDAY_FIRST.map(weekdayName)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
  });
  it('folds case, accents and outer punctuation', () => {
    expect(foldName(' ¡Sábado! ')).toBe('sabado');
    expect(foldName('MIÉRCOLES.')).toBe('miercoles');
  });
});
