import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, describeModelError, ModelLoadError } from '../../../src/lib/model/client';
import type { FromWorker, InitRequest, ReadyInfo, ToWorker } from '../../../src/lib/model/protocol';

/** A stand-in for the model worker: answers init with `onInit`, embeds as [text length, 0]. */
class FakeWorker {
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  terminated = false;
  inits: InitRequest[] = [];
  constructor(private onInit: (req: InitRequest, w: FakeWorker) => FromWorker[]) {}
  postMessage(m: ToWorker) {
    const reply = (r: FromWorker) => queueMicrotask(() => this.onmessage?.({ data: r } as MessageEvent<FromWorker>));
    if (m.type === 'init') {
      this.inits.push(m);
      this.onInit(m, this).forEach(reply);
    } else reply({ type: 'result', id: m.id, vectors: m.texts.map((t) => Float32Array.of(t.length, 0)), ms: 1.5 });
  }
  terminate() {
    this.terminated = true;
  }
}

const ready = (req: InitRequest, over: Partial<ReadyInfo> = {}): FromWorker => ({
  type: 'ready',
  info: {
    device: req.device === 'auto' ? 'wasm' : req.device, dtype: 'q8', reason: 'test', probe: { device: 'wasm', reason: 'none' },
    modelId: req.modelId, version: 'v', loadMs: 1, downloadedBytes: 0,
    phases: { files: 0, session: 0, warmup: 0 }, ...over
  }
});

beforeAll(() => {
  (globalThis as { location?: unknown }).location = new URL('https://example.org/cineatlas/search/');
});
afterAll(() => {
  delete (globalThis as { location?: unknown }).location;
});

describe('createEmbedder', () => {
  it('sends the base as an absolute path with a slash, forwards progress, and embeds', async () => {
    const progress: number[] = [];
    const w = new FakeWorker((req) => [{ type: 'progress', progress: { loaded: 5, total: 10, file: 'x' } }, ready(req)]);
    const em = await createEmbedder({ base: '/cineatlas', onProgress: (p) => progress.push(p.loaded), createWorker: () => w as unknown as Worker });
    expect(w.inits[0]).toMatchObject({ siteBase: '/cineatlas/', modelId: 'Xenova/all-MiniLM-L6-v2', device: 'auto' });
    expect(progress).toEqual([5]);
    expect(em.device).toBe('wasm');
    const [a, b] = await em.embed(['abc', 'hello']);
    expect(Array.from(a)).toEqual([3, 0]);
    expect(Array.from(b)).toEqual([5, 0]);
    expect(em.lastMs).toBe(1.5);
    expect(await em.embed([])).toEqual([]);
  });

  it('resolves relative and empty bases against the page', async () => {
    for (const [base, want] of [['', '/'], ['..', '/cineatlas/'], ['.', '/cineatlas/search/']]) {
      const w = new FakeWorker((req) => [ready(req)]);
      await createEmbedder({ base, createWorker: () => w as unknown as Worker });
      expect(w.inits[0].siteBase).toBe(want);
    }
  });

  it('retries in a fresh worker on WASM when WebGPU fails to load the model', async () => {
    const workers: FakeWorker[] = [];
    const em = await createEmbedder({
      base: '',
      createWorker: () => {
        const w = new FakeWorker((req) =>
          req.device === 'auto'
            ? [{ type: 'error', code: 'load-failed', message: 'webgpu/fp32: no kernel', device: 'webgpu' }]
            : [ready(req)]
        );
        workers.push(w);
        return w as unknown as Worker;
      }
    });
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].inits[0].device).toBe('wasm');
    expect(em.device).toBe('wasm');
    expect(em.info.reason).toContain('WebGPU failed to load the model (webgpu/fp32: no kernel)');
  });

  it('does not retry when the model is simply not on the site, and says so in words', async () => {
    let made = 0;
    const p = createEmbedder({
      base: '',
      createWorker: () => (made++, new FakeWorker(() => [{ type: 'error', code: 'model-unavailable', message: 'no files.json' }]) as unknown as Worker)
    });
    await expect(p).rejects.toMatchObject({ name: 'ModelLoadError', code: 'model-unavailable' });
    expect(made).toBe(1);
    expect(describeModelError(await p.catch((e) => e))).toContain('not available on this site');
  });

  it('rejects pending and later embeds once disposed', async () => {
    const w = new FakeWorker((req) => [ready(req)]);
    const em = await createEmbedder({ base: '', createWorker: () => w as unknown as Worker });
    em.dispose();
    expect(w.terminated).toBe(true);
    await expect(em.embed(['x'])).rejects.toBeInstanceOf(ModelLoadError);
  });

  it('fails with a message when the worker script itself dies', async () => {
    const w = new FakeWorker(() => []);
    const p = createEmbedder({ base: '', createWorker: () => w as unknown as Worker });
    w.onerror?.({ message: 'SyntaxError', preventDefault() {} } as ErrorEvent);
    await expect(p).rejects.toThrow('the model worker stopped: SyntaxError');
  });
});
