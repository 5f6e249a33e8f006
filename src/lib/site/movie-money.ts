/**
 * The movie page's money panel: budget, revenue, profit and return on investment, each
 * either a figure or an honest "unknown" (sources write 0 for "not known"; money() in
 * explore-money.ts turns that into null, so a missing budget never reads as $0 or a
 * limitless ROI). Pure.
 */
import { formatRoi, formatUsd, money } from './explore-money';

export interface MoneyFact {
  key: 'budget' | 'revenue' | 'profit' | 'roi';
  label: string;
  /** The figure, or "unknown". */
  value: string;
  known: boolean;
  /** Why unknown, or what the figure means. */
  note: string | null;
  /** Sign of profit / ROI, for colour and wording; null when unknown or not signed. */
  sign: 'gain' | 'loss' | 'even' | null;
}

export const UNKNOWN = 'unknown';

const signOf = (v: number | null): MoneyFact['sign'] => (v === null ? null : v > 0 ? 'gain' : v < 0 ? 'loss' : 'even');

export function moneyFacts(budget: number | null | undefined, revenue: number | null | undefined): MoneyFact[] {
  const m = money(budget, revenue);
  const missing = [m.budget === null ? 'budget' : null, m.revenue === null ? 'revenue' : null].filter(Boolean).join(' and ');
  const needsBoth = missing ? `needs both budget and revenue; the ${missing} ${missing.includes(' and ') ? 'are' : 'is'} not known` : null;
  return [
    {
      key: 'budget', label: 'Budget', value: m.budget === null ? UNKNOWN : formatUsd(m.budget), known: m.budget !== null,
      note: m.budget === null ? 'not reported by the source' : null, sign: null
    },
    {
      key: 'revenue', label: 'Box office', value: m.revenue === null ? UNKNOWN : formatUsd(m.revenue), known: m.revenue !== null,
      note: m.revenue === null ? 'not reported by the source' : 'worldwide gross', sign: null
    },
    {
      key: 'profit', label: 'Gross minus budget', value: m.profit === null ? UNKNOWN : formatUsd(m.profit), known: m.profit !== null,
      note: needsBoth ?? 'before marketing and the cinemas’ share', sign: signOf(m.profit)
    },
    {
      key: 'roi', label: 'Return on investment', value: m.roi === null ? UNKNOWN : formatRoi(m.roi), known: m.roi !== null,
      note: needsBoth ?? `(gross − budget) ÷ budget: it grossed ${multiple(m.multiple as number)} its budget`, sign: signOf(m.roi)
    }
  ];
}

function multiple(x: number): string {
  return `${x >= 10 ? Math.round(x) : x.toFixed(1).replace(/\.0$/, '')}×`;
}
