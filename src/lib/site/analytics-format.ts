/** Number formatting for the analytics pages (English, like the rest of the site). */

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

const int = new Intl.NumberFormat('en');

/** 4,803; '—' for unknown. */
export function formatCount(n: number | null | undefined): string {
  return isNum(n) ? int.format(Math.round(n)) : '—';
}

function compact(abs: number): string {
  const steps: [number, string][] = [[1e12, ' tn'], [1e9, ' bn'], [1e6, ' M'], [1e3, ' k']];
  for (const [size, unit] of steps) {
    if (abs >= size) {
      const v = abs / size;
      return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '')}${unit}`;
    }
  }
  return int.format(Math.round(abs));
}

/** $2.92 bn, $237 M, $12.5 k, −$3 M; '—' for unknown. */
export function formatMoney(n: number | null | undefined): string {
  if (!isNum(n)) return '—';
  return `${n < 0 ? '−' : ''}$${compact(Math.abs(n))}`;
}

/** 12.3 %, from a fraction; '—' for unknown. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (!isNum(fraction)) return '—';
  const v = fraction * 100;
  return `${v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)} %`;
}

/** +1.2 pp, from a change of a fraction (0.012); '—' for unknown. */
export function formatPoints(delta: number | null | undefined, digits = 1): string {
  if (!isNum(delta)) return '—';
  const v = delta * 100;
  const s = Math.abs(v).toFixed(digits);
  return `${Number(s) === 0 ? '±' : v > 0 ? '+' : '−'}${s} pp`;
}

/** 12.3×; '—' for unknown. */
export function formatMultiple(m: number | null | undefined): string {
  if (!isNum(m)) return '—';
  if (m === 0) return '0×';
  if (m > 0 && m < 0.01) return '<0.01×';
  return `${m >= 100 ? m.toFixed(0) : m >= 10 ? m.toFixed(1) : m.toFixed(2)}×`;
}

/** "1990s" for 1990; "1995–99" for a 5-year period; the year for a 1-year one. */
export function formatPeriod(start: number, years: number): string {
  if (years === 10) return `${start}s`;
  if (years === 1) return String(start);
  return `${start}–${String(start + years - 1).slice(-2)}`;
}

/** A short minutes label: 1 h 52 min. */
export function formatRuntime(minutes: number | null | undefined): string {
  if (!isNum(minutes)) return '—';
  const m = Math.round(minutes);
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min` : `${m} min`;
}

/** text-anchor for an axis label at `x` so the labels at the ends stay inside [lo, hi]. */
export function edgeAnchor(x: number, lo: number, hi: number, half = 16): 'start' | 'middle' | 'end' {
  return x - lo < half ? 'start' : hi - x < half ? 'end' : 'middle';
}
