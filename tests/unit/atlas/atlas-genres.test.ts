/**
 * The micro-genre list (src/lib/site/atlas-genres.ts): filter on names and keywords (case
 * and accents ignored, every word), the three sort orders with their tie-breaks, and Ward's
 * micro → macro grouping.
 */
import { describe, expect, it } from 'vitest';
import { filterGenres, groupByMacro, sortGenres, type GenreRow } from '../../../src/lib/site/atlas-genres';

const row = (cluster: number, name: string, o: Partial<GenreRow> = {}): GenreRow => ({
  cluster, name, keywords: [], size: 10, avg_rating: null, parent: null, ...o
});

const rows: GenreRow[] = [
  row(0, 'Heist Capers', { keywords: ['bank robbery', 'vault'], size: 40, avg_rating: 6.9 }),
  row(1, 'Café Noir', { keywords: ['detective', 'femme fatale'], size: 25, avg_rating: 7.4 }),
  row(2, 'Space Opera', { keywords: ['alien', 'starship'], size: 40, avg_rating: null }),
  row(3, 'Zombie Outbreak', { keywords: ['ZOMBIE', 'survival'], size: 12, avg_rating: 5.1 }),
  row(4, 'éclair bakery dramas', { keywords: ['pastry'], size: 12, avg_rating: 7.4 }),
  row(5, 'Eclair Bakery Dramas', { keywords: [], size: 3, avg_rating: null })
];

describe('filterGenres', () => {
  it('returns a copy of everything for an empty or blank query', () => {
    const all = filterGenres(rows, '   ');
    expect(all).toEqual(rows);
    expect(all).not.toBe(rows);
    expect(filterGenres(rows, '')).toEqual(rows);
  });

  it('matches names and keywords, case-insensitively', () => {
    expect(filterGenres(rows, 'heist').map((r) => r.cluster)).toEqual([0]);
    expect(filterGenres(rows, 'VAULT').map((r) => r.cluster)).toEqual([0]);
    expect(filterGenres(rows, 'zombie').map((r) => r.cluster)).toEqual([3]);
    expect(filterGenres(rows, 'star').map((r) => r.cluster)).toEqual([2]); // substring of a keyword
  });

  it('ignores accents on both sides', () => {
    expect(filterGenres(rows, 'cafe').map((r) => r.cluster)).toEqual([1]);
    expect(filterGenres(rows, 'CAFÉ').map((r) => r.cluster)).toEqual([1]);
    expect(filterGenres(rows, 'Éclair').map((r) => r.cluster)).toEqual([4, 5]);
  });

  it('requires every word, in any order, across name and keywords', () => {
    expect(filterGenres(rows, 'noir detective').map((r) => r.cluster)).toEqual([1]);
    expect(filterGenres(rows, '  fatale   cafe ').map((r) => r.cluster)).toEqual([1]);
    expect(filterGenres(rows, 'noir alien')).toEqual([]);
    expect(filterGenres(rows, 'bakery pastry').map((r) => r.cluster)).toEqual([4]);
  });

  it('treats regex and SQL characters literally', () => {
    expect(filterGenres(rows, '.*')).toEqual([]);
    expect(filterGenres(rows, "' OR 1=1")).toEqual([]);
    expect(filterGenres([row(9, 'C++ (1999)')], '++ (1999)').map((r) => r.cluster)).toEqual([9]);
  });
});

describe('sortGenres', () => {
  const ids = (rs: GenreRow[]) => rs.map((r) => r.cluster);

  it('size: largest first, ties by cluster id', () => {
    expect(ids(sortGenres(rows, 'size'))).toEqual([0, 2, 1, 3, 4, 5]);
  });

  it('rating: best first, unrated last (by size), ties by size then cluster', () => {
    expect(ids(sortGenres(rows, 'rating'))).toEqual([1, 4, 0, 3, 2, 5]);
    const tied = [row(7, 'a', { avg_rating: 7, size: 5 }), row(3, 'b', { avg_rating: 7, size: 5 }), row(1, 'c', { avg_rating: 7, size: 9 })];
    expect(ids(sortGenres(tied, 'rating'))).toEqual([1, 3, 7]);
  });

  it('name: A–Z ignoring case and accents, ties by cluster id', () => {
    expect(ids(sortGenres(rows, 'name'))).toEqual([1, 4, 5, 0, 2, 3]);
    expect(ids(sortGenres([row(2, 'beta'), row(1, 'Alpha'), row(0, 'alpha')], 'name'))).toEqual([0, 1, 2]);
  });

  it('does not modify its input', () => {
    const copy = rows.map((r) => ({ ...r }));
    sortGenres(rows, 'rating');
    sortGenres(rows, 'name');
    expect(rows).toEqual(copy);
  });
});

describe('groupByMacro', () => {
  const macro = [
    { cluster: 0, size: 50, name: 'Crime' },
    { cluster: 1, size: 80, name: 'Fantastic' },
    { cluster: 2, size: 50, name: 'Drama' },
    { cluster: 3, size: 999, name: 'Empty' }
  ];
  const micro = [
    row(10, 'a', { parent: 0 }),
    row(11, 'b', { parent: 1 }),
    row(12, 'c', { parent: null }),
    row(13, 'd', { parent: 0 }),
    row(14, 'e', { parent: 42 }), // unknown macro
    row(15, 'f', { parent: 2 }),
    row(16, 'g', { parent: 1 })
  ];

  it('groups micro clusters under their macro parent, biggest macro first, orphans last', () => {
    const groups = groupByMacro(micro, macro);
    expect(groups.map((g) => g.macro?.cluster ?? null)).toEqual([1, 0, 2, null]);
    expect(groups.map((g) => g.members.map((m) => m.cluster))).toEqual([[11, 16], [10, 13], [15], [12, 14]]);
    expect(groups[0].macro).toBe(macro[1]);
  });

  it('places every micro cluster exactly once and leaves out empty macros', () => {
    const groups = groupByMacro(micro, macro);
    expect(groups.flatMap((g) => g.members.map((m) => m.cluster)).sort()).toEqual(micro.map((m) => m.cluster).sort());
    expect(groups.some((g) => g.macro?.cluster === 3)).toBe(false);
  });

  it('keeps the given member order (e.g. after sortGenres)', () => {
    const sorted = sortGenres(micro, 'name').reverse();
    const groups = groupByMacro(sorted, macro);
    for (const g of groups) {
      const pos = g.members.map((m) => sorted.indexOf(m));
      expect(pos).toEqual([...pos].sort((a, b) => a - b));
    }
  });

  it('has no orphan group when every parent is known, and only orphans without macros', () => {
    expect(groupByMacro(micro.filter((m) => m.parent !== null && m.parent !== 42), macro).every((g) => g.macro !== null)).toBe(true);
    const only = groupByMacro(micro, []);
    expect(only).toHaveLength(1);
    expect(only[0].macro).toBeNull();
    expect(only[0].members).toHaveLength(micro.length);
    expect(groupByMacro([], macro)).toEqual([]);
  });
});
