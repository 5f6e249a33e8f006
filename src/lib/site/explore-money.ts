/**
 * Money and number formatting for the movie page and the explorer. Pure.
 * Sources write 0 for an unknown budget or revenue; the ingest turns that into null, and
 * these functions treat a 0 they still meet the same way.
 */

export interface Money {
  budget: number | null;
  revenue: number | null;
  /** revenue − budget; null unless both are known. */
  profit: number | null;
  /** Return on investment, (revenue − budget) / budget: 1.5 = +150 %; null unless both are known. */
  roi: number | null;
  /** revenue / budget ("earned 2.5× its budget"); null unless both are known. */
  multiple: number | null;
}

const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

export function money(budget: number | null | undefined, revenue: number | null | undefined): Money {
  const b = known(budget) ? budget : null;
  const r = known(revenue) ? revenue : null;
  if (b === null || r === null) return { budget: b, revenue: r, profit: null, roi: null, multiple: null };
  return { budget: b, revenue: r, profit: r - b, roi: (r - b) / b, multiple: r / b };
}

/** $1.2 billion, $350 million, $85,000; '—' when unknown. */
export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (a >= 1e9) return `${sign}$${trim(a / 1e9)} billion`;
  if (a >= 1e6) return `${sign}$${trim(a / 1e6)} million`;
  return `${sign}$${Math.round(a).toLocaleString('en-US')}`;
}

/** Compact: $1.2B, $350M, $85K. */
export function formatUsdShort(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (a >= 1e9) return `${sign}$${trim(a / 1e9)}B`;
  if (a >= 1e6) return `${sign}$${trim(a / 1e6)}M`;
  if (a >= 1e3) return `${sign}$${trim(a / 1e3)}K`;
  return `${sign}$${Math.round(a)}`;
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1).replace(/\.0$/, '');
}

/** +150 %, −40 %; '—' when unknown. */
export function formatRoi(roi: number | null): string {
  if (roi === null || !Number.isFinite(roi)) return '—';
  const pct = Math.round(roi * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct).toLocaleString('en-US')} %`;
}

/** 2 h 16 min; '—' when unknown. */
export function formatRuntime(minutes: number | null | undefined): string {
  if (!minutes || !Number.isFinite(minutes) || minutes <= 0) return '—';
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h ? (m ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}

/** 7.8; '—' when unknown. */
export function formatRating(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(1);
}

export function formatCount(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.round(v).toLocaleString('en-US');
}

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** "fr" → "French"; the code itself when unknown. */
export function languageName(code: string | null | undefined): string {
  if (!code) return '—';
  try {
    const name = languageNames?.of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}
