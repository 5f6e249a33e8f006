import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyUpdate, CACHE_URLS, SKIP_WAITING, watchForUpdate, type ContainerLike, type RegistrationLike } from '../../../src/lib/offline/update';
import { registerServiceWorker } from '../../../src/lib/offline/register';
import { requestPersistentStorage, resetPersistRequest } from '../../../src/lib/offline/persist';

/** A service worker going through its states, and what was posted to it. */
class FakeWorker extends EventTarget {
  posted: unknown[] = [];
  constructor(public state: ServiceWorkerState = 'installing') {
    super();
  }
  to(state: ServiceWorkerState) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  updates = 0;
  /** A new version starts installing. */
  found(): FakeWorker {
    this.installing = new FakeWorker();
    this.dispatchEvent(new Event('updatefound'));
    return this.installing;
  }
  update() {
    this.updates++;
    return Promise.resolve();
  }
}

class FakeContainer extends EventTarget {
  constructor(public controller: FakeWorker | null, public reg: FakeRegistration | null = new FakeRegistration(), public fail = false) {
    super();
  }
  registered: { url: string; scope?: string; type?: string }[] = [];
  register(url: string, o?: RegistrationOptions) {
    this.registered.push({ url, scope: o?.scope, type: o?.type });
    return this.fail ? Promise.reject(new Error('SecurityError: storage partitioned')) : Promise.resolve(this.reg ?? undefined);
  }
}

const asReg = (r: FakeRegistration) => r as unknown as RegistrationLike;
const asContainer = (c: FakeContainer) => c as unknown as ContainerLike;

describe('watchForUpdate', () => {
  it('tells once when a new version installs behind the controlling one', () => {
    const reg = new FakeRegistration();
    const onWaiting = vi.fn();
    watchForUpdate(asReg(reg), asContainer(new FakeContainer(new FakeWorker('activated'))), onWaiting);
    const sw = reg.found();
    expect(onWaiting).not.toHaveBeenCalled();
    sw.to('installed');
    sw.to('installed');
    expect(onWaiting).toHaveBeenCalledTimes(1);
  });

  it('tells at once about a version that was already waiting when the page loaded', () => {
    const reg = new FakeRegistration();
    reg.waiting = new FakeWorker('installed');
    const onWaiting = vi.fn();
    watchForUpdate(asReg(reg), asContainer(new FakeContainer(new FakeWorker('activated'))), onWaiting);
    expect(onWaiting).toHaveBeenCalledTimes(1);
  });

  it('follows an install already under way at registration', () => {
    const reg = new FakeRegistration();
    reg.installing = new FakeWorker();
    const onWaiting = vi.fn();
    watchForUpdate(asReg(reg), asContainer(new FakeContainer(new FakeWorker('activated'))), onWaiting);
    reg.installing.to('installed');
    expect(onWaiting).toHaveBeenCalledTimes(1);
  });

  it('the first install (nothing controls the page yet) is not an update', () => {
    const reg = new FakeRegistration();
    const onWaiting = vi.fn();
    watchForUpdate(asReg(reg), asContainer(new FakeContainer(null)), onWaiting);
    const sw = reg.found();
    sw.to('installed');
    sw.to('activated');
    expect(onWaiting).not.toHaveBeenCalled();
  });

  it('a failed install (redundant) is not an update, and stop() stops listening', () => {
    const reg = new FakeRegistration();
    const onWaiting = vi.fn();
    const stop = watchForUpdate(asReg(reg), asContainer(new FakeContainer(new FakeWorker('activated'))), onWaiting);
    reg.found().to('redundant');
    stop();
    reg.found().to('installed');
    expect(onWaiting).not.toHaveBeenCalled();
  });
});

