/**
 * The micro-genre list's logic: filtering and sorting clusters, and Ward's micro → macro
 * roll-up (micro clusters grouped under their macro parent).
 */
import type { GenreSort } from './atlas-url';

export interface GenreRow {
  cluster: number;
  name: string;
  keywords: string[];
  size: number;
  avg_rating: number | null;
  parent: number | null;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Clusters whose name or keywords contain every word of `q` (case and accents ignored). */
export function filterGenres<T extends GenreRow>(rows: readonly T[], q: string): T[] {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((r) => {
    const text = fold([r.name, ...r.keywords].join(' '));
    return words.every((w) => text.includes(w));
  });
}

/** size: largest first; rating: best first (unrated last); name: A–Z. Ties by cluster id. */
export function sortGenres<T extends GenreRow>(rows: readonly T[], sort: GenreSort): T[] {
  const cmp: Record<GenreSort, (a: T, b: T) => number> = {
    size: (a, b) => b.size - a.size,
    rating: (a, b) => (b.avg_rating ?? -Infinity) - (a.avg_rating ?? -Infinity) || b.size - a.size,
    name: (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })
  };
  return [...rows].sort((a, b) => cmp[sort](a, b) || a.cluster - b.cluster);
}

export interface MacroGroup<T extends GenreRow, M> {
  /** The macro cluster, or null for micro clusters without (a known) parent. */
  macro: M | null;
  members: T[];
}

/**
 * Micro clusters grouped under their macro parents, macro groups in order of total size
 * (each group keeps the given order of its members); orphans last.
 */
export function groupByMacro<T extends GenreRow, M extends { cluster: number; size: number }>(
  micro: readonly T[],
  macro: readonly M[]
): MacroGroup<T, M>[] {
  const byId = new Map(macro.map((m) => [m.cluster, m]));
  const groups = new Map<number | null, T[]>();
  for (const r of micro) {
    const key = r.parent !== null && byId.has(r.parent) ? r.parent : null;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: MacroGroup<T, M>[] = [...groups.entries()]
    .filter(([k]) => k !== null)
    .map(([k, members]) => ({ macro: byId.get(k as number)!, members }))
    .sort((a, b) => b.macro!.size - a.macro!.size || a.macro!.cluster - b.macro!.cluster);
  const orphans = groups.get(null);
  if (orphans) out.push({ macro: null, members: orphans });
  return out;
}
