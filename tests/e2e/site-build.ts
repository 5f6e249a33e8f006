import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild } from '../../build-scripts/pipeline';
import { silentProgress } from '../../build-scripts/report/progress';
import { stageModel } from '../../build-scripts/site/stage-model';

export const E2E_BASE = '/cineatlas';
const ROOT = join(import.meta.dirname, '..', '..');
const TINY_MODEL = join(ROOT, 'tests/fixtures/tiny-bert');

/**
 * Builds the static site under a GitHub Pages style base path into `siteDir`, and the
 * sample catalogue's artifacts into `dataDir` (served in place of `<base>/data/`): the
 * whole pipeline, embeddings and micro-genres included, with the tiny test model so the
 * pages have every artifact to show on any machine (`modelStages: false`: ingest only).
 */
export async function buildSiteForTests(siteDir: string, dataDir: string, opts: { modelStages?: boolean } = {}): Promise<void> {
  const models = opts.modelStages ?? true;
  await runBuild({
    sources: [], out: dataDir, progress: silentProgress(),
    ...(models ? { embed: { model: TINY_MODEL, dtype: 'fp32' as const }, clusters: { seed: 1 } } : {})
  });
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: ROOT,
    // NODE_ENV: vitest sets "test", which would make this a development build.
    env: { ...process.env, NODE_ENV: 'production', BASE_PATH: E2E_BASE, SITE_OUT: siteDir, KIT_OUT_DIR: kitDir(siteDir) },
    stdio: 'pipe'
  });
  rmSync(kitDir(siteDir), { recursive: true, force: true });
  // Vite copies whatever static/ holds; a model staged there by an earlier `npm run build`
  // (the real one, 384-d) does not fit these 32-d test vectors. The test site has no model
  // unless a test stages one (withTinyModel).
  for (const d of ['model', 'ort']) rmSync(join(siteDir, d), { recursive: true, force: true });
}

/**
 * SvelteKit's generated files for one build, inside the project: the prerender step imports
 * them, and from a folder outside the project (a temp dir) they cannot resolve node_modules.
 */
function kitDir(siteDir: string): string {
  return join(ROOT, '.cache/kit', createHash('sha1').update(siteDir).digest('hex').slice(0, 12));
}

/**
 * A private copy of a built site (others read the shared one) with the tiny model the sample
 * vectors were embedded with staged in, so free-text search ranks by meaning too. The caller
 * removes `siteDir` when done.
 */
export function withTinyModel(sharedSiteDir: string, prefix: string): string {
  const siteDir = mkdtempSync(join(sharedSiteDir, '..', `${prefix}-`));
  cpSync(sharedSiteDir, siteDir, { recursive: true });
  stageModel({ src: TINY_MODEL, target: siteDir });
  return siteDir;
}

/**
 * One shared build per test run for the page tests (building takes ~15 s): the first
 * caller builds into .cache/e2e/<run id>, later callers (other test files, other workers)
 * wait for its marker file and reuse it.
 */
export async function sharedSite(): Promise<{ siteDir: string; dataDir: string }> {
  const run = process.env.CINEATLAS_E2E_RUN ?? String(process.ppid);
  const dir = join(ROOT, '.cache/e2e', run);
  const siteDir = join(dir, 'site');
  const dataDir = join(dir, 'data');
  const done = join(dir, 'done');
  const lock = join(dir, 'lock');
  mkdirSync(join(ROOT, '.cache/e2e'), { recursive: true });
  let owner = false;
  try {
    mkdirSync(dir);
    mkdirSync(lock);
    owner = true;
  } catch {
    /* someone else is building or has built */
  }
  if (owner) {
    removeOldRuns(join(ROOT, '.cache/e2e'), run);
    await buildSiteForTests(siteDir, dataDir);
    execFileSync('touch', [done]);
  } else {
    const started = Date.now();
    while (!existsSync(done)) {
      if (Date.now() - started > 240_000) throw new Error(`shared e2e site build in ${dir} did not finish`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { siteDir, dataDir };
}


/** Earlier runs' builds (tens of MB each) are dead weight once their run is over. */
function removeOldRuns(root: string, current: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const d of readdirSync(root)) {
    const p = join(root, d);
    if (d !== current && statSync(p).mtimeMs < hourAgo) rmSync(p, { recursive: true, force: true });
  }
}
