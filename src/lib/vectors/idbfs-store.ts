/**
 * The persisted HNSW index, as hnswlib-wasm stores it: Emscripten's IDBFS keeps each file of
 * its /hnswlib-index mount as one record of the IndexedDB database "/hnswlib-index" (store
 * "FILE_DATA", key "/hnswlib-index/<file>"). Raw IndexedDB access here does what the library
 * cannot: probe whether IndexedDB works at all, and delete indexes of older builds *before*
 * the library loads (it copies every stored file into memory at start-up).
 */
import type { HnswParams } from './hnsw';

const DB = '/hnswlib-index';
const STORE = 'FILE_DATA';
const PREFIX = `${DB}/cineatlas-`;
/** Bump when the index layout or labelling changes, to drop every stored index. */
const LAYOUT = 1;

/** What a stored index file's name records. */
export interface StoredIndex {
  file: string;
  count: number;
  dim: number;
  m: number;
  efConstruction: number;
}

const keyPart = (versionKey: string) => versionKey.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 32) || 'nokey';

/**
 * Stored index name: the version key (the compact file's sha256 from manifest.json), so a
 * new build never reuses a stale index; the vector count and the parameters that shaped the
 * graph (M, efConstruction), so a change of parameters rebuilds; and the dim, which hnswlib
 * needs to read the file back (the file does not record it).
 */
export function indexFileName(versionKey: string, count: number, dim: number, p: Pick<HnswParams, 'm' | 'efConstruction'>): string {
  return `cineatlas-l${LAYOUT}-${keyPart(versionKey)}-n${count}-d${dim}-m${p.m}-c${p.efConstruction}.hnsw`;
}

export function parseIndexFileName(file: string): StoredIndex | null {
  const m = /^cineatlas-l(\d+)-[a-z0-9]+-n(\d+)-d(\d+)-m(\d+)-c(\d+)\.hnsw$/.exec(file);
  if (!m || Number(m[1]) !== LAYOUT) return null;
  return { file, count: Number(m[2]), dim: Number(m[3]), m: Number(m[4]), efConstruction: Number(m[5]) };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/**
 * Whether IndexedDB can be opened here. It throws or errors in some private modes, in
 * sandboxed/opaque origins and where third-party storage is blocked; it may also hang
 * (blocked), hence the timeout.
 */
export async function indexedDbUsable(timeoutMs = 3000): Promise<boolean> {
  try {
    const idb = globalThis.indexedDB;
    if (!idb) return false;
    const open = idb.open('cineatlas-probe');
    const db = await Promise.race([request(open), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
    if (!db) return false;
    db.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * IDBFS stores a file as one IndexedDB record, and Chromium refuses records above this
 * ("The serialized keys and/or value are too large (…max=133169152 bytes)", Chromium 156):
 * an index of more than ~79k 384-D vectors cannot be stored there.
 */
export const MAX_RECORD_BYTES = 133_169_152;

/**
 * Bytes this origin may still store (StorageManager estimate), or null when unknown. A write
 * beyond the quota would fail inside IDBFS, which cannot report it cleanly (see hnsw.ts).
 */
export async function storageRoom(): Promise<number | null> {
  try {
    const est = await globalThis.navigator?.storage?.estimate?.();
    return est?.quota ? est.quota - (est.usage ?? 0) : null;
  } catch {
    return null;
  }
}

async function withStore<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => Promise<T>): Promise<T | null> {
  const db = await request(indexedDB.open(DB));
  try {
    // A database this code just created (no store yet) holds nothing; IDBFS adds the store itself.
    if (!db.objectStoreNames.contains(STORE)) return null;
    return await fn(db.transaction(STORE, mode).objectStore(STORE));
  } finally {
    db.close();
  }
}

/** Stored CineAtlas index files and their sizes in bytes. */
export async function listStoredIndexes(): Promise<{ file: string; bytes: number }[]> {
  const out = await withStore('readonly', async (s) => {
    const keys = (await request(s.getAllKeys())).map(String).filter((k) => k.startsWith(PREFIX));
    const files = [];
    for (const k of keys) {
      const rec = (await request(s.get(k))) as { contents?: ArrayLike<number> } | undefined;
      files.push({ file: k.slice(DB.length + 1), bytes: rec?.contents?.length ?? 0 });
    }
    return files;
  });
  return out ?? [];
}

/** The stored index of the build with this version key, or null. */
export async function findStoredIndex(versionKey: string): Promise<StoredIndex | null> {
  const prefix = `cineatlas-l${LAYOUT}-${keyPart(versionKey)}-`;
  for (const { file } of await listStoredIndexes()) {
    const parsed = file.startsWith(prefix) ? parseIndexFileName(file) : null;
    if (parsed) return parsed;
  }
  return null;
}

/** Deletes every stored CineAtlas index except `keep`; returns the names removed. */
export async function pruneStoredIndexes(keep: string | null): Promise<string[]> {
  const removed = await withStore('readwrite', async (s) => {
    const stale = (await request(s.getAllKeys())).map(String).filter((k) => k.startsWith(PREFIX) && k !== `${DB}/${keep}`);
    await Promise.all(stale.map((k) => request(s.delete(k))));
    return stale.map((k) => k.slice(DB.length + 1));
  });
  return removed ?? [];
}
