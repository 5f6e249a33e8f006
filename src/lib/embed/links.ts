/**
 * Where the widget's links lead. A frame is too small to browse the site in, so every link
 * inside it opens the full CineAtlas page in a new tab instead of navigating the frame.
 */
import { queryString } from '$lib/site/atlas-url';
import type { WidgetConfig } from './params';

/** The full CineAtlas page a widget is a compact view of. */
export function fullPageHref(c: WidgetConfig, base: string): string {
  switch (c.widget) {
    case 'search':
      return `${base}/${queryString({ q: c.q || null })}`;
    case 'similar':
      return `${base}/movie/${queryString({ id: c.id })}`;
    case 'map':
      return `${base}/map/${queryString({ model: c.model, cluster: c.cluster })}`;
  }
}

export function moviePageHref(id: number, base: string): string {
  return `${base}/movie/${queryString({ id })}`;
}

/**
 * Gives each clicked link in `root` target=_blank (and noopener) just before the click is
 * handled, so the browser opens a tab and SvelteKit's router (which leaves targeted links
 * alone) does not navigate the frame. Capture phase: runs before any handler that may still
 * cancel the click (`&nav=none`). Returns the stopper.
 */
export function openLinksInNewTab(root: HTMLElement): () => void {
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element | null)?.closest?.('a[href]');
    if (!(a instanceof HTMLAnchorElement) || !root.contains(a) || a.target) return;
    a.target = '_blank';
    a.rel = 'noopener';
  };
  root.addEventListener('click', onClick, true);
  return () => root.removeEventListener('click', onClick, true);
}

/** Applies a theme the way ThemeToggle does (data-theme on <html>), without storing it. */
export function applyTheme(theme: 'light' | 'dark' | null, doc: Document = document): void {
  if (theme) doc.documentElement.dataset.theme = theme;
}
