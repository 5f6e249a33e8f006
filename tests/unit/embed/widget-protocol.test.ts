import { describe, expect, it } from 'vitest';
import { acceptIncoming, parseIncoming, SOURCE, targetOrigin, type OutgoingMessage } from '../../../src/lib/embed/protocol';

const PARENT = 'https://blog.example.org';
const parentWin = { name: 'parent window' };
const otherWin = { name: 'some other frame' };

describe('incoming messages', () => {
  it('accept a well-formed command only from the declared parent origin and window', () => {
    const data = { type: 'cineatlas:search', q: ' zombie train ' };
    expect(acceptIncoming({ origin: PARENT, source: parentWin, data }, PARENT, parentWin)).toEqual({ type: 'cineatlas:search', q: 'zombie train' });
    expect(acceptIncoming({ origin: 'https://evil.example', source: parentWin, data }, PARENT, parentWin)).toBe(null);
    expect(acceptIncoming({ origin: 'https://blog.example.org.evil.example', source: parentWin, data }, PARENT, parentWin)).toBe(null);
    expect(acceptIncoming({ origin: 'http://blog.example.org', source: parentWin, data }, PARENT, parentWin)).toBe(null);
    expect(acceptIncoming({ origin: PARENT, source: otherWin, data }, PARENT, parentWin)).toBe(null);
    expect(acceptIncoming({ origin: PARENT, source: null, data }, PARENT, parentWin)).toBe(null);
  });

  it('are all ignored when no parent origin was declared', () => {
    const data = { type: 'cineatlas:set-theme', theme: 'dark' };
    expect(acceptIncoming({ origin: PARENT, source: parentWin, data }, null, parentWin)).toBe(null);
    expect(acceptIncoming({ origin: 'null', source: parentWin, data }, null, parentWin)).toBe(null);
  });

  it('are validated in shape', () => {
    expect(parseIncoming({ type: 'cineatlas:set-theme', theme: 'dark' })).toEqual({ type: 'cineatlas:set-theme', theme: 'dark' });
    expect(parseIncoming({ type: 'cineatlas:search', q: 'x', source: SOURCE })).toEqual({ type: 'cineatlas:search', q: 'x' });
    for (const bad of [
      null, 'cineatlas:search', 42, [], ['cineatlas:search'],
      {}, { type: 'cineatlas:search' }, { type: 'cineatlas:search', q: 42 }, { type: 'cineatlas:search', q: { toString: () => 'x' } },
      { type: 'cineatlas:search', q: 'x'.repeat(501) }, { type: 'cineatlas:search', q: 'x', source: 'other' },
      { type: 'cineatlas:set-theme', theme: 'neon' }, { type: 'cineatlas:set-theme' },
      { type: 'cineatlas:ready', widget: 'search' }, { type: 'search', q: 'x' }
    ]) {
      expect(parseIncoming(bad), JSON.stringify(bad)).toBe(null);
    }
  });
});

describe('outgoing target origin', () => {
  const ready: OutgoingMessage = { source: SOURCE, type: 'cineatlas:ready', widget: 'search' };
  const height: OutgoingMessage = { source: SOURCE, type: 'cineatlas:height', height: 300 };
  const click: OutgoingMessage = { source: SOURCE, type: 'cineatlas:result-click', id: 1, title: 'Alien' };

  it('is always the declared parent when there is one', () => {
    for (const m of [ready, height, click]) expect(targetOrigin(m, PARENT)).toBe(PARENT);
  });

  it('is "*" only for readiness and height; clicks are not sent without a parent', () => {
    expect(targetOrigin(ready, null)).toBe('*');
    expect(targetOrigin(height, null)).toBe('*');
    expect(targetOrigin(click, null)).toBe(null);
  });
});
