/**
 * URL state of the map, micro-genre and models pages (src/lib/site/atlas-url.ts): forgiving
 * parsing (junk dropped, never thrown), serialising and round-trips through a real query
 * string.
 */
import { describe, expect, it } from 'vitest';
import {
  formatZoom, genreStateParams, genresStateParams, mapStateParams, MAX_HIGHLIGHT, modelsStateParams,
  parseGenreState, parseGenresState, parseIds, parseMapState, parseModel, parseModelsState, parseZoom,
  queryString, ZOOM_EXTENT, type GenreViewState, type GenresViewState, type MapViewState, type ModelsViewState,
  type Params
} from '../../../src/lib/site/atlas-url';

/** Serialised changes → the query string a browser would hold → parsed again. */
const viaUrl = (params: Params) => new URLSearchParams(queryString(params));
const q = (s: string) => new URLSearchParams(s);

describe('parseModel', () => {
  it('accepts plain model ids', () => {
    for (const id of ['hdbscan', 'ward', 'kmeans', 'gmm_k12', 'umap-2.1', 'A'.repeat(64)]) expect(parseModel(id)).toBe(id);
  });

  it('rejects empty, overlong and SQL-ish ids', () => {
    for (const bad of [
      null, '', 'A'.repeat(65), "kmeans'; DROP TABLE movies; --", "x' OR '1'='1", 'k means', 'ward;', 'a/b', '../x',
      'kméans', 'a\nb', 'a%20b', '"ward"'
    ]) {
      expect(parseModel(bad)).toBeNull();
    }
  });

  it('drops a SQL-ish model from a whole map URL without throwing', () => {
    const s = parseMapState(q(`model=${encodeURIComponent("hdbscan' OR 1=1 --")}&focus=7`));
    expect(s.model).toBeNull();
    expect(s.focus).toBe(7);
  });
});

describe('parseIds', () => {
  it('keeps positive integers in order and drops junk, non-positives and duplicates', () => {
    expect(parseIds('1,abc,-2,1')).toEqual([1]);
    expect(parseIds('3, 1 ,2,,3,0,1.5,1e3,0x10,+4,2')).toEqual([3, 1, 2]);
    expect(parseIds('')).toEqual([]);
    expect(parseIds(null)).toEqual([]);
    expect(parseIds(',,,')).toEqual([]);
  });

  it('drops ids beyond the safe-integer range', () => {
    expect(parseIds('9007199254740993,5')).toEqual([5]);
    expect(parseIds('999999999999999,5')).toEqual([999999999999999, 5]);
    expect(parseIds('1234567890123456,5')).toEqual([5]); // 16 digits
  });

  it('stops at the maximum (MAX_HIGHLIGHT by default)', () => {
    const many = Array.from({ length: MAX_HIGHLIGHT + 50 }, (_, i) => i + 1).join(',');
    const ids = parseIds(many);
    expect(ids).toHaveLength(MAX_HIGHLIGHT);
    expect(ids[0]).toBe(1);
    expect(ids.at(-1)).toBe(MAX_HIGHLIGHT);
    expect(parseIds('5,4,3,2,1', 3)).toEqual([5, 4, 3]);
    // Duplicates and junk do not use up the allowance.
    expect(parseIds('1,1,x,1,2,3', 3)).toEqual([1, 2, 3]);
  });
});

