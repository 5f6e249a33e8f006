import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Credit } from '../../../src/lib/core/movie';
import { withDb } from '../../../build-scripts/write/duckdb';
import { PEOPLE_COLUMNS, readPeopleParquet, writePeopleParquet } from '../../../build-scripts/write/people-parquet';
import { credit, tempDir } from './fixtures';

const tmp = tempDir();
afterAll(tmp.cleanup);

const credits: Credit[] = [
  credit({ movie_id: 19995, person: 'James Cameron', person_id: 2710, role: 'director', order: 0, character: null }),
  credit({ movie_id: 19995, person: 'Zoe Saldana', person_id: 8691, order: 1, character: 'Neytiri' }),
  credit(),
  credit({ movie_id: 12, person: 'Nakamura Shidō II', person_id: null, order: 0, character: null }),
  credit({ movie_id: 12, person: "Ólafur O'Brien \"Jr\" 李", person_id: null, order: 1, character: "'; DROP TABLE people; --" })
];

describe('writePeopleParquet', () => {
  it('uses billing_order (not the reserved word "order") and typed columns', async () => {
    expect(PEOPLE_COLUMNS.map((c) => c.name)).toEqual(['movie_id', 'person', 'person_id', 'role', 'billing_order', 'character']);
    const a = await writePeopleParquet(credits, tmp.dir);
    expect(a).toMatchObject({ name: 'people.parquet', rows: 5 });
    await withDb(async (db) => {
      const types = await db.all('SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1))', [a.path]);
      expect(types).toEqual([
        { column_name: 'movie_id', column_type: 'BIGINT' },
        { column_name: 'person', column_type: 'VARCHAR' },
        { column_name: 'person_id', column_type: 'BIGINT' },
        { column_name: 'role', column_type: 'VARCHAR' },
        { column_name: 'billing_order', column_type: 'INTEGER' },
        { column_name: 'character', column_type: 'VARCHAR' }
      ]);
      // Unquoted column names work in plain SQL.
      const top = await db.all('SELECT person FROM read_parquet($1) WHERE role = $2 ORDER BY movie_id, billing_order', [a.path, 'cast']);
      expect(top.map((r) => r.person)).toEqual(['Nakamura Shidō II', "Ólafur O'Brien \"Jr\" 李", 'Sam Worthington', 'Zoe Saldana']);
      const [{ c }] = await db.all('SELECT DISTINCT compression AS c FROM parquet_metadata($1)', [a.path]);
      expect(c).toBe('ZSTD');
    });
  });

  it('round-trips credits (nulls, unicode) in movie, role, billing order', async () => {
    const back = await readPeopleParquet(join(tmp.dir, 'people.parquet'));
    const sorted = [...credits].sort((x, y) => x.movie_id - y.movie_id || x.role.localeCompare(y.role) || x.order - y.order);
    expect(back).toEqual(sorted);
  });

  it('rejects an unknown role and writes an empty list as an empty file', async () => {
    await expect(writePeopleParquet([credit({ role: 'writer' as Credit['role'] })], tmp.dir)).rejects.toThrow(/unknown role writer/);
    const { dir, cleanup } = tempDir();
    try {
      const a = await writePeopleParquet([], dir);
      expect(a.rows).toBe(0);
      expect(await readPeopleParquet(a.path)).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
