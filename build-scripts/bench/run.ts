import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [-- <filter>]`: runs every `*-bench.ts` file beside this one, each in its
 * own Node process (so one bench's peak memory does not inflate the next one's), one
 * after the other (the machine has 2 cores; parallel runs would skew the timings).
 * Benchmarks print their figures; nothing is asserted. Exit code 1 if a bench crashed.
 */

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('-bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((q) => f.includes(q)))
  .sort();

if (benches.length === 0) {
  console.log(`No *-bench.ts files${filters.length ? ` matching ${filters.join(', ')}` : ''} in ${here}`);
  process.exit(0);
}

console.log(`Node ${process.version}, ${process.platform}-${process.arch}; benches: ${benches.join(', ')}\n`);
const failed: string[] = [];
for (const file of benches) {
  console.log(`── ${file} ${'─'.repeat(Math.max(0, 70 - file.length))}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit', env: process.env });
  const s = ((performance.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed.push(file);
    console.log(`✗ ${file} exited with ${r.status ?? r.signal} after ${s} s\n`);
  } else console.log(`(${file}: ${s} s)\n`);
}
if (failed.length) {
  console.log(`Failed: ${failed.join(', ')}`);
  process.exit(1);
}
