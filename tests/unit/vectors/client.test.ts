/**
 * The page side of the vector worker (src/lib/vectors/client.ts) over a stand-in worker that
 * answers with exact search: filtered searches widen until k hits pass, vectors come from the
 * worker, and a failed start rejects.
 */
import { describe, expect, it } from 'vitest';
import { ExactVectorSearcher } from '../../../src/lib/core/search/exact';
import { createVectorSearcher } from '../../../src/lib/vectors/client';
import type { WorkerMessage, WorkerRequest } from '../../../src/lib/vectors/protocol';

const DIM = 8;
const N = 400;

function randomVectors(seed: number): { ids: number[]; data: Float32Array } {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  const data = Float32Array.from({ length: N * DIM }, rnd);
  for (let i = 0; i < N; i++) {
    const v = data.subarray(i * DIM, (i + 1) * DIM);
    const n = Math.hypot(...v);
    for (let j = 0; j < DIM; j++) v[j] /= n;
  }
  return { ids: Array.from({ length: N }, (_, i) => i + 1), data };
}

/** A Worker-shaped object answering the protocol with exact search; records the k asked. */
function fakeWorker(exact: ExactVectorSearcher, asked: number[], fail = false): Worker {
  const w = {
    onmessage: null as ((e: MessageEvent<WorkerMessage>) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    terminate() {},
    postMessage(req: WorkerRequest) {
      const reply = (m: WorkerMessage) => queueMicrotask(() => w.onmessage?.({ data: m } as MessageEvent<WorkerMessage>));
      if (req.type === 'init') {
        if (fail) return reply({ type: 'init-error', message: 'no wasm here' });
        const status = { mode: 'exact', source: 'exact', count: N, dim: DIM, persisted: false, reason: null, removed: 0 } as never;
        reply({ type: 'ready', status });
        reply({ type: 'settled', status });
      } else if (req.type === 'search') {
        asked.push(req.k);
        reply({ type: 'result', id: req.id, hits: exact.searchSync(req.query, req.k) });
      } else if (req.type === 'vector') {
        reply({ type: 'vector', id: req.id, vector: exact.vectorOf(req.movieId) });
      }
    }
  };
  return w as unknown as Worker;
}

const noFetch = (async () => new Response('', { status: 404 })) as typeof fetch;

describe('vector worker client', () => {
  const { ids, data } = randomVectors(3);
  const exact = ExactVectorSearcher.fromFloat32(ids, data, DIM);

  it('widens a filtered search until k hits pass, and answers like a filtered exact search', async () => {
    const asked: number[] = [];
    const vs = await createVectorSearcher({ base: 'http://localhost/cineatlas', fetch: noFetch, worker: () => fakeWorker(exact, asked) });
    const rare = (id: number) => id % 40 === 0; // 10 of 400 movies
    const q = exact.vectorOf(7)!;
    const hits = await vs.search(q, 5, rare);
    expect(hits).toHaveLength(5);
    expect(hits.every((h) => rare(h.id))).toBe(true);
    expect(hits.map((h) => h.id)).toEqual(exact.searchSync(q, N).filter((h) => rare(h.id)).slice(0, 5).map((h) => h.id));
    expect(asked.length).toBeGreaterThan(1);
    expect(asked[asked.length - 1]).toBeLessThanOrEqual(N);
    // No filter: one request for exactly k.
    asked.length = 0;
    expect(await vs.search(q, 5)).toHaveLength(5);
    expect(asked).toEqual([5]);
    // A filter nothing passes stops at the whole catalogue.
    asked.length = 0;
    expect(await vs.search(q, 5, () => false)).toEqual([]);
    expect(asked[asked.length - 1]).toBe(N);
  });

  it("returns a movie's vector from the worker, null for an unknown id", async () => {
    const vs = await createVectorSearcher({ base: 'http://localhost/cineatlas', fetch: noFetch, worker: () => fakeWorker(exact, []) });
    expect(Array.from((await vs.vector(12))!)).toEqual(Array.from(exact.vectorOf(12)!));
    expect(await vs.vector(99_999)).toBeNull();
  });

  it('rejects with the worker message when the worker cannot start', async () => {
    await expect(createVectorSearcher({ base: 'http://localhost/cineatlas', fetch: noFetch, worker: () => fakeWorker(exact, [], true) })).rejects.toThrow('no wasm here');
  });
});
