/**
 * Asks the browser to keep this site's storage (Cache API, IndexedDB) under storage pressure.
 * Called once the visitor has something worth keeping (the search model has been downloaded
 * and cached): asking on page load would make Firefox prompt before the site has shown its
 * worth, and Chromium grants by engagement anyway. Never blocks and never throws: a refusal
 * only means the browser may evict the caches, and the site downloads them again.
 */

let asked: Promise<boolean> | null = null;

export function requestPersistentStorage(storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage): Promise<boolean> {
  asked ??= (async () => {
    try {
      if (!storage?.persist) return false;
      if (storage.persisted && (await storage.persisted())) return true;
      return await storage.persist();
    } catch {
      return false; // storage blocked (opaque origin, some private modes)
    }
  })();
  return asked;
}

/** Tests only: forget that the question was asked. */
export function resetPersistRequest(): void {
  asked = null;
}
