import { describe, expect, it } from 'vitest';
import { clusterCandidates, indexMovies, ngrams, properNameTokens, tokenize } from '../../../build-scripts/label/candidates';

const movie = (overview: string, keywords: string[] = [], tagline: string | null = null) => ({ overview, keywords, tagline });

describe('tokenize', () => {
  it('lower-cases, splits clauses at punctuation, strips possessives and splits hyphens', () => {
    expect(tokenize("The world's last Sci-Fi hero. He fights; zombies!")).toEqual([
      ['the', 'world', 'last', 'sci', 'fi', 'hero'], ['he', 'fights'], ['zombies']
    ]);
    expect(tokenize('Don’t look — run')).toEqual([["don't", 'look'], ['run']]);
  });
});

describe('ngrams', () => {
  it('skips stop words as unigrams and at phrase boundaries, allows them inside', () => {
    const got = ngrams(tokenize('the queen of hearts'));
    expect(got.sort()).toEqual(['hearts', 'queen', 'queen of hearts']);
    expect(got).not.toContain('the');
    expect(got).not.toContain('queen of');
    expect(got).not.toContain('of hearts');
  });

  it('never crosses a clause boundary and caps at three words', () => {
    const got = ngrams(tokenize('zombie apocalypse survival horror. vampire hunters'));
    expect(got).toContain('zombie apocalypse survival');
    expect(got).not.toContain('zombie apocalypse survival horror');
    expect(got).not.toContain('horror vampire');
    expect(got).toContain('vampire hunters');
  });

  it('drops domain filler words and bare numbers at boundaries', () => {
    const got = ngrams(tokenize('a film that tells the story of 1950s jazz in 1958'));
    expect(got).toContain('1950s jazz');
    expect(got).not.toContain('film');
    expect(got).not.toContain('story');
    expect(got).not.toContain('1958');
  });
});

describe('proper names', () => {
  it('marks runs of capitalised words, not a lone capital at a sentence start', () => {
    expect(properNameTokens(['A', 'cop', 'in', 'New', 'York', 'City', 'hunts'])).toEqual([false, false, false, true, true, true, false]);
    expect(properNameTokens(['New', 'recruits', 'arrive'])).toEqual([false, false, false]);
    expect(properNameTokens(['THE', 'TRUTH', 'IS', 'OUT'])).toEqual([false, false, false, false]);
  });

  it('lets a domain stop word start or end a phrase inside a name or a keyword, never stand alone', () => {
    const idx = indexMovies([
      movie('A detective moves from Los Angeles to New York.', ['new york city']),
      movie('Tony Stark builds the Iron Man suit. A new man arrives.')
    ]);
    expect(idx.vocab).toContain('new york');
    expect(idx.vocab).toContain('los angeles');
    expect(idx.vocab).toContain('new york city');
    expect(idx.vocab).toContain('iron man');
    expect(idx.vocab).not.toContain('new');
    expect(idx.vocab).not.toContain('man');
    expect(idx.vocab).not.toContain('new man'); // lower-case: not a name
  });
});

describe('indexMovies', () => {
  it('counts a phrase once per movie, treats keywords as separate clauses, drops credit keywords', () => {
    const idx = indexMovies([
      movie('Zombie zombie zombie.', ['zombie apocalypse', 'duringcreditsstinger', 'survival']),
      movie('A zombie walks.')
    ]);
    const df = (p: string) => idx.df[idx.vocab.indexOf(p)];
    expect(df('zombie')).toBe(2);
    expect(df('zombie apocalypse')).toBe(1);
    expect(idx.vocab).not.toContain('duringcreditsstinger');
    expect(idx.vocab).not.toContain('apocalypse survival'); // two keywords never join
    expect(idx.movieTokens[1].has('walks')).toBe(true);
  });

  it('remembers tokens usually written in capitals, ignoring all-caps taglines', () => {
    const idx = indexMovies([
      movie('An FBI agent.', [], 'THE TRUTH IS OUT THERE'),
      movie('The FBI hunts a killer.'),
      movie('Truth hurts.')
    ]);
    expect(idx.acronyms.has('fbi')).toBe(true);
    expect(idx.acronyms.has('truth')).toBe(false);
  });
});

describe('clusterCandidates (c-TF-IDF)', () => {
  it('prefers terms specific to the cluster over terms common to every cluster', () => {
    const movies = [
      movie('A family drama about zombies.'),
      movie('Zombies attack a family.'),
      movie('A family of zombies.'),
      movie('A family drama about pirates.'),
      movie('Pirates rob a family.'),
      movie('A family of pirates.')
    ];
    const idx = indexMovies(movies);
    const [c0, c1] = clusterCandidates(idx, Int32Array.from([0, 0, 0, 1, 1, 1]), 2, 10);
    expect(c0[0].phrase).toBe('zombies');
    expect(c1[0].phrase).toBe('pirates');
    const rank = (cs: typeof c0, p: string) => cs.findIndex((c) => c.phrase === p);
    expect(rank(c0, 'family')).toBeGreaterThan(rank(c0, 'zombies'));
    expect(c0.find((c) => c.phrase === 'zombies')!.count).toBe(3);
  });

  it('keeps top N, skips noise, and drops single-member phrases in clusters of 5+', () => {
    const movies = Array.from({ length: 6 }, (_, i) => movie(`Robots rebel. Unique${i}word appears once.`));
    const idx = indexMovies(movies);
    const [c0] = clusterCandidates(idx, Int32Array.from([0, 0, 0, 0, 0, -1]), 1, 3);
    expect(c0.length).toBeLessThanOrEqual(3);
    expect(c0.some((c) => c.phrase.startsWith('unique'))).toBe(false);
    expect(c0.find((c) => c.phrase === 'robots')!.count).toBe(5);
  });
});
