/**
 * The frequency-table query, built once from the spec and rendered per SQL dialect, so that
 * the embedded DuckDB (a file) and a remote engine (ClickHouse) answer the same question
 * with the same numbers. Everything edra measures stands on its answer: one row per distinct
 * tuple of QI values (and of sensitive values, when there are sensitive attributes) with
 *
 *   f    = count of records            (count(*) / count())
 *   w    = sum of the valid weights    (records whose weight is invalid count 0 here ...)
 *   wbad = count of invalid weights    (... and here, so that the run can refuse them)
 *
 * A QI may be generalized in the query itself (a hierarchy level pushed down as a value ->
 * label mapping: CASE in DuckDB, transform() in ClickHouse): full-domain generalization of
 * the records equals generalization of their frequency table, so pushing it down only makes
 * the answer smaller. Output columns are named q0..q(m-1), s0..s(n-1), f, w, wbad.
 */
import { quoteIdent, quoteString } from './sql.js';

/** The SQL dialects the query is rendered in. */
export type Dialect = 'duckdb' | 'clickhouse';

/** A QI generalized in the query: each listed value (as text) becomes its label; other values keep theirs. */
export interface PushedDownLevel {
  /** Pairs [value as text, label]. */
  mapping: readonly (readonly [string, string])[];
}

/** The question every engine answers: group the records by these columns. */
export interface FrequencyQuery {
  quasiIdentifiers: readonly string[];
  /** Sensitive attributes grouped with the QIs (the per-class histograms come from them). */
  sensitive: readonly string[];
  /** Column of sampling weights, summed per group. */
  weight?: string;
  /** Per QI (same order), a pushed-down generalization, or undefined for the values as read. */
  levels?: readonly (PushedDownLevel | undefined)[];
}

/** The largest weight accepted: more than the people alive (src/data/encode.ts MAX_WEIGHT). */
const MAX_WEIGHT_SQL = '1e10';

/** Quotes an identifier in the dialect: "name" (DuckDB) or `name` (ClickHouse). */
export function quoteIdentIn(dialect: Dialect, name: string): string {
  if (dialect === 'duckdb') return quoteIdent(name);
  return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
}

/** Quotes a string literal in the dialect ('text'; ClickHouse also escapes backslashes). */
export function quoteStringIn(dialect: Dialect, text: string): string {
  if (dialect === 'duckdb') return quoteString(text);
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** The weight read as a number, NULL when it is none (TRY_CAST / toFloat64OrNull). */
function weightNumber(dialect: Dialect, column: string): string {
  const c = quoteIdentIn(dialect, column);
  return dialect === 'duckdb' ? `TRY_CAST(${c} AS DOUBLE)` : `toFloat64OrNull(toString(${c}))`;
}

/** True when the weight is missing, not a number, infinite, not positive, or above MAX_WEIGHT. */
export function invalidWeight(dialect: Dialect, column: string): string {
  const w = weightNumber(dialect, column);
  return dialect === 'duckdb'
    ? `coalesce(NOT isfinite(${w}) OR ${w} <= 0 OR ${w} > ${MAX_WEIGHT_SQL}, true)`
    : `ifNull(NOT isFinite(${w}) OR ${w} <= 0 OR ${w} > ${MAX_WEIGHT_SQL}, 1)`;
}

/** A QI as selected: the column, or its pushed-down generalization. */
function quasiIdentifierExpr(dialect: Dialect, column: string, level: PushedDownLevel | undefined): string {
  const c = quoteIdentIn(dialect, column);
  if (!level || level.mapping.length === 0) return c;
  if (dialect === 'duckdb') {
    const cases = level.mapping.map(([v, label]) => `WHEN ${quoteString(v)} THEN ${quoteString(label)}`).join(' ');
    return `CASE ${c}::VARCHAR ${cases} ELSE ${c}::VARCHAR END`;
  }
  const from = level.mapping.map(([v]) => quoteStringIn(dialect, v)).join(', ');
  const to = level.mapping.map(([, label]) => quoteStringIn(dialect, label)).join(', ');
  // transform(x, from, to, default): NULL stays NULL (the missing value keeps its own class).
  return `if(isNull(${c}), NULL, transform(toString(${c}), [${from}], [${to}], toString(${c})))`;
}

/**
 * The SELECT ... GROUP BY of the frequency table over `relation` (a DuckDB relation such as
 * read_csv(...), or a ClickHouse `database`.`table`), in the dialect.
 */
export function frequencySql(query: FrequencyQuery, dialect: Dialect, relation: string): string {
  const select: string[] = [];
  const keys: string[] = [];
  query.quasiIdentifiers.forEach((name, i) => {
    select.push(`${quasiIdentifierExpr(dialect, name, query.levels?.[i])} AS q${i}`);
    keys.push(`q${i}`);
  });
  query.sensitive.forEach((name, j) => {
    select.push(`${quoteIdentIn(dialect, name)} AS s${j}`);
    keys.push(`s${j}`);
  });
  if (dialect === 'duckdb') {
    select.push('count(*)::INTEGER AS f');
  } else {
    select.push('toInt32(count()) AS f');
  }
  if (query.weight !== undefined) {
    const w = weightNumber(dialect, query.weight);
    const bad = invalidWeight(dialect, query.weight);
    select.push(
      dialect === 'duckdb'
        ? `sum(CASE WHEN ${bad} THEN 0 ELSE ${w} END) AS w, count(*) FILTER (WHERE ${bad}) AS wbad`
        : `sum(if(${bad}, 0, assumeNotNull(${w}))) AS w, countIf(${bad}) AS wbad`,
    );
  }
  const groupBy = dialect === 'duckdb' ? 'GROUP BY ALL' : `GROUP BY ${keys.join(', ')}`;
  return `SELECT ${select.join(', ')} FROM ${relation} ${groupBy}`;
}

/** The output columns of the query, in order, with what each holds. */
export function frequencyColumns(query: FrequencyQuery): { name: string; kind: 'qi' | 'sensitive' | 'count' | 'weight' | 'invalidWeights'; source?: string }[] {
  return [
    ...query.quasiIdentifiers.map((source, i) => ({ name: `q${i}`, kind: 'qi' as const, source })),
    ...query.sensitive.map((source, j) => ({ name: `s${j}`, kind: 'sensitive' as const, source })),
    { name: 'f', kind: 'count' as const },
    ...(query.weight !== undefined ? [{ name: 'w', kind: 'weight' as const }, { name: 'wbad', kind: 'invalidWeights' as const }] : []),
  ];
}
