/**
 * The postMessage protocol between an embedded widget and the page that frames it.
 *
 * Out (widget → window.parent), every message tagged `source: 'cineatlas'`:
 *   cineatlas:ready         { widget }          once the widget has loaded (widget null: bad URL)
 *   cineatlas:height        { height }          content height in CSS px, on every change
 *   cineatlas:result-click  { id, title }       a movie was chosen (result title, map point)
 * In (parent → widget), accepted only from the `&parent=` origin:
 *   cineatlas:search        { q }               run a search (search widget)
 *   cineatlas:set-theme     { theme }           'light' | 'dark'
 */
import { MAX_QUERY, parseTheme, type Theme, type WidgetName } from './params';

export const SOURCE = 'cineatlas';

export type OutgoingMessage =
  | { source: typeof SOURCE; type: 'cineatlas:ready'; widget: WidgetName | null }
  | { source: typeof SOURCE; type: 'cineatlas:height'; height: number }
  | { source: typeof SOURCE; type: 'cineatlas:result-click'; id: number; title: string };

export type IncomingMessage = { type: 'cineatlas:search'; q: string } | { type: 'cineatlas:set-theme'; theme: Theme };

/**
 * Whether a message may go to any origin ("*") when no parent origin was given. Readiness and
 * height carry nothing about the visitor (the parent needs them to size the frame, and cannot
 * know its own origin is wanted unless it says so); which movie the visitor clicked does say
 * something about them, so it only goes to a declared parent.
 */
export function isPublic(m: OutgoingMessage): boolean {
  return m.type === 'cineatlas:ready' || m.type === 'cineatlas:height';
}

/** Where to send `m`: the declared parent, "*" for public messages, or null (do not send). */
export function targetOrigin(m: OutgoingMessage, parentOrigin: string | null): string | null {
  if (parentOrigin) return parentOrigin;
  return isPublic(m) ? '*' : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A well-formed incoming message, or null (unknown type, wrong field types, oversized query). */
export function parseIncoming(data: unknown): IncomingMessage | null {
  if (!isRecord(data) || typeof data.type !== 'string') return null;
  if ('source' in data && data.source !== undefined && data.source !== SOURCE) return null;
  switch (data.type) {
    case 'cineatlas:search': {
      if (typeof data.q !== 'string' || data.q.length > MAX_QUERY) return null;
      return { type: 'cineatlas:search', q: data.q.trim() };
    }
    case 'cineatlas:set-theme': {
      const theme = parseTheme(data.theme);
      return theme ? { type: 'cineatlas:set-theme', theme } : null;
    }
    default:
      return null;
  }
}

/** What the listener needs of a MessageEvent (so tests can pass plain objects). */
export interface MessageLike {
  origin: string;
  source: unknown;
  data: unknown;
}

/**
 * An incoming message if it may be acted on: there is a declared parent, the event comes
 * from it (origin and the parent window itself), and the data is well formed. Everything
 * else is dropped silently: answering would tell a probing page what we accept.
 */
export function acceptIncoming(e: MessageLike, parentOrigin: string | null, parentWindow: unknown): IncomingMessage | null {
  if (!parentOrigin || e.origin !== parentOrigin) return null;
  if (parentWindow == null || e.source !== parentWindow) return null;
  return parseIncoming(e.data);
}
