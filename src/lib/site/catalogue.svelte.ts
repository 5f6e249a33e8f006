/**
 * One catalogue per browser tab: DuckDB-WASM starts and the artifacts load once, on the
 * first page that needs data, and every later page reuses it (client-side navigation keeps
 * the module alive). The load state is reactive so any page can show progress or the error.
 */
import type { Catalogue, LoadProgress } from '$lib/db/client';
import { dataUrl } from './paths';

export type CatalogueState =
  | { status: 'idle' }
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'ready'; catalogue: Catalogue }
  | { status: 'error'; message: string };

export const catalogueState: { current: CatalogueState } = $state({ current: { status: 'idle' } });

let opening: Promise<Catalogue> | null = null;

/** Opens the catalogue (once) and resolves with it; rejects with a readable message. */
export function getCatalogue(): Promise<Catalogue> {
  if (!opening) {
    catalogueState.current = { status: 'loading', progress: null };
    opening = (async () => {
      const { openCatalogue, describeLoadError } = await import('$lib/db/client');
      try {
        const catalogue = await openCatalogue({
          dataUrl,
          onProgress: (progress) => {
            if (catalogueState.current.status === 'loading') catalogueState.current = { status: 'loading', progress };
          }
        });
        catalogueState.current = { status: 'ready', catalogue };
        return catalogue;
      } catch (e) {
        const message = describeLoadError(e);
        catalogueState.current = { status: 'error', message };
        opening = null; // a later page may retry (e.g. back online)
        throw new Error(message);
      }
    })();
  }
  return opening;
}
