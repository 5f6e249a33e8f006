/**
 * Compact vectors (`embeddings.i8.bin`): int8 with one float32 scale per vector, 4× smaller
 * than float32. Isomorphic (no Node APIs): the build writes it, the browser's vector worker
 * reads it. build-scripts/embed/compact.ts re-exports this module.
 *
 * Layout (little-endian; every section starts 4-byte aligned):
 *   0   8 bytes  magic "CAVI8V01"
 *   8   uint32   H = byte length of the JSON header (space-padded to a multiple of 4)
 *   12  H bytes  JSON: { format: "int8-per-vector-scale", dim, count, ... }
 *   ..  int32    ids[count]            movie ids, same order as the vectors
 *   ..  float32  scales[count]
 *   ..  int8     q[count * dim]        vector i, component d ≈ q[i*dim + d] * scales[i]
 * Scores against a float32 query: dot(query, q_i) * scale_i (no need to dequantise first).
 */

export const COMPACT_FILE = 'embeddings.i8.bin';
export const COMPACT_FORMAT = 'int8-per-vector-scale';
const MAGIC = 'CAVI8V01';

export interface CompactVectors {
  dim: number;
  ids: Int32Array;
  scales: Float32Array;
  q: Int8Array;
  header: Record<string, unknown>;
}

/** Symmetric int8 per vector: scale = max|v| / 127, so each vector uses the full range. */
export function quantizeInt8(vectors: Float32Array, dim: number): { scales: Float32Array; q: Int8Array } {
  const n = vectors.length / dim;
  const scales = new Float32Array(n);
  const q = new Int8Array(vectors.length);
  for (let i = 0; i < n; i++) {
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(vectors[i * dim + d]));
    const scale = max > 0 ? max / 127 : 1;
    scales[i] = scale;
    for (let d = 0; d < dim; d++) q[i * dim + d] = Math.round(vectors[i * dim + d] / scale);
  }
  return { scales, q };
}

/** All vectors as float32, row-major (count × dim). */
export function dequantizeInt8(c: Pick<CompactVectors, 'dim' | 'scales' | 'q'>): Float32Array {
  const out = new Float32Array(c.q.length);
  for (let i = 0, at = 0; i < c.scales.length; i++) {
    const s = c.scales[i];
    for (let d = 0; d < c.dim; d++, at++) out[at] = c.q[at] * s;
  }
  return out;
}

/** Vector `row` as float32 (a new array). */
export function dequantizeRow(c: Pick<CompactVectors, 'dim' | 'scales' | 'q'>, row: number): Float32Array {
  const out = new Float32Array(c.dim);
  const s = c.scales[row];
  for (let d = 0, at = row * c.dim; d < c.dim; d++, at++) out[d] = c.q[at] * s;
  return out;
}

export function encodeCompact(
  ids: ArrayLike<number>,
  vectors: Float32Array,
  dim: number,
  extraHeader: Record<string, unknown> = {}
): Uint8Array {
  const count = ids.length;
  if (vectors.length !== count * dim) throw new Error(`compact: ${vectors.length} values for ${count}×${dim}`);
  const { scales, q } = quantizeInt8(vectors, dim);
  const enc = new TextEncoder();
  const raw = enc.encode(JSON.stringify({ format: COMPACT_FORMAT, dim, count, ...extraHeader }));
  // Pad with spaces (valid JSON whitespace) so the id section is 4-byte aligned.
  const header = new Uint8Array(raw.length + ((4 - (raw.length % 4)) % 4)).fill(0x20);
  header.set(raw);
  const idsAt = 12 + header.length;
  const scalesAt = idsAt + 4 * count;
  const qAt = scalesAt + 4 * count;
  const out = new Uint8Array(qAt + q.length);
  const view = new DataView(out.buffer);
  out.set(enc.encode(MAGIC), 0);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  for (let i = 0; i < count; i++) {
    view.setInt32(idsAt + 4 * i, ids[i], true);
    view.setFloat32(scalesAt + 4 * i, scales[i], true);
  }
  out.set(new Uint8Array(q.buffer, q.byteOffset, q.length), qAt);
  return out;
}

/** Parses the file; throws an Error saying what is wrong for anything else (HTML page, truncation). */
export function decodeCompact(bytes: Uint8Array): CompactVectors {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error('compact: bad magic');
  const h = view.getUint32(8, true);
  if (12 + h > bytes.byteLength) throw new Error('compact: truncated header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + h))) as Record<string, unknown>;
  const dim = Number(header.dim);
  const count = Number(header.count);
  const idsAt = 12 + h;
  const scalesAt = idsAt + 4 * count;
  const qAt = scalesAt + 4 * count;
  if (!(dim > 0) || !(count >= 0) || qAt + count * dim > bytes.byteLength)
    throw new Error(`compact: truncated (${bytes.byteLength} bytes for ${count}×${dim})`);
  const ids = new Int32Array(count);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    ids[i] = view.getInt32(idsAt + 4 * i, true);
    scales[i] = view.getFloat32(scalesAt + 4 * i, true);
  }
  const q = new Int8Array(bytes.buffer.slice(bytes.byteOffset + qAt, bytes.byteOffset + qAt + count * dim));
  return { dim, ids, scales, q, header };
}
