import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.wasm': 'application/wasm', '.parquet': 'application/octet-stream', '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream', '.webmanifest': 'application/manifest+json'
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site the way GitHub Pages does: under a base path, files only, 404.html
 * for unknown paths, no COOP/COEP headers. `dataDir` overrides `<base>/data/` so tests
 * can serve artifacts from a temporary build.
 */
export async function serveStatic(root: string, base: string, dataDir?: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(`${base}/`)) return notFound();
    let rel = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
    let dir = root;
    if (dataDir && rel.startsWith('/data/')) {
      dir = dataDir;
      rel = rel.slice('/data'.length);
    }
    let file = join(dir, rel);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return notFound();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);

    function notFound() {
      const page = join(root, '404.html');
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      if (existsSync(page) && !path.includes('/data/')) createReadStream(page).pipe(res);
      else res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}/`,
    close: () => new Promise((r) => server.close(() => r()))
  };
}
