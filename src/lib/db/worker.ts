/**
 * Browser engine: DuckDB-WASM 1.28.0 (DuckDB 0.9.1, Parquet reader built in) running in its
 * own web worker, single-threaded (GitHub Pages sends no COOP/COEP, so no SharedArrayBuffer
 * and no pthreads). The wasm binaries and worker scripts are imported with Vite's `?url`, so
 * they are emitted as hashed assets of the site and served from its own origin under its
 * base path — nothing is fetched from a CDN or from DuckDB's extension server (autoloading
 * is switched off: see ENGINE_SETTINGS). Which bundle runs is chosen by feature detection:
 * EH (wasm exceptions, every current browser) or MVP; only that one is downloaded (see
 * createWorkerEngine for who downloads it).
 *
 * Why 1.28.0 and not the latest: see README.md beside this file.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { CatalogueLoadError, fetchArtifact } from './download';
import { bindParams, ENGINE_SETTINGS, type DbEngine, type SqlParam } from './engine';

export interface WorkerEngineOptions {
  /** Bytes of the wasm binary received so far, and its size when known. */
  onBytes?: (loaded: number, total: number | null) => void;
  /** Gives up on a worker that neither starts nor fails (ms; default 60 s after the page has the wasm). */
  startTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** Absolute URL: the worker resolves relative URLs against its own script, not the page. */
const absolute = (u: string) => new URL(u, globalThis.location?.href).href;

/** URLs of the engine's assets as emitted into the site (for diagnostics and tests). */
export const ENGINE_ASSETS = { mvpWasm, ehWasm, mvpWorker, ehWorker };

export async function createWorkerEngine(o: WorkerEngineOptions = {}): Promise<DbEngine> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: absolute(mvpWasm), mainWorker: absolute(mvpWorker) },
    eh: { mainModule: absolute(ehWasm), mainWorker: absolute(ehWorker) }
  });
  const wasmUrl = bundle.mainModule;
  const fetchFn = o.fetch ?? globalThis.fetch.bind(globalThis);
  // Started first, so its script downloads alongside the wasm.
  const worker = new Worker(bundle.mainWorker!);
  // DuckDB-WASM drops its pending requests when its worker dies (script 404, out-of-memory
  // abort) without settling them: every call is raced against this so none hangs forever.
  let workerError: Error | null = null;
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (ev: ErrorEvent) => {
      workerError = new Error(ev.message || `the worker script ${bundle.mainWorker} could not be loaded`);
      reject(workerError);
    });
  });
  died.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, died]);

  // How the worker gets the wasm:
  // - first visit: the page downloads it (byte progress for the largest download, and a
  //   404 or broken connection becomes an error naming the file) and hands the worker a
  //   blob: URL. Left to itself, the worker's failed download aborts DuckDB-WASM 1.28 inside
  //   a promise it never settles, and the page would wait forever;
  // - once this browser has started this very binary (the URL is content-hashed; noted in
  //   localStorage), it is in the HTTP cache: the worker fetches it itself, compiling while
  //   it streams, and V8 can reuse its cached compiled code (measured: about 50–100 ms less
  //   per repeat visit on this machine, more on a phone).
  let moduleUrl = wasmUrl;
  let blobUrl: string | null = null;
  if (!startedBefore(wasmUrl)) {
    const wasmName = wasmUrl.split('/').pop()!;
    let wasm: Uint8Array<ArrayBuffer> | null;
    try {
      wasm = await fetchArtifact(wasmName, wasmUrl, fetchFn, o.onBytes);
    } catch (e) {
      worker.terminate();
      throw new CatalogueLoadError('engine', null, `The database engine could not start: ${(e as Error).message}`, { cause: e });
    }
    if (!wasm) {
      worker.terminate();
      throw new CatalogueLoadError('engine', null, `The database engine could not start: ${wasmUrl} was not found (HTTP 404).`);
    }
    moduleUrl = blobUrl = URL.createObjectURL(new Blob([wasm], { type: 'application/wasm' }));
  }

  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const limit = o.startTimeoutMs ?? 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the DuckDB worker did not start within ${limit / 1000} s`)), limit);
  });
  try {
    await Promise.race([guard(db.instantiate(moduleUrl, bundle.pthreadWorker)), timeout]);
    await Promise.race([guard(db.open({})), timeout]);
  } catch (e) {
    worker.terminate();
    throw e;
  } finally {
    clearTimeout(timer);
    if (blobUrl) URL.revokeObjectURL(blobUrl);
  }
  noteStarted(wasmUrl);
  const conn = await guard(db.connect());
  for (const s of ENGINE_SETTINGS) await guard(conn.query(s));
  const version = String((await guard(conn.query('SELECT version() AS v'))).get(0)?.v ?? '');

  return {
    version,
    async query(sql: string, params: readonly SqlParam[] = []) {
      if (workerError) throw workerError;
      const bound = bindParams(params);
      const stmt = await guard(conn.prepare(sql));
      try {
        return await guard(stmt.query(...bound));
      } finally {
        if (!workerError) await stmt.close().catch(() => undefined);
      }
    },
    async registerFile(name, bytes) {
      await guard(db.registerFileBuffer(name, bytes));
    },
    async dropFile(name) {
      await guard(db.dropFile(name));
    },
    async close() {
      await conn.close().catch(() => undefined);
      await db.terminate().catch(() => undefined);
    }
  };
}

const STARTED_KEY = 'cineatlas:duckdb-wasm-started';

function startedBefore(wasmUrl: string): boolean {
  try {
    return globalThis.localStorage?.getItem(STARTED_KEY) === wasmUrl;
  } catch {
    return false; // storage blocked: always take the download path
  }
}

function noteStarted(wasmUrl: string): void {
  try {
    globalThis.localStorage?.setItem(STARTED_KEY, wasmUrl);
  } catch {
    // storage blocked or full: the next visit downloads with progress again
  }
}
