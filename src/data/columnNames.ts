/**
 * Column names as DuckDB reports them against the names the file holds. DuckDB's
 * identifiers are case-insensitive: when a file has two names equal up to case (`mrn`,
 * `MRN`) or twice the same name, DuckDB renames the second (`MRN_1`), and a spec naming it
 * would silently miss it — a declared identifier would be released. Such a file is a data
 * error. Messages name columns, never cell values.
 */
import { DataError } from '../errors.js';
import { nearestName } from '../config/nearestName.js';
import type { Database } from './database.js';
import { quoteString } from './sql.js';

/** True when `text` could be a value of a column of DuckDB type `type` (a record cell). */
export function looksLikeValueOf(type: string, text: string): boolean {
  const t = type.toUpperCase();
  const s = text.trim();
  if (/^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL.*)$/.test(t)) {
    return /^[-+]?(\d[\d_]*\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) || /^[-+]?(inf|infinity|nan)$/i.test(s);
  }
  if (/^(DATE|TIME|TIMESTAMP)/.test(t)) return /^\d/.test(s);
  if (t === 'BOOLEAN') return /^(true|false|t|f|yes|no|y|n|0|1)$/i.test(s);
  return true;
}

/**
 * Whether a first line taken as the header is shown to be one by the column types: some
 * column typed other than text (from the rows below) whose header name is no such value.
 * When none is, the "names" may be the cells of a first record and are not quoted.
 */
export function headerConfirmed(columns: readonly { type: string }[], names: readonly string[]): boolean {
  return columns.some((c, i) => i < names.length && !looksLikeValueOf(c.type, names[i]));
}

/** A duplicate-column data error; names are quoted only when they are known to be names. */
export function duplicateColumnError(display: string, first: number, second: number, names: readonly string[], caseOnly: boolean, quoteNames: boolean, what = 'the header'): DataError {
  const which = quoteNames ? ` ("${names[first]}" and "${names[second]}")` : '';
  const how = caseOnly ? 'differ only by case, which DuckDB cannot tell apart' : 'are the same name';
  return new DataError(
    `${display}:1: columns ${first + 1} and ${second + 1} of ${what}${which} ${how} [rule: data.duplicateColumn]; rename one of them`,
    { file: display, line: 1, ...(quoteNames ? { column: names[second] } : {}), rule: 'data.duplicateColumn' },
  );
}

/**
 * Checks that DuckDB kept the names of a Parquet or JSON file: a column `x_<n>` beside `x`
 * (up to case) that the file itself does not name was renamed by DuckDB.
 */
export async function checkNotRenamed(db: Database, file: string, display: string, format: 'parquet' | 'json' | 'ndjson', names: readonly string[]): Promise<void> {
  const lower = names.map((n) => n.toLowerCase());
  const suspects = names.filter((n) => {
    const m = /^(.*)_(\d+)$/.exec(n);
    return m !== null && lower.includes(m[1].toLowerCase());
  });
  if (suspects.length === 0) return;
  let raw: Set<string>;
  try {
    const sql =
      format === 'parquet'
        ? `SELECT DISTINCT name AS k FROM parquet_schema(${quoteString(file)})`
        : `SELECT DISTINCT unnest(json_keys(json)) AS k FROM read_json_objects(${quoteString(file)}, format = '${format === 'ndjson' ? 'newline_delimited' : 'auto'}')`;
    raw = new Set((await db.rows(sql)).map((r) => String(r.k)));
  } catch {
    return; // the read itself reports what is wrong with the file
  }
  for (const s of suspects) {
    if (raw.has(s)) continue;
    const base = /^(.*)_\d+$/.exec(s)![1].toLowerCase();
    const first = lower.indexOf(base);
    const original = [...raw].find((k) => k.toLowerCase() === base && k !== names[first]);
    const caseOnly = original !== undefined;
    throw new DataError(
      `${display}: the file has two columns named "${names[first]}"${caseOnly ? ` and "${original}" (equal up to case)` : ''}; DuckDB renamed the second to "${s}" [rule: data.duplicateColumn]; rename one of them`,
      { file: display, column: names[first], rule: 'data.duplicateColumn' },
    );
  }
}

/** A "did you mean" for a column name the data lacks: quoted when the names are names, else only in the detail. */
export interface ColumnSuggestion {
  /** Appended to the message (may be empty). */
  hint: string;
  /** For the error's detail (--show-values), when the suggestion could quote a cell. */
  detail?: string;
}

/**
 * Suggests the nearest column of `names` for `name`. When the names may be the cells of a
 * first record (`namesMayBeData`), the message says so and the suggestion goes to the detail.
 */
export function columnSuggestion(name: string, names: readonly string[], namesMayBeData: boolean): ColumnSuggestion {
  const near = nearestName(name, names);
  if (!namesMayBeData) return { hint: near ? `; did you mean "${near}"?` : '' };
  return {
    hint: `; its first line may be a record, not a header (if the file has none, set csv.header: false and name the columns column1..${names.length})${near ? '; --show-values suggests a near name' : ''}`,
    ...(near ? { detail: `did you mean "${near}"?` } : {}),
  };
}
