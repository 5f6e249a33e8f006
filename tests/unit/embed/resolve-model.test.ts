import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../../build-scripts/embed/embedder';
import {
  DEFAULT_MODEL, looksLikePath, offlineFromEnv, resolveModelSource
} from '../../../build-scripts/embed/resolve-model';
import { TINY_MODEL } from './helpers';

const empty = mkdtempSync(join(tmpdir(), 'embed-resolve-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('resolveModelSource', () => {
  it('tells folders from Hugging Face ids', () => {
    expect(looksLikePath(TINY_MODEL)).toBe(true);
    expect(looksLikePath('./models/x')).toBe(true);
    expect(looksLikePath('~/models/x')).toBe(true);
    expect(looksLikePath('models')).toBe(true);
    expect(looksLikePath(DEFAULT_MODEL)).toBe(false);
    expect(looksLikePath('sentence-transformers/all-MiniLM-L6-v2')).toBe(false);
  });

  it('accepts a complete local folder', () => {
    expect(resolveModelSource(TINY_MODEL, 'q8')).toMatchObject({ kind: 'local', dir: TINY_MODEL, present: true });
  });

  it('rejects a folder that is not in transformers.js layout, naming the missing files', () => {
    expect(() => resolveModelSource(empty, 'fp32')).toThrow(/missing config\.json, tokenizer\.json, tokenizer_config\.json, onnx\/model\.onnx/);
  });

  it('maps a hub id to its cache folder', () => {
    const s = resolveModelSource(DEFAULT_MODEL, 'q8', empty);
    expect(s).toMatchObject({ kind: 'hub', dir: join(empty, DEFAULT_MODEL), present: false });
  });

  it('rejects an unknown dtype', () => {
    expect(() => resolveModelSource(TINY_MODEL, 'fp16' as 'fp32')).toThrow(/fp32, q8/);
  });

  it('reads the Hugging Face offline variables', () => {
    expect(offlineFromEnv({ HF_HUB_OFFLINE: '1' })).toBe(true);
    expect(offlineFromEnv({ TRANSFORMERS_OFFLINE: 'true' })).toBe(true);
    expect(offlineFromEnv({})).toBe(false);
  });
});

describe('no model available', () => {
  it('offline with an uncached hub id: one error naming both ways out', async () => {
    const err = await loadEmbedder({ model: DEFAULT_MODEL, cacheDir: empty, offline: true }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toMatch(/not available: offline/);
    expect(msg).toMatch(/allow network access once/);
    expect(msg).toMatch(/--model \/path\/to\/folder/);
  });

  it('a missing folder: the same error', async () => {
    const err = await loadEmbedder({ model: join(empty, 'nope'), offline: true }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/no folder at .*nope[\s\S]*--model/);
  });
});
