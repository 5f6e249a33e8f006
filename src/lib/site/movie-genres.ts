/**
 * The movie page's micro-genre panel: the movie's cluster in every model of the registry,
 * in the registry's order, with the link to the micro-genre page. HDBSCAN noise (−1) is
 * shown as noise, not as a genre; a model without an assignment for the movie says so. Pure.
 */
import type { MovieClusterDetail } from '$lib/db/queries-explore';
import { genreStateParams, queryString } from './atlas-url';

export interface MicroGenreRow {
  model: string;
  modelLabel: string;
  /** null: the model has no assignment for this movie. */
  cluster: number | null;
  noise: boolean;
  /** Display name ("Cluster 4" when the build has no label; "Noise" for −1). */
  name: string;
  keywords: string[];
  size: number | null;
  probability: number | null;
  /** Query string of /genre/ for this cluster; null when unassigned. */
  genreQuery: string | null;
}

export function microGenreRows(
  models: readonly { id: string; label: string }[],
  details: readonly MovieClusterDetail[]
): MicroGenreRow[] {
  const by = new Map(details.map((d) => [d.model, d]));
  return models.map(({ id, label }) => {
    const d = by.get(id);
    if (!d) return { model: id, modelLabel: label, cluster: null, noise: false, name: 'Not assigned', keywords: [], size: null, probability: null, genreQuery: null };
    const noise = d.cluster < 0;
    return {
      model: id,
      modelLabel: label,
      cluster: d.cluster,
      noise,
      name: noise ? 'Noise — in no micro-genre' : d.name?.trim() || `Cluster ${d.cluster}`,
      keywords: noise ? [] : (d.keywords ?? []).slice(0, 5),
      size: d.size,
      probability: d.probability,
      genreQuery: queryString(genreStateParams({ model: id, cluster: d.cluster }))
    };
  });
}

/** The default model's cluster of the movie: a number, or null when noise or unassigned. */
export function clusterInModel(rows: readonly MicroGenreRow[], model: string | null): number | null {
  const r = rows.find((x) => x.model === model);
  return r && r.cluster !== null && !r.noise ? r.cluster : null;
}
