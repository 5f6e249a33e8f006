/**
 * Node engine: the very same DuckDB-WASM build the site ships (its blocking Node target
 * with the EH wasm), so unit tests and the bench run queries.ts and the artifact loader
 * against the engine the browser uses — including its Parquet reader. Node-only (fs,
 * require): never imported by browser code.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bindParams, ENGINE_SETTINGS, type ArrowTable, type DbEngine, type SqlParam } from './engine';

const require = createRequire(import.meta.url);

interface BlockingStatement {
  query(...params: unknown[]): ArrowTable;
  close(): void;
}
interface BlockingConnection {
  query(sql: string): ArrowTable & { get(i: number): Record<string, unknown> | null };
  prepare(sql: string): BlockingStatement;
  close(): void;
}
interface BlockingDb {
  instantiate(): Promise<unknown>;
  open(config: object): void;
  connect(): BlockingConnection;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  dropFile(name: string): void;
  reset(): void;
}
interface BlockingModule {
  createDuckDB(bundles: object, logger: object, runtime: object): Promise<BlockingDb>;
  VoidLogger: new () => object;
  NODE_RUNTIME: object;
}

/** Opens an in-memory DuckDB-WASM in this Node process. */
export async function openNodeEngine(): Promise<DbEngine> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as BlockingModule;
  const bundles = {
    mvp: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'), mainWorker: '' }
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  for (const s of ENGINE_SETTINGS) conn.query(s);
  const version = String(conn.query('SELECT version() AS v').get(0)?.v ?? '');
  return {
    version,
    async query(sql: string, params: readonly SqlParam[] = []) {
      const stmt = conn.prepare(sql);
      try {
        return stmt.query(...bindParams(params));
      } finally {
        stmt.close();
      }
    },
    async registerFile(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async close() {
      conn.close();
      db.reset();
    }
  };
}

/**
 * A `fetch` that serves `<dir>/<file>` for any URL ending in `/data/<file>` (404 when the
 * file is absent), so the browser loader in client.ts runs unchanged against a build folder.
 */
export function fetchFromDir(dir: string): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const name = decodeURIComponent(url.split('/').pop() ?? '');
    try {
      const bytes = await readFile(join(dir, name));
      return new Response(bytes, { status: 200, headers: { 'content-length': String(bytes.byteLength) } });
    } catch {
      return new Response('not found', { status: 404, statusText: 'Not Found' });
    }
  }) as typeof fetch;
}
