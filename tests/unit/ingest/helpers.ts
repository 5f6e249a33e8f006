import { fileURLToPath } from 'node:url';
import type { IngestResult } from '../../../build-scripts/ingest/ingest';

/** Absolute path of a fixture in tests/fixtures/ingest (written by make_fixtures.py). */
export const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/ingest/${name}`, import.meta.url));

/** Build date for "future release" warnings: fixtures use 2099 for the future. */
export const TODAY = new Date('2026-06-01T00:00:00Z');

type Located = [row: number, reason: string, field: string | undefined];

/** Rejections of one file as [row, reason, field], in row order. */
export function rejectionsOf(result: IngestResult, file: string): Located[] {
  return result.rejected.filter((i) => i.file === file).map((i) => [i.row, i.reason, i.field] as Located).sort((a, b) => a[0] - b[0]);
}

/** Warnings of one file as [row, reason, field], in row order. */
export function warningsOf(result: IngestResult, file: string): Located[] {
  return result.warnings.filter((i) => i.file === file).map((i) => [i.row, i.reason, i.field] as Located).sort((a, b) => a[0] - b[0]);
}

/** The per-file report, asserting the invariant rows = kept + rejected on the way. */
export function reportOf(result: IngestResult, file: string) {
  const report = result.files.find((f) => f.file === file);
  if (!report) throw new Error(`no report for ${file}`);
  if (report.rows !== report.kept + report.rejected) throw new Error(`${file}: rows ${report.rows} != kept ${report.kept} + rejected ${report.rejected}`);
  return report;
}
