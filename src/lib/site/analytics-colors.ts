/**
 * Colours of the analytics charts. Categorical: Tableau 10, readable on the light and the dark
 * background alike (each ≥ 3:1 against one of them and distinct from its neighbours). Sequential
 * ramps are CSS `color-mix` of the theme's own --card and --accent, so they follow the theme.
 */
export const CATEGORY_COLORS = [
  '#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#79706e'
] as const;

/** The "everything else" series. */
export const OTHER_COLOR = '#9aa0aa';

/** Colour of each key by position; `otherKey` gets OTHER_COLOR. */
export function categoryColors(keys: readonly string[], otherKey?: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  for (const k of keys) out.set(k, k === otherKey ? OTHER_COLOR : CATEGORY_COLORS[i++ % CATEGORY_COLORS.length]);
  return out;
}

/** A sequential fill for t in [0, 1], from the card colour to the accent (theme-aware CSS). */
export function rampFill(t: number): string {
  const pct = Math.round(Math.min(1, Math.max(0, t)) * 100);
  return `color-mix(in srgb, var(--accent) ${pct}%, var(--card))`;
}

/** Text colour on top of rampFill(t): the page colour on strong fills, the text colour on light ones. */
export function rampText(t: number): string {
  return t > 0.55 ? 'var(--bg)' : 'var(--fg)';
}
