import { join } from 'node:path';
import { SCHEMA_VERSION, type Credit } from '../../src/lib/core/movie';
import {
  appendRows, copyToParquet, createTableSql, fromJsonRow, ident, withDb,
  type ColumnSpec, type Db, type ParquetArtifact, type SqlType
} from './duckdb';

/**
 * people.parquet: one row per credit (a person in a role on a movie), ordered by movie,
 * role, billing order.
 *
 * `Credit.order` is stored as column **billing_order**, not "order": ORDER is a reserved
 * SQL word, so every query in the site (DuckDB-WASM), in tests and in ad-hoc DuckDB
 * sessions would need `"order"` quoted, and `ORDER BY order` fails with a parse error.
 * `billing_order` also says what the number means (0 = top billing). The mapping lives
 * only here; readPeopleParquet maps it back to `Credit.order`.
 */
export const PEOPLE_SCHEMA = {
  movie_id: { column: 'movie_id', type: 'BIGINT', nullable: false },
  person: { column: 'person', type: 'VARCHAR', nullable: false },
  person_id: { column: 'person_id', type: 'BIGINT', nullable: true },
  role: { column: 'role', type: 'VARCHAR', nullable: false },
  order: { column: 'billing_order', type: 'INTEGER', nullable: false },
  character: { column: 'character', type: 'VARCHAR', nullable: true }
} as const satisfies Record<keyof Credit, { column: string; type: SqlType; nullable: boolean }>;

/** Credit fields in column order. */
export const CREDIT_FIELDS = ['movie_id', 'person', 'person_id', 'role', 'order', 'character'] as const satisfies readonly (keyof Credit)[];

export const PEOPLE_TABLE = 'people';
export const PEOPLE_FILE = 'people.parquet';
export const CREDIT_ROLES: readonly Credit['role'][] = ['cast', 'director'];

if (CREDIT_FIELDS.length !== Object.keys(PEOPLE_SCHEMA).length || CREDIT_FIELDS.some((f) => !(f in PEOPLE_SCHEMA)))
  throw new Error('people.parquet schema out of date with Credit in src/lib/core/movie.ts');

export const PEOPLE_COLUMNS: ColumnSpec<Credit>[] = CREDIT_FIELDS.map((f) => ({
  name: PEOPLE_SCHEMA[f].column,
  type: PEOPLE_SCHEMA[f].type,
  nullable: PEOPLE_SCHEMA[f].nullable,
  get: f === 'role'
    ? (c: Credit) => {
        if (!CREDIT_ROLES.includes(c.role)) throw new Error(`people.role (movie ${c.movie_id}, ${c.person}): unknown role ${String(c.role)}`);
        return c.role;
      }
    : (c: Credit) => c[f]
}));

const col = (f: keyof Credit) => ident(PEOPLE_SCHEMA[f].column);
const SELECT_COLUMNS = CREDIT_FIELDS.map(col).join(', ');
const ORDER = `${col('movie_id')}, ${col('role')}, ${col('order')}`;

export async function loadPeople(db: Db, credits: Iterable<Credit>): Promise<number> {
  await db.run(createTableSql(PEOPLE_TABLE, PEOPLE_COLUMNS as ColumnSpec<never>[]));
  return appendRows(db, PEOPLE_TABLE, PEOPLE_COLUMNS, credits, (c) => `movie ${c.movie_id} ${c.role} #${c.order}`);
}

/** Writes `outDir/people.parquet` (atomically); an empty credit list gives a valid empty file. */
export async function writePeopleParquet(credits: Credit[], outDir: string, db?: Db): Promise<ParquetArtifact> {
  const write = async (d: Db) => {
    await loadPeople(d, credits);
    return copyToParquet(d, `SELECT ${SELECT_COLUMNS} FROM ${ident(PEOPLE_TABLE)} ORDER BY ${ORDER}`, join(outDir, PEOPLE_FILE), {
      cineatlas_artifact: 'people',
      cineatlas_schema_version: String(SCHEMA_VERSION)
    });
  };
  return db ? write(db) : withDb(write);
}

/** Reads people.parquet back into Credit objects (same order as written). */
export async function readPeopleParquet(file: string, db?: Db): Promise<Credit[]> {
  const read = async (d: Db) => {
    const rows = await d.all(`SELECT ${SELECT_COLUMNS} FROM read_parquet($1) ORDER BY ${ORDER}`, [file]);
    return rows.map((r) => {
      const plain = fromJsonRow(PEOPLE_COLUMNS as ColumnSpec<never>[], r);
      return Object.fromEntries(CREDIT_FIELDS.map((f) => [f, plain[PEOPLE_SCHEMA[f].column]])) as unknown as Credit;
    });
  };
  return db ? read(db) : withDb(read);
}
