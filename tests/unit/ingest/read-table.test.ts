import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../build-scripts/ingest/read-table';
import { CatalogueFileError } from '../../../build-scripts/ingest/issues';
import { fixture } from './helpers';

function tmp(name: string, content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cineatlas-read-')), name);
  writeFileSync(file, content);
  return file;
}

describe('readTable', () => {
  it('numbers rows and physical lines across quoted newlines, CRLF and blank lines', () => {
    const file = tmp('t.csv', 'id,title\r\n1,"a\r\nb"\r\n\r\n2,c\r\n3,"x\ny\nz"\r\n4,d\r\n');
    const t = readTable(file);
    expect(t.rows.map((r) => [r.row, r.line, r.values.id])).toEqual([[1, 2, '1'], [2, 5, '2'], [3, 6, '3'], [4, 9, '4']]);
  });

  it('marks rows whose cell count differs from the header', () => {
    const t = readTable(tmp('s.csv', 'a,b\n1,2\n1\n1,2,3\n'));
    expect(t.rows.map((r) => r.shapeError ?? null)).toEqual([null, 'has 1 cells, header has 2', 'has 3 cells, header has 2']);
  });

  it('decodes bytes that are not UTF-8 as U+FFFD instead of failing the file', () => {
    const t = readTable(fixture('tmdb_5000_movies.csv'));
    expect(String(t.rows[9].values.title)).toBe('Am\uFFFDlie');
  });

  it('reads a JSON array, JSON Lines and {"movies": [...]}', () => {
    expect(readTable(tmp('a.json', '[{"id": 1}, {"id": 2}]')).rows).toHaveLength(2);
    expect(readTable(tmp('a.jsonl', '{"id": 1}\n\n{"id": 2}\n')).rows.map((r) => r.values.id)).toEqual([1, 2]);
    expect(readTable(tmp('b.json', '{"movies": [{"id": 1, "title": "x"}]}')).columns).toEqual(['id', 'title']);
  });

  it('raises one clear error for files that are not tables', () => {
    expect(() => readTable(fixture('empty.csv'))).toThrow(CatalogueFileError);
    expect(() => readTable(fixture('empty.csv'))).toThrow(/is empty; expected a CSV or JSON movie catalogue/);
    expect(() => readTable(fixture('binary.csv'))).toThrow(/is a binary file/);
    expect(() => readTable(fixture('broken.json'))).toThrow(/is not valid JSON/);
    expect(() => readTable(join(tmpdir(), 'no-such-file.csv'))).toThrow(/cannot be read \(ENOENT\)/);
  });
});
