/**
 * The widget's side of the protocol: posts to the parent (deduplicating heights) and listens
 * for the parent's commands. `post` is injected so the rules can be tested without a frame.
 */
import type { WidgetName } from './params';
import { acceptIncoming, SOURCE, targetOrigin, type IncomingMessage, type OutgoingMessage } from './protocol';

export type PostFn = (message: OutgoingMessage, targetOrigin: string) => void;

export interface Bridge {
  ready(widget: WidgetName | null): void;
  height(px: number): void;
  resultClick(id: number, title: string): void;
}

export function createBridge(post: PostFn | null, parentOrigin: string | null): Bridge {
  let lastHeight = -1;
  let readySent = false;
  const send = (m: OutgoingMessage) => {
    if (!post) return;
    const to = targetOrigin(m, parentOrigin);
    if (to) post(m, to);
  };
  return {
    ready(widget) {
      if (readySent) return;
      readySent = true;
      send({ source: SOURCE, type: 'cineatlas:ready', widget });
    },
    height(px) {
      const h = Math.ceil(px);
      // Sub-pixel jitter and repeats would make the parent resize (and re-layout) for nothing.
      if (!Number.isFinite(h) || h <= 0 || h === lastHeight) return;
      lastHeight = h;
      send({ source: SOURCE, type: 'cineatlas:height', height: h });
    },
    resultClick(id, title) {
      send({ source: SOURCE, type: 'cineatlas:result-click', id, title });
    }
  };
}

/** The parent's postMessage, or null when the page is not in a frame (nothing to tell). */
export function parentPost(win: Window): PostFn | null {
  if (win.parent === win) return null;
  return (m, to) => win.parent.postMessage(m, to);
}

/** Listens for the parent's commands (none without a declared parent); returns the stopper. */
export function listenToParent(win: Window, parentOrigin: string | null, handle: (m: IncomingMessage) => void): () => void {
  if (!parentOrigin || win.parent === win) return () => undefined;
  const onMessage = (e: MessageEvent) => {
    const m = acceptIncoming(e, parentOrigin, win.parent);
    if (m) handle(m);
  };
  win.addEventListener('message', onMessage);
  return () => win.removeEventListener('message', onMessage);
}

/** Reports `el`'s height now and on every change; returns the stopper. */
export function observeHeight(el: HTMLElement, report: (px: number) => void): () => void {
  const measure = () => report(el.getBoundingClientRect().height);
  const ro = new ResizeObserver(measure);
  ro.observe(el);
  measure();
  return () => ro.disconnect();
}