describe('zoom', () => {
  it('parses a factor and a centre', () => {
    expect(parseZoom('2.5,0.41,0.62')).toEqual({ k: 2.5, cx: 0.41, cy: 0.62 });
    expect(parseZoom(' 3 , 0.5 , 0.25 ')).toEqual({ k: 3, cx: 0.5, cy: 0.25 });
    expect(parseZoom(`${ZOOM_EXTENT[0]},-0.5,1.5`)).toEqual({ k: ZOOM_EXTENT[0], cx: -0.5, cy: 1.5 });
    expect(parseZoom(`${ZOOM_EXTENT[1]},0,1`)).toEqual({ k: ZOOM_EXTENT[1], cx: 0, cy: 1 });
  });

  it('drops malformed or out-of-range zooms', () => {
    for (const bad of [
      null, '', '2', '2,0.5', '2,0.5,0.5,1', 'a,b,c', '2,,0.5', '2,0.5,', 'NaN,0.5,0.5', 'Infinity,0.5,0.5',
      '0.5,0.5,0.5', '64.01,0.5,0.5', '2,-0.51,0.5', '2,0.5,1.51', '2;0.5;0.5'
    ]) {
      expect(parseZoom(bad)).toBeNull();
    }
  });

  it('leaves the whole-map view out of the link', () => {
    expect(formatZoom(null)).toBeNull();
    expect(formatZoom({ k: 1, cx: 0.5, cy: 0.5 })).toBeNull();
    expect(formatZoom({ k: 1.0004, cx: 0.5003, cy: 0.4998 })).toBeNull();
    expect(formatZoom({ k: 1, cx: 0.6, cy: 0.5 })).toBe('1,0.6,0.5');
  });

  it('rounds to 3 decimals for k and 4 for the centre', () => {
    expect(formatZoom({ k: 2.123456, cx: 0.123456, cy: 0.987654 })).toBe('2.123,0.1235,0.9877');
  });

  it('round-trips within the rounding', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 200; i++) {
      const z = { k: 1 + rnd() * 63, cx: -0.5 + rnd() * 2, cy: -0.5 + rnd() * 2 };
      const back = parseZoom(formatZoom(z));
      expect(back).not.toBeNull();
      expect(Math.abs(back!.k - z.k)).toBeLessThanOrEqual(0.0005 + 1e-12);
      expect(Math.abs(back!.cx - z.cx)).toBeLessThanOrEqual(0.00005 + 1e-12);
      expect(Math.abs(back!.cy - z.cy)).toBeLessThanOrEqual(0.00005 + 1e-12);
      // Formatting an already-rounded zoom is stable.
      expect(formatZoom(back)).toBe(formatZoom(z));
    }
  });
});

describe('map state', () => {
  it('parses the documented example', () => {
    expect(parseMapState(q('model=hdbscan&highlight=1,2,3&focus=19995&cluster=4&zoom=2.5,0.41,0.62'))).toEqual({
      model: 'hdbscan', highlight: [1, 2, 3], focus: 19995, cluster: 4, zoom: { k: 2.5, cx: 0.41, cy: 0.62 }
    });
  });

  it('defaults everything for an empty URL', () => {
    expect(parseMapState(q(''))).toEqual({ model: null, highlight: [], focus: null, cluster: null, zoom: null });
  });

  it('drops malformed values one by one, keeping the rest', () => {
    const s = parseMapState(q('model=ward&highlight=1,abc,-2,1&focus=0&cluster=-2&zoom=99,0.5,0.5'));
    expect(s).toEqual({ model: 'ward', highlight: [1], focus: null, cluster: null, zoom: null });
    expect(parseMapState(q('focus=12abc&cluster=1.5')).focus).toBeNull();
    expect(parseMapState(q('cluster=1.5')).cluster).toBeNull();
    expect(parseMapState(q('focus=-3')).focus).toBeNull();
  });

  it('accepts cluster −1 (HDBSCAN noise)', () => {
    expect(parseMapState(q('cluster=-1')).cluster).toBe(-1);
  });

  it('never throws on garbage', () => {
    const junk = ['%', '%%E0%A4%A', '&&&', '=x', 'model', 'highlight=' + ','.repeat(5000), 'zoom=' + '9'.repeat(400) + ',1,1', 'focus=' + '9'.repeat(400)];
    for (const j of junk) {
      expect(() => parseMapState(q(j))).not.toThrow();
    }
    expect(parseMapState(q('focus=' + '9'.repeat(400))).focus).toBeNull();
  });

  it('round-trips through a query string', () => {
    const states: MapViewState[] = [
      { model: 'hdbscan', highlight: [5, 3, 99], focus: 42, cluster: -1, zoom: { k: 2.5, cx: 0.41, cy: 0.62 } },
      { model: 'kmeans', highlight: [], focus: null, cluster: 0, zoom: null },
      { model: null, highlight: [1], focus: null, cluster: null, zoom: { k: 64, cx: -0.5, cy: 1.5 } }
    ];
    for (const s of states) expect(parseMapState(viaUrl(mapStateParams(s)))).toEqual(s);
  });

  it('serialises only the keys given, null to remove', () => {
    expect(mapStateParams({})).toEqual({});
    expect(mapStateParams({ focus: 3 })).toEqual({ focus: 3 });
    expect(mapStateParams({ highlight: [], zoom: { k: 1, cx: 0.5, cy: 0.5 }, cluster: null })).toEqual({
      highlight: null, zoom: null, cluster: null
    });
    expect(mapStateParams({ highlight: [4, 2], cluster: 0 })).toEqual({ highlight: '4,2', cluster: 0 });
  });
});

