import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runBuild } from '../../build-scripts/pipeline';
import { silentProgress } from '../../build-scripts/report/progress';

export const E2E_BASE = '/cineatlas';
const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Builds the static site under a GitHub Pages style base path into `siteDir`, and the
 * sample catalogue's artifacts into `dataDir` (served in place of `<base>/data/`).
 */
export async function buildSiteForTests(siteDir: string, dataDir: string): Promise<void> {
  await runBuild({ sources: [], out: dataDir, progress: silentProgress() });
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, BASE_PATH: E2E_BASE, SITE_OUT: siteDir },
    stdio: 'pipe'
  });
}
