import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../src/lib/core/movie';
import type { FileReport, IngestResult } from '../ingest/ingest';
import type { Issue, RejectReason, WarningReason } from '../ingest/issues';
import { writeJsonAtomically } from './manifest';

/**
 * validation.json: what happened to every input row. Totals and per-file counts obey
 * rows = kept + rejected; each reason has its count and up to five located examples; and
 * the full list of rejected issues is kept so no dropped row goes unexplained.
 */

export const VALIDATION_FILE = 'validation.json';
export const EXAMPLES_PER_REASON = 5;

export interface Totals {
  files: number;
  rows: number;
  kept: number;
  rejected: number;
  /** kept / rows, rounded to 4 decimals; null when there are no rows. */
  retention: number | null;
}

export interface FileSummary extends FileReport {
  retention: number | null;
}

export interface ReasonSummary<R extends string> {
  reason: R;
  /** Issues with this reason (a row can have several). */
  issues: number;
  /** Distinct rows with this reason. */
  rows: number;
  /** Up to EXAMPLES_PER_REASON issues, spread over the files. */
  examples: Issue<R>[];
}

export interface ValidationReport {
  schema_version: number;
  built_at: string;
  /** Movie catalogue files: rows read, movies kept, rows rejected. */
  totals: Totals;
  /** People/credits files (kept = joined to a kept movie); null when none were given. */
  people_totals: Totals | null;
  files: FileSummary[];
  rejected: { rows: number; issues: number; by_reason: ReasonSummary<RejectReason>[] };
  /** Warnings on kept rows only (rejected rows' warnings are moot). */
  warnings: { rows: number; issues: number; by_reason: ReasonSummary<WarningReason>[] };
  /** Every rejection, in input order. */
  rejected_issues: Issue<RejectReason>[];
  /** Internal consistency problems (should be empty; a non-empty list is a bug in ingest). */
  problems: string[];
}

export function retention(kept: number, rows: number): number | null {
  return rows === 0 ? null : Math.round((kept / rows) * 10_000) / 10_000;
}

function totalsOf(files: FileReport[]): Totals {
  const rows = files.reduce((s, f) => s + f.rows, 0);
  const kept = files.reduce((s, f) => s + f.kept, 0);
  const rejected = files.reduce((s, f) => s + f.rejected, 0);
  return { files: files.length, rows, kept, rejected, retention: retention(kept, rows) };
}

const rowKey = (i: Issue<string>) => `${i.file}\u0000${i.row}`;

/** Groups issues by reason, most frequent first; examples round-robin over files. */
export function summariseReasons<R extends string>(issues: Issue<R>[], perReason = EXAMPLES_PER_REASON): ReasonSummary<R>[] {
  const groups = new Map<R, Issue<R>[]>();
  for (const i of issues) {
    const g = groups.get(i.reason);
    if (g) g.push(i);
    else groups.set(i.reason, [i]);
  }
  return [...groups.entries()]
    .map(([reason, list]) => ({
      reason,
      issues: list.length,
      rows: new Set(list.map(rowKey)).size,
      examples: pickExamples(list, perReason)
    }))
    .sort((a, b) => b.issues - a.issues || a.reason.localeCompare(b.reason));
}

function pickExamples<R extends string>(list: Issue<R>[], n: number): Issue<R>[] {
  const byFile = new Map<string, Issue<R>[]>();
  for (const i of list) {
    const g = byFile.get(i.file);
    if (g) g.push(i);
    else byFile.set(i.file, [i]);
  }
  const queues = [...byFile.values()];
  const out: Issue<R>[] = [];
  for (let k = 0; out.length < n && queues.some((q) => k < q.length); k++)
    for (const q of queues) if (k < q.length && out.length < n) out.push(q[k]);
  return out;
}

export function buildValidationReport(result: IngestResult, builtAt: Date = new Date()): ValidationReport {
  const movieFiles = result.files.filter((f) => f.kind === 'movies');
  const peopleFiles = result.files.filter((f) => f.kind === 'people');
  const totals = totalsOf(movieFiles);
  const problems: string[] = [];
  for (const f of result.files)
    if (f.rows !== f.kept + f.rejected) problems.push(`${f.file}: rows ${f.rows} ≠ kept ${f.kept} + rejected ${f.rejected}`);
  if (totals.kept !== result.movies.length) problems.push(`movie files kept ${totals.kept} rows but ${result.movies.length} movies came out`);
  const rejectedRows = new Set(result.rejected.map(rowKey)).size;
  const fileRejected = result.files.reduce((s, f) => s + f.rejected, 0);
  if (rejectedRows !== fileRejected) problems.push(`${fileRejected} rows counted rejected but ${rejectedRows} rows have a rejection issue`);

  return {
    schema_version: SCHEMA_VERSION,
    built_at: builtAt.toISOString(),
    totals,
    people_totals: peopleFiles.length ? totalsOf(peopleFiles) : null,
    files: result.files.map((f) => ({ ...f, retention: retention(f.kept, f.rows) })),
    rejected: { rows: rejectedRows, issues: result.rejected.length, by_reason: summariseReasons(result.rejected) },
    warnings: {
      rows: new Set(result.warnings.map(rowKey)).size,
      issues: result.warnings.length,
      by_reason: summariseReasons(result.warnings)
    },
    rejected_issues: result.rejected,
    problems
  };
}

export async function writeValidationReport(outDir: string, report: ValidationReport): Promise<string> {
  const target = join(outDir, VALIDATION_FILE);
  await writeJsonAtomically(target, report);
  return target;
}
