/**
 * Loads the model choices once per tab: models.json from the site's own /data (optional)
 * joined with the models the clusters table holds.
 */
import type { Catalogue } from '$lib/db/client';
import { dataUrl } from '$lib/site/paths';
import { modelsInfo, type ModelsInfo } from '$lib/site/explore-models';

let cached: Promise<ModelsInfo> | null = null;

async function fetchRegistry(): Promise<Parameters<typeof modelsInfo>[0]> {
  try {
    const res = await fetch(dataUrl('models.json'));
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

export function loadModels(cat: Catalogue): Promise<ModelsInfo> {
  if (!cached) {
    cached = Promise.all([fetchRegistry(), cat.queries.clusterModels()])
      .then(([registry, inTable]) => modelsInfo(registry, inTable))
      .catch((e) => {
        cached = null;
        throw e;
      });
  }
  return cached;
}
