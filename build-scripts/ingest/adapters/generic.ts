/**
 * Bring-your-own catalogue: a CSV or JSON file read through a small column-mapping file,
 * or with canonical field names (see src/lib/core/movie.ts) and no mapping at all.
 *
 * Example mapping file (`my-films.mapping.json`, passed with `--mapping`):
 *
 * ```json
 * {
 *   "columns": {
 *     "id": "film_id",
 *     "title": "Title",
 *     "release_date": "Released",
 *     "overview": "Plot",
 *     "genres": "Genres",
 *     "directors": "Director",
 *     "cast": "Stars",
 *     "budget": "Budget (M$)"
 *   },
 *   "listSeparator": ";",
 *   "delimiter": ",",
 *   "dateFormat": "dmy",
 *   "moneyUnit": 1000000
 * }
 * ```
 *
 * Only `columns.id` and `columns.title` are required; unmapped fields stay empty. List
 * cells may be separated text (`Drama;Crime`), a JSON array of strings or of
 * `{"name": …}` objects, or (in JSON files) real arrays.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LIST_FIELDS, MOVIE_FIELDS, type MovieField } from '../../../src/lib/core/movie';
import type { MovieAdapter, MovieDraft } from '../adapter';
import { emptyDraft } from '../adapter';
import {
  dateParts, isoDate, isRealDate, namesFrom, parseCount, parseId, parseIsoDate, parseJsonNames, parseMoney,
  parseNumber, parseRuntime, parseYear, splitList, text, type ParsedDate
} from '../fields';
import { CatalogueFileError } from '../issues';
import type { RowContext } from '../row-context';

/** Columns a file needs to be read with canonical names and no mapping. */
export const CANONICAL_SIGNATURE = ['id', 'title'];

/** Canonical fields a mapping may name (`source` is set by the ingester). */
export type MappableField = Exclude<MovieField, 'source'>;
const MAPPABLE = MOVIE_FIELDS.filter((f): f is MappableField => f !== 'source');

export interface ColumnMapping {
  /** Canonical field → column name in the file. `id` and `title` are required. */
  columns: Partial<Record<MappableField, string>>;
  /** Separator inside list cells of CSV files; default `|`. */
  listSeparator?: string;
  /** CSV cell delimiter; default `,`. */
  delimiter?: string;
  /** How `release_date` is written: `iso` YYYY-MM-DD (default), `dmy` 31/12/1999, `mdy` 12/31/1999, `year` 1999. */
  dateFormat?: 'iso' | 'dmy' | 'mdy' | 'year';
  /** Multiplier from the file's money unit to USD (1000000 when budgets are in millions); default 1. */
  moneyUnit?: number;
}

const MAPPING_KEYS = ['columns', 'listSeparator', 'delimiter', 'dateFormat', 'moneyUnit'];
const DATE_FORMATS = ['iso', 'dmy', 'mdy', 'year'];

/** Reads and checks a mapping file; any problem is one CatalogueFileError naming it. */
export function loadMapping(path: string): ColumnMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CatalogueFileError(path, `is not a readable JSON column mapping (${(e as Error).message})`);
  }
  const bad = (message: string): never => {
    throw new CatalogueFileError(path, `is not a valid column mapping: ${message}`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) bad('expected a JSON object with a "columns" object');
  const m = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(m).filter((k) => !MAPPING_KEYS.includes(k));
  if (unknownKeys.length) bad(`unknown key(s) ${unknownKeys.join(', ')}; allowed: ${MAPPING_KEYS.join(', ')}`);
  const columns = m.columns;
  if (!columns || typeof columns !== 'object' || Array.isArray(columns)) bad('"columns" must be an object of canonical field → column name');
  const cols = columns as Record<string, unknown>;
  const unknownFields = Object.keys(cols).filter((f) => !(MAPPABLE as readonly string[]).includes(f));
  if (unknownFields.length) bad(`unknown canonical field(s) ${unknownFields.join(', ')}; allowed: ${MAPPABLE.join(', ')}`);
  for (const [f, c] of Object.entries(cols)) if (typeof c !== 'string' || c.trim() === '') bad(`columns.${f} must be a column name`);
  for (const f of CANONICAL_SIGNATURE) if (!(f in cols)) bad(`columns.${f} is required`);
  if (m.listSeparator !== undefined && (typeof m.listSeparator !== 'string' || m.listSeparator === '')) bad('"listSeparator" must be a non-empty string');
  if (m.delimiter !== undefined && (typeof m.delimiter !== 'string' || m.delimiter.length !== 1)) bad('"delimiter" must be one character');
  if (m.dateFormat !== undefined && !DATE_FORMATS.includes(m.dateFormat as string)) bad(`"dateFormat" must be one of ${DATE_FORMATS.join(', ')}`);
  if (m.moneyUnit !== undefined && !(typeof m.moneyUnit === 'number' && Number.isFinite(m.moneyUnit) && m.moneyUnit > 0)) bad('"moneyUnit" must be a positive number');
  return m as unknown as ColumnMapping;
}

