/**
 * The embed URL's parameters (/embed/?widget=…) parsed into a typed config. Never throws:
 * a bad value becomes an `error` with a readable message (shown in the frame), so a mangled
 * snippet explains itself instead of rendering a blank box.
 *
 *   ?widget=search[&q=…]            a search box with results
 *   ?widget=similar&id=<tmdb id>    a movie's nearest neighbours
 *   ?widget=map&cluster=<id>[&model=<model>]   one micro-genre on the map
 *   common: &theme=light|dark  &parent=<origin>  &nav=none
 */
import { parseModel } from '$lib/site/atlas-url';

export const WIDGETS = ['search', 'similar', 'map'] as const;
export type WidgetName = (typeof WIDGETS)[number];
export type Theme = 'light' | 'dark';

/** Longest query accepted from the URL or a message (the search box has no hard limit, the URL should). */
export const MAX_QUERY = 500;

export interface Common {
  theme: Theme | null;
  /** The embedding page's origin: where messages go and the only origin accepted back. */
  parentOrigin: string | null;
  /** false (`&nav=none`): result clicks only post a message; the parent decides what happens. */
  navigate: boolean;
}

export type WidgetConfig =
  | ({ widget: 'search'; q: string } & Common)
  | ({ widget: 'similar'; id: number } & Common)
  | ({ widget: 'map'; model: string | null; cluster: number } & Common);

export type ParseResult = { ok: true; config: WidgetConfig } | { ok: false; error: string; common: Common };

export function parseTheme(v: unknown): Theme | null {
  return v === 'light' || v === 'dark' ? v : null;
}

/**
 * An http(s) origin (scheme://host[:port]) from a parameter, normalised by URL; null for
 * anything else ("*", "null", file:, javascript:, paths are not origins).
 */
export function parseOrigin(v: string | null): string | null {
  if (!v) return null;
  try {
    const u = new URL(v);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.username || u.password) return null;
    // Only the origin itself, optionally with a trailing slash: a path hints at a mistake.
    if (u.pathname !== '/' || u.search || u.hash) return null;
    return u.origin;
  } catch {
    return null;
  }
}

function positiveInt(v: string | null, min: number): number | null {
  if (v === null || !/^\d{1,12}$/.test(v.trim())) return null;
  const n = Number(v.trim());
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

export function parseCommon(p: URLSearchParams): Common {
  return {
    theme: parseTheme(p.get('theme')),
    parentOrigin: parseOrigin(p.get('parent')),
    navigate: p.get('nav') !== 'none'
  };
}

export function parseEmbedParams(p: URLSearchParams): ParseResult {
  const common = parseCommon(p);
  const widget = p.get('widget');
  const fail = (error: string): ParseResult => ({ ok: false, error, common });
  if (p.has('parent') && !common.parentOrigin) {
    return fail(`"parent" must be the embedding page's origin, like https://example.org (got "${p.get('parent')}").`);
  }
  switch (widget) {
    case 'search':
      return { ok: true, config: { widget, q: (p.get('q') ?? '').trim().slice(0, MAX_QUERY), ...common } };
    case 'similar': {
      const id = positiveInt(p.get('id'), 1);
      if (id === null) return fail('The similar widget needs the movie\'s TMDB id: &id=<number>.');
      return { ok: true, config: { widget, id, ...common } };
    }
    case 'map': {
      const cluster = positiveInt(p.get('cluster'), 0);
      if (cluster === null) return fail('The map widget needs a micro-genre id: &cluster=<number> (and optionally &model=<model>).');
      const raw = p.get('model');
      const model = parseModel(raw);
      if (raw && !model) return fail(`"${raw.slice(0, 64)}" is not a model id.`);
      return { ok: true, config: { widget, model, cluster, ...common } };
    }
    default:
      return fail(
        `${widget ? `Unknown widget "${widget.slice(0, 40)}".` : 'No widget chosen.'} Use ?widget= one of: ${WIDGETS.join(', ')}.`
      );
  }
}
