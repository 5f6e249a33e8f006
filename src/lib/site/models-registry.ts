/**
 * models.json (written by build-scripts/cluster/registry.ts) for the site: fetched once,
 * checked, and turned into a shape the pages can trust. A registry without any usable model
 * is refused with a message; smaller defects (an unknown default model, a malformed metric,
 * an agreement pair naming an unknown model, a duplicate id) are repaired or dropped and
 * reported in `warnings`, so one bad field does not take a page down.
 */

import { chooseDefaultModel } from '$lib/core/default-model';

export type ModelStatus = 'production' | 'staging' | 'unknown';

export interface SizeSummary {
  clusters: number;
  min: number;
  median: number;
  max: number;
  mean: number;
  gini: number;
}

export interface ModelMetrics {
  silhouette: number | null;
  davies_bouldin: number | null;
  calinski_harabasz: number | null;
  noise_fraction: number | null;
  genre_nmi: number | null;
  label_grounded: number | null;
  label_coverage: number | null;
  sizes: SizeSummary | null;
}

export interface SelectionPoint {
  value: number;
  score: number;
}

export interface SiteModel {
  id: string;
  algorithm: string;
  status: ModelStatus;
  k: number | null;
  params: Record<string, string | number | boolean>;
  rule: string;
  selection: SelectionPoint[];
  metrics: ModelMetrics;
  macro_k: number | null;
  build_seconds: number | null;
}

export interface AgreementPair {
  a: string;
  b: string;
  ari: number | null;
  nmi: number | null;
}

export interface SiteRegistry {
  version: number | null;
  built_at: string | null;
  default_model: string;
  promotion_rule: { metric: string; min: number | null; description: string } | null;
  space: string;
  models: SiteModel[];
  agreement: AgreementPair[];
  warnings: string[];
}

export class RegistryError extends Error {
  override name = 'RegistryError';
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const MODEL_ID = /^[A-Za-z0-9_.-]{1,64}$/;

const METRIC_KEYS = ['silhouette', 'davies_bouldin', 'calinski_harabasz', 'noise_fraction', 'genre_nmi', 'label_grounded', 'label_coverage'] as const;

function parseSizes(v: unknown): SizeSummary | null {
  if (!isObj(v)) return null;
  const keys = ['clusters', 'min', 'median', 'max', 'mean', 'gini'] as const;
  const out = {} as Record<(typeof keys)[number], number>;
  for (const k of keys) {
    const n = num(v[k]);
    if (n === null) return null;
    out[k] = n;
  }
  return out;
}

function parseModel(raw: unknown, i: number, warnings: string[]): SiteModel | null {
  if (!isObj(raw)) {
    warnings.push(`models[${i}] is not an object; left out`);
    return null;
  }
  const id = str(raw.id);
  if (!id || !MODEL_ID.test(id)) {
    warnings.push(`models[${i}] has no valid id; left out`);
    return null;
  }
  const m = isObj(raw.metrics) ? raw.metrics : {};
  if (!isObj(raw.metrics)) warnings.push(`model ${id} has no metrics`);
  const metrics = { sizes: parseSizes(m.sizes) } as ModelMetrics;
  for (const k of METRIC_KEYS) {
    metrics[k] = num(m[k]);
    if (m[k] !== undefined && m[k] !== null && metrics[k] === null) warnings.push(`model ${id}: metric ${k} is not a number`);
  }
  const params: SiteModel['params'] = {};
  if (isObj(raw.params)) {
    for (const [k, v] of Object.entries(raw.params)) {
      if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) params[k] = v;
    }
  }
  const selection = Array.isArray(raw.selection)
    ? raw.selection
        .filter(isObj)
        .map((p) => ({ value: num(p.value), score: num(p.score) }))
        .filter((p): p is SelectionPoint => p.value !== null && p.score !== null)
        .sort((a, b) => a.value - b.value)
    : [];
  const status = raw.status === 'production' || raw.status === 'staging' ? raw.status : 'unknown';
  if (status === 'unknown') warnings.push(`model ${id} has no promotion status`);
  return {
    id,
    algorithm: str(raw.algorithm) || id,
    status,
    k: num(raw.k),
    params,
    rule: str(raw.rule) ?? '',
    selection,
    metrics,
    macro_k: num(raw.macro_k),
    build_seconds: num(raw.build_seconds)
  };
}

