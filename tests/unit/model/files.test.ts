import { describe, expect, it } from 'vitest';
import { MAX_LENGTH } from '../../../build-scripts/embed/embedder';
import { DEFAULT_MODEL, ONNX_FILE as NODE_ONNX_FILE } from '../../../build-scripts/embed/resolve-model';
import { DEFAULT_MODEL_ID, ONNX_FILE, QUERY_MAX_LENGTH } from '../../../src/lib/model/files';

// The browser embeds queries with the same cut, files and model as the build embeds movies.
describe('browser model constants agree with the Node embedder', () => {
  it('truncates at the same number of word pieces', () => expect(QUERY_MAX_LENGTH).toBe(MAX_LENGTH));
  it('loads the same ONNX file per dtype', () => expect(ONNX_FILE).toEqual(NODE_ONNX_FILE));
  it('defaults to the same model', () => expect(DEFAULT_MODEL_ID).toBe(DEFAULT_MODEL));
});
