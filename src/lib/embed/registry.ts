/** The models registry, reduced to what widgets need. */
import { getRegistry, type SiteRegistry } from '$lib/site/models-registry';
import { dataUrl } from '$lib/site/paths';

/** The registry's default model, or null when there is no usable registry (search still works by words). */
export async function defaultModel(): Promise<string | null> {
  const reg = await getRegistry(dataUrl('models.json'));
  return reg.status === 'ready' ? reg.registry.default_model : null;
}

/** The registry, or the reason it cannot be had. */
export async function registry(): Promise<{ registry: SiteRegistry } | { message: string }> {
  const reg = await getRegistry(dataUrl('models.json'));
  return reg.status === 'ready' ? { registry: reg.registry } : { message: reg.message };
}
