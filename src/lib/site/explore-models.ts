/**
 * The clustering models the pages offer: models.json (build-scripts/cluster/registry.ts)
 * names the default and each algorithm; the clusters table says which models have data.
 * Pure parsing and choosing; the fetch lives in components/explore/models.ts.
 */

export interface ModelChoice {
  id: string;
  /** "HDBSCAN", "K-Means", … (the id when models.json is unavailable). */
  algorithm: string;
  /** Clusters in the clusters table (noise counted as one). */
  clusters: number;
  status: 'production' | 'staging' | null;
}

export interface ModelsInfo {
  defaultModel: string | null;
  models: ModelChoice[];
}

interface RegistryLike {
  default_model?: unknown;
  models?: { id?: unknown; algorithm?: unknown; status?: unknown; k?: unknown }[];
}

/**
 * Joins models.json (may be null: missing or unreadable) with the models the clusters table
 * holds. Only models with data are offered; the default is models.json's when it has data,
 * else the first model.
 */
export function modelsInfo(registry: RegistryLike | null, inTable: readonly { model: string; clusters: number }[]): ModelsInfo {
  const reg = new Map<string, { algorithm: string; status: ModelChoice['status'] }>();
  for (const m of Array.isArray(registry?.models) ? registry.models : []) {
    if (typeof m?.id !== 'string') continue;
    reg.set(m.id, {
      algorithm: typeof m.algorithm === 'string' ? m.algorithm : m.id,
      status: m.status === 'production' || m.status === 'staging' ? m.status : null
    });
  }
  const models: ModelChoice[] = inTable.map((t) => ({
    id: t.model,
    algorithm: reg.get(t.model)?.algorithm ?? t.model,
    clusters: t.clusters,
    status: reg.get(t.model)?.status ?? null
  }));
  // Registry order (the build's own order) first, then anything else by id.
  const order = [...reg.keys()];
  models.sort((a, b) => {
    const ia = order.indexOf(a.id);
    const ib = order.indexOf(b.id);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.id.localeCompare(b.id);
  });
  const wanted = typeof registry?.default_model === 'string' ? registry.default_model : null;
  const defaultModel = wanted && models.some((m) => m.id === wanted) ? wanted : (models[0]?.id ?? null);
  return { defaultModel, models };
}

/** "HDBSCAN · 14 micro-genres" (with the id when two models share an algorithm). */
export function modelLabel(m: ModelChoice, all: readonly ModelChoice[]): string {
  const twin = all.some((o) => o !== m && o.algorithm === m.algorithm);
  const name = twin ? `${m.algorithm} (${m.id})` : m.algorithm;
  return `${name} · ${m.clusters} micro-genres`;
}

/** Display name of a cluster: its label, "Unclustered" for HDBSCAN noise, else "Cluster n". */
export function clusterLabel(cluster: number, name: string | null | undefined): string {
  if (cluster < 0) return 'Unclustered (noise)';
  return name?.trim() || `Cluster ${cluster}`;
}
