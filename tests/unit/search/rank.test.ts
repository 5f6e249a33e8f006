import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../../src/lib/core/search/rank';
import { CLUSTERS, engine, fakeVector, FakeEmbedder, movieVectors, MOVIES } from './helpers';

describe('search (hybrid ranking core)', () => {
  it('finds the film and explains why', async () => {
    const e = engine();
    const r = await e.search('giant worms under the desert');
    expect(r.mode).toBe('hybrid');
    expect(r.results[0].id).toBe(1);
    const x = r.results[0].explanation;
    expect(x.matchedTerms).toEqual(['giant', 'worms', 'desert']);
    expect(x.fields).toEqual(expect.arrayContaining(['overview', 'keywords']));
    expect(x.lexicalRank).toBe(1);
    expect(x.semanticRank).toBeGreaterThanOrEqual(1);
    expect(x.similarity).toBeCloseTo(movieVectors().similarity(fakeVector('giant worms under the desert'), 1)!, 5);
    expect(x.cluster).toEqual({ model: 'kmeans', id: 1, name: 'Land Monsters' });
    expect(r.results[0].score).toBeCloseTo(1 / 61 + 1 / (60 + x.semanticRank!), 10);
  });

  it('runs one scorer in lexical and semantic modes', async () => {
    const embedder = new FakeEmbedder();
    const e = engine({ embedder });
    const lex = await e.search('shark boat', { mode: 'lexical' });
    expect(embedder.calls).toEqual([]);
    expect(lex.results.map((r) => r.id)).toEqual([2, 7]);
    expect(lex.results.every((r) => r.explanation.semanticRank === null)).toBe(true);
    const sem = await e.search('shark boat', { mode: 'semantic' });
    expect(sem.results).toHaveLength(MOVIES.length);
    expect(sem.results.every((r) => r.explanation.lexicalRank === null)).toBe(true);
    expect(sem.results[0].score).toBeCloseTo(sem.results[0].explanation.similarity!, 6);
  });

  it('combines filters with ranking in both lists', async () => {
    const e = engine();
    const r = await e.search('monster', { filters: { languages: ['ko'] } });
    expect(r.results.map((x) => x.id)).toEqual([6]);
    const s = await e.search('shark', { filters: { yearMin: 1990 }, k: 10 });
    expect(s.results.map((x) => x.id)).not.toContain(2);
    expect(s.results[0].id).toBe(7);
    const c = await e.search('giant', { filters: { clusters: [0] }, k: 10 });
    expect(c.results.map((x) => x.id).every((id) => CLUSTERS.byMovie.get(id) === 0)).toBe(true);
  });

  it('ranks "like X but Y" with X’s vector mixed in and X left out', async () => {
    const e = engine();
    const r = await e.search('like Jaws but a giant crocodile in a quiet lake');
    expect(r.like).toEqual({ id: 2, title: 'Jaws' });
    expect(r.text).toBe('a giant crocodile in a quiet lake');
    expect(r.results[0].id).toBe(3);
    expect(r.results.map((x) => x.id)).not.toContain(2);
    expect(r.results[0].explanation.like).toEqual({ id: 2, title: 'Jaws' });
    // The same through likeMovieId, and no parsing when asked not to.
    expect((await e.search('a giant crocodile in a quiet lake', { likeMovieId: 2 })).results[0].id).toBe(3);
    expect((await e.search('like Jaws but a crocodile', { parseLike: false })).like).toBeNull();
    // An unknown X leaves the text as it is.
    expect((await e.search('like Nonexistent Film but sharks')).like).toBeNull();
  });

  it('a larger α pulls like-X results towards X’s neighbours', async () => {
    const e = engine();
    const text = 'like Jaws but in Paris';
    const low = await e.search(text, { mode: 'semantic', params: { likeWeight: 0 } });
    const high = await e.search(text, { mode: 'semantic', params: { likeWeight: 0.95 } });
    expect(low.results[0].id).toBe(5); // Amélie: Paris
    expect(high.results[0].id).toBe(7); // Deep Blue Sea: Jaws' neighbour
  });

  it('splits long queries into chunks and embeds each', async () => {
    const embedder = new FakeEmbedder();
    const e = engine({ embedder, params: { maxPieces: 12 } });
    const long = 'I remember a film about a shark. It attacks a beach town in summer. Three men go out on a small boat to hunt it down.';
    const r = await e.search(long);
    expect(r.chunks.length).toBeGreaterThan(1);
    expect(embedder.calls.at(-1)).toEqual(r.chunks.map((c) => c.text));
    expect(r.results[0].id).toBe(2);
    const max = await e.search(long, { params: { aggregate: 'max' } });
    expect(max.results[0].id).toBe(2);
  });

  it('down-weights lexical terms of viewing-context sentences', () => {
    const e = engine({ params: { contextWeight: 0.25, lexicalContext: true } });
    const terms = e.queryTerms('I watched it with my dad on TV. A shark eats a boat.');
    expect(terms.find((t) => t.term === 'dad')!.weight).toBe(0.25);
    expect(terms.find((t) => t.term === 'shark')!.weight).toBe(1);
  });

  it('detects a credited full name (for the people boost)', () => {
    const e = engine();
    expect(e.namesPerson('the Spike Lee movie about a pizza shop')).toBe(true);
    expect(e.namesPerson('a movie about spikes and lees')).toBe(false);
  });

  it('falls back to lexical without an embedder, and browses by votes with no text', async () => {
    const e = new SearchEngine({ movies: MOVIES });
    const r = await e.search('shark');
    expect(r.mode).toBe('lexical');
    expect(r.results[0].explanation.similarity).toBeNull();
    const b = await engine().search('', { filters: { genres: ['Horror'] }, k: 2 });
    expect(b.mode).toBe('browse');
    expect(b.results).toHaveLength(2);
  });

  it('more like this: globally and within the micro-genre, with explanations', async () => {
    const e = engine();
    const global = await e.similar(2, { k: 3 });
    expect(global[0].id).toBe(7);
    expect(global[0].explanation).toMatchObject({ semanticRank: 1, like: { id: 2, title: 'Jaws' }, cluster: { id: 0 } });
    const within = await e.similar(4, { scope: 'cluster', k: 10 });
    expect(within.map((r) => r.id).sort()).toEqual([1, 6]);
  });

  it('resolves titles ignoring case, accents and a leading article', () => {
    const e = engine();
    expect(e.resolveTitle('amelie')?.id).toBe(5);
    expect(e.resolveTitle('host')?.id).toBe(6);
    expect(e.resolveTitle('le fabuleux destin d amélie poulain')?.id).toBe(5);
  });
});
