import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { IngestResult } from '../../../build-scripts/ingest/ingest';
import type { Issue, RejectReason, WarningReason } from '../../../build-scripts/ingest/issues';
import { formatValidationSummary } from '../../../build-scripts/report/console-summary';
import {
  buildValidationReport, summariseReasons, writeValidationReport
} from '../../../build-scripts/write/validation-report';
import { movie, tempDir } from './fixtures';

const tmp = tempDir();
afterAll(tmp.cleanup);

const rej = (file: string, row: number, reason: RejectReason, field?: string, value?: string): Issue<RejectReason> => ({
  file, row, line: row + 1, reason, message: `${reason} at ${row}`, ...(field ? { field } : {}), ...(value ? { value } : {})
});
const warn = (file: string, row: number, reason: WarningReason, field: string): Issue<WarningReason> => ({ file, row, line: row + 1, reason, field, message: reason });

function result(): IngestResult {
  const rejected = [
    ...Array.from({ length: 7 }, (_, i) => rej('a.csv', 10 + i, 'bad_date', 'release_date', `13/${i}/99`)),
    rej('b.csv', 3, 'bad_date', 'release_date', 'soon'),
    rej('b.csv', 3, 'bad_json', 'genres', '[{'), // same row, second reason
    rej('b.csv', 4, 'duplicate_id', 'id', '5'),
    rej('p.csv', 2, 'unknown_movie', 'movie_id', '999')
  ];
  return {
    movies: Array.from({ length: 90 }, (_, i) => movie({ id: i + 1 })),
    credits: [],
    files: [
      { file: 'a.csv', adapter: 'tmdb5000', kind: 'movies', sha256: 'a', bytes: 1, rows: 67, kept: 60, rejected: 7 },
      { file: 'b.csv', adapter: 'tmdb10k', kind: 'movies', sha256: 'b', bytes: 1, rows: 32, kept: 30, rejected: 2 },
      { file: 'p.csv', adapter: 'people-derived', kind: 'people', sha256: 'p', bytes: 1, rows: 20, kept: 19, rejected: 1 }
    ],
    rejected,
    warnings: [warn('a.csv', 1, 'zero_budget', 'budget'), warn('a.csv', 1, 'zero_revenue', 'revenue'), warn('b.csv', 9, 'zero_budget', 'budget')]
  };
}

describe('buildValidationReport', () => {
  const report = buildValidationReport(result(), new Date('2024-05-01T00:00:00Z'));

  it('totals obey rows = kept + rejected, for movie files and people files apart', () => {
    expect(report.totals).toEqual({ files: 2, rows: 99, kept: 90, rejected: 9, retention: 0.9091 });
    expect(report.totals.rows).toBe(report.totals.kept + report.totals.rejected);
    expect(report.people_totals).toEqual({ files: 1, rows: 20, kept: 19, rejected: 1, retention: 0.95 });
    for (const f of report.files) expect(f.rows).toBe(f.kept + f.rejected);
    expect(report.files.map((f) => f.retention)).toEqual([0.8955, 0.9375, 0.95]);
    expect(report.problems).toEqual([]);
  });

  it('counts by reason (issues and distinct rows) with at most 5 examples spread over files', () => {
    expect(report.rejected).toMatchObject({ rows: 10, issues: 11 });
    const byReason = Object.fromEntries(report.rejected.by_reason.map((r) => [r.reason, r]));
    expect(report.rejected.by_reason.map((r) => r.reason)).toEqual(['bad_date', 'bad_json', 'duplicate_id', 'unknown_movie']);
    expect(byReason.bad_date).toMatchObject({ issues: 8, rows: 8 });
    expect(byReason.bad_date.examples).toHaveLength(5);
    expect(byReason.bad_date.examples.map((e) => `${e.file}:${e.row}`)).toEqual(['a.csv:10', 'b.csv:3', 'a.csv:11', 'a.csv:12', 'a.csv:13']);
    expect(byReason.bad_date.examples[0]).toMatchObject({ field: 'release_date', line: 11, value: '13/0/99' });
    expect(report.warnings).toMatchObject({ rows: 2, issues: 3 });
    expect(report.warnings.by_reason.map((r) => [r.reason, r.issues])).toEqual([['zero_budget', 2], ['zero_revenue', 1]]);
  });

  it('keeps the full list of rejected issues', () => {
    expect(report.rejected_issues).toEqual(result().rejected);
  });

  it('flags counts that do not add up', () => {
    const r = result();
    r.files[0].kept = 61;
    const bad = buildValidationReport(r);
    expect(bad.problems.join('\n')).toMatch(/a\.csv: rows 67 ≠ kept 61 \+ rejected 7/);
  });

  it('summariseReasons handles no issues', () => {
    expect(summariseReasons([])).toEqual([]);
  });

  it('is written as JSON', async () => {
    const file = await writeValidationReport(tmp.dir, report);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(report);
  });

  it('reads well on the console: files, retention, top reasons with a location', () => {
    const text = formatValidationSummary(report);
    expect(text).toContain('Movies: 90 kept of 99 rows (90.91% retained), 9 rejected');
    expect(text).toContain('People rows: 19 kept of 20 rows (95.00% retained), 1 rejected');
    expect(text).toMatch(/bad_date\s+8\s+e\.g\. a\.csv:10 release_date = "13\/0\/99"/);
    expect(text).toMatch(/unknown_movie\s+1\s+e\.g\. p\.csv:2 movie_id/);
    expect(text).toMatch(/zero_budget\s+2\s+e\.g\. a\.csv:1 budget/);
    expect(text).toMatch(/a\.csv\s+tmdb5000\s+67\s+60\s+7\s+89\.55%/);
    const short = formatValidationSummary(report, { topReasons: 1 });
    expect(short).toContain('… and 3 more reason(s), 3 issue(s)');
  });
});
