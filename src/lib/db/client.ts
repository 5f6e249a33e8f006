/**
 * Opens the catalogue database: starts DuckDB-WASM in its worker and, in parallel,
 * downloads the Parquet artifacts from the site's own `<base>/data/`, reporting progress;
 * then creates the tables and checks their columns. Whatever fails is reported as a
 * CatalogueLoadError whose message names the file and says what to do, so a page can show
 * it as is.
 *
 * `loadArtifacts` takes any DbEngine and any `fetch`, so Node tests run this same loader
 * against the same DuckDB-WASM (node.ts) and a build folder.
 */
import type { DbEngine } from './engine';
import { ARTIFACTS, catalogueQueries, describeFileSql, tableCounts, type ArtifactSpec, type CatalogueQueries } from './queries';
import { toRows } from './rows';
import { CatalogueLoadError, fetchArtifact } from './download';

export { CatalogueLoadError, fetchArtifact, type LoadErrorKind } from './download';

export interface LoadProgress {
  stage: 'engine' | 'download' | 'tables' | 'ready';
  /** The artifact in hand, for 'download' and 'tables'. */
  file?: string;
  /** Bytes received so far (DuckDB-WASM binary + artifacts) and their total when known. */
  loaded: number;
  total: number | null;
  /** Overall progress 0–1, or null while a size is still unknown. */
  fraction: number | null;
  message: string;
}

export interface LoadOptions {
  /** URL of an artifact, e.g. `(f) => \`${base}/data/${f}\`` (see $lib/site/paths dataUrl). */
  dataUrl: (file: string) => string;
  fetch?: typeof fetch;
  onProgress?: (p: LoadProgress) => void;
  artifacts?: readonly ArtifactSpec[];
}

/** What manifest.json says about one artifact (written by build-scripts/write/manifest.ts). */
export interface ManifestArtifact {
  name: string;
  bytes: number;
  sha256?: string;
}

/**
 * The artifact list of `<base>/data/manifest.json`, or null when there is none or it cannot
 * be read (the loader then simply tries every artifact).
 */
export async function fetchManifestArtifacts(o: Pick<LoadOptions, 'dataUrl' | 'fetch'>): Promise<ManifestArtifact[] | null> {
  const fetchFn = o.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const res = await fetchFn(o.dataUrl('manifest.json'));
    if (!res.ok) return null;
    const raw = (await res.json()) as { artifacts?: unknown };
    if (!Array.isArray(raw.artifacts)) return null;
    return raw.artifacts
      .filter((a): a is ManifestArtifact => !!a && typeof a.name === 'string' && typeof a.bytes === 'number')
      .map((a) => ({ name: a.name, bytes: a.bytes, sha256: typeof a.sha256 === 'string' ? a.sha256 : undefined }));
  } catch {
    return null;
  }
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null; // not a secure context: skip the check, DuckDB still validates the file
  const digest = await subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Refuses bytes that differ from what the build recorded (cut-short download, file replaced after the build). */
export async function checkAgainstManifest(file: string, bytes: Uint8Array<ArrayBuffer>, entry: ManifestArtifact | undefined): Promise<void> {
  if (!entry) return;
  if (bytes.byteLength !== entry.bytes)
    throw new CatalogueLoadError(
      'corrupt',
      file,
      `${file} is ${bytes.byteLength.toLocaleString('en')} bytes but the build wrote ${entry.bytes.toLocaleString('en')}: the download was cut short or the file was replaced. Rebuild the data and the site.`
    );
  if (entry.sha256) {
    const hex = await sha256Hex(bytes);
    if (hex && hex !== entry.sha256)
      throw new CatalogueLoadError('corrupt', file, `${file} does not match the checksum in manifest.json: it was changed or damaged after the build. Rebuild the data and the site.`);
  }
}

export interface LoadReport {
  /** Rows per table. */
  counts: Record<string, number>;
  /** Optional artifacts that were absent (their tables are empty). */
  absent: string[];
  /** Bytes downloaded per artifact. */
  bytes: Record<string, number>;
  /** Whether manifest.json was found and its sizes/checksums checked. */
  manifest: boolean;
  /** Downloads (from the start, incl. manifest.json) and table creation (once the engine is ready). */
  ms: { download: number; tables: number };
}

