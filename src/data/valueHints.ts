/**
 * Value-pattern hints on the first rows of a file: for each column asked about, the share of
 * its non-missing values that match each HIPAA identifier pattern (src/data/identifierHints.ts)
 * and the free-text pattern. Shares only, never a value. Reads the first VALUE_HINT_ROWS rows
 * (a hint, not a measure: no second pass over a large file).
 */
import type { Database } from './database.js';
import type { DataSource } from './source.js';
import { readerError } from './readerErrors.js';
import { quoteIdent, quoteString } from './sql.js';
import { valuePatterns, type IdentifierKind } from './identifierHints.js';
import { quoteIdentIn, quoteStringIn } from './frequencyQuery.js';
import type { RemoteTable } from './clickhouse/remoteTable.js';

/** Rows the value patterns are checked on. */
export const VALUE_HINT_ROWS = 10_000;

/** Free text: at least four words (three runs of white space between non-blank characters). */
export const freeTextPattern = '\\s*\\S+(\\s+\\S+){3,}.*';

export type ValueHintKind = IdentifierKind | 'freeText';

/** Per column: non-missing values checked, how many distinct, and the share matching each kind. */
export interface ColumnValueHints {
  name: string;
  checked: number;
  distinct: number;
  shares: Partial<Record<ValueHintKind, number>>;
}

/** Checks the value patterns of `columns` on the first VALUE_HINT_ROWS rows of `source` (in the remote engine for a remote table). */
export async function valueHints(db: Database, source: DataSource | RemoteTable, columns: readonly string[], textColumns: readonly string[]): Promise<ColumnValueHints[]> {
  if (columns.length === 0) return [];
  const patterns: [ValueHintKind, string][] = [...(Object.entries(valuePatterns) as [IdentifierKind, string][]), ['freeText', freeTextPattern]];
  const row = source.kind === 'remote' ? await remoteCounts(source, columns, patterns) : await localCounts(db, source, columns, textColumns, patterns);
  return columns.map((name, i) => {
    const checked = Number(row[`p${i}`]);
    const shares: Partial<Record<ValueHintKind, number>> = {};
    for (const [kind] of patterns) shares[kind] = checked > 0 ? Number(row[`m${i}_${kind}`]) / checked : 0;
    return { name, checked, distinct: Number(row[`d${i}`]), shares };
  });
}

async function localCounts(db: Database, source: DataSource, columns: readonly string[], textColumns: readonly string[], patterns: [ValueHintKind, string][]): Promise<Record<string, unknown>> {
  const select: string[] = [];
  columns.forEach((c, i) => {
    const v = `${quoteIdent(c)}::VARCHAR`;
    select.push(`count(${quoteIdent(c)})::BIGINT AS "p${i}"`, `count(DISTINCT ${quoteIdent(c)})::BIGINT AS "d${i}"`);
    patterns.forEach(([kind, re]) => select.push(`coalesce(sum(regexp_full_match(${v}, ${quoteString(re)})::INTEGER), 0)::BIGINT AS "m${i}_${kind}"`));
  });
  try {
    return (await db.rows(`SELECT ${select.join(', ')} FROM (SELECT * FROM ${source.relation(textColumns)} LIMIT ${VALUE_HINT_ROWS})`))[0];
  } catch (e) {
    throw readerError(e, source.display, source.format);
  }
}

/**
 * The same counts computed by ClickHouse (RE2 there as in DuckDB: a full match is the
 * pattern anchored as ^(?:...)$), so only counts come back.
 */
async function remoteCounts(table: RemoteTable, columns: readonly string[], patterns: [ValueHintKind, string][]): Promise<Record<string, unknown>> {
  const select: string[] = [];
  columns.forEach((c, i) => {
    const col = quoteIdentIn('clickhouse', c);
    select.push(`count(${col}) AS p${i}`, `uniqExact(${col}) AS d${i}`);
    patterns.forEach(([kind, re]) => select.push(`countIf(ifNull(match(toString(${col}), ${quoteStringIn('clickhouse', `^(?:${re})$`)}), 0)) AS m${i}_${kind}`));
  });
  const inner = columns.map((c) => quoteIdentIn('clickhouse', c)).join(', ');
  const text = await table.client.text(`SELECT ${select.join(', ')} FROM (SELECT ${inner} FROM ${table.relation} LIMIT ${VALUE_HINT_ROWS}) FORMAT JSONEachRow`, 'value hints');
  return JSON.parse(text) as Record<string, unknown>;
}
