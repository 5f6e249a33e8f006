import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stageModel } from '../../../build-scripts/site/stage-model';
import type { ModelManifest } from '../../../src/lib/model/files';
import { TINY_MODEL } from '../embed/helpers';

const tmp = mkdtempSync(join(tmpdir(), 'cineatlas-stage-model-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('stageModel', () => {
  it('copies the model where transformers.js asks (localModelPath + id) and ORT into ort/, with a files.json', () => {
    const site = join(tmp, 'site');
    const m = stageModel({ src: TINY_MODEL, target: site, id: 'test/tiny-bert' });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx']) {
      expect(existsSync(join(site, 'model/test/tiny-bert', f)), f).toBe(true);
    }
    expect(existsSync(join(site, 'ort/ort-wasm-simd-threaded.asyncify.wasm'))).toBe(true);
    expect(existsSync(join(site, 'ort/ort-wasm-simd-threaded.asyncify.mjs'))).toBe(true);
    const onDisk = JSON.parse(readFileSync(join(site, 'model/test/tiny-bert/files.json'), 'utf8')) as ModelManifest;
    expect(onDisk).toEqual(m);
    expect(Object.keys(m.onnx).sort()).toEqual(['fp32', 'q8']);
    for (const f of [...m.common, ...Object.values(m.onnx)]) {
      const bytes = readFileSync(join(site, f.path));
      expect(f.bytes).toBe(statSync(join(site, f.path)).size);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(m.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('stages only the dtypes asked for, and drops files of an earlier staging', () => {
    const site = join(tmp, 'site-q8');
    stageModel({ src: TINY_MODEL, target: site, id: 'test/tiny-bert' });
    const m = stageModel({ src: TINY_MODEL, target: site, id: 'test/tiny-bert', dtypes: ['q8'] });
    expect(Object.keys(m.onnx)).toEqual(['q8']);
    expect(existsSync(join(site, 'model/test/tiny-bert/onnx/model.onnx'))).toBe(false);
  });

  it('gives a changed model a new version (the browser cache name)', () => {
    const a = stageModel({ src: TINY_MODEL, target: join(tmp, 'v1'), id: 'test/tiny-bert' });
    const src = join(tmp, 'edited-model');
    cpSync(TINY_MODEL, src, { recursive: true });
    writeFileSync(join(src, 'tokenizer_config.json'), readFileSync(join(src, 'tokenizer_config.json'), 'utf8') + '\n');
    const b = stageModel({ src, target: join(tmp, 'v2'), id: 'test/tiny-bert' });
    expect(b.version).not.toBe(a.version);
  });

  it('says which files a model folder lacks', () => {
    expect(() => stageModel({ src: join(tmp, 'nowhere'), target: join(tmp, 'x') })).toThrow(/lacks config\.json, tokenizer\.json/);
  });
});
