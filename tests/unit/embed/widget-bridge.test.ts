import { describe, expect, it } from 'vitest';
import { createBridge, listenToParent, type PostFn } from '../../../src/lib/embed/bridge';
import type { IncomingMessage, OutgoingMessage } from '../../../src/lib/embed/protocol';

const PARENT = 'https://blog.example.org';

function recorder() {
  const sent: { message: OutgoingMessage; to: string }[] = [];
  const post: PostFn = (message, to) => sent.push({ message, to });
  return { sent, post };
}

describe('the widget bridge', () => {
  it('posts ready once, and heights only when they change (rounded up, positive)', () => {
    const { sent, post } = recorder();
    const b = createBridge(post, PARENT);
    b.ready('search');
    b.ready('search');
    b.height(120.2);
    b.height(120.9); // same after rounding up
    b.height(0);
    b.height(Number.NaN);
    b.height(340);
    b.height(121);
    expect(sent).toEqual([
      { message: { source: 'cineatlas', type: 'cineatlas:ready', widget: 'search' }, to: PARENT },
      { message: { source: 'cineatlas', type: 'cineatlas:height', height: 121 }, to: PARENT },
      { message: { source: 'cineatlas', type: 'cineatlas:height', height: 340 }, to: PARENT },
      { message: { source: 'cineatlas', type: 'cineatlas:height', height: 121 }, to: PARENT }
    ]);
  });

  it('sends result clicks to the parent, and without a parent only the public messages to "*"', () => {
    const withParent = recorder();
    createBridge(withParent.post, PARENT).resultClick(603, 'The Matrix');
    expect(withParent.sent).toEqual([{ message: { source: 'cineatlas', type: 'cineatlas:result-click', id: 603, title: 'The Matrix' }, to: PARENT }]);

    const anyone = recorder();
    const b = createBridge(anyone.post, null);
    b.ready('map');
    b.height(200);
    b.resultClick(603, 'The Matrix');
    expect(anyone.sent.map((s) => [s.message.type, s.to])).toEqual([['cineatlas:ready', '*'], ['cineatlas:height', '*']]);
  });

  it('posts nothing when the page is not in a frame', () => {
    const b = createBridge(null, PARENT);
    expect(() => {
      b.ready('search');
      b.height(10);
      b.resultClick(1, 'x');
    }).not.toThrow();
  });
});

/** Just enough of a Window to dispatch message events by hand. */
function fakeWindow() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const parent = { name: 'parent' };
  const win = {
    parent,
    addEventListener: (_t: string, fn: (e: MessageEvent) => void) => listeners.add(fn),
    removeEventListener: (_t: string, fn: (e: MessageEvent) => void) => listeners.delete(fn)
  };
  const dispatch = (origin: string, source: unknown, data: unknown) => {
    for (const fn of listeners) fn({ origin, source, data } as MessageEvent);
  };
  return { win: win as unknown as Window, parent, dispatch, listeners };
}

describe('listening to the parent', () => {
  it('hands over valid commands from the parent origin only, and stops when asked', () => {
    const { win, parent, dispatch, listeners } = fakeWindow();
    const got: IncomingMessage[] = [];
    const stop = listenToParent(win, PARENT, (m) => got.push(m));
    dispatch('https://evil.example', parent, { type: 'cineatlas:search', q: 'evil' });
    dispatch(PARENT, { other: true }, { type: 'cineatlas:search', q: 'sibling frame' });
    dispatch(PARENT, parent, { type: 'cineatlas:search', q: 42 });
    dispatch(PARENT, parent, { type: 'cineatlas:search', q: 'heist' });
    dispatch(PARENT, parent, { type: 'cineatlas:set-theme', theme: 'dark' });
    expect(got).toEqual([{ type: 'cineatlas:search', q: 'heist' }, { type: 'cineatlas:set-theme', theme: 'dark' }]);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('does not listen at all without a declared parent', () => {
    const { win, parent, dispatch, listeners } = fakeWindow();
    const got: IncomingMessage[] = [];
    listenToParent(win, null, (m) => got.push(m));
    expect(listeners.size).toBe(0);
    dispatch(PARENT, parent, { type: 'cineatlas:search', q: 'heist' });
    expect(got).toEqual([]);
  });
});