const LISTS = new Set<string>(LIST_FIELDS);

/**
 * A MovieAdapter for a user catalogue. With `mapping` null the file uses canonical field
 * names (the project's own sample catalogue, or an exported one read back).
 */
export function genericAdapter(mapping: ColumnMapping | null, mappingPath?: string): MovieAdapter {
  const columns: Partial<Record<MappableField, string>> =
    mapping?.columns ?? Object.fromEntries(MAPPABLE.map((f) => [f, f]));
  const separator = mapping?.listSeparator ?? '|';
  const dateFormat = mapping?.dateFormat ?? 'iso';
  const unit = mapping?.moneyUnit ?? 1;
  const mapped = MAPPABLE.filter((f) => columns[f] !== undefined);

  return {
    kind: 'movies',
    name: 'generic',
    description: mapping
      ? `generic catalogue mapped by ${mappingPath ? basename(mappingPath) : 'a column mapping'}`
      : 'generic catalogue with canonical field names',
    signature: mapping ? [columns.id!, columns.title!] : CANONICAL_SIGNATURE,
    expected: mapped.map((f) => columns[f]!),
    delimiter: mapping?.delimiter,
    mapRow(ctx, v) {
      const col = (f: MappableField) => columns[f] ?? f;
      // JSON values may be numbers or arrays already; objects (and arrays outside list
      // fields) are not a value this field can hold.
      const values: Partial<Record<MappableField, unknown>> = {};
      for (const f of mapped) {
        const raw = v[col(f)];
        const isList = LISTS.has(f);
        if (raw !== null && typeof raw === 'object' && !(isList && Array.isArray(raw))) {
          ctx.reject(col(f), 'bad_json', `${col(f)} should be ${isList ? 'a list' : 'a single value'}, not ${Array.isArray(raw) ? 'a list' : 'an object'}`, raw);
        } else values[f] = raw;
      }
      const id = 'id' in values ? parseId(ctx, col('id'), values.id) : null;
      const m = emptyDraft(id ?? 0, text(values.title) ?? '');
      const { date, year } = releaseDate(ctx, col('release_date'), values.release_date, dateFormat);
      const yearValue = parseYear(ctx, col('year'), values.year);
      if (yearValue !== null && year !== null && yearValue !== year)
        ctx.reject(col('year'), 'bad_date', `${col('year')} ${yearValue} disagrees with ${col('release_date')} (${year})`, values.year);
      const money = (f: 'budget' | 'revenue') => {
        const n = parseMoney(ctx, f, values[f], col(f));
        return n === null ? null : n * unit;
      };
      Object.assign(m, {
        original_title: text(values.original_title),
        release_date: date,
        year: year ?? yearValue,
        overview: text(values.overview) ?? '',
        tagline: text(values.tagline),
        runtime: parseRuntime(ctx, col('runtime'), values.runtime),
        budget: money('budget'),
        revenue: money('revenue'),
        popularity: parseNumber(ctx, col('popularity'), values.popularity),
        vote_average: parseNumber(ctx, col('vote_average'), values.vote_average),
        vote_count: parseCount(ctx, col('vote_count'), values.vote_count),
        original_language: text(values.original_language),
        collection: text(values.collection),
        imdb_id: text(values.imdb_id),
        poster_path: text(values.poster_path)
      } satisfies Partial<MovieDraft>);
      for (const f of LIST_FIELDS) m[f] = list(ctx, col(f), values[f], separator);
      return id === null ? null : m;
    }
  };
}

/** A list cell: a real array (JSON files), a JSON array in text, or separated text. */
function list(ctx: RowContext, column: string, raw: unknown, separator: string): string[] {
  if (Array.isArray(raw)) return namesFrom(ctx, column, raw);
  const s = text(raw);
  if (s === null) return [];
  if (s.startsWith('[') && s.endsWith(']')) return parseJsonNames(ctx, column, s);
  return splitList(s, separator);
}

function releaseDate(ctx: RowContext, column: string, raw: unknown, format: NonNullable<ColumnMapping['dateFormat']>): ParsedDate {
  if (format === 'iso') return parseIsoDate(ctx, column, raw);
  if (format === 'year') return { date: null, year: parseYear(ctx, column, raw) };
  const s = text(raw);
  if (s === null) return { date: null, year: null };
  if (/^\d{4}$/.test(s)) return { date: null, year: Number(s) };
  const p = dateParts(s, format);
  if (p && p.yearDigits === 4 && isRealDate(p.y, p.m, p.d)) return { date: isoDate(p.y, p.m, p.d), year: p.y };
  ctx.reject(column, 'bad_date', `${column} is not a date (expected ${format === 'dmy' ? 'DD/MM/YYYY' : 'MM/DD/YYYY'})`, raw);
  return { date: null, year: null };
}
