import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir } from '../paths';

/**
 * Ingest + write benchmark: wall time per stage and peak RSS for the TMDB 5000 pair
 * (4,803 movies + people file) and the 10,866-row TMDb 10k file. Each dataset runs in its
 * own child process so its peak RSS is its own. Datasets come from
 * $CINEATLAS_DATA_DIR; missing ones are skipped with a line saying so.
 */

interface Case {
  name: string;
  /** Paths relative to the data folder. */
  sources: string[];
}

const CASES: Case[] = [
  { name: 'tmdb5000 pair (4,803)', sources: ['tmdb'] },
  { name: 'tmdb10k (10,866)', sources: ['tmdb_10k_udacity/tmdb-movies.csv'] }
];

interface CaseResult {
  name: string;
  rows: number;
  kept: number;
  credits: number;
  stages: { name: string; ms: number }[];
  total_ms: number;
  baseline_rss_mb: number;
  peak_rss_mb: number;
  movies_parquet_bytes: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Child: run one case and print its result as one JSON line. */
async function runCase(c: Case, dir: string): Promise<void> {
  const { runBuild } = await import('../pipeline');
  const { silentProgress } = await import('../report/progress');
  const baseline = mb(process.memoryUsage().rss);
  const out = mkdtempSync(join(tmpdir(), 'cineatlas-bench-'));
  try {
    const t0 = performance.now();
    const s = await runBuild({ sources: c.sources.map((p) => join(dir, p)), out, progress: silentProgress() });
    const total = performance.now() - t0;
    const result: CaseResult = {
      name: c.name,
      rows: s.report.totals.rows,
      kept: s.report.totals.kept,
      credits: s.credits.length,
      stages: s.stages.map((x) => ({ name: x.name, ms: Math.round(x.ms) })),
      total_ms: Math.round(total),
      baseline_rss_mb: baseline,
      // resourceUsage().maxRSS is in kilobytes and includes DuckDB's native memory.
      peak_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
      movies_parquet_bytes: s.artifacts.find((a) => a.name === 'movies.parquet')?.bytes ?? 0
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function main(): void {
  const dir = dataDir();
  if (!existsSync(dir)) {
    console.log(`skip ingest bench: data folder ${dir} not found (set CINEATLAS_DATA_DIR)`);
    return;
  }
  console.log(`ingest + write, data from ${dir}`);
  const rows: CaseResult[] = [];
  for (const c of CASES) {
    const missing = c.sources.filter((p) => !existsSync(join(dir, p)));
    if (missing.length) {
      console.log(`skip ${c.name}: ${missing.map((p) => join(dir, p)).join(', ')} not found`);
      continue;
    }
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', c.name], {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 64 * 2 ** 20
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (r.status !== 0 || !line) {
      console.log(`✗ ${c.name} failed (exit ${r.status ?? r.signal})\n${r.stderr.trim()}`);
      process.exitCode = 1;
      continue;
    }
    rows.push(JSON.parse(line.slice(7)) as CaseResult);
  }
  if (!rows.length) return;
  const stageNames = [...new Set(rows.flatMap((r) => r.stages.map((s) => s.name)))];
  const header = ['dataset', 'rows', 'kept', 'credits', ...stageNames.map((n) => `${n} ms`), 'total ms', 'base RSS MB', 'peak RSS MB'];
  const body = rows.map((r) => [
    r.name, String(r.rows), String(r.kept), String(r.credits),
    ...stageNames.map((n) => String(r.stages.find((s) => s.name === n)?.ms ?? '–')),
    String(r.total_ms), String(r.baseline_rss_mb), String(r.peak_rss_mb)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  for (const r of [header, ...body]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  console.log('(one cold run per dataset, each in its own process; peak RSS includes Node, tsx and DuckDB)');
}

const caseArg = process.argv.indexOf('--case');
if (caseArg >= 0) {
  const c = CASES.find((x) => x.name === process.argv[caseArg + 1]);
  if (!c) throw new Error(`unknown case ${process.argv[caseArg + 1]}`);
  await runCase(c, dataDir());
} else main();