export interface Catalogue {
  engine: DbEngine;
  queries: CatalogueQueries;
  report: LoadReport;
  /** Wall time of each phase (engine and downloads overlap). */
  ms: { engine: number; total: number };
  close(): Promise<void>;
}

const MB = 1e6;
const fmtMB = (b: number) => `${(b / MB).toFixed(1)} MB`;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Tracks bytes of several concurrent downloads and turns them into LoadProgress events. */
class ProgressTracker {
  private readonly parts = new Map<string, { loaded: number; total: number | null }>();
  constructor(private readonly emit?: (p: LoadProgress) => void) {}

  update(key: string, loaded: number, total: number | null, stage: LoadProgress['stage'], message: string, file?: string) {
    this.parts.set(key, { loaded, total });
    if (!this.emit) return;
    let sumLoaded = 0;
    let sumTotal: number | null = 0;
    for (const p of this.parts.values()) {
      sumLoaded += p.loaded;
      sumTotal = p.total === null || sumTotal === null ? null : sumTotal + p.total;
    }
    const fraction = sumTotal ? Math.min(1, sumLoaded / sumTotal) : null;
    this.emit({ stage, file, loaded: sumLoaded, total: sumTotal, fraction, message });
  }

  say(stage: LoadProgress['stage'], message: string, file?: string, fraction: number | null = null) {
    this.emit?.({ stage, file, loaded: 0, total: null, fraction, message });
  }
}

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/** Refuses bytes that cannot be a Parquet file (truncated download, HTML error page, …). */
export function checkParquetBytes(file: string, bytes: Uint8Array): void {
  const at = (offset: number) => MAGIC.every((b, i) => bytes[offset + i] === b);
  if (bytes.byteLength >= 12 && at(0) && at(bytes.byteLength - 4)) return;
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().toLowerCase();
  const what = head.startsWith('<!doctype') || head.startsWith('<html')
    ? 'the server sent an HTML page instead'
    : bytes.byteLength < 12
      ? `it is only ${bytes.byteLength} bytes long`
      : at(0)
        ? 'it is truncated (no Parquet footer)'
        : 'it does not start with the Parquet signature';
  throw new CatalogueLoadError('corrupt', file, `${file} is not a readable Parquet file: ${what}. Rebuild the data (npm run build:data) and the site.`);
}

/** First line of an error message, without control characters (DuckDB may echo garbled bytes). */
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0].replace(/[\u0000-\u001f\u007f]/g, '').trim();

/** Creates one table from downloaded bytes (or empty, for an absent optional artifact). */
async function createTable(engine: DbEngine, spec: ArtifactSpec, bytes: Uint8Array): Promise<void> {
  checkParquetBytes(spec.file, bytes);
  const registered = `cineatlas_${spec.file}`;
  await engine.registerFile(registered, bytes);
  try {
    let columns: string[];
    try {
      columns = toRows<{ column_name: string }>(await engine.query(describeFileSql(registered))).map((r) => r.column_name);
    } catch (e) {
      throw new CatalogueLoadError('corrupt', spec.file, `${spec.file} could not be read as Parquet (${firstLine(e)}). It may be corrupt: rebuild the data and the site.`, { cause: e });
    }
    const missing = spec.columns.filter((c) => !columns.includes(c));
    if (missing.length)
      throw new CatalogueLoadError(
        'schema',
        spec.file,
        `${spec.file} lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that this site needs: it was built by another version of CineAtlas. Rebuild the data and the site.`
      );
    try {
      await engine.query(spec.createFrom(registered));
    } catch (e) {
      throw new CatalogueLoadError('corrupt', spec.file, `${spec.file} could not be loaded (${firstLine(e)}). It may be corrupt: rebuild the data and the site.`, { cause: e });
    }
  } finally {
    await engine.dropFile(registered).catch(() => undefined);
  }
}

/**
 * Downloads every artifact (in parallel) and creates its table in `engine`. Required
 * artifacts that are absent, and any artifact that is unreadable, throw a CatalogueLoadError.
 */
