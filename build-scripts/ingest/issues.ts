/**
 * Validation vocabulary: every input row ends up kept (maybe with warnings) or rejected
 * with one of these reasons, located by file, row and field.
 */

/** Reasons a row is rejected (not kept in the catalogue). */
export type RejectReason =
  | 'missing_id'
  | 'bad_id'
  | 'duplicate_id'
  | 'bad_json'
  | 'bad_date'
  | 'bad_number'
  | 'negative_money'
  | 'empty_title'
  | 'bad_encoding'
  | 'bad_row_shape'
  | 'unknown_movie';

/** Reasons a kept row is flagged. */
export type WarningReason =
  | 'empty_overview'
  | 'zero_budget'
  | 'zero_revenue'
  | 'zero_runtime'
  | 'future_release'
  | 'missing_release_date'
  | 'mojibake_repaired'
  | 'mojibake_unrepaired'
  | 'not_released'
  | 'bad_list_item';

export interface Issue<R extends string = RejectReason | WarningReason> {
  /** Path of the input file as the user gave it. */
  file: string;
  /** 1-based data row (header excluded); for JSON, 1-based array index. */
  row: number;
  /** 1-based physical line where the record starts (CSV only). */
  line?: number;
  field?: string;
  reason: R;
  message: string;
  /** The offending raw value, shortened for the report. */
  value?: string;
}

/** A file that is not a catalogue at all (wrong columns, binary, empty): the build stops. */
export class CatalogueFileError extends Error {
  constructor(
    public readonly file: string,
    message: string
  ) {
    super(`${file}: ${message}`);
    this.name = 'CatalogueFileError';
  }
}

export function shorten(value: unknown, max = 120): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
