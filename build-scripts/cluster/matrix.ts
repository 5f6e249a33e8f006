/**
 * Dense row-major matrix of points (n rows × d columns) shared by every clusterer and
 * metric: one Float64Array keeps the hot loops cache-friendly and allocation-free.
 */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

export function fromRows(rows: ArrayLike<number>[]): Matrix {
  const n = rows.length;
  const d = n ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new Error(`row ${i} has ${r.length} values, expected ${d}`);
    for (let j = 0; j < d; j++) data[i * d + j] = r[j];
  });
  return { data, rows: n, cols: d };
}

export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Squared Euclidean distance between row i of a and row j of b. */
export function sqDist(a: Matrix, i: number, b: Matrix, j: number): number {
  const d = a.cols;
  let s = 0;
  for (let k = 0, p = i * d, q = j * b.cols; k < d; k++) {
    const t = a.data[p + k] - b.data[q + k];
    s += t * t;
  }
  return s;
}

/**
 * out[j] = squared Euclidean distance between row i of a and row j of b, for j in [from, to).
 * The hot loop of K-Means and silhouette; unrolled for d = 5 (the UMAP space), which V8 runs
 * about 3× faster than the generic inner loop over columns.
 */
export function sqDistRange(a: Matrix, i: number, b: Matrix, from: number, to: number, out: Float64Array): void {
  const d = a.cols;
  const x = a.data;
  const y = b.data;
  const p = i * d;
  if (d === 5) {
    const x0 = x[p], x1 = x[p + 1], x2 = x[p + 2], x3 = x[p + 3], x4 = x[p + 4];
    for (let j = from, q = from * 5; j < to; j++, q += 5) {
      const u0 = y[q] - x0, u1 = y[q + 1] - x1, u2 = y[q + 2] - x2, u3 = y[q + 3] - x3, u4 = y[q + 4] - x4;
      out[j] = u0 * u0 + u1 * u1 + u2 * u2 + u3 * u3 + u4 * u4;
    }
    return;
  }
  for (let j = from; j < to; j++) {
    let s = 0;
    for (let t = 0, q = j * d; t < d; t++) {
      const u = y[q + t] - x[p + t];
      s += u * u;
    }
    out[j] = s;
  }
}
