import { describe, expect, it } from 'vitest';
import { bindParams } from '../../../src/lib/db/engine';
import { listOf, quoteLiteral, sql, trusted, tupleOf, whereClause } from '../../../src/lib/db/sql';

describe('sql template: values become bound parameters, never SQL text', () => {
  it('turns every interpolated value into ? and keeps them in order', () => {
    const evil = "'; DROP TABLE movies; --";
    const q = sql`SELECT * FROM movies m WHERE m.title = ${evil} AND m.year >= ${1990} AND m.x = ${null}`;
    expect(q.text).toBe('SELECT * FROM movies m WHERE m.title = ? AND m.year >= ? AND m.x = ?');
    expect(q.text).not.toContain('DROP');
    expect(q.params).toEqual([evil, 1990, null]);
  });

  it('splices fragments with their parameters at the right place', () => {
    const conds = [sql`a = ${1}`, sql`list_has_any(g, ${listOf(['x', 'y'])})`, sql`c IN ${tupleOf(['p'])}`];
    const q = sql`SELECT 1 ${whereClause(conds)} LIMIT ${5}`;
    expect(q.text).toBe('SELECT 1 WHERE a = ? AND list_has_any(g, [?, ?]) AND c IN (?) LIMIT ?');
    expect(q.params).toEqual([1, 'x', 'y', 'p', 5]);
    expect(whereClause([]).text).toBe('');
    expect(sql`${trusted('ORDER BY m.id')}`.params).toEqual([]);
  });

  it('refuses an empty IN list and quotes literal constants', () => {
    expect(() => tupleOf([])).toThrow(/empty/);
    expect(quoteLiteral("it's.parquet")).toBe("'it''s.parquet'");
  });

  it('bindParams turns safe bigints into numbers and refuses NaN, Infinity, unsafe bigints and objects', () => {
    expect(bindParams([1n, 'a', null, true, 2.5, undefined])).toEqual([1, 'a', null, true, 2.5, null]);
    expect(() => bindParams([NaN])).toThrow(/parameter 1 is NaN/);
    expect(() => bindParams([1, Infinity])).toThrow(/parameter 2/);
    expect(() => bindParams([2n ** 60n])).toThrow(/safe integer/);
    expect(() => bindParams([{}])).toThrow(/unsupported/);
  });
});
