import { describe, expect, it } from 'vitest';
import { Bm25Index, DEFAULT_BM25, movieDoc, type Bm25Doc, type Bm25Params } from '../../../src/lib/core/search/bm25';
import { tokenize } from '../../../src/lib/core/search/tokenize';
import { MOVIES } from './helpers';

const q = (text: string) => tokenize(text, { stem: DEFAULT_BM25.stem }).map((term) => ({ term, weight: 1 }));
const ids = (index: Bm25Index, text: string) => index.search(q(text), 10).map((h) => h.id);

describe('BM25F index', () => {
  const index = Bm25Index.build(MOVIES.map((m) => movieDoc(m)));

  it('ranks movies matching more (and rarer) query words first', () => {
    expect(ids(index, 'giant worms desert')[0]).toBe(1);
    // "shark" is in two movies, "boat" in one: Jaws has both.
    expect(ids(index, 'shark boat')).toEqual([2, 7]);
    expect(index.idf('boat')).toBeGreaterThan(index.idf('shark'));
  });

  it('finds people, accents and original titles', () => {
    expect(ids(index, 'Spielberg')).toEqual([2]);
    expect(ids(index, 'amelie poulain')).toEqual([5]);
    expect(ids(index, 'Fabuleux destin')).toEqual([5]);
    expect(ids(index, 'nothing matches this')).toEqual([]);
  });

  it('weights fields: a title match beats an overview match, and the weights decide it', () => {
    const docs: Bm25Doc[] = [
      { id: 1, fields: { title: 'Ocean', overview: 'A story about a family.' } },
      { id: 2, fields: { title: 'A Family', overview: 'They sail the ocean.' } }
    ];
    expect(ids(Bm25Index.build(docs), 'ocean')).toEqual([1, 2]);
    const overviewHeavy: Bm25Params = { ...DEFAULT_BM25, fields: { ...DEFAULT_BM25.fields, title: { weight: 0.5, b: 0.5 }, overview: { weight: 5, b: 0.75 } } };
    expect(ids(Bm25Index.build(docs, overviewHeavy), 'ocean')).toEqual([2, 1]);
  });

  it('normalises by field length: the same match in a shorter overview scores higher', () => {
    const docs: Bm25Doc[] = [
      { id: 1, fields: { overview: 'robot ' + 'filler words here '.repeat(20) } },
      { id: 2, fields: { overview: 'robot story' } }
    ];
    expect(ids(Bm25Index.build(docs), 'robot')).toEqual([2, 1]);
  });

  it('saturates term frequency (k1) and counts a repeated query word once', () => {
    const docs: Bm25Doc[] = [
      { id: 1, fields: { overview: 'zombie zombie zombie zombie zombie zombie mall' } },
      { id: 2, fields: { overview: 'zombie mall siege survivors' } }
    ];
    const index2 = Bm25Index.build(docs);
    const [a, b] = index2.search(q('zombie mall'), 2);
    expect(a.score / b.score).toBeLessThan(1.6);
    expect(index2.search(q('zombie zombie mall'), 2).map((h) => h.score)).toEqual([a.score, b.score]);
  });

  it('scales a term by its query weight and skips weight 0', () => {
    const base = index.search([{ term: 'shark', weight: 1 }], 2)[0].score;
    expect(index.search([{ term: 'shark', weight: 0.25 }], 2)[0].score).toBeCloseTo(base * 0.25, 5);
    expect(index.search([{ term: 'shark', weight: 0 }], 2)).toEqual([]);
  });

  it('filters with accept and reports matched terms and fields', () => {
    const i2 = index.indexOf(2)!;
    expect(index.search(q('shark'), 10, (i) => i !== i2).map((h) => h.id)).toEqual([7]);
    expect(index.matches(i2, ['shark', 'spielberg', 'dinosaur'])).toEqual({ terms: ['shark', 'spielberg'], fields: ['overview', 'keywords', 'people'] });
  });

  it('round-trips through its snapshot', () => {
    const copy = Bm25Index.fromSnapshot(structuredClone(index.snapshot()));
    expect(copy.search(q('giant monster'), 5)).toEqual(index.search(q('giant monster'), 5));
  });
});
