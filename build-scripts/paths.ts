import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json), independent of the working directory. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The catalogue shipped with the project, used when no source is given. */
export const DEFAULT_SOURCE = resolve(PROJECT_ROOT, 'data/sample/movies.json');

/**
 * Where the public datasets live, for benches and tests only (the build takes paths):
 * $CINEATLAS_DATA_DIR. `npm run bench` and the vitest config default it to the datasets
 * folder beside the project; anything else run directly must set it.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (!env.CINEATLAS_DATA_DIR) throw new Error('Set CINEATLAS_DATA_DIR to the folder holding the public datasets (tmdb/, tmdb_10k_udacity/, …).');
  return resolve(env.CINEATLAS_DATA_DIR);
}