describe('micro-genre list state', () => {
  it('parses sort and filter with defaults', () => {
    expect(parseGenresState(q('model=ward&sort=rating&q=heist'))).toEqual({ model: 'ward', sort: 'rating', q: 'heist' });
    expect(parseGenresState(q(''))).toEqual({ model: null, sort: 'size', q: '' });
    expect(parseGenresState(q('sort=votes')).sort).toBe('size');
    expect(parseGenresState(q('sort=RATING')).sort).toBe('size');
  });

  it('caps the filter at 100 characters', () => {
    expect(parseGenresState(q(`q=${'x'.repeat(500)}`)).q).toHaveLength(100);
  });

  it('leaves defaults out of the link and round-trips', () => {
    expect(genresStateParams({ sort: 'size', q: '   ' })).toEqual({ sort: null, q: null });
    expect(genresStateParams({ sort: 'name' })).toEqual({ sort: 'name' });
    const states: GenresViewState[] = [
      { model: 'ward', sort: 'rating', q: 'heist & "space" = 1' },
      { model: null, sort: 'size', q: '' },
      { model: 'gmm', sort: 'name', q: 'café noir' }
    ];
    for (const s of states) expect(parseGenresState(viaUrl(genresStateParams(s)))).toEqual(s);
  });
});

describe('one micro-genre state', () => {
  it('parses the documented example (page one-based in the URL, zero-based in state)', () => {
    expect(parseGenreState(q('model=kmeans&cluster=4&sort=rating&page=2'))).toEqual({
      model: 'kmeans', cluster: 4, sort: 'rating', page: 1
    });
  });

  it('defaults and drops malformed values', () => {
    expect(parseGenreState(q(''))).toEqual({ model: null, cluster: null, sort: 'popularity', page: 0 });
    for (const page of ['0', '-1', 'x', '1.5', '']) expect(parseGenreState(q(`page=${page}`)).page).toBe(0);
    expect(parseGenreState(q('page=999999999')).page).toBe(99_999);
    expect(parseGenreState(q('sort=budget')).sort).toBe('popularity');
    expect(parseGenreState(q('cluster=-1')).cluster).toBe(-1);
    expect(parseGenreState(q('cluster=-7')).cluster).toBeNull();
  });

  it('leaves defaults out and round-trips', () => {
    expect(genreStateParams({ sort: 'popularity', page: 0 })).toEqual({ sort: null, page: null });
    expect(genreStateParams({ page: 3 })).toEqual({ page: 4 });
    const states: GenreViewState[] = [
      { model: 'kmeans', cluster: 4, sort: 'rating', page: 1 },
      { model: 'hdbscan', cluster: -1, sort: 'popularity', page: 0 },
      { model: null, cluster: null, sort: 'title', page: 41 }
    ];
    for (const s of states) expect(parseGenreState(viaUrl(genreStateParams(s)))).toEqual(s);
  });
});

describe('models page state', () => {
  const keys = ['model', 'silhouette', 'davies_bouldin'] as const;

  it('parses sort, direction and measure; unknown sort falls back to the first key', () => {
    expect(parseModelsState(q('sort=silhouette&dir=desc&agreement=nmi'), keys)).toEqual({ sort: 'silhouette', dir: 'desc', agreement: 'nmi' });
    expect(parseModelsState(q(''), keys)).toEqual({ sort: 'model', dir: null, agreement: 'ari' });
    expect(parseModelsState(q("sort=silhouette'--&dir=up&agreement=NMI"), keys)).toEqual({ sort: 'model', dir: null, agreement: 'ari' });
  });

  it('round-trips', () => {
    const states: ModelsViewState[] = [
      { sort: 'davies_bouldin', dir: 'asc', agreement: 'nmi' },
      { sort: 'silhouette', dir: null, agreement: 'ari' }
    ];
    for (const s of states) expect(parseModelsState(viaUrl(modelsStateParams(s)), keys)).toEqual(s);
    expect(modelsStateParams({ agreement: 'ari', dir: null })).toEqual({ agreement: null, dir: null });
  });
});

describe('queryString', () => {
  it('leaves out null and empty values and encodes the rest', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ a: null, b: '' })).toBe('');
    const s = queryString({ model: 'ward', q: 'a&b=c d', page: 2, x: null });
    expect(s.startsWith('?')).toBe(true);
    const p = new URLSearchParams(s);
    expect([...p.keys()]).toEqual(['model', 'q', 'page']);
    expect(p.get('q')).toBe('a&b=c d');
    expect(p.get('page')).toBe('2');
  });

  it('keeps 0 (a real cluster id)', () => {
    expect(new URLSearchParams(queryString({ cluster: 0 })).get('cluster')).toBe('0');
  });
});
