/**
 * sentence-transformers pooling for all-MiniLM-L6-v2, done by hand on last_hidden_state so it
 * matches exactly: mean over the tokens whose attention mask is 1 ([CLS] and [SEP] included,
 * padding excluded), then L2 normalisation. Sums run in float64 to stay within 1e-7 of PyTorch.
 * Isomorphic: the Node embedder (build) and the browser worker (queries) both call this one
 * function, so a query vector and a movie vector are pooled by the same arithmetic.
 */

/**
 * @param hidden last_hidden_state, row-major [batch, seq, dim]
 * @param mask   attention_mask, row-major [batch, seq] (int64 from the tokenizer, or numbers)
 * @returns      [batch * dim] unit vectors, row-major
 */
export function meanPoolNormalize(
  hidden: ArrayLike<number>,
  dims: readonly number[],
  mask: ArrayLike<bigint | number>
): Float32Array {
  const [batch, seq, dim] = dims;
  const out = new Float32Array(batch * dim);
  const acc = new Float64Array(dim);
  for (let b = 0; b < batch; b++) {
    acc.fill(0);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (Number(mask[b * seq + t]) === 0) continue;
      count++;
      const base = (b * seq + t) * dim;
      for (let d = 0; d < dim; d++) acc[d] += hidden[base + d];
    }
    // Same clamps as sentence-transformers: count >= 1e-9, norm >= 1e-12.
    const n = Math.max(count, 1e-9);
    let sq = 0;
    for (let d = 0; d < dim; d++) sq += (acc[d] / n) ** 2;
    const norm = Math.max(Math.sqrt(sq), 1e-12);
    for (let d = 0; d < dim; d++) out[b * dim + d] = acc[d] / n / norm;
  }
  return out;
}
