/**
 * The one seam between the query module and a DuckDB instance. Two engines implement it:
 * - worker.ts: DuckDB-WASM in its own web worker (the site);
 * - node.ts:   the same DuckDB-WASM build, blocking, in Node (unit tests, bench).
 * Both run every statement as a prepared statement with bound parameters, so the SQL in
 * queries.ts is exercised identically in tests and in the browser.
 */

/**
 * The parts of an Arrow JS table the data layer reads, typed structurally: DuckDB-WASM
 * 1.28 bundles Apache Arrow 13, whose package exposes no type declarations under its ESM
 * exports, and nothing here needs more than this.
 */
export interface ArrowType {
  /** Arrow format type id (Type enum): 2 Int, 3 Float, 5 Utf8, 6 Bool, 7 Decimal, 8 Date, 10 Timestamp, 12 List, 13 Struct, … */
  readonly typeId: number;
  readonly children?: readonly ArrowField[] | null;
}
export interface ArrowField {
  readonly name: string;
  readonly type: ArrowType;
}
export interface ArrowVector {
  readonly length: number;
  get(index: number): unknown;
}
export interface ArrowTable {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly ArrowField[] };
  getChildAt(index: number): ArrowVector | null;
}

/** A value bound to a `?` / `$n` placeholder. Lists are spelled as `[?, ?, …]` in SQL. */
export type SqlParam = string | number | boolean | null;

export interface SqlRunner {
  /** Runs one statement with bound parameters and returns its result as an Arrow table. */
  query(sql: string, params?: readonly SqlParam[]): Promise<ArrowTable>;
}

export interface DbEngine extends SqlRunner {
  /** Version string of the DuckDB inside, e.g. "v0.9.1". */
  readonly version: string;
  /** Makes `bytes` readable by SQL as file `name` (e.g. `read_parquet('movies.parquet')`). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Settings every engine applies right after opening: never fetch or load an extension at
 * run time. Everything the site uses (Parquet, lists, aggregates) is built in; with these
 * off, a query that would need an extension fails at once with a readable error instead
 * of reaching for the extension server (offline: a hang or a network error).
 */
export const ENGINE_SETTINGS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false'
] as const;

/**
 * Checks and normalises parameters before they cross into DuckDB-WASM, which serialises
 * them as JSON: a bigint would throw there ("Do not know how to serialize a BigInt") and
 * NaN/Infinity would silently become NULL, so both are dealt with here, by name.
 */
export function bindParams(params: readonly unknown[]): SqlParam[] {
  return params.map((p, i) => {
    if (p === null || typeof p === 'string' || typeof p === 'boolean') return p;
    if (typeof p === 'number') {
      if (!Number.isFinite(p)) throw new TypeError(`SQL parameter ${i + 1} is ${p}; only finite numbers can be bound`);
      return p;
    }
    if (typeof p === 'bigint') {
      const n = Number(p);
      if (!Number.isSafeInteger(n)) throw new RangeError(`SQL parameter ${i + 1} (${p}) is outside the safe integer range`);
      return n;
    }
    if (p === undefined) return null;
    throw new TypeError(`SQL parameter ${i + 1} has unsupported type ${typeof p}`);
  });
}
