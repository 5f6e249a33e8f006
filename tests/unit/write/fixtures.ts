import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Credit, Movie } from '../../../src/lib/core/movie';

/** A fully populated movie; override what a test cares about. */
export function movie(overrides: Partial<Movie> = {}): Movie {
  return {
    id: 19995,
    title: 'Avatar',
    original_title: 'Avatar',
    release_date: '2009-12-10',
    year: 2009,
    overview: 'In the 22nd century, a paraplegic Marine is dispatched to the moon Pandora.',
    tagline: 'Enter the World of Pandora.',
    genres: ['Action', 'Adventure', 'Fantasy', 'Science Fiction'],
    keywords: ['culture clash', 'future', 'space war'],
    cast: ['Sam Worthington', 'Zoe Saldana', 'Sigourney Weaver'],
    directors: ['James Cameron'],
    runtime: 162,
    budget: 237000000,
    revenue: 2787965087,
    popularity: 150.437577,
    vote_average: 7.2,
    vote_count: 11800,
    original_language: 'en',
    production_companies: ['Ingenious Film Partners', 'Twentieth Century Fox Film Corporation'],
    production_countries: ['United States of America', 'United Kingdom'],
    spoken_languages: ['English', 'Español'],
    collection: 'Avatar Collection',
    imdb_id: 'tt0499549',
    poster_path: '/kyeqWdyUXW608qlYkRqosgbbJyK.jpg',
    source: 'tmdb5000:tmdb_5000_movies.csv',
    ...overrides
  };
}

/** A movie with every nullable field null and every list empty. */
export function sparseMovie(id: number, title: string): Movie {
  return {
    id, title, original_title: null, release_date: null, year: null, overview: '', tagline: null,
    genres: [], keywords: [], cast: [], directors: [], runtime: null, budget: null, revenue: null,
    popularity: null, vote_average: null, vote_count: null, original_language: null,
    production_companies: [], production_countries: [], spoken_languages: [], collection: null,
    imdb_id: null, poster_path: null, source: 'generic:movies.json'
  };
}

export function credit(overrides: Partial<Credit> = {}): Credit {
  return { movie_id: 19995, person: 'Sam Worthington', person_id: 65731, role: 'cast', order: 0, character: 'Jake Sully', ...overrides };
}

export function tempDir(prefix = 'cineatlas-write-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
