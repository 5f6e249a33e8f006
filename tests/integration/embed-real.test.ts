/**
 * Parity of the real all-MiniLM-L6-v2 (fp32 and q8) with PyTorch / sentence-transformers, per
 * sentence, on the reference embeddings shipped with the provisioned model folder.
 * Model folder: see real-model.ts. Skipped, saying so, when none holds the model.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type Embedder } from '../../build-scripts/embed/embedder';
import { dot, readReference, row } from '../unit/embed/helpers';
import { REAL_MODEL_DIR as modelDir, warnIfSkipped } from './real-model';

warnIfSkipped('embed-real');

const MIN_COSINE = { fp32: 0.999, q8: 0.98 } as const;

describe.skipIf(!modelDir)('real all-MiniLM-L6-v2 parity with sentence-transformers', () => {
  const ref = modelDir ? readReference(modelDir) : { sentences: [], embeddings: [] };
  const loaded: Embedder[] = [];
  afterAll(async () => {
    for (const e of loaded) await e.dispose();
  });

  for (const dtype of ['fp32', 'q8'] as const) {
    it(`${dtype}: min cosine per sentence ≥ ${MIN_COSINE[dtype]} (empty string included)`, async () => {
      const e = await loadEmbedder({ model: modelDir, dtype, offline: true });
      loaded.push(e);
      expect(e.info.dim).toBe(384);
      const v = await e.embed(ref.sentences);
      const cos = ref.embeddings.map((r, i) => dot(r, row(v, i, 384)));
      console.info(`[embed-real] ${dtype} cosines: ${cos.map((c) => c.toFixed(4)).join(' ')}`);
      const hint = dtype === 'q8' ? ' (a plain per-tensor q8 export reaches ~0.95: run build-scripts/embed/quantize_q8.py --model DIR)' : '';
      cos.forEach((c, i) => expect(c, `${dtype} sentence #${i} ${JSON.stringify(ref.sentences[i])}${hint}`).toBeGreaterThanOrEqual(MIN_COSINE[dtype]));
    });
  }
});
