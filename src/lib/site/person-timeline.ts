/**
 * The person page's filmography chart data: one mark per movie (an actor who also directed
 * a film gets one mark with both roles, so the marks count the movies), placed by release
 * date (films of one year spread across it instead of stacking) and rating. Movies without
 * votes have no rating to plot: they sit in an "unrated" strip. Pure.
 */
import type { CreditRole, FilmographyRow } from '$lib/db/queries';

export interface TimelineMark {
  id: number;
  title: string;
  year: number;
  /** Position on the time axis: year plus the fraction of it elapsed at release. */
  x: number;
  /** vote_average, or null when nobody voted. */
  rating: number | null;
  votes: number;
  /** The person's roles on this movie, cast first. */
  roles: CreditRole[];
  /** Characters played, when known. */
  characters: string[];
}

export interface Timeline {
  marks: TimelineMark[];
  /** Movies without a year (listed in the table, not plotted). */
  undated: number;
  /** First and last year plotted; null without marks. */
  span: [number, number] | null;
}

function yearFraction(date: string | null, year: number): number {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  if (!m || Number(m[1]) !== year) return 0.5;
  const t = Date.UTC(year, Number(m[2]) - 1, Number(m[3])) - Date.UTC(year, 0, 1);
  return Math.min(0.999, Math.max(0, t / (366 * 864e5)));
}

/** Marks for the rows (already restricted to a role if the page filters one), oldest first. */
export function timelineMarks(rows: readonly FilmographyRow[]): Timeline {
  const by = new Map<number, TimelineMark>();
  const undated = new Set<number>();
  for (const r of rows) {
    if (r.year === null) {
      undated.add(r.id);
      continue;
    }
    let mark = by.get(r.id);
    if (!mark) {
      const rated = r.vote_average !== null && (r.vote_count ?? 0) > 0;
      mark = {
        id: r.id, title: r.title, year: r.year, x: r.year + yearFraction(r.release_date, r.year),
        rating: rated ? r.vote_average : null, votes: r.vote_count ?? 0, roles: [], characters: []
      };
      by.set(r.id, mark);
    }
    if (!mark.roles.includes(r.role)) mark.roles.push(r.role);
    if (r.role === 'cast' && r.character && !mark.characters.includes(r.character)) mark.characters.push(r.character);
  }
  const marks = [...by.values()].sort((a, b) => a.x - b.x || a.id - b.id);
  for (const m of marks) m.roles.sort((a, b) => (a === b ? 0 : a === 'cast' ? -1 : 1));
  return { marks, undated: undated.size, span: marks.length ? [marks[0].year, marks[marks.length - 1].year] : null };
}

/** "acted", "directed", "acted and directed". */
export function rolesPhrase(roles: readonly CreditRole[]): string {
  return roles.map((r) => (r === 'cast' ? 'acted' : 'directed')).join(' and ');
}
