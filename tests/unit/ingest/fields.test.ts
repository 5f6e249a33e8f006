import { describe, expect, it } from 'vitest';
import {
  dateParts, isRealDate, namesFrom, parseCount, parseId, parseIsoDate, parseJsonNames, parseMoney, parseNumber,
  parseRuntime, parseYear, splitList, text
} from '../../../build-scripts/ingest/fields';
import { RowContext } from '../../../build-scripts/ingest/row-context';

const ctx = () => new RowContext('f.csv', 3, 4);
const reasons = (c: RowContext) => c.rejections.map((r) => [r.reason, r.field]);

describe('field parsers', () => {
  it('text trims and maps empty to null', () => {
    expect(text('  a ')).toBe('a');
    expect(text('   ')).toBeNull();
    expect(text(undefined)).toBeNull();
    expect(text(1984)).toBe('1984');
  });

  it('parseId: missing, malformed, numeric', () => {
    let c = ctx();
    expect(parseId(c, 'id', '')).toBeNull();
    expect(reasons(c)).toEqual([['missing_id', 'id']]);
    for (const bad of ['1997-08-20', '-3', '0', '1.5', 'abc', '1e3']) {
      c = ctx();
      expect(parseId(c, 'id', bad), bad).toBeNull();
      expect(reasons(c), bad).toEqual([['bad_id', 'id']]);
    }
    c = ctx();
    expect([parseId(c, 'id', '862'), parseId(c, 'id', 862), parseId(c, 'id', '42.0')]).toEqual([862, 862, 42]);
    expect(c.rejected).toBe(false);
    expect(c.rejections).toEqual([]);
  });

  it('issues carry file, row, line, field and value', () => {
    const c = ctx();
    parseNumber(c, 'popularity', 'lots');
    expect(c.rejections[0]).toMatchObject({ file: 'f.csv', row: 3, line: 4, field: 'popularity', reason: 'bad_number', value: 'lots' });
  });

  it('parseMoney: 0 → null with a warning, negative → rejected, column name reported', () => {
    const c = ctx();
    expect(parseMoney(c, 'budget', '0')).toBeNull();
    expect(parseMoney(c, 'revenue', 0)).toBeNull();
    expect(parseMoney(c, 'budget', '250.5')).toBe(250.5);
    expect(parseMoney(c, 'budget', '')).toBeNull();
    expect(c.warnings.map((w) => [w.reason, w.field])).toEqual([['zero_budget', 'budget'], ['zero_revenue', 'revenue']]);
    expect(parseMoney(c, 'budget', '-1', 'Budget (M$)')).toBeNull();
    expect(reasons(c)).toEqual([['negative_money', 'Budget (M$)']]);
  });

  it('parseRuntime, parseCount, parseNumber', () => {
    const c = ctx();
    expect(parseRuntime(c, 'runtime', '81.0')).toBe(81);
    expect(parseRuntime(c, 'runtime', '0')).toBeNull();
    expect(c.warnings.map((w) => w.reason)).toEqual(['zero_runtime']);
    expect(parseCount(c, 'vote_count', '5415.0')).toBe(5415);
    expect(parseNumber(c, 'popularity', ' 1.5 ')).toBe(1.5);
    expect(c.rejected).toBe(false);
    expect(parseCount(c, 'vote_count', '2.5')).toBeNull();
    expect(reasons(c)).toEqual([['bad_number', 'vote_count']]);
  });

  it('dates: ISO, year only, calendar check, D/M/Y and M/D/Y parts', () => {
    const c = ctx();
    expect(parseIsoDate(c, 'release_date', '1995-10-30')).toEqual({ date: '1995-10-30', year: 1995 });
    expect(parseIsoDate(c, 'release_date', '1995-10-30T00:00:00Z')).toEqual({ date: '1995-10-30', year: 1995 });
    expect(parseIsoDate(c, 'release_date', '1995')).toEqual({ date: null, year: 1995 });
    expect(parseIsoDate(c, 'release_date', '')).toEqual({ date: null, year: null });
    expect(c.rejected).toBe(false);
    expect(parseIsoDate(c, 'release_date', '2001-02-30')).toEqual({ date: null, year: null });
    expect(parseYear(c, 'release_year', 'PG')).toBeNull();
    expect(reasons(c)).toEqual([['bad_date', 'release_date'], ['bad_date', 'release_year']]);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(dateParts('6/9/15', 'mdy')).toEqual({ y: 15, m: 6, d: 9, yearDigits: 2 });
    expect(dateParts('31.12.1999', 'dmy')).toEqual({ y: 1999, m: 12, d: 31, yearDigits: 4 });
    expect(dateParts('2001-01-01', 'dmy')).toBeNull();
  });

  it('lists: separated text, JSON names, arrays', () => {
    expect(splitList('Action| Drama ||Crime', '|')).toEqual(['Action', 'Drama', 'Crime']);
    expect(splitList('', '|')).toEqual([]);
    const c = ctx();
    expect(parseJsonNames(c, 'genres', '[{"id": 28, "name": "Action"}, {"id": 1}]')).toEqual(['Action']);
    expect(c.warnings.map((w) => [w.reason, w.field])).toEqual([['bad_list_item', 'genres']]);
    expect(namesFrom(c, 'cast', ['A', { name: 'B' }])).toEqual(['A', 'B']);
    expect(parseJsonNames(c, 'genres', '[{"id": 28')).toEqual([]);
    expect(parseJsonNames(c, 'keywords', '{"name": "x"}')).toEqual([]);
    expect(reasons(c)).toEqual([['bad_json', 'genres'], ['bad_json', 'keywords']]);
  });
});
