/** Small hand-made movies and a deterministic fake TextEmbedder for the ranking-core tests. */
import { movieText } from '../../../src/lib/core/movie-text';
import { ExactVectorSearcher } from '../../../src/lib/core/search/exact';
import { SearchEngine, type EngineDeps } from '../../../src/lib/core/search/rank';
import { tokenize } from '../../../src/lib/core/search/tokenize';
import type { ClusterAssignments, SearchMovie, TextEmbedder } from '../../../src/lib/core/search/types';

export const DIM = 64;

/** FNV-1a, so a word always lands on the same dimension. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Bag of stemmed words hashed into DIM dimensions, unit length: cosine ≈ shared words. */
export function fakeVector(text: string): Float32Array {
  const v = new Float32Array(DIM);
  for (const t of tokenize(text, { stem: 's' })) v[hash(t) % DIM] += 1;
  let n = Math.hypot(...v);
  if (n === 0) {
    v[0] = 1;
    n = 1;
  }
  return v.map((x) => x / n);
}

export class FakeEmbedder implements TextEmbedder {
  calls: string[][] = [];
  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls.push(texts);
    return texts.map(fakeVector);
  }
}

export function movie(id: number, title: string, extra: Partial<SearchMovie> = {}): SearchMovie {
  return {
    id, title, original_title: null, overview: '', tagline: null, genres: [], keywords: [], cast: [], directors: [],
    year: 2000, runtime: 100, vote_average: 7, vote_count: 100, original_language: 'en', collection: null,
    ...extra
  };
}

export const MOVIES: SearchMovie[] = [
  movie(1, 'Tremors', { overview: 'Giant worms attack a small desert town in Nevada.', genres: ['Horror', 'Comedy'], keywords: ['monster', 'desert'], cast: ['Kevin Bacon'], year: 1990, runtime: 96 }),
  movie(2, 'Jaws', { overview: 'A great white shark terrorises a beach town; three men hunt it on a small boat.', genres: ['Thriller'], keywords: ['shark'], directors: ['Steven Spielberg'], year: 1975, vote_count: 5000 }),
  movie(3, 'Lake Placid', { overview: 'A giant crocodile terrorises a quiet lake in Maine.', genres: ['Horror', 'Comedy'], keywords: ['crocodile', 'lake'], year: 1999, runtime: 82 }),
  movie(4, 'Dune', { overview: 'A noble family fights for a desert planet of giant sandworms and spice.', genres: ['Science Fiction'], keywords: ['desert', 'planet'], directors: ['David Lynch'], year: 1984, runtime: 137, original_language: 'en' }),
  movie(5, 'Amélie', { original_title: 'Le Fabuleux Destin d\'Amélie Poulain', overview: 'A shy waitress in Paris decides to change the lives of those around her.', genres: ['Comedy', 'Romance'], keywords: ['paris'], year: 2001, original_language: 'fr', vote_average: 8 }),
  movie(6, 'The Host', { overview: 'A monster crawls out of the Han river in Seoul and snatches a girl.', genres: ['Horror', 'Drama'], keywords: ['monster', 'river'], directors: ['Bong Joon-ho'], year: 2006, original_language: 'ko' }),
  movie(7, 'Deep Blue Sea', { overview: 'Scientists on an ocean research station are hunted by smart sharks.', genres: ['Thriller', 'Horror'], keywords: ['shark', 'ocean'], year: 1999, runtime: 105 }),
  movie(8, 'Spike Story', { overview: 'A documentary about a pizza shop on a Brooklyn block.', genres: ['Documentary'], directors: ['Spike Lee'], year: 2010, runtime: null, vote_average: null })
];

/** Micro-genres: monsters of water (2, 3, 7), land monsters (1, 4, 6), the rest (5, 8). */
export const CLUSTERS: ClusterAssignments = {
  model: 'kmeans',
  byMovie: new Map([[1, 1], [4, 1], [6, 1], [2, 0], [3, 0], [7, 0], [5, 2], [8, 2]]),
  names: new Map([[0, 'Water Monsters'], [1, 'Land Monsters'], [2, 'Other']])
};

export function movieVectors(movies: readonly SearchMovie[] = MOVIES): ExactVectorSearcher {
  const data = new Float32Array(movies.length * DIM);
  movies.forEach((m, i) => data.set(fakeVector(movieText(m)), i * DIM));
  return ExactVectorSearcher.fromFloat32(movies.map((m) => m.id), data, DIM);
}

export function engine(extra: Partial<EngineDeps> = {}): SearchEngine {
  const vectors = movieVectors(extra.movies ?? MOVIES);
  return new SearchEngine({ movies: MOVIES, embedder: new FakeEmbedder(), vectors, store: vectors, clusters: CLUSTERS, ...extra });
}
