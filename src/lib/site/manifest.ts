/**
 * Reads the build's manifest.json from the site's own /data folder. Only the fields the
 * pages show are typed here; the full shape is written by build-scripts/write/manifest.ts.
 */
export interface ManifestSource {
  file: string;
  adapter: string;
  rows: number;
  kept: number;
  rejected: number;
}

export interface SiteManifest {
  schema_version: number;
  built_at: string;
  sources: ManifestSource[];
  counts: {
    movies: number;
    credits?: number;
    rejected_rows?: number;
    people?: number;
    genres?: number;
    languages?: number;
    years?: [number, number] | null;
  };
}

export type ManifestState =
  | { status: 'loading' }
  | { status: 'ready'; manifest: SiteManifest }
  | { status: 'missing'; message: string }
  | { status: 'error'; message: string };

/** Fetches and checks the manifest; never throws, so a page can show what went wrong. */
export async function loadManifest(url: string, fetchFn: typeof fetch = fetch): Promise<ManifestState> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (e) {
    return { status: 'error', message: `Could not reach ${url}: ${(e as Error).message}` };
  }
  if (res.status === 404) return { status: 'missing', message: 'No catalogue has been built into this site yet.' };
  if (!res.ok) return { status: 'error', message: `${url} answered ${res.status} ${res.statusText}` };
  try {
    return { status: 'ready', manifest: parseManifest(await res.json()) };
  } catch (e) {
    return { status: 'error', message: `${url} is not a CineAtlas manifest: ${(e as Error).message}` };
  }
}

export function parseManifest(raw: unknown): SiteManifest {
  if (!raw || typeof raw !== 'object') throw new Error('not a JSON object');
  const m = raw as Record<string, unknown>;
  if (typeof m.schema_version !== 'number') throw new Error('schema_version is missing');
  const sources = Array.isArray(m.sources) ? (m.sources as ManifestSource[]) : [];
  const counts = (m.counts && typeof m.counts === 'object' ? m.counts : {}) as SiteManifest['counts'];
  if (typeof counts.movies !== 'number') throw new Error('counts.movies is missing');
  return { schema_version: m.schema_version, built_at: String(m.built_at ?? ''), sources, counts };
}
