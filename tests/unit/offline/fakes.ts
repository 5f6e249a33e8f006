/**
 * In-memory CacheStorage and a scripted network, enough of both for the service worker's
 * strategies (src/lib/offline/strategies.ts) to run in Node.
 */

type Key = string;
const keyOf = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);
const noSearch = (u: string) => u.split('?')[0];

export class FakeCache {
  readonly entries = new Map<Key, { body: ArrayBuffer; init: ResponseInit }>();

  async match(req: RequestInfo | URL, o?: CacheQueryOptions): Promise<Response | undefined> {
    const k = keyOf(req);
    for (const [url, e] of this.entries) {
      if (url === k || (o?.ignoreSearch && noSearch(url) === noSearch(k))) return new Response(e.body.slice(0), e.init);
    }
    return undefined;
  }
  async put(req: RequestInfo | URL, res: Response): Promise<void> {
    const body = await res.arrayBuffer();
    this.entries.set(keyOf(req), { body, init: { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) } });
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((u) => new Request(u));
  }
  async delete(req: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(keyOf(req));
  }
}

export class FakeCacheStorage {
  readonly stores = new Map<string, FakeCache>();

  async open(name: string): Promise<FakeCache> {
    let c = this.stores.get(name);
    if (!c) this.stores.set(name, (c = new FakeCache()));
    return c;
  }
  async keys(): Promise<string[]> {
    return [...this.stores.keys()];
  }
  async delete(name: string): Promise<boolean> {
    return this.stores.delete(name);
  }
  async match(req: RequestInfo | URL): Promise<Response | undefined> {
    for (const c of this.stores.values()) {
      const hit = await c.match(req);
      if (hit) return hit;
    }
    return undefined;
  }
  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}

/** A site on the network: URL → body (string) or status; `offline` makes every fetch fail. */
export class FakeNetwork {
  offline = false;
  /** Milliseconds before a response (for timeout tests). */
  delayMs = 0;
  readonly requested: string[] = [];
  constructor(public site: Record<string, string | number> = {}) {}

  fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = keyOf(input);
    this.requested.push(url);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.offline) throw new TypeError('Failed to fetch');
    const body = this.site[url] ?? this.site[noSearch(url)];
    if (body === undefined) return new Response('not found', { status: 404 });
    if (typeof body === 'number') return new Response(null, { status: body });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
  };

  count(url: string): number {
    return this.requested.filter((u) => u === url).length;
  }
}

export async function sha256(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}
