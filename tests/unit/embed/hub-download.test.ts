/**
 * The hub path without the internet: a local HTTP server plays huggingface.co (same URL
 * layout, {model}/resolve/main/{file}) serving the tiny model, so download → cache → reuse
 * offline, and the clear error on a failed download, are all exercised.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../../build-scripts/embed/embedder';
import { TINY_MODEL } from './helpers';

const HUB_ID = 'test-org/tiny-bert';
const cacheDir = mkdtempSync(join(tmpdir(), 'embed-hub-'));
let server: Server;
let host = '';
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const prefix = `/${HUB_ID}/resolve/main/`;
    const file = req.url?.startsWith(prefix) ? join(TINY_MODEL, decodeURIComponent(req.url.slice(prefix.length))) : '';
    requested.push(req.url ?? '');
    if (!file.startsWith(TINY_MODEL) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('hub model ids', () => {
  it('downloads into the cache folder, then loads from it offline', async () => {
    const e = await loadEmbedder({ model: HUB_ID, dtype: 'q8', cacheDir, remoteHost: host });
    expect(e.info).toMatchObject({ source: 'hub', model: HUB_ID, dir: join(cacheDir, HUB_ID), dim: 32 });
    expect(existsSync(join(cacheDir, HUB_ID, 'onnx/model_quantized.onnx'))).toBe(true);
    const v = await e.embed(['a dragon']);
    await e.dispose();

    const n = requested.length;
    const again = await loadEmbedder({ model: HUB_ID, dtype: 'q8', cacheDir, offline: true });
    expect(requested.length).toBe(n);
    expect(again.info.sha256).toBe(e.info.sha256);
    expect(Array.from(await again.embed(['a dragon']))).toEqual(Array.from(v));
    await again.dispose();
  });

  it('a failed download gives the clear two-option error', async () => {
    const err = await loadEmbedder({ model: 'test-org/missing', cacheDir, remoteHost: host }).catch((x: Error) => x);
    expect((err as Error).message).toMatch(/"test-org\/missing" \(dtype fp32\) is not available: download failed[\s\S]*--model/);
  });
});
