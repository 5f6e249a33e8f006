import type { Issue } from '../ingest/issues';
import type { ReasonSummary, Totals, ValidationReport } from '../write/validation-report';
import { formatCount } from './progress';

/**
 * The readable side of validation.json: per-file counts, overall retention, and the most
 * frequent reject and warning reasons, each with one example location `file:row field`.
 * Plain text (no colour codes) so it reads the same in a terminal and in a CI log.
 */

export interface SummaryOptions {
  /** Reasons shown per section (the rest are counted in one line). */
  topReasons?: number;
  /** Maximum width of an example value. */
  valueWidth?: number;
}

export function percent(r: number | null): string {
  return r === null ? '–' : `${(r * 100).toFixed(r === 1 || r === 0 ? 0 : 2)}%`;
}

/** `file:row field` (with the physical line when the file is CSV and it differs from the row). */
export function location(i: Issue<string>): string {
  const line = i.line !== undefined && i.line !== i.row + 1 ? ` (line ${i.line})` : '';
  return `${i.file}:${i.row}${line}${i.field ? ` ${i.field}` : ''}`;
}

function clip(s: string, n: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

function table(rows: string[][], alignRight: boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (alignRight[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

function reasonLines(list: ReasonSummary<string>[], top: number, valueWidth: number): string[] {
  const lines: string[] = [];
  const shown = list.slice(0, top);
  const w = Math.max(0, ...shown.map((r) => r.reason.length));
  const cw = Math.max(0, ...shown.map((r) => formatCount(r.issues).length));
  for (const r of shown) {
    const ex = r.examples[0];
    const value = ex?.value !== undefined ? ` = ${JSON.stringify(clip(ex.value, valueWidth))}` : '';
    lines.push(`    ${r.reason.padEnd(w)}  ${formatCount(r.issues).padStart(cw)}  e.g. ${ex ? `${location(ex)}${value}` : '–'}`);
  }
  const rest = list.slice(top);
  if (rest.length) lines.push(`    … and ${rest.length} more reason(s), ${formatCount(rest.reduce((s, r) => s + r.issues, 0))} issue(s)`);
  return lines;
}

function totalsLine(label: string, t: Totals): string {
  return `${label}: ${formatCount(t.kept)} kept of ${formatCount(t.rows)} rows (${percent(t.retention)} retained), ${formatCount(t.rejected)} rejected`;
}

export function formatValidationSummary(report: ValidationReport, options: SummaryOptions = {}): string {
  const top = options.topReasons ?? 8;
  const valueWidth = options.valueWidth ?? 40;
  const out: string[] = ['', 'Validation'];
  const rows = [
    ['file', 'adapter', 'rows', 'kept', 'rejected', 'retained'],
    ...report.files.map((f) => [f.file, f.adapter, formatCount(f.rows), formatCount(f.kept), formatCount(f.rejected), percent(f.retention)])
  ];
  out.push(...table(rows, [false, false, true, true, true, true]).map((l) => `  ${l}`));
  out.push('', `  ${totalsLine('Movies', report.totals)}`);
  if (report.people_totals) out.push(`  ${totalsLine('People rows', report.people_totals)} (kept = joined to a movie)`);

  if (report.rejected.issues) {
    out.push('', `  Rejected: ${formatCount(report.rejected.rows)} row(s), ${formatCount(report.rejected.issues)} issue(s)`);
    out.push(...reasonLines(report.rejected.by_reason, top, valueWidth));
  } else out.push('', '  Rejected: none');
  if (report.warnings.issues) {
    out.push('', `  Warnings on kept rows: ${formatCount(report.warnings.issues)} on ${formatCount(report.warnings.rows)} row(s)`);
    out.push(...reasonLines(report.warnings.by_reason, top, valueWidth));
  }
  if (report.problems.length) out.push('', '  INTERNAL PROBLEMS (a bug in ingest, please report):', ...report.problems.map((p) => `    ${p}`));
  out.push('');
  return out.join('\n');
}