describe('applyUpdate', () => {
  it('asks the waiting worker to skip waiting, and reloads once it controls the page', () => {
    const reg = new FakeRegistration();
    const waiting = (reg.waiting = new FakeWorker('installed'));
    const container = new FakeContainer(new FakeWorker('activated'));
    const reload = vi.fn();
    applyUpdate(asReg(reg), asContainer(container), reload);
    expect(waiting.posted).toEqual([{ type: SKIP_WAITING }]);
    expect(reload).not.toHaveBeenCalled();
    container.dispatchEvent(new Event('controllerchange'));
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('only reloads when another tab already activated the new version', () => {
    const reload = vi.fn();
    applyUpdate(asReg(new FakeRegistration()), asContainer(new FakeContainer(new FakeWorker('activated'))), reload);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe('registerServiceWorker', () => {
  afterEach(() => vi.unstubAllGlobals());
  const stubPage = () => {
    vi.stubGlobal('location', new URL('https://user.github.io/cineatlas/explore/?x=1'));
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('document', doc);
    return doc;
  };

  it('registers <base>/service-worker.js for the base scope and hooks the update prompt', async () => {
    stubPage();
    const container = new FakeContainer(new FakeWorker('activated'));
    const onUpdate = vi.fn();
    const reload = vi.fn();
    const stop = await registerServiceWorker({ base: '/cineatlas', onUpdate, container: container as unknown as ServiceWorkerContainer, reload });
    expect(stop).toBeTypeOf('function');
    expect(container.registered).toEqual([{ url: 'https://user.github.io/cineatlas/service-worker.js', scope: '/cineatlas/', type: 'classic' }]);
    const waiting = container.reg!.found();
    waiting.to('installed');
    container.reg!.waiting = waiting;
    expect(onUpdate).toHaveBeenCalledTimes(1);
    onUpdate.mock.calls[0][0](); // the visitor clicks "Reload"
    expect(waiting.posted).toEqual([{ type: SKIP_WAITING }]);
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('resolves a relative base (paths.relative) against the page', async () => {
    stubPage();
    const container = new FakeContainer(null);
    await registerServiceWorker({ base: '..', module: true, onUpdate: vi.fn(), container: container as unknown as ServiceWorkerContainer });
    expect(container.registered[0]).toEqual({ url: 'https://user.github.io/cineatlas/service-worker.js', scope: '/cineatlas/', type: 'module' });
  });

  it('swallows a refused registration and logs one line however often it is tried', async () => {
    stubPage();
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const container = new FakeContainer(null, new FakeRegistration(), true);
    for (let i = 0; i < 3; i++) {
      expect(await registerServiceWorker({ base: '/cineatlas', onUpdate: vi.fn(), container: container as unknown as ServiceWorkerContainer })).toBeNull();
    }
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0][0]).toMatch(/could not be registered.*storage partitioned/);
    info.mockRestore();
  });

  it('first visit: once the new worker controls the page, tells it what the page fetched before', async () => {
    stubPage();
    const container = new FakeContainer(null);
    const urls = ['https://user.github.io/cineatlas/_app/immutable/assets/duckdb-eh.X.wasm'];
    await registerServiceWorker({ base: '/cineatlas', onUpdate: vi.fn(), container: container as unknown as ServiceWorkerContainer, loadedUrls: () => urls });
    const active = (container.controller = new FakeWorker('activated'));
    container.dispatchEvent(new Event('controllerchange'));
    container.dispatchEvent(new Event('controllerchange'));
    expect(active.posted).toEqual([{ type: CACHE_URLS, urls }]);
  });

  it('a page that was already controlled sends nothing', async () => {
    stubPage();
    const container = new FakeContainer(new FakeWorker('activated'));
    await registerServiceWorker({ base: '/cineatlas', onUpdate: vi.fn(), container: container as unknown as ServiceWorkerContainer, loadedUrls: () => ['x'] });
    container.dispatchEvent(new Event('controllerchange'));
    expect(container.controller!.posted).toEqual([]);
  });

  it('survives a registration that resolves with nothing (service workers blocked by automation)', async () => {
    stubPage();
    const container = new FakeContainer(null, null);
    expect(await registerServiceWorker({ base: '/cineatlas', onUpdate: vi.fn(), container: container as unknown as ServiceWorkerContainer })).toBeNull();
  });

  it('does nothing where there are no service workers', async () => {
    stubPage();
    vi.stubGlobal('navigator', {});
    expect(await registerServiceWorker({ base: '', onUpdate: vi.fn() })).toBeNull();
  });
});

describe('requestPersistentStorage', () => {
  afterEach(() => resetPersistRequest());

  it('asks once, and not at all when storage is already persistent', async () => {
    const storage = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true) };
    expect(await requestPersistentStorage(storage)).toBe(true);
    expect(await requestPersistentStorage(storage)).toBe(true);
    expect(storage.persist).toHaveBeenCalledTimes(1);
    resetPersistRequest();
    const kept = { persisted: vi.fn(async () => true), persist: vi.fn(async () => true) };
    expect(await requestPersistentStorage(kept)).toBe(true);
    expect(kept.persist).not.toHaveBeenCalled();
  });

  it('never throws: no StorageManager, or one that refuses', async () => {
    vi.stubGlobal('navigator', {});
    expect(await requestPersistentStorage()).toBe(false);
    vi.unstubAllGlobals();
    resetPersistRequest();
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => { throw new Error('SecurityError'); } })).toBe(false);
  });
});
