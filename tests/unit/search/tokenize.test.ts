import { describe, expect, it } from 'vitest';
import { fold, porterStep1, sStem, tokenize } from '../../../src/lib/core/search/tokenize';

describe('tokenize', () => {
  it('folds case and accents, including letters NFKD leaves alone', () => {
    expect(fold('Amélie Poulain')).toBe('amelie poulain');
    expect(fold('Ærø Straße Łódź')).toBe('aero strasse lodz');
    expect(tokenize('AMÉLIE', { stem: 'none' })).toEqual(tokenize('amelie', { stem: 'none' }));
  });

  it('splits on non-letters, drops stop words and possessive s, joins inner apostrophes', () => {
    expect(tokenize("The businessman's dreams don't end", { stem: 'none' })).toEqual(['businessman', 'dreams', 'dont', 'end']);
    expect(tokenize('WALL·E and sci-fi', { stem: 'none' })).toEqual(['wall', 'e', 'sci', 'fi']);
    expect(tokenize('the of and', { stem: 'none' })).toEqual([]);
    expect(tokenize('the of', { stem: 'none', stopwords: false })).toEqual(['the', 'of']);
  });

  it('keeps digits and non-Latin letters', () => {
    expect(tokenize('1950s 괴물 Godzilla', { stem: 'none' })).toEqual(['1950s', '괴물', 'godzilla']);
  });

  it('S-stemmer folds plurals only', () => {
    expect(['worms', 'bodies', 'heroes', 'glass', 'virus', 'dreaming'].map(sStem)).toEqual(['worm', 'body', 'heroe', 'glass', 'virus', 'dreaming']);
  });

  it('Porter step 1 folds plurals, -ed and -ing alike', () => {
    const forms = ['dreams', 'dreamed', 'dreaming', 'dream'].map(porterStep1);
    expect(new Set(forms).size).toBe(1);
    expect(porterStep1('hopping')).toBe('hop');
    expect(porterStep1('hoping')).toBe('hope');
    expect(porterStep1('caresses')).toBe('caress');
    expect(porterStep1('agreed')).toBe('agree');
  });

  it('stems movie and query text the same way', () => {
    expect(tokenize('Giant worms', { stem: 's' })).toEqual(tokenize('giant worm', { stem: 's' }));
    expect(tokenize('hunting sharks', { stem: 'light' })).toEqual(tokenize('hunt shark', { stem: 'light' }));
  });
});
