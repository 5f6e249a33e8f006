/**
 * Brute-force cosine search: one dot product per movie. The ground truth for any ANN index
 * and the fallback when none is loaded. 4.8k × 384 floats take ~2 ms in Node (figures in
 * search-bench.ts). Works over float32 vectors or the int8 compact file
 * (build-scripts/embed/compact.ts: q[i·dim + d] · scale[i]), scoring int8 rows directly.
 */
import type { VectorHit, VectorSearcher, VectorStore } from './types';

type Rows =
  | { kind: 'f32'; data: Float32Array }
  | { kind: 'i8'; q: Int8Array; scales: Float32Array };

export class ExactVectorSearcher implements VectorSearcher, VectorStore {
  private readonly row: Map<number, number>;

  private constructor(
    readonly ids: ArrayLike<number>,
    readonly dim: number,
    private readonly rows: Rows
  ) {
    this.row = new Map(Array.from(ids, (id, i) => [id, i]));
    const n = ids.length;
    const len = rows.kind === 'f32' ? rows.data.length : rows.q.length;
    if (len !== n * dim) throw new Error(`exact: ${len} values for ${n} × ${dim}`);
  }

  /** Row-major unit vectors [ids.length × dim]. */
  static fromFloat32(ids: ArrayLike<number>, vectors: Float32Array, dim: number): ExactVectorSearcher {
    return new ExactVectorSearcher(ids, dim, { kind: 'f32', data: vectors });
  }

  /** The compact int8 vectors as decoded from embeddings.i8.bin. */
  static fromInt8(c: { ids: ArrayLike<number>; dim: number; scales: Float32Array; q: Int8Array }): ExactVectorSearcher {
    return new ExactVectorSearcher(c.ids, c.dim, { kind: 'i8', q: c.q, scales: c.scales });
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return this.row.has(id);
  }

  vectorOf(id: number): Float32Array | null {
    const i = this.row.get(id);
    if (i === undefined) return null;
    const { dim, rows } = this;
    if (rows.kind === 'f32') return rows.data.slice(i * dim, (i + 1) * dim);
    const out = new Float32Array(dim);
    for (let d = 0; d < dim; d++) out[d] = rows.q[i * dim + d] * rows.scales[i];
    return out;
  }

  /** Cosine of the query with one movie (null if unknown). */
  similarity(query: Float32Array, id: number): number | null {
    const i = this.row.get(id);
    return i === undefined ? null : this.score(query, i);
  }

  private score(query: Float32Array, i: number): number {
    const { dim, rows } = this;
    let s = 0;
    const base = i * dim;
    if (rows.kind === 'f32') {
      const v = rows.data;
      for (let d = 0; d < dim; d++) s += v[base + d] * query[d];
      return s;
    }
    const q = rows.q;
    for (let d = 0; d < dim; d++) s += q[base + d] * query[d];
    return s * rows.scales[i];
  }

  /** Synchronous core of search(), for benchmarks and Node callers. */
  searchSync(query: Float32Array, k: number, accept?: (id: number) => boolean): VectorHit[] {
    if (query.length !== this.dim) throw new Error(`exact: query has ${query.length} dims, index ${this.dim}`);
    const heap = new MinHeap(Math.max(0, Math.min(k, this.size)));
    const n = this.size;
    for (let i = 0; i < n; i++) {
      if (accept && !accept(this.ids[i])) continue;
      heap.offer(i, this.score(query, i));
    }
    return heap.sorted().map(({ i, s }) => ({ id: this.ids[i], score: s }));
  }

  async search(query: Float32Array, k: number, accept?: (id: number) => boolean): Promise<VectorHit[]> {
    return this.searchSync(query, k, accept);
  }
}

/** Bounded min-heap keeping the k best (score, row) pairs. */
class MinHeap {
  private readonly idx: Int32Array;
  private readonly sc: Float64Array;
  private n = 0;
  constructor(private readonly cap: number) {
    this.idx = new Int32Array(cap);
    this.sc = new Float64Array(cap);
  }
  offer(i: number, s: number): void {
    if (this.cap === 0) return;
    if (this.n < this.cap) {
      this.idx[this.n] = i;
      this.sc[this.n] = s;
      this.up(this.n++);
    } else if (s > this.sc[0]) {
      this.idx[0] = i;
      this.sc[0] = s;
      this.down(0);
    }
  }
  sorted(): { i: number; s: number }[] {
    const out = Array.from({ length: this.n }, (_, j) => ({ i: this.idx[j], s: this.sc[j] }));
    return out.sort((a, b) => b.s - a.s || a.i - b.i);
  }
  private less(a: number, b: number) {
    return this.sc[a] < this.sc[b] || (this.sc[a] === this.sc[b] && this.idx[a] > this.idx[b]);
  }
  private swap(a: number, b: number) {
    [this.idx[a], this.idx[b]] = [this.idx[b], this.idx[a]];
    [this.sc[a], this.sc[b]] = [this.sc[b], this.sc[a]];
  }
  private up(j: number) {
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (!this.less(j, p)) break;
      this.swap(j, p);
      j = p;
    }
  }
  private down(j: number) {
    for (;;) {
      const l = 2 * j + 1;
      const r = l + 1;
      let m = j;
      if (l < this.n && this.less(l, m)) m = l;
      if (r < this.n && this.less(r, m)) m = r;
      if (m === j) return;
      this.swap(j, m);
      j = m;
    }
  }
}