export async function loadArtifacts(engine: DbEngine | Promise<DbEngine>, o: LoadOptions, tracker = new ProgressTracker(o.onProgress)): Promise<LoadReport> {
  const fetchFn = o.fetch ?? globalThis.fetch.bind(globalThis);
  const specs = o.artifacts ?? ARTIFACTS;
  const t0 = now();
  const manifest = await fetchManifestArtifacts({ dataUrl: o.dataUrl, fetch: fetchFn });
  const entry = (file: string) => manifest?.find((a) => a.name === file);
  const downloads = specs.map(async (spec) => {
    // An optional artifact the manifest does not list was not built: don't ask for it.
    if (manifest && !spec.required && !entry(spec.file)) return null;
    const known = entry(spec.file)?.bytes ?? null;
    const data = await fetchArtifact(spec.file, o.dataUrl(spec.file), fetchFn, (loaded, total) => {
      const size = total ?? known;
      tracker.update(`file:${spec.file}`, loaded, size, 'download', `Downloading ${spec.file} (${fmtMB(loaded)}${size ? ` of ${fmtMB(size)}` : ''})`, spec.file);
    });
    if (data) {
      checkParquetBytes(spec.file, data);
      await checkAgainstManifest(spec.file, data, entry(spec.file));
    }
    return data;
  });
  // Settle all before throwing, so a failed file does not leave others streaming unobserved.
  const settled = await Promise.allSettled(downloads);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  const files = settled.map((s) => (s as PromiseFulfilledResult<Uint8Array | null>).value);
  const tDownloaded = now();

  const db = await engine;
  const tTables = now();
  const absent: string[] = [];
  const bytes: Record<string, number> = {};
  for (const [i, spec] of specs.entries()) {
    const data = files[i];
    if (data === null) {
      if (spec.required || !spec.createEmpty)
        throw new CatalogueLoadError(
          'missing',
          spec.file,
          `${spec.file} was not found at ${o.dataUrl(spec.file)} (HTTP 404). The site was built without its catalogue: run npm run build:data, then npm run build.`
        );
      absent.push(spec.file);
      await db.query(spec.createEmpty);
      continue;
    }
    bytes[spec.file] = data.byteLength;
    tracker.say('tables', `Reading ${spec.file}`, spec.file);
    await createTable(db, spec, data);
  }
  const counts = await tableCounts(db);
  return { counts, absent, bytes, manifest: manifest !== null, ms: { download: tDownloaded - t0, tables: now() - tTables } };
}

export interface OpenOptions extends LoadOptions {
  /** Engine factory; defaults to DuckDB-WASM in a web worker (worker.ts). */
  engine?: (onBytes: (loaded: number, total: number | null) => void) => Promise<DbEngine>;
}

/** Starts the engine and downloads in parallel, loads the tables, and returns the typed queries. */
export async function openCatalogue(o: OpenOptions): Promise<Catalogue> {
  const tracker = new ProgressTracker(o.onProgress);
  const t0 = now();
  let engineMs = 0;
  tracker.say('engine', 'Starting the database engine');
  const factory = o.engine ?? (async (onBytes) => (await import('./worker')).createWorkerEngine({ onBytes }));
  const enginePromise = factory((loaded, total) =>
    tracker.update('engine', loaded, total, 'engine', `Downloading the database engine (${fmtMB(loaded)}${total ? ` of ${fmtMB(total)}` : ''})`)
  ).then(
    (e) => {
      engineMs = now() - t0;
      return e;
    },
    (e: unknown) => {
      throw e instanceof CatalogueLoadError ? e : new CatalogueLoadError('engine', null, `The database engine could not start: ${firstLine(e)}`, { cause: e });
    }
  );
  // Observe a rejection even if the downloads fail first.
  enginePromise.catch(() => undefined);
  let report: LoadReport;
  try {
    report = await loadArtifacts(enginePromise, o, tracker);
  } catch (e) {
    enginePromise.then((eng) => eng.close(), () => undefined);
    throw e;
  }
  const engine = await enginePromise;
  const total = now() - t0;
  tracker.say('ready', `Ready: ${report.counts.movies ?? 0} movies`, undefined, 1);
  return { engine, queries: catalogueQueries(engine), report, ms: { engine: engineMs, total }, close: () => engine.close() };
}

/** A message fit for the page from anything `openCatalogue` threw. */
export function describeLoadError(e: unknown): string {
  if (e instanceof CatalogueLoadError) return e.message;
  return `The catalogue could not be loaded: ${firstLine(e)}`;
}
