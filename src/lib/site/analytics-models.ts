/**
 * Which micro-genre model the Trends page uses: `default_model` of `<base>/data/models.json`
 * (build-scripts/cluster/registry.ts writes it). Only the fields read here are typed, so a
 * registry with more fields, or an older one, still parses.
 */
export interface DefaultModel {
  id: string;
  algorithm: string | null;
  /** Clusters of the model (excluding noise) when the registry says. */
  k: number | null;
}

/** Picks the default model out of a parsed models.json; null when it names none. */
export function defaultModelOf(registry: unknown): DefaultModel | null {
  if (!registry || typeof registry !== 'object') return null;
  const r = registry as { default_model?: unknown; models?: unknown };
  if (typeof r.default_model !== 'string' || !r.default_model) return null;
  const models = Array.isArray(r.models) ? (r.models as { id?: unknown; algorithm?: unknown; k?: unknown }[]) : [];
  const m = models.find((x) => x && x.id === r.default_model);
  return {
    id: r.default_model,
    algorithm: typeof m?.algorithm === 'string' ? m.algorithm : null,
    k: typeof m?.k === 'number' && Number.isFinite(m.k) ? m.k : null
  };
}

/** Fetches models.json from `url`; null when there is none (no micro-genres built) or it is unreadable. */
export async function loadDefaultModel(url: string, fetchFn: typeof fetch = fetch): Promise<DefaultModel | null> {
  try {
    const res = await fetchFn(url);
    if (!res.ok) return null;
    return defaultModelOf(await res.json());
  } catch {
    return null;
  }
}
