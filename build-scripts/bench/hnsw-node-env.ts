/**
 * hnswlib-wasm is built for browsers only: in Node it needs an IndexedDB (for its IDBFS
 * mount) and a `window` global. Import this module before src/lib/vectors/hnsw.ts.
 */
import 'fake-indexeddb/auto';

(globalThis as unknown as { window: unknown }).window ??= globalThis;
