import { describe, expect, it } from 'vitest';
import {
  INSIGHTS_DEFAULTS, paramChanges, readInsightsState, readTrendsState, TRENDS_DEFAULTS
} from '../../../src/lib/site/analytics-url';
import { edgeAnchor, formatCount, formatMoney, formatMultiple, formatPercent, formatPeriod, formatPoints, formatRuntime } from '../../../src/lib/site/analytics-format';
import { defaultModelOf, loadDefaultModel } from '../../../src/lib/site/analytics-models';
import { categoryColors, OTHER_COLOR, rampFill } from '../../../src/lib/site/analytics-colors';

describe('Trends URL state', () => {
  it('reads defaults from an empty query', () => {
    expect(readTrendsState(new URLSearchParams())).toEqual(TRENDS_DEFAULTS);
  });
  it('reads valid values and falls back on unknown ones', () => {
    expect(readTrendsState(new URLSearchParams('genre=Science%20Fiction&bucket=decade&heat=count&mg=size&mgall=1&kw=top&scale=linear'))).toEqual({
      genre: 'Science Fiction', bucket: 'decade', heat: 'count', mg: 'size', mgall: true, kw: 'top', scale: 'linear'
    });
    expect(readTrendsState(new URLSearchParams('bucket=century&heat=x&scale=&genre=%20%20'))).toEqual(TRENDS_DEFAULTS);
  });
  it('writes only what differs from the defaults', () => {
    expect(paramChanges({ bucket: '5y', heat: 'count', genre: null, mgall: true }, TRENDS_DEFAULTS)).toEqual({ bucket: null, heat: 'count', genre: null, mgall: '1' });
  });
});

describe('Insights URL state', () => {
  it('keeps typed text as is (bounded) and validates the rest', () => {
    const s = readInsightsState(new URLSearchParams('month=Marzo&day=mi%C3%A9rcoles&q=ava&movie=19995&fr=rating&co=movies&cn=25'));
    expect(s).toEqual({ month: 'Marzo', day: 'miércoles', q: 'ava', movie: 19995, fr: 'rating', co: 'movies', cn: 25 });
    expect(readInsightsState(new URLSearchParams(`movie=-3&cn=7&fr=x&q=${'a'.repeat(200)}`))).toEqual({ ...INSIGHTS_DEFAULTS, q: 'a'.repeat(80) });
    expect(readInsightsState(new URLSearchParams('movie=1e400')).movie).toBeNull();
    expect(readInsightsState(new URLSearchParams('movie=abc')).movie).toBeNull();
  });
});

describe('formatting', () => {
  it('formats money compactly', () => {
    expect(formatMoney(2_923_706_026)).toBe('$2.92 bn');
    expect(formatMoney(237_000_000)).toBe('$237 M');
    expect(formatMoney(10_500_000)).toBe('$10.5 M');
    expect(formatMoney(1_000_000)).toBe('$1 M');
    expect(formatMoney(12_500)).toBe('$12.5 k');
    expect(formatMoney(-3e6)).toBe('−$3 M');
    expect(formatMoney(950)).toBe('$950');
    expect(formatMoney(null)).toBe('—');
  });
  it('formats ratios, shares and periods', () => {
    expect(formatMultiple(11.8)).toBe('11.8×');
    expect(formatMultiple(0.004)).toBe('<0.01×');
    expect(formatMultiple(0)).toBe('0×');
    expect(formatMultiple(null)).toBe('—');
    expect(formatPercent(0.123)).toBe('12.3 %');
    expect(formatPoints(0.018)).toBe('+1.8 pp');
    expect(formatPoints(-0.009)).toBe('−0.9 pp');
    expect(formatPoints(0.0001)).toBe('±0.0 pp');
    expect(formatPeriod(1990, 10)).toBe('1990s');
    expect(formatPeriod(1995, 5)).toBe('1995–99');
    expect(formatPeriod(2001, 1)).toBe('2001');
    expect(formatCount(4803)).toBe('4,803');
    expect(formatRuntime(112)).toBe('1 h 52 min');
    expect(edgeAnchor(2, 0, 100)).toBe('start');
    expect(edgeAnchor(50, 0, 100)).toBe('middle');
    expect(edgeAnchor(95, 0, 100)).toBe('end');
  });
});

describe('default micro-genre model and colours', () => {
  it('picks default_model out of models.json', () => {
    expect(defaultModelOf({ default_model: 'hdbscan', models: [{ id: 'hdbscan', algorithm: 'HDBSCAN', k: 10 }] })).toEqual({ id: 'hdbscan', algorithm: 'HDBSCAN', k: 10 });
    expect(defaultModelOf({ default_model: 'gmm' })).toEqual({ id: 'gmm', algorithm: null, k: null });
    expect(defaultModelOf({})).toBeNull();
    expect(defaultModelOf(null)).toBeNull();
  });
  it('loads it, and gives null for a missing or broken file', async () => {
    const ok = (async () => new Response(JSON.stringify({ default_model: 'kmeans' }))) as typeof fetch;
    const missing = (async () => new Response('nope', { status: 404 })) as typeof fetch;
    const broken = (async () => new Response('{oops')) as typeof fetch;
    const offline = (async () => { throw new TypeError('offline'); }) as typeof fetch;
    expect(await loadDefaultModel('/x/models.json', ok)).toMatchObject({ id: 'kmeans' });
    expect(await loadDefaultModel('/x/models.json', missing)).toBeNull();
    expect(await loadDefaultModel('/x/models.json', broken)).toBeNull();
    expect(await loadDefaultModel('/x/models.json', offline)).toBeNull();
  });
  it('colours categories in order and Other in grey', () => {
    const c = categoryColors(['A', 'Other', 'B'], 'Other');
    expect(c.get('Other')).toBe(OTHER_COLOR);
    expect(c.get('A')).not.toBe(c.get('B'));
    expect(rampFill(2)).toContain('100%');
  });
});
