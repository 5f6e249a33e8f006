/**
 * Downloads with progress and the loader's error type. Shared by the artifact loader
 * (client.ts) and the engine (worker.ts, which downloads its own wasm binary so that a
 * failed download is an error here rather than a worker that never answers).
 */

export type LoadErrorKind = 'missing' | 'http' | 'network' | 'corrupt' | 'schema' | 'engine';

export class CatalogueLoadError extends Error {
  constructor(
    readonly kind: LoadErrorKind,
    /** The artifact concerned, or null for the engine. */
    readonly file: string | null,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options);
    this.name = 'CatalogueLoadError';
  }
}

/**
 * Downloads one artifact, reporting bytes as they arrive. Returns null for a 404 (the
 * caller decides whether the file was optional); any other failure throws a
 * CatalogueLoadError naming the file and URL.
 */
export async function fetchArtifact(
  file: string,
  url: string,
  fetchFn: typeof fetch,
  onBytes?: (loaded: number, total: number | null) => void
): Promise<Uint8Array<ArrayBuffer> | null> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw new CatalogueLoadError('network', file, `Could not download ${file} from ${url}: ${(e as Error).message}`, { cause: e });
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new CatalogueLoadError('http', file, `Could not download ${file}: ${url} answered ${res.status} ${res.statusText}`.trim());
  const encoded = res.headers.get('content-encoding');
  const length = Number(res.headers.get('content-length'));
  // With a content-encoding the length is of the compressed body, not of what the reader yields.
  const total = !encoded && Number.isFinite(length) && length > 0 ? length : null;
  try {
    if (!res.body) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      onBytes?.(bytes.byteLength, bytes.byteLength);
      return bytes;
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    onBytes?.(0, total);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onBytes?.(loaded, total);
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    onBytes?.(loaded, loaded);
    return bytes;
  } catch (e) {
    throw new CatalogueLoadError('network', file, `The download of ${file} from ${url} broke off: ${(e as Error).message}`, { cause: e });
  }
}

