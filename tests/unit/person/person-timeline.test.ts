import { describe, expect, it } from 'vitest';
import type { FilmographyRow } from '../../../src/lib/db/queries';
import { rolesPhrase, timelineMarks } from '../../../src/lib/site/person-timeline';

function film(p: Partial<FilmographyRow> & { id: number }): FilmographyRow {
  return {
    title: `Movie ${p.id}`, year: 2000, release_date: null, genres: [], vote_average: 7, vote_count: 100, poster_path: null,
    role: 'cast', character: null, billing_order: 0, person: 'Ann Example', person_id: null, ...p
  };
}

describe('filmography timeline marks', () => {
  it('one mark per movie: acting and directing the same film is one mark with both roles', () => {
    const t = timelineMarks([
      film({ id: 1, year: 1990, role: 'director' }),
      film({ id: 1, year: 1990, role: 'cast', character: 'Herself' }),
      film({ id: 2, year: 1995 })
    ]);
    expect(t.marks.map((m) => m.id)).toEqual([1, 2]);
    expect(t.marks[0].roles).toEqual(['cast', 'director']);
    expect(t.marks[0].characters).toEqual(['Herself']);
    expect(t.span).toEqual([1990, 1995]);
  });

  it('spreads a year by release date and sorts by it', () => {
    const t = timelineMarks([
      film({ id: 3, year: 2001, release_date: '2001-12-20' }),
      film({ id: 4, year: 2001, release_date: '2001-02-01' }),
      film({ id: 5, year: 2001 })
    ]);
    expect(t.marks.map((m) => m.id)).toEqual([4, 5, 3]);
    const [feb, mid, dec] = t.marks.map((m) => m.x);
    expect(feb).toBeGreaterThan(2001);
    expect(feb).toBeLessThan(2001.1);
    expect(mid).toBe(2001.5);
    expect(dec).toBeGreaterThan(2001.95);
    expect(dec).toBeLessThan(2002);
    // A date that disagrees with the year does not move the mark into another year.
    expect(timelineMarks([film({ id: 6, year: 1999, release_date: '2003-05-01' })]).marks[0].x).toBe(1999.5);
  });

  it('movies nobody voted on have no rating; undated movies are counted, not plotted', () => {
    const t = timelineMarks([
      film({ id: 7, vote_average: 0, vote_count: 0 }),
      film({ id: 8, vote_average: null, vote_count: null }),
      film({ id: 9, year: null }),
      film({ id: 9, year: null, role: 'director' }),
      film({ id: 10, vote_average: 6.4, vote_count: 3 })
    ]);
    expect(t.marks.map((m) => [m.id, m.rating])).toEqual([[7, null], [8, null], [10, 6.4]]);
    expect(t.undated).toBe(1);
  });

  it('an empty filmography has no span', () => {
    expect(timelineMarks([])).toEqual({ marks: [], undated: 0, span: null });
  });

  it('phrases roles', () => {
    expect(rolesPhrase(['cast', 'director'])).toBe('acted and directed');
    expect(rolesPhrase(['director'])).toBe('directed');
  });
});
