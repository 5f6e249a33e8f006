/**
 * Weighted reciprocal-rank fusion (Cormack et al. 2009, with per-list weights):
 *
 *   score(m) = Σ_lists  weight_l / (k + rank_l(m))        rank 1-based; absent → no term
 *
 * Ranks, not scores, are fused: BM25 scores are unbounded and cosine similarities sit in a
 * narrow band, so no fixed mix of raw scores works for both a 1-word and a 300-word query.
 * k damps the head: with k = 60 the gap between rank 1 and rank 10 is small, so a movie found
 * by both lists beats one found only at the top of one. The weights and k in DEFAULT_PARAMS
 * (rank.ts) were chosen on tests/eval (RESULTS.md).
 */

export interface RankedList {
  name: string;
  weight: number;
  /** Movie ids, best first. */
  ids: readonly number[];
}

export interface FusedHit {
  id: number;
  score: number;
  /** 1-based rank in each list, null where absent. */
  ranks: Record<string, number | null>;
}

export function weightedRrf(lists: readonly RankedList[], k = 60): FusedHit[] {
  const by = new Map<number, FusedHit>();
  for (const l of lists) {
    l.ids.forEach((id, i) => {
      let h = by.get(id);
      if (!h) {
        h = { id, score: 0, ranks: Object.fromEntries(lists.map((x) => [x.name, null])) };
        by.set(id, h);
      }
      if (h.ranks[l.name] !== null) return; // a list naming a movie twice counts it once
      h.ranks[l.name] = i + 1;
      h.score += l.weight / (k + i + 1);
    });
  }
  // Ties (same ranks mirrored) go to the movie ranked higher in the first list, then by id.
  const first = lists[0]?.name;
  return [...by.values()].sort(
    (a, b) => b.score - a.score || (a.ranks[first] ?? Infinity) - (b.ranks[first] ?? Infinity) || a.id - b.id
  );
}
