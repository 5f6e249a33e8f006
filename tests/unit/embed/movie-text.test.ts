import { describe, expect, it } from 'vitest';
import { MAX_KEYWORDS, MOVIE_TEXT_VERSION, movieText, storyKeywords } from '../../../src/lib/core/movie-text';

const base = { title: 'Avatar', tagline: 'Enter the World of Pandora.', overview: 'In the 22nd century, a paraplegic Marine is dispatched to the moon Pandora.', genres: ['Action', 'Science Fiction'], keywords: ['culture clash', 'duringcreditsstinger', 'space war', '3d'] };

describe('movieText (recipe v1)', () => {
  it('has a version for the cache key and the manifest', () => {
    expect(MOVIE_TEXT_VERSION).toBe(1);
  });

  it('reads title, tagline, overview, genres and story keywords, in that order', () => {
    expect(movieText(base)).toBe(
      'Avatar. Enter the World of Pandora. In the 22nd century, a paraplegic Marine is dispatched to the moon Pandora. ' +
        'Genres: Action, Science Fiction. Keywords: culture clash, space war.'
    );
  });

  it('gives a movie with an empty overview a text from its other fields', () => {
    const t = movieText({ ...base, overview: '', tagline: null });
    expect(t).toBe('Avatar. Genres: Action, Science Fiction. Keywords: culture clash, space war.');
  });

  it('never fails on a bare record and cleans whitespace, duplicates and end punctuation', () => {
    expect(movieText({ title: '', tagline: null, overview: '', genres: [], keywords: [] })).toBe('');
    expect(movieText({ title: '  Why?\r\n ', tagline: ' ', overview: 'A  story\n\nabout  it', genres: ['Drama', 'drama ', ''], keywords: [] }))
      .toBe('Why? A story about it. Genres: Drama.');
  });

  it('skips a tagline the overview already starts with', () => {
    expect(movieText({ ...base, tagline: 'In the 22nd century', genres: [], keywords: [] })).toBe(
      'Avatar. In the 22nd century, a paraplegic Marine is dispatched to the moon Pandora.'
    );
  });

  it('leaves out people and numbers', () => {
    const t = movieText({ ...base, cast: ['Sam Worthington'], directors: ['James Cameron'], year: 2009 } as typeof base);
    expect(t).not.toMatch(/Worthington|Cameron|2009/);
  });

  it('caps keywords after dropping release trivia', () => {
    const many = Array.from({ length: 40 }, (_, i) => `kw${i}`);
    expect(storyKeywords(['woman director', ...many])).toEqual(many.slice(0, MAX_KEYWORDS));
  });
});
