import type { Adapter } from '../adapter';
import { moviesMetadata } from './movies-metadata';
import { peopleDerived } from './people-derived';
import { tmdb10k } from './tmdb10k';
import { tmdb5000 } from './tmdb5000';
import { tmdbCredits } from './tmdb-credits';

/** Built-in formats, matched by signature columns in this order (generic comes last). */
export const ADAPTERS: Adapter[] = [tmdb5000, tmdbCredits, peopleDerived, tmdb10k, moviesMetadata];
