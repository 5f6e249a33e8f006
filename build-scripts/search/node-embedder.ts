/**
 * The Node side of the ranking core's TextEmbedder and PieceCounter: the build's own MiniLM
 * embedder (same model files, pooling and max length as embeddings.parquet) and its tokenizer,
 * loaded once.
 */
import { AutoTokenizer } from '@huggingface/transformers';
import type { PieceCounter, TextEmbedder } from '../../src/lib/core/search/types';
import { loadEmbedder, type Embedder, type ModelInfo } from '../embed/embedder';
import type { EmbedDtype } from '../embed/resolve-model';

export interface NodeTextEmbedder extends TextEmbedder {
  info: ModelInfo;
  /** Word pieces without [CLS]/[SEP], from the model's own tokenizer. */
  countPieces: PieceCounter;
  /** The underlying build embedder (movie texts in bulk, e.g. recipe comparisons). */
  raw: Embedder;
  dispose(): Promise<void>;
}

export async function loadNodeTextEmbedder(opts: { model?: string; dtype?: EmbedDtype } = {}): Promise<NodeTextEmbedder> {
  const raw = await loadEmbedder({ model: opts.model, dtype: opts.dtype ?? 'fp32' });
  const tokenizer = await AutoTokenizer.from_pretrained(raw.info.dir, { local_files_only: true });
  const dim = () => raw.info.dim;
  return {
    info: raw.info,
    raw,
    countPieces: (text) => tokenizer.encode(text, { add_special_tokens: false }).length,
    async embed(texts) {
      // One batch: query chunks are few, and padding a handful of texts costs little.
      const flat = await raw.embed(texts, { batchSize: Math.max(1, texts.length), sortByLength: false });
      return texts.map((_, i) => flat.slice(i * dim(), (i + 1) * dim()));
    },
    dispose: () => raw.dispose()
  };
}
