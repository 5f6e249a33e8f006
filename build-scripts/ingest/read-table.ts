import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CatalogueFileError } from './issues';

/** One input record with its location, values as the file holds them. */
export interface RawRow {
  /** 1-based data row (header excluded) or 1-based JSON array index. */
  row: number;
  /** 1-based physical line where the CSV record starts. */
  line?: number;
  values: Record<string, unknown>;
  /** Set when the CSV record has a different number of cells than the header. */
  shapeError?: string;
}

export interface RawTable {
  file: string;
  format: 'csv' | 'json';
  columns: string[];
  rows: RawRow[];
  bytes: Buffer;
}

/**
 * Reads a CSV (RFC 4180, any line endings, optional BOM) or JSON file into rows.
 * Binary or empty files raise CatalogueFileError. Bytes that are not UTF-8 are decoded as
 * U+FFFD so the affected rows can be rejected one by one (`bad_encoding`), not the file.
 */
export function readTable(file: string, opts: { delimiter?: string; format?: 'csv' | 'json' } = {}): RawTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new CatalogueFileError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') throw new CatalogueFileError(file, 'is empty; expected a CSV or JSON movie catalogue');
  if (looksBinary(bytes)) throw new CatalogueFileError(file, 'is a binary file; expected a CSV or JSON movie catalogue (UTF-8 text)');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  const ext = extname(file).toLowerCase();
  const format = opts.format ?? (ext === '.json' || ext === '.jsonl' || ext === '.ndjson' ? 'json' : 'csv');
  const table = format === 'json' ? readJson(file, text) : readCsv(file, text, opts.delimiter ?? ',');
  return { ...table, file, format, bytes };
}

function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  return head.includes(0);
}

function readCsv(file: string, text: string, delimiter: string): Pick<RawTable, 'columns' | 'rows'> {
  let records: { record: string[]; info: { empty_lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new CatalogueFileError(file, `is not valid CSV: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new CatalogueFileError(file, 'has no header row');
  const columns = records[0].record.map((c) => c.trim());
  const rows: RawRow[] = [];
  // Lines are counted from the cells and the skipped blank lines, as `grep -n` counts
  // them (LF): csv-parse's own `info.lines` counts a CRLF inside a quoted cell as two.
  let empties = records[0].info.empty_lines;
  let end = 1 + empties + lineBreaks(records[0].record);
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i];
    const values: Record<string, unknown> = {};
    columns.forEach((c, j) => (values[c] = record[j] ?? ''));
    const start = end + 1 + info.empty_lines - empties;
    const row: RawRow = { row: i, line: start, values };
    if (record.length !== columns.length) row.shapeError = `has ${record.length} cells, header has ${columns.length}`;
    rows.push(row);
    empties = info.empty_lines;
    end = start + lineBreaks(record);
  }
  return { columns, rows };
}

function lineBreaks(cells: string[]): number {
  let n = 0;
  for (const c of cells) n += c.match(/\n/g)?.length ?? 0;
  return n;
}

function readJson(file: string, text: string): Pick<RawTable, 'columns' | 'rows'> {
  let items: unknown[];
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('[') || trimmed.startsWith('{"movies"') || /^\{\s*"movies"/.test(trimmed)) {
      const parsed = JSON.parse(trimmed) as unknown;
      items = Array.isArray(parsed) ? parsed : ((parsed as { movies?: unknown[] }).movies ?? []);
    } else {
      // JSON Lines: one object per line.
      items = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
    }
  } catch (e) {
    throw new CatalogueFileError(file, `is not valid JSON: ${(e as Error).message}; expected an array of movie objects`);
  }
  if (!Array.isArray(items) || items.length === 0) throw new CatalogueFileError(file, 'holds no movie objects; expected a JSON array of objects');
  const columns = new Set<string>();
  const rows: RawRow[] = items.map((item, i) => {
    const values = item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
    Object.keys(values).forEach((k) => columns.add(k));
    const row: RawRow = { row: i + 1, values };
    if (values !== item) row.shapeError = 'is not a JSON object';
    return row;
  });
  return { columns: [...columns], rows };
}
