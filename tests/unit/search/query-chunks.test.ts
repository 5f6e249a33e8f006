import { describe, expect, it } from 'vitest';
import { chunkQuery, estimatePieces, isContextSentence, meanVector, splitSentences } from '../../../src/lib/core/search/query-chunks';

const MEMORY =
  "Okay this is driving me crazy. I saw it at a friend's birthday sleepover when I was nine, we had pizza. " +
  "It's an animated movie, I think late 90s, set in a small seaside town in the fifties. " +
  'A kid, I want to say his name was Hogan, finds a huge metal robot from space that eats cars, railroad tracks, ' +
  'scrap, and anything else made of metal, while a creepy government agent in a suit snoops around the town, ' +
  'asking questions, following the kid everywhere and calling the army. ' +
  'At the end the robot flies up to stop a missile and saves everyone!';
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('query chunks', () => {
  it('splits sentences after . ! ? and at line breaks', () => {
    expect(splitSentences('One thing. Two things! Three?\nFour')).toEqual(['One thing.', 'Two things!', 'Three?', 'Four']);
  });

  for (const max of [8, 16, 32, 64, 254])
    it(`never exceeds ${max} pieces and covers the whole text, in order`, () => {
      for (const count of [estimatePieces, words]) {
        const chunks = chunkQuery(MEMORY, { maxPieces: max, count });
        for (const c of chunks) {
          expect(count(c.text)).toBeLessThanOrEqual(max);
          expect(c.pieces).toBe(count(c.text));
        }
        expect(chunks.map((c) => c.text).join(' ')).toBe(norm(MEMORY));
      }
    });

  it('packs short queries into one chunk', () => {
    expect(chunkQuery('giant worms under the desert', { maxPieces: 64 })).toEqual([
      { text: 'giant worms under the desert', weight: 1, pieces: estimatePieces('giant worms under the desert') }
    ]);
    expect(chunkQuery('', { maxPieces: 64 })).toEqual([]);
  });

  it('flags viewing-context sentences, not hedged plot details', () => {
    expect(isContextSentence("I saw it at a friend's birthday sleepover when I was nine, we had pizza.")).toBe(true);
    expect(isContextSentence('My dad used to put it on whenever it was on cable.')).toBe(true);
    expect(isContextSentence("It's an animated movie, I think late 90s.")).toBe(false);
    expect(isContextSentence('A kid finds a robot from space.')).toBe(false);
  });

  it('down-weights context sentences in their own chunks, or drops them at weight 0', () => {
    const chunks = chunkQuery(MEMORY, { maxPieces: 254, contextWeight: 0.25 });
    const context = chunks.filter((c) => c.weight === 0.25);
    expect(context.map((c) => c.text).join(' ')).toContain('sleepover');
    expect(chunks.filter((c) => c.weight === 1).map((c) => c.text).join(' ')).not.toContain('sleepover');
    const dropped = chunkQuery(MEMORY, { maxPieces: 254, contextWeight: 0 });
    expect(dropped.map((c) => c.text).join(' ')).not.toContain('sleepover');
    expect(dropped.every((c) => c.weight === 1)).toBe(true);
  });

  it('keeps every sentence when all of them are context', () => {
    const chunks = chunkQuery('I watched it with my dad. We saw it on TV.', { maxPieces: 64, contextWeight: 0 });
    expect(chunks.map((c) => [c.text, c.weight])).toEqual([['I watched it with my dad. We saw it on TV.', 1]]);
  });

  it('estimates word pieces on the high side (real counts: all-MiniLM-L6-v2 tokenizer)', () => {
    const real: [string, number][] = [
      ['the cat sat', 3], ['Hello, world!', 4], ['extraordinarily', 4], ['1999', 1],
      ['Takeshi Kitano yakuza exiled to Los Angeles', 11], ['Amélie Poulain in Montmartre', 8],
      ["Okay this is driving me crazy. I saw it at a friend's birthday sleepover when I was nine, we had pizza.", 27]
    ];
    for (const [text, n] of real) {
      expect(estimatePieces(text), text).toBeGreaterThanOrEqual(n);
      expect(estimatePieces(text), text).toBeLessThanOrEqual(4 * n);
    }
    // The known miss: short rare words the vocabulary splits ("tor", "##a").
    expect(estimatePieces('Tora! Tora! Tora!')).toBe(6); // real: 9
  });

  it('means chunk vectors by weight and renormalises', () => {
    const v = meanVector([new Float32Array([1, 0]), new Float32Array([0, 1])], [3, 1]);
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
    expect(v[0] / v[1]).toBeCloseTo(3, 6);
  });
});
