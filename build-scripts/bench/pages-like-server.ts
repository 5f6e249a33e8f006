import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * A static server that behaves like GitHub Pages as far as the benches care: the site under
 * a base path, gzip for text and wasm (not for .parquet/.bin/.onnx), Cache-Control
 * max-age=600 + ETag. `data` stands in for `<base>/data/`. It counts what it sends and can
 * play offline (drops every connection).
 */
export interface PagesServer {
  url: string;
  /** Drops every connection, as if the network were gone. */
  offline: boolean;
  bytes: number;
  requests: number;
  /** Connections dropped while offline (network attempts the caches did not answer first). */
  refused: number;
  lastRequestAt: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm'
};
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.wasm']);

export async function pagesLikeServer(site: string, data: string, base: string): Promise<PagesServer> {
  const cache = new Map<string, { body: Buffer; gz: Buffer | null; etag: string }>();
  const server = createServer((req, res) => {
    s.lastRequestAt = Date.now();
    if (s.offline) {
      s.refused++;
      return void req.socket.destroy();
    }
    s.requests++;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(`${base}/`)) return void res.writeHead(404).end();
    const rel = path.slice(base.length);
    let file = rel.startsWith('/data/') ? join(data, rel.slice(6)) : join(site, rel);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    let entry = cache.get(file);
    if (!entry) {
      const body = readFileSync(file);
      entry = { body, gz: COMPRESSED.has(extname(file)) ? gzipSync(body, { level: 6 }) : null, etag: `"${createHash('sha1').update(body).digest('hex')}"` };
      cache.set(file, entry);
    }
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=600', etag: entry.etag };
    if (req.headers['if-none-match'] === entry.etag) return void res.writeHead(304, headers).end();
    const gz = entry.gz && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gz ? entry.gz! : entry.body;
    s.bytes += body.length;
    res.writeHead(200, { ...headers, ...(gz ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const s: PagesServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}/`,
    offline: false, bytes: 0, requests: 0, refused: 0, lastRequestAt: Date.now(),
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    })
  };
  return s;
}
