import { describe, expect, it } from 'vitest';
import { displayName, isRedundant, nameKeywords, nameWords, titleCase, uniqueNames } from '../../../build-scripts/label/display-name';

const wordCount = (s: string) => s.split(' ').length;
const isTitleCase = (s: string) => s.split(' ').every((w) => /^[A-Z0-9]/.test(w) || ['of', 'the', 'and', 'in'].includes(w));

describe('displayName', () => {
  it('builds a 2–4 word title-case name from MMR keywords', () => {
    expect(displayName(['zombie apocalypse', 'survival', 'military'])).toBe('Zombie Apocalypse Survival');
  });

  it('skips redundant words (plurals, shared stems)', () => {
    expect(displayName(['zombie', 'zombies', 'survivors', 'survival', 'outbreak'])).toBe('Zombie Survivors Outbreak');
    expect(isRedundant('survival', 'survivor')).toBe(true);
    expect(isRedundant('war', 'warrior')).toBe(false);
    expect(isRedundant('city', 'cities')).toBe(true);
    expect(isRedundant('space', 'spaceship')).toBe(true);
  });

  it('pads a one-word name from the fallback (genres), then "films"', () => {
    expect(displayName(['heist'], ['crime', 'thriller'])).toBe('Heist Crime');
    expect(displayName(['heist'])).toBe('Heist Films');
    expect(displayName([])).toBe('Assorted Films');
  });

  it('keeps acronyms and roman numerals in capitals, small words lower inside', () => {
    expect(titleCase(['fbi', 'agent'], new Set(['fbi']))).toBe('FBI Agent');
    expect(titleCase(['world', 'war', 'ii'])).toBe('World War II');
    expect(titleCase(['man', 'of', 'steel'])).toBe('Man of Steel');
  });

  it('names from the most relevant keywords only, not MMR\'s off-centre picks', () => {
    const kws = [{ phrase: 'serial killer', score: 0.68 }, { phrase: 'former', score: 0.22 }, { phrase: 'fbi agent', score: 0.5 }];
    expect(nameKeywords(kws)).toEqual(['serial killer', 'fbi agent']);
    expect(nameKeywords(kws, 0)).toEqual(['serial killer', 'fbi agent', 'former']);
  });

  it('never exceeds four words', () => {
    expect(wordCount(displayName(['haunted house', 'ghost story of the', 'exorcism ritual night']))).toBeLessThanOrEqual(4);
    expect(nameWords(['red planet', 'mars colony base', 'rover'])).toEqual(['red', 'planet', 'rover']);
  });
});

describe('uniqueNames', () => {
  it('makes names unique: the largest cluster keeps it, others get a distinguishing keyword', () => {
    const names = uniqueNames([
      { words: ['space', 'adventure'], keywords: ['space adventure', 'aliens'], size: 10 },
      { words: ['space', 'adventure'], keywords: ['space adventure', 'robots'], size: 30 },
      { words: ['space', 'adventure'], keywords: ['space adventure'], size: 5 },
      { words: ['space', 'adventure'], keywords: ['space adventure'], size: 4 },
      { words: ['unclustered', 'films'], keywords: [], size: 3 }
    ]);
    expect(names[1]).toBe('Space Adventure');
    expect(names[0]).toBe('Space Adventure Aliens');
    expect(names[2]).toBe('Space Adventure II');
    expect(names[3]).toBe('Space Adventure III');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(wordCount(n)).toBeGreaterThanOrEqual(2);
      expect(wordCount(n)).toBeLessThanOrEqual(4);
      expect(isTitleCase(n)).toBe(true);
    }
  });

  it('never hands out a reserved name', () => {
    const names = uniqueNames([
      { words: ['space', 'adventure'], keywords: [], size: 2 },
      { words: ['space', 'adventure'], keywords: ['aliens'], size: 1 }
    ], undefined, ['Space Adventure Aliens']);
    expect(names).toEqual(['Space Adventure', 'Space Adventure II']);
  });

  it('stays within four words when the base already has four', () => {
    const [a, b] = uniqueNames([
      { words: ['haunted', 'house', 'ghost', 'hunters'], keywords: ['exorcism'], size: 2 },
      { words: ['haunted', 'house', 'ghost', 'hunters'], keywords: ['exorcism'], size: 1 }
    ]);
    expect(a).toBe('Haunted House Ghost Hunters');
    expect(b).toBe('Haunted House Ghost Exorcism');
  });
});
