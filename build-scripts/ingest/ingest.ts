import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Credit, Movie } from '../../src/lib/core/movie';
import type { Adapter, MovieDraft, PeopleRecord, PersonCredit } from './adapter';
import { detectAdapter, type DetectOptions } from './detect';
import type { Issue, RejectReason, WarningReason } from './issues';
import { readTable } from './read-table';
import { RowContext } from './row-context';
import { validateDraft, validatePeople } from './validate';

export interface IngestOptions extends DetectOptions {
  /** Catalogue files or folders (every .csv/.json/.jsonl inside is read). */
  sources: string[];
  /** Extra people/credits files joined to movies by id. */
  people?: string[];
  /** Build date, for "future release" warnings; injectable for tests. */
  today?: Date;
  onProgress?: (event: { file: string; done: number; total: number }) => void;
}

export interface FileReport {
  file: string;
  adapter: string;
  kind: Adapter['kind'];
  sha256: string;
  bytes: number;
  rows: number;
  kept: number;
  rejected: number;
}

export interface IngestResult {
  movies: Movie[];
  credits: Credit[];
  files: FileReport[];
  rejected: Issue<RejectReason>[];
  warnings: Issue<WarningReason>[];
}

const TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.json', '.jsonl', '.ndjson']);

/** Expands folders into the table files they hold, in a stable order. */
export function expandSources(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => TABLE_EXTENSIONS.has(extname(f).toLowerCase()) && !f.endsWith('.mapping.json'))
          .sort()
          .map((f) => join(p, f))
      : [p]
  );
}

/**
 * Reads every source, maps rows through the detected adapter, validates them, removes
 * duplicate ids (first occurrence wins) and joins people files to movies by id.
 * Invariant, per file: rows = kept + rejected.
 */
export function ingest(opts: IngestOptions): IngestResult {
  const today = opts.today ?? new Date();
  const files = [...expandSources(opts.sources), ...(opts.people ?? [])];
  const result: IngestResult = { movies: [], credits: [], files: [], rejected: [], warnings: [] };
  const byId = new Map<number, Movie>();
  const people: { record: PeopleRecord; ctx: RowContext; report: FileReport }[] = [];

  for (const file of files) {
    const adapter = detectAdapter(file, opts);
    const table = readTable(file, { delimiter: adapter.delimiter });
    const report: FileReport = {
      file, adapter: adapter.name, kind: adapter.kind,
      sha256: createHash('sha256').update(table.bytes).digest('hex'),
      bytes: table.bytes.length, rows: table.rows.length, kept: 0, rejected: 0
    };
    result.files.push(report);
    const source = `${adapter.name}:${basename(file)}`;

    table.rows.forEach((raw, i) => {
      const ctx = new RowContext(file, raw.row, raw.line);
      if (raw.shapeError) ctx.reject(undefined, 'bad_row_shape', `row ${raw.shapeError}`);
      else if (adapter.kind === 'movies') {
        const draft = adapter.mapRow(ctx, raw.values);
        if (!draft && !ctx.rejected) ctx.reject(undefined, 'bad_row_shape', 'row could not be mapped');
        if (draft && !ctx.rejected && validateDraft(ctx, draft, today)) keepMovie(ctx, draft, source, byId);
      } else {
        const record = adapter.mapRow(ctx, raw.values);
        if (!record && !ctx.rejected) ctx.reject(undefined, 'bad_row_shape', 'row could not be mapped');
        if (record && !ctx.rejected && validatePeople(ctx, record)) people.push({ record, ctx, report });
      }
      if (adapter.kind === 'movies') settle(ctx, report, result);
      else if (ctx.rejected) settle(ctx, report, result);
      if (opts.onProgress && (i % 500 === 0 || i === table.rows.length - 1))
        opts.onProgress({ file, done: i + 1, total: table.rows.length });
    });
  }

  result.movies = [...byId.values()];
  const detail = joinPeople(people, byId, result);
  result.credits = creditsOf(result.movies, detail);
  return result;
}

