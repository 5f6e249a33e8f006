/**
 * A tagged template that keeps values out of SQL text: every `${value}` becomes a `?`
 * placeholder with the value bound, and only `Sql` fragments (built here from code
 * constants) are spliced in as text. Lists become `[?, ?, …]` / `(?, ?, …)` with one bound
 * parameter per element — DuckDB-WASM cannot bind a list as one parameter.
 */
import type { SqlParam } from './engine';

export class Sql {
  constructor(readonly text: string, readonly params: readonly SqlParam[] = []) {}
}

export function sql(strings: TemplateStringsArray, ...values: (SqlParam | Sql)[]): Sql {
  let text = strings[0];
  const params: SqlParam[] = [];
  values.forEach((v, i) => {
    if (v instanceof Sql) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1];
  });
  return new Sql(text, params);
}

/**
 * SQL text from a code constant (a column from a whitelist, a keyword). Never call it with
 * anything that came from a user, a URL or a file.
 */
export function trusted(text: string): Sql {
  return new Sql(text);
}

/** `[?, ?, …]`: a DuckDB list literal of bound values (e.g. `list_contains([?, ?], m.id)`). */
export function listOf(values: readonly SqlParam[]): Sql {
  return new Sql(`[${values.map(() => '?').join(', ')}]`, values);
}

/** `(?, ?, …)` for `x IN (…)`; callers skip the condition when the list is empty. */
export function tupleOf(values: readonly SqlParam[]): Sql {
  if (!values.length) throw new Error('tupleOf: an empty IN list matches nothing; leave the condition out instead');
  return new Sql(`(${values.map(() => '?').join(', ')})`, values);
}

/** Joins fragments with a separator given as code text. */
export function join(parts: readonly Sql[], separator: string): Sql {
  return new Sql(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.params));
}

/** `WHERE a AND b …`, or nothing when there are no conditions. */
export function whereClause(conditions: readonly Sql[]): Sql {
  return conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : trusted('');
}

/** A string constant as a SQL literal (for file names registered by the loader, never user text). */
export function quoteLiteral(constant: string): string {
  return `'${constant.replace(/'/g, "''")}'`;
}
