import { describe, expect, it } from 'vitest';
import { moneyFacts, UNKNOWN } from '../../../src/lib/site/movie-money';

const byKey = (facts: ReturnType<typeof moneyFacts>) => Object.fromEntries(facts.map((f) => [f.key, f]));

describe('movie money facts', () => {
  it('gives budget, gross, profit and ROI when both are known', () => {
    const f = byKey(moneyFacts(100_000_000, 250_000_000));
    expect(f.budget.value).toBe('$100 million');
    expect(f.revenue.value).toBe('$250 million');
    expect(f.profit.value).toBe('$150 million');
    expect(f.roi.value).toBe('+150 %');
    expect(f.roi.sign).toBe('gain');
    expect(f.roi.note).toContain('2.5×');
    expect(Object.values(f).every((x) => x.known)).toBe(true);
  });

  it('a loss is negative, not hidden', () => {
    const f = byKey(moneyFacts(80_000_000, 20_000_000));
    expect(f.profit.value).toBe('−$60 million');
    expect(f.roi.value).toBe('−75 %');
    expect(f.roi.sign).toBe('loss');
  });

  it('a zero or missing budget is unknown, and so are profit and ROI (never $0 or infinite)', () => {
    for (const budget of [0, null, undefined, Number.NaN]) {
      const f = byKey(moneyFacts(budget, 5_000_000));
      expect(f.budget.value).toBe(UNKNOWN);
      expect(f.budget.known).toBe(false);
      expect(f.revenue.value).toBe('$5 million');
      expect(f.profit.value).toBe(UNKNOWN);
      expect(f.roi.value).toBe(UNKNOWN);
      expect(f.roi.note).toMatch(/budget is not known/);
      expect(f.roi.sign).toBeNull();
    }
  });

  it('names every missing figure', () => {
    const f = byKey(moneyFacts(0, 0));
    expect(f.budget.value).toBe(UNKNOWN);
    expect(f.revenue.value).toBe(UNKNOWN);
    expect(f.roi.note).toMatch(/budget and revenue are not known/);
    expect(byKey(moneyFacts(1_000_000, null)).roi.note).toMatch(/the revenue is not known/);
  });

  it('break-even is even, small figures in dollars', () => {
    const f = byKey(moneyFacts(85_000, 85_000));
    expect(f.budget.value).toBe('$85,000');
    expect(f.roi.value).toBe('0 %');
    expect(f.roi.sign).toBe('even');
  });
});