function keepMovie(ctx: RowContext, draft: MovieDraft, source: string, byId: Map<number, Movie>): void {
  const first = byId.get(draft.id);
  if (first) ctx.reject('id', 'duplicate_id', `id ${draft.id} already used by "${first.title}" (${first.source})`, draft.id);
  else byId.set(draft.id, { ...draft, source });
}

/** Books a finished row as kept or rejected and moves its issues into the result. */
function settle(ctx: RowContext, report: FileReport, result: IngestResult): void {
  if (ctx.rejected) {
    report.rejected++;
    result.rejected.push(...ctx.rejections);
  } else {
    report.kept++;
    result.warnings.push(...ctx.warnings);
  }
}

/** The cast and directors lists that won for one movie across people files. */
interface PeopleDetail {
  cast: PersonCredit[];
  directors: PersonCredit[];
}

/**
 * People rows fill cast, directors and imdb_id of their movie; unknown ids are rejected,
 * as is a second row for the same movie in the same file. Several people files can cover
 * one movie (derived names + a credits file): per role, a list with person ids beats
 * names only, otherwise the file given first wins.
 */
function joinPeople(
  people: { record: PeopleRecord; ctx: RowContext; report: FileReport }[],
  byId: Map<number, Movie>,
  result: IngestResult
): Map<number, PeopleDetail> {
  const seen = new Set<string>();
  const detail = new Map<number, PeopleDetail>();
  for (const { record, ctx, report } of people) {
    const movie = byId.get(record.movie_id);
    const key = `${report.file}\u0000${record.movie_id}`;
    if (!movie) ctx.reject('movie_id', 'unknown_movie', `no kept movie has id ${record.movie_id}`, record.movie_id);
    else if (seen.has(key)) ctx.reject('movie_id', 'duplicate_id', `an earlier row of this file is for movie ${record.movie_id}`, record.movie_id);
    else {
      seen.add(key);
      const d = detail.get(movie.id) ?? { cast: [], directors: [] };
      if (better(record.cast, d.cast)) d.cast = record.cast;
      if (better(record.directors, d.directors)) d.directors = record.directors;
      detail.set(movie.id, d);
      movie.imdb_id ??= record.imdb_id;
    }
    settle(ctx, report, result);
  }
  for (const [id, d] of detail) {
    const movie = byId.get(id)!;
    if (d.cast.length) movie.cast = d.cast.map((c) => c.name);
    if (d.directors.length) movie.directors = d.directors.map((c) => c.name);
  }
  return detail;
}

function better(candidate: PersonCredit[], current: PersonCredit[]): boolean {
  const hasIds = (list: PersonCredit[]) => list.some((p) => p.person_id !== null);
  return candidate.length > 0 && (current.length === 0 || (hasIds(candidate) && !hasIds(current)));
}

/** One credit per (movie, role, person); people-file detail (ids, characters) wins over names. */
function creditsOf(movies: Movie[], detail: Map<number, PeopleDetail>): Credit[] {
  const credits: Credit[] = [];
  for (const m of movies) {
    const r = detail.get(m.id);
    const cast = r?.cast.length ? r.cast : m.cast.map((name) => ({ name, person_id: null, character: null }));
    const directors = r?.directors.length ? r.directors : m.directors.map((name) => ({ name, person_id: null, character: null }));
    const seen = new Set<string>();
    const add = (role: Credit['role'], list: PersonCredit[]) =>
      list.forEach((p, order) => {
        const key = `${role}\u0000${p.person_id ?? p.name}`;
        if (seen.has(key)) return;
        seen.add(key);
        credits.push({ movie_id: m.id, person: p.name, person_id: p.person_id, role, order, character: p.character });
      });
    add('cast', cast);
    add('director', directors);
  }
  return credits;
}
