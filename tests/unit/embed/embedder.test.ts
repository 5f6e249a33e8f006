/**
 * The loading + tokenising + pooling path on the tiny model (same code as the real model).
 * The reference vectors come from sentence-transformers itself (make_tiny_model.py), so these
 * tests pin tokenisation, truncation at 256 and pooling to the Python behaviour.
 */
import { AutoTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type Embedder } from '../../../build-scripts/embed/embedder';
import { dot, maxAbsDiff, readReference, row, TINY_MODEL } from './helpers';

const ref = readReference(TINY_MODEL);
const DIM = 32;

describe('embedder on the tiny model', () => {
  let fp32: Embedder;
  let q8: Embedder;
  beforeAll(async () => {
    fp32 = await loadEmbedder({ model: TINY_MODEL, dtype: 'fp32', offline: true });
    q8 = await loadEmbedder({ model: TINY_MODEL, dtype: 'q8', offline: true });
  });
  afterAll(async () => {
    await fp32?.dispose();
    await q8?.dispose();
  });

  it('describes the model it loaded (for the manifest)', () => {
    const file = `${TINY_MODEL}/onnx/model.onnx`;
    expect(fp32.info).toMatchObject({ source: 'local', dtype: 'fp32', file: 'onnx/model.onnx', dim: DIM, maxLength: 256 });
    expect(fp32.info.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(q8.info.file).toBe('onnx/model_quantized.onnx');
    expect(q8.info.sha256).not.toBe(fp32.info.sha256);
  });

  it('matches sentence-transformers per sentence (empty string and a >256-piece text included)', async () => {
    expect(ref.sentences).toContain('');
    expect(ref.n_tokens).toContain(256);
    for (const [e, min] of [[fp32, 0.9999], [q8, 0.999]] as const) {
      const v = await e.embed(ref.sentences);
      ref.embeddings.forEach((r, i) => expect(dot(r, row(v, i, DIM)), `${e.info.dtype} #${i}`).toBeGreaterThanOrEqual(min));
    }
  });

  it('returns unit vectors in input order, the same whatever the batch size', async () => {
    const texts = [...ref.sentences, 'a dragon', 'the war of the worlds', 'zombie'];
    const whole = await fp32.embed(texts, { batchSize: 64 });
    const one = await fp32.embed(texts, { batchSize: 1 });
    const three = await fp32.embed(texts, { batchSize: 3, sortByLength: false });
    expect(maxAbsDiff(whole, one)).toBeLessThan(1e-5);
    expect(maxAbsDiff(whole, three)).toBeLessThan(1e-5);
    texts.forEach((_, i) => expect(Math.hypot(...row(whole, i, DIM))).toBeCloseTo(1, 5));
    const alone = await fp32.embed([texts[7]]);
    expect(maxAbsDiff(alone, row(whole, 7, DIM))).toBeLessThan(1e-5);
  });

  it('truncates at 256 word pieces: words past the limit change nothing', async () => {
    const long = ref.sentences.find((_, i) => ref.n_tokens![i] === 256)!;
    const [a, b] = [await fp32.embed([long]), await fp32.embed([`${long} zombie robot dragon ghost`])];
    expect(maxAbsDiff(a, b)).toBe(0);
    const short = await fp32.embed(['zombie robot dragon ghost']);
    const shortPlus = await fp32.embed(['zombie robot dragon ghost war']);
    expect(maxAbsDiff(short, shortPlus)).toBeGreaterThan(1e-3);
  });

  it('equals raw onnxruntime output pooled by hand', async () => {
    const session = await ort.InferenceSession.create(`${TINY_MODEL}/onnx/model.onnx`);
    const tokenizer = await AutoTokenizer.from_pretrained(TINY_MODEL, { local_files_only: true });
    const text = ref.sentences[0];
    const ids = (tokenizer(text).input_ids.data as BigInt64Array);
    const n = ids.length;
    const feeds = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids), [1, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(n), [1, n])
    };
    const h = (await session.run(feeds)).last_hidden_state.data as Float32Array;
    const mean = Array.from({ length: DIM }, (_, d) => {
      let s = 0;
      for (let t = 0; t < n; t++) s += h[t * DIM + d];
      return s / n;
    });
    const norm = Math.hypot(...mean);
    const ours = await fp32.embed([text]);
    expect(maxAbsDiff(ours, mean.map((x) => x / norm))).toBeLessThan(1e-6);
    await session.release();
  });

  it('handles an empty list', async () => {
    expect((await fp32.embed([])).length).toBe(0);
  });
});
