/**
 * Arrow results → plain, JSON-safe objects the pages can use directly:
 * - BIGINT / HUGEINT-free 64-bit integers (JS bigint) → number; a value beyond 2^53 throws,
 *   naming the column, rather than silently losing digits;
 * - DATE → ISO `YYYY-MM-DD` (Arrow JS hands out a Date in v13 and epoch milliseconds in
 *   later versions: both are accepted); TIMESTAMP → full ISO string;
 * - LIST → array (elements converted too), STRUCT → object;
 * - DECIMAL is refused: queries cast to DOUBLE in SQL instead (see queries.ts).
 */
import type { ArrowField, ArrowTable, ArrowType } from './engine';

/** Arrow format type ids (stable across Arrow JS versions: `DataType.typeId` is the base type). */
const Type = { Int: 2, Float: 3, Utf8: 5, Bool: 6, Decimal: 7, Date: 8, Timestamp: 10, List: 12, Struct: 13, FixedSizeList: 16 } as const;

export type PlainValue = null | string | number | boolean | PlainValue[] | { [key: string]: PlainValue };
export type PlainRow = Record<string, PlainValue>;

const MS_PER_DAY = 86_400_000;

function toNumber(v: number | bigint, where: string): number {
  if (typeof v === 'number') return v;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${where}: ${v} does not fit a JS number exactly`);
  return n;
}

/** ISO date of a DATE value as Arrow JS returns it (Date object, epoch ms or epoch days). */
export function isoDate(v: Date | number | bigint, unitIsDays = false): string {
  const ms = v instanceof Date ? v.getTime() : unitIsDays ? Number(v) * MS_PER_DAY : Number(v);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const yy = y < 0 ? `-${String(-y).padStart(6, '0')}` : y > 9999 ? `+${y}` : String(y).padStart(4, '0');
  return `${yy}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Converts one value of Arrow type `type`; `where` names it in errors. */
export function toPlain(value: unknown, type: ArrowType, where: string): PlainValue {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case Type.Int:
      return toNumber(value as number | bigint, where);
    case Type.Float:
      return Number(value);
    case Type.Date:
      return isoDate(value as Date | number);
    case Type.Timestamp:
      return new Date(value instanceof Date ? value.getTime() : Number(value)).toISOString();
    case Type.List: case Type.FixedSizeList: {
      const child = type.children![0].type;
      const list = value as { length: number; get(i: number): unknown };
      const out: PlainValue[] = new Array(list.length);
      for (let i = 0; i < list.length; i++) out[i] = toPlain(list.get(i), child, `${where}[${i}]`);
      return out;
    }
    case Type.Struct: {
      const row = value as Record<string, unknown>;
      const out: Record<string, PlainValue> = {};
      for (const f of type.children ?? []) out[f.name] = toPlain(row[f.name], f.type, `${where}.${f.name}`);
      return out;
    }
    case Type.Decimal:
      throw new TypeError(`${where}: DECIMAL results are not converted; cast to DOUBLE in SQL`);
    case Type.Utf8: case Type.Bool:
      return value as string | boolean;
    default:
      if (typeof value === 'bigint') return toNumber(value, where);
      if (value instanceof Date) return value.toISOString();
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(): PlainValue }).toJSON();
      return value as PlainValue;
  }
}

/** Row `r` of an Arrow table as a plain object. */
function rowAt(table: ArrowTable, r: number): PlainRow {
  const row: PlainRow = {};
  table.schema.fields.forEach((field: ArrowField, c: number) => {
    const col = table.getChildAt(c);
    if (col) row[field.name] = toPlain(col.get(r), field.type, `column ${field.name}, row ${r}`);
  });
  return row;
}

/** All rows of an Arrow table as plain objects (column-wise conversion, then one object per row). */
export function toRows<T = PlainRow>(table: ArrowTable): T[] {
  const n = table.numRows;
  const rows: PlainRow[] = Array.from({ length: n }, () => ({}));
  table.schema.fields.forEach((field: ArrowField, c: number) => {
    const col = table.getChildAt(c);
    if (!col) return;
    for (let r = 0; r < n; r++) rows[r][field.name] = toPlain(col.get(r), field.type, `column ${field.name}, row ${r}`);
  });
  return rows as T[];
}

/** The first row, or null for an empty result. */
export function firstRow<T = PlainRow>(table: ArrowTable): T | null {
  return table.numRows ? (rowAt(table, 0) as T) : null;
}
