/**
 * The page's effective theme (ThemeToggle's data-theme on <html>, else the OS preference)
 * and its CSS colours, for drawing on canvas and picking palette variants. `observeTheme`
 * calls back now and on every change; it returns the function that stops watching.
 */
import type { Theme } from '$lib/site/atlas-palette';

export interface ThemeColours {
  theme: Theme;
  bg: string;
  fg: string;
  muted: string;
  line: string;
  card: string;
  accent: string;
  accent2: string;
}

export function currentTheme(): Theme {
  const set = document.documentElement.dataset.theme;
  if (set === 'dark' || set === 'light') return set;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function themeColours(): ThemeColours {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const theme = currentTheme();
  const dark = theme === 'dark';
  return {
    theme,
    bg: v('--bg', dark ? '#111318' : '#fbfaf7'),
    fg: v('--fg', dark ? '#eceae4' : '#1b1d22'),
    muted: v('--muted', dark ? '#a3a8b4' : '#5b6170'),
    line: v('--line', dark ? '#2a2e37' : '#e3e0d8'),
    card: v('--card', dark ? '#1a1d24' : '#ffffff'),
    accent: v('--accent', dark ? '#8ecae6' : '#1d3557'),
    accent2: v('--accent-2', dark ? '#f4a261' : '#e76f51')
  };
}

export function observeTheme(cb: (c: ThemeColours) => void): () => void {
  let last = '';
  const fire = () => {
    const c = themeColours();
    const key = JSON.stringify(c);
    if (key !== last) {
      last = key;
      cb(c);
    }
  };
  fire();
  const mo = new MutationObserver(fire);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  const mq = matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', fire);
  return () => {
    mo.disconnect();
    mq.removeEventListener('change', fire);
  };
}