/** Checks and normalises a parsed models.json. Throws RegistryError when no model is usable. */
export function parseRegistry(raw: unknown): SiteRegistry {
  if (!isObj(raw)) throw new RegistryError('models.json is not a JSON object');
  if (!Array.isArray(raw.models)) throw new RegistryError('models.json has no "models" list');
  const warnings: string[] = [];
  const models: SiteModel[] = [];
  raw.models.forEach((r, i) => {
    const m = parseModel(r, i, warnings);
    if (!m) return;
    if (models.some((o) => o.id === m.id)) warnings.push(`model ${m.id} is listed twice; the first is kept`);
    else models.push(m);
  });
  if (!models.length) throw new RegistryError('models.json lists no usable model');

  const ids = new Set(models.map((m) => m.id));
  let def = str(raw.default_model);
  if (!def || !ids.has(def)) {
    const fallback = chooseDefaultModel(models);
    warnings.push(`default model ${JSON.stringify(raw.default_model ?? null)} is not in the registry; using ${fallback}`);
    def = fallback;
  }

  const agreement: AgreementPair[] = [];
  if (Array.isArray(raw.agreement)) {
    for (const p of raw.agreement) {
      if (!isObj(p) || typeof p.a !== 'string' || typeof p.b !== 'string' || !ids.has(p.a) || !ids.has(p.b) || p.a === p.b) {
        warnings.push(`agreement entry ${JSON.stringify(p)} names no pair of known models; left out`);
        continue;
      }
      agreement.push({ a: p.a, b: p.b, ari: num(p.ari), nmi: num(p.nmi) });
    }
  }

  const rule = isObj(raw.promotion_rule)
    ? {
        metric: str(raw.promotion_rule.metric) ?? 'silhouette',
        min: num(raw.promotion_rule.min),
        description: str(raw.promotion_rule.description) ?? ''
      }
    : null;

  return {
    version: num(raw.version),
    built_at: str(raw.built_at),
    default_model: def,
    promotion_rule: rule,
    space: str(raw.space) ?? '',
    models,
    agreement,
    warnings
  };
}

export type RegistryState =
  | { status: 'ready'; registry: SiteRegistry }
  | { status: 'missing'; message: string }
  | { status: 'error'; message: string };

/** Fetches and checks models.json; never throws, so a page can say what went wrong. */
export async function loadRegistry(url: string, fetchFn: typeof fetch = fetch): Promise<RegistryState> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (e) {
    return { status: 'error', message: `Could not reach ${url}: ${(e as Error).message}` };
  }
  if (res.status === 404) {
    return { status: 'missing', message: 'This build has no micro-genres (models.json was not found): run the data build with clustering on.' };
  }
  if (!res.ok) return { status: 'error', message: `${url} answered ${res.status} ${res.statusText}` };
  let raw: unknown;
  try {
    raw = await res.json();
  } catch {
    return { status: 'error', message: `${url} is not valid JSON` };
  }
  try {
    return { status: 'ready', registry: parseRegistry(raw) };
  } catch (e) {
    return { status: 'error', message: `${url}: ${(e as Error).message}` };
  }
}

const cache = new Map<string, Promise<RegistryState>>();

/** loadRegistry once per URL and page session (a failed load is retried next time). */
export function getRegistry(url: string): Promise<RegistryState> {
  let p = cache.get(url);
  if (!p) {
    p = loadRegistry(url).then((s) => {
      if (s.status !== 'ready') cache.delete(url);
      return s;
    });
    cache.set(url, p);
  }
  return p;
}

/** "HDBSCAN", "K-Means · k = 8", "K-Means · fixed k = 75", "Ward · 8 (2 macro)". */
export function modelLabel(m: SiteModel): string {
  const fixed = /^fixed\b/i.test(m.rule);
  const k = m.k === null ? '' : ` · ${fixed ? 'fixed ' : ''}k = ${m.k}`;
  return `${m.algorithm}${k}`;
}

/** Short name for tight spaces (the model select, the heatmap axes). */
export function modelShortLabel(m: SiteModel): string {
  const base = /k-?means/i.test(m.algorithm) ? 'K-Means' : /gaussian|gmm/i.test(m.algorithm) ? 'GMM' : /ward/i.test(m.algorithm) ? 'Ward' : m.algorithm;
  const fixed = /^fixed\b/i.test(m.rule);
  return fixed && m.k !== null ? `${base} ${m.k}` : base;
}
