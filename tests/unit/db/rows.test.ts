import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbEngine } from '../../../src/lib/db/engine';
import { openNodeEngine } from '../../../src/lib/db/node';
import { firstRow, isoDate, toRows } from '../../../src/lib/db/rows';

describe('rows: Arrow results from DuckDB-WASM to plain objects', () => {
  let db: DbEngine;
  beforeAll(async () => {
    db = await openNodeEngine();
  });
  afterAll(() => db?.close());

  it('turns BIGINT into numbers, lists into arrays, DATE into ISO strings, STRUCT into objects', async () => {
    const t = await db.query(
      `SELECT 42::BIGINT AS id, 7::INTEGER AS n, 6.5::DOUBLE AS r, 'x' AS s, true AS b,
              ['Drama', 'War'] AS genres, []::VARCHAR[] AS none, DATE '1995-12-09' AS d, NULL::DATE AS nd,
              DATE '0099-01-31' AS old, {'person': 'A', 'person_id': 9::BIGINT, 'tags': ['t']} AS st,
              [[1::BIGINT, 2::BIGINT], [3::BIGINT]] AS nested, NULL::BIGINT AS nb, NULL::VARCHAR[] AS nl`
    );
    const row = firstRow(t);
    expect(row).toEqual({
      id: 42, n: 7, r: 6.5, s: 'x', b: true, genres: ['Drama', 'War'], none: [], d: '1995-12-09', nd: null,
      old: '0099-01-31', st: { person: 'A', person_id: 9, tags: ['t'] }, nested: [[1, 2], [3]], nb: null, nl: null
    });
    expect(typeof row!.id).toBe('number');
    expect(Array.isArray(row!.genres)).toBe(true);
    // Plain data: survives JSON and structured cloning unchanged.
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
    expect(structuredClone(row)).toEqual(row);
  });

  it('converts every row, column by column, and an empty result to []', async () => {
    const rows = toRows(await db.query('SELECT range::BIGINT AS i, [range::VARCHAR] AS l FROM range(3)'));
    expect(rows).toEqual([{ i: 0, l: ['0'] }, { i: 1, l: ['1'] }, { i: 2, l: ['2'] }]);
    expect(toRows(await db.query('SELECT 1 AS x WHERE false'))).toEqual([]);
    expect(firstRow(await db.query('SELECT 1 AS x WHERE false'))).toBeNull();
  });

  it('refuses a BIGINT beyond 2^53 instead of rounding it, naming the column', async () => {
    const t = await db.query('SELECT 9007199254740993::BIGINT AS huge');
    expect(() => toRows(t)).toThrow(/column huge.*9007199254740993/);
  });

  it('refuses DECIMAL (queries cast to DOUBLE)', async () => {
    const t = await db.query('SELECT 1.25::DECIMAL(4,2) AS dec');
    expect(() => toRows(t)).toThrow(/DECIMAL/);
  });

  it('isoDate accepts a Date (Arrow 13), epoch ms (later Arrow) and epoch days', () => {
    expect(isoDate(new Date(Date.UTC(1930, 3, 21)))).toBe('1930-04-21');
    expect(isoDate(Date.UTC(2024, 1, 29))).toBe('2024-02-29');
    expect(isoDate(-1, true)).toBe('1969-12-31');
    expect(isoDate(BigInt(0))).toBe('1970-01-01');
  });
});
