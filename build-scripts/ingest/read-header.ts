import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { readTable } from './read-table';

/**
 * The column names of a table file, reading only its start for CSV (detection runs on
 * every file before the full parse, so it must be cheap).
 */
export function readHeader(file: string, delimiter?: string): string[] {
  const ext = extname(file).toLowerCase();
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return readTable(file).columns;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n === 0 || buf.subarray(0, n).includes(0)) return readTable(file).columns; // raises the right error
    const head = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
    const firstLine = head.split(/\r?\n/)[0];
    const sep = delimiter ?? (firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',');
    return firstLine.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  } finally {
    closeSync(fd);
  }
}
