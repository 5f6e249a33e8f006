/**
 * Copies a data build's artifacts into static/data so the site serves them from its own
 * origin under its base path (no CDN, works offline once cached).
 * Usage: tsx build-scripts/site/stage-artifacts.ts [--data <dir>]   (default: out/)
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** Artifacts the browser reads; caches and intermediate files stay behind. */
const SERVED = /^(manifest\.json|validation\.json|models\.json|.*\.parquet|.*\.bin)$/;
const NOT_SERVED = /cache/i;

export function stageArtifacts(dataDir: string, target: string): string[] {
  if (!existsSync(join(dataDir, 'manifest.json'))) {
    throw new Error(`${dataDir} holds no manifest.json: run \`npm run build:data\` first (or pass --data <dir>).`);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const copied = readdirSync(dataDir).filter((f) => SERVED.test(f) && !NOT_SERVED.test(f));
  for (const f of copied) copyFileSync(join(dataDir, f), join(target, f));
  return copied;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { data: { type: 'string', default: process.env.CINEATLAS_OUT ?? 'out' } } });
  try {
    const copied = stageArtifacts(values.data!, 'static/data');
    console.log(`Staged ${copied.length} artifacts from ${values.data} into static/data: ${copied.join(', ')}`);
  } catch (e) {
    console.warn(`Warning: ${(e as Error).message} The site will show "no catalogue built yet".`);
  }
}
