/**
 * Descriptive statistics of one cluster: size, rating, representatives, genres, decades.
 */
import type { Movie } from '../../src/lib/core/movie';

export interface Share<T> {
  value: T;
  count: number;
  /** count / members considered (see each field). */
  share: number;
}

export interface ClusterStats {
  size: number;
  /**
   * Plain (unweighted) mean of vote_average over members with at least `minVotes` votes
   * (members with unknown vote_count count too). Unweighted so a blockbuster's 10k votes
   * don't stand for the whole micro-genre; the vote floor drops TMDB's 0/10 ratings from
   * one or two votes. Null when no member qualifies.
   */
  avgRating: number | null;
  /** Members that entered avgRating. */
  ratedCount: number;
  /** Movie ids closest to the centroid in embedding space (cosine), closest first. */
  representatives: number[];
  /** Share of all members having the genre (a movie has several, so shares can sum past 1). */
  topGenres: Share<string>[];
  /** Decade start year (1990 = 1990s); share of members with a known year. */
  topDecades: Share<number>[];
}

export interface StatsOptions {
  minVotes?: number;
  representatives?: number;
  topGenres?: number;
  topDecades?: number;
}

/** Normalised mean of the members' vectors (a unit vector; zero if the members cancel out). */
export function centroid(embeddings: ArrayLike<number>[], members: number[]): Float64Array {
  const d = embeddings.length ? embeddings[0].length : 0;
  const c = new Float64Array(d);
  for (const i of members) for (let j = 0; j < d; j++) c[j] += embeddings[i][j];
  let s = 0;
  for (let j = 0; j < d; j++) s += c[j] * c[j];
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let j = 0; j < d; j++) c[j] *= inv;
  return c;
}

function top<T>(counts: Map<T, number>, denom: number, n: number, cmp: (a: T, b: T) => number): Share<T>[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
    .slice(0, n)
    .map(([value, count]) => ({ value, count, share: denom ? count / denom : 0 }));
}

export function clusterStats(
  movies: Pick<Movie, 'id' | 'genres' | 'year' | 'vote_average' | 'vote_count'>[],
  embeddings: ArrayLike<number>[],
  members: number[],
  opts: StatsOptions = {}
): ClusterStats & { centroid: Float64Array } {
  const { minVotes = 10, representatives = 5, topGenres = 3, topDecades = 3 } = opts;
  let sum = 0, rated = 0, dated = 0;
  const genres = new Map<string, number>();
  const decades = new Map<number, number>();
  for (const i of members) {
    const m = movies[i];
    if (m.vote_average != null && (m.vote_count == null || m.vote_count >= minVotes)) {
      sum += m.vote_average;
      rated++;
    }
    for (const g of new Set(m.genres)) genres.set(g, (genres.get(g) ?? 0) + 1);
    if (m.year != null) {
      dated++;
      const dec = Math.floor(m.year / 10) * 10;
      decades.set(dec, (decades.get(dec) ?? 0) + 1);
    }
  }
  const c = centroid(embeddings, members);
  // Unit vectors: the dot product is the cosine. Ties by id keep the order reproducible.
  const scored = members.map((i) => {
    let dot = 0;
    for (let j = 0; j < c.length; j++) dot += embeddings[i][j] * c[j];
    return { id: movies[i].id, dot };
  });
  scored.sort((a, b) => b.dot - a.dot || a.id - b.id);
  return {
    size: members.length,
    avgRating: rated ? sum / rated : null,
    ratedCount: rated,
    representatives: scored.slice(0, representatives).map((s) => s.id),
    topGenres: top(genres, members.length, topGenres, (a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    topDecades: top(decades, dated, topDecades, (a, b) => a - b),
    centroid: c
  };
}
