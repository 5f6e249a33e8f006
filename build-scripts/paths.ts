import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json), independent of the working directory. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The catalogue shipped with the project, used when no source is given. */
export const DEFAULT_SOURCE = resolve(PROJECT_ROOT, 'data/sample/movies.json');

/** Where the public datasets live (tests, bench): $CINEATLAS_DATA_DIR or ../shared/data. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CINEATLAS_DATA_DIR ? resolve(env.CINEATLAS_DATA_DIR) : resolve(PROJECT_ROOT, '../shared/data');
}
