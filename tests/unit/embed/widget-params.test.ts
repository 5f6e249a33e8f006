import { describe, expect, it } from 'vitest';
import { MAX_QUERY, parseEmbedParams, parseOrigin, WIDGETS } from '../../../src/lib/embed/params';

const parse = (qs: string) => parseEmbedParams(new URLSearchParams(qs));

describe('embed widget parameters', () => {
  it('reads each widget with its own parameters and the common ones', () => {
    expect(parse('widget=search&q=%20heist%20dream%20')).toEqual({
      ok: true,
      config: { widget: 'search', q: 'heist dream', theme: null, parentOrigin: null, navigate: true }
    });
    expect(parse('widget=similar&id=603&theme=dark&nav=none&parent=https://blog.example.org/')).toEqual({
      ok: true,
      config: { widget: 'similar', id: 603, theme: 'dark', parentOrigin: 'https://blog.example.org', navigate: false }
    });
    expect(parse('widget=map&model=hdbscan&cluster=4')).toMatchObject({ ok: true, config: { widget: 'map', model: 'hdbscan', cluster: 4 } });
    expect(parse('widget=map&cluster=0')).toMatchObject({ ok: true, config: { widget: 'map', model: null, cluster: 0 } });
  });

  it('explains an unknown or missing widget and lists the valid ones', () => {
    for (const qs of ['widget=carousel', '', 'widget=']) {
      const r = parse(qs);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const w of WIDGETS) expect(r.error).toContain(w);
    }
    const r = parse('widget=carousel');
    expect(!r.ok && r.error).toMatch(/Unknown widget "carousel"/);
  });

  it('refuses missing or malformed ids, clusters and models', () => {
    for (const qs of ['widget=similar', 'widget=similar&id=0', 'widget=similar&id=-3', 'widget=similar&id=1e3', 'widget=similar&id=abc']) {
      expect(parse(qs).ok, qs).toBe(false);
    }
    for (const qs of ['widget=map', 'widget=map&cluster=-1', 'widget=map&cluster=2.5', 'widget=map&cluster=3&model=../x']) {
      expect(parse(qs).ok, qs).toBe(false);
    }
  });

  it('ignores an unknown theme and caps the query length', () => {
    const r = parse(`widget=search&theme=neon&q=${'a'.repeat(MAX_QUERY + 50)}`);
    expect(r.ok && r.config.theme).toBe(null);
    expect(r.ok && r.config.widget === 'search' && r.config.q.length).toBe(MAX_QUERY);
  });

  it('accepts only an http(s) origin as the parent, and refuses the widget when it is malformed', () => {
    expect(parseOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(parseOrigin('https://EXAMPLE.org:443/')).toBe('https://example.org');
    for (const bad of ['*', 'null', 'example.org', 'javascript:alert(1)', 'file:///etc', 'https://example.org/page', 'https://u:p@example.org', 'https://example.org/?a=1']) {
      expect(parseOrigin(bad), bad).toBe(null);
    }
    const r = parse('widget=search&parent=*');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/parent/);
  });
});
