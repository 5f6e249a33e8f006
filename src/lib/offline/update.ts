/**
 * "A new version is available": a new service worker that has installed while an older one
 * controls the page waits (so open tabs never run two versions' chunks at once). These two
 * functions find that waiting worker and, when the visitor asks, activate it and reload.
 * They take the registration and container as parameters so the unit tests drive them with
 * fakes (tests/unit/offline/update.test.ts).
 */

/** The slices of ServiceWorkerRegistration / ServiceWorkerContainer used here. */
export type RegistrationLike = Pick<ServiceWorkerRegistration, 'installing' | 'waiting' | 'addEventListener' | 'removeEventListener'>;
export type ContainerLike = Pick<ServiceWorkerContainer, 'controller' | 'addEventListener' | 'removeEventListener'>;

export const SKIP_WAITING = 'SKIP_WAITING';
/** Page → worker: URLs the page fetched before the worker controlled it, to cache now. */
export const CACHE_URLS = 'CACHE_URLS';

/**
 * Calls `onWaiting` once when a new worker is installed and waiting behind an active one —
 * whether it was already waiting when the page loaded, or installs while the page is open.
 * The very first install (nothing controls the page yet) is not an update. Returns a stop
 * function.
 */
export function watchForUpdate(reg: RegistrationLike, container: ContainerLike, onWaiting: () => void): () => void {
  let told = false;
  const tell = () => {
    if (told || !container.controller) return;
    told = true;
    onWaiting();
  };
  const track = (sw: ServiceWorker | null) => {
    if (!sw) return;
    const onState = () => {
      if (sw.state === 'installed') tell();
      if (sw.state !== 'installing') sw.removeEventListener('statechange', onState);
    };
    sw.addEventListener('statechange', onState);
    onState();
  };
  if (reg.waiting) tell();
  track(reg.installing);
  const onFound = () => track(reg.installing);
  reg.addEventListener('updatefound', onFound);
  return () => reg.removeEventListener('updatefound', onFound);
}

/**
 * Activates the waiting worker and reloads once it controls the page. If no worker waits any
 * more (another tab already activated it), the page only needs the reload.
 */
export function applyUpdate(reg: Pick<RegistrationLike, 'waiting'>, container: ContainerLike, reload: () => void): void {
  const waiting = reg.waiting;
  if (!waiting) return reload();
  let done = false;
  container.addEventListener('controllerchange', () => {
    if (done) return;
    done = true;
    reload();
  });
  waiting.postMessage({ type: SKIP_WAITING });
}
