/**
 * A table that stays in ClickHouse: described without reading a record, grouped there, and
 * only the grouped answer (one row per class, or per class and sensitive value, with counts)
 * loaded into the local DuckDB, from which every measure goes on as for a file. No record
 * crosses the wire: the answer has one line per group (`Received.lines`), never per record.
 */
import { createWriteStream, rmSync } from 'node:fs';
import path from 'node:path';
import type { ClickHouseDataset } from '../../config/spec.js';
import { DataError, SpecError } from '../../errors.js';
import type { Database } from '../database.js';
import type { SourceColumn } from '../source.js';
import { quoteString, structLiteral } from '../sql.js';
import { frequencyColumns, frequencySql, quoteIdentIn, type FrequencyQuery } from '../frequencyQuery.js';
import { ClickHouseClient, type Received } from './client.js';
import { duckdbTypeOf } from './types.js';

/** A ClickHouse table as edra reads it. */
export interface RemoteTable {
  readonly kind: 'remote';
  /** clickhouse://host:port/database.table (no credentials, no query string). */
  readonly display: string;
  readonly format: 'clickhouse';
  /** Columns with the DuckDB types their values load as. */
  readonly columns: readonly SourceColumn[];
  /** The server's own type per column. */
  readonly clickhouseTypes: Readonly<Record<string, string>>;
  /** Column names come from the table's schema, never from a first line of data. */
  readonly namesMayBeData: false;
  readonly client: ClickHouseClient;
  /** `database`.`table`, quoted for ClickHouse. */
  readonly relation: string;
}

/** Where a URL points, for messages: scheme://host:port (no credentials, path or query). */
export function displayUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/** Connects to the spec's ClickHouse table and reads its schema (no record is read). */
export async function openClickHouseTable(dataset: ClickHouseDataset, onReceived?: (r: Received) => void): Promise<RemoteTable> {
  const server = displayUrl(dataset.url);
  const display = `clickhouse://${new URL(dataset.url).host}/${dataset.database}.${dataset.table}`;
  const client = new ClickHouseClient({ url: dataset.url, display: server, timeoutSeconds: dataset.timeoutSeconds, retries: dataset.retries, onReceived });
  const relation = `${quoteIdentIn('clickhouse', dataset.database)}.${quoteIdentIn('clickhouse', dataset.table)}`;
  const text = await client.text(`DESCRIBE TABLE ${relation} FORMAT JSONEachRow`, 'schema');
  const columns: SourceColumn[] = [];
  const clickhouseTypes: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { name: string; type: string; default_type?: string };
    // ALIAS columns are not stored; MATERIALIZED ones are not in SELECT *: neither is data.
    if (row.default_type === 'ALIAS' || row.default_type === 'MATERIALIZED') continue;
    clickhouseTypes[row.name] = row.type;
    columns.push({ name: row.name, type: duckdbTypeOf(row.type) ?? row.type });
  }
  if (columns.length === 0) throw new SpecError(`${display}: the table has no columns [rule: clickhouse.tableMissing]`, { file: display, rule: 'clickhouse.tableMissing' });
  return { kind: 'remote', display, format: 'clickhouse', columns, clickhouseTypes, namesMayBeData: false, client, relation };
}

/** Refuses a column edra would group by whose type has no DuckDB counterpart (arrays, maps, tuples). */
export function checkGroupable(table: RemoteTable, names: readonly string[], role: string): void {
  for (const name of names) {
    const type = table.clickhouseTypes[name];
    if (type !== undefined && duckdbTypeOf(type) === undefined) {
      throw new SpecError(`${table.display}: column "${name}" (${role}) has ClickHouse type ${type}, which edra cannot group by [rule: clickhouse.columnType]`, {
        file: table.display,
        column: name,
        rule: 'clickhouse.columnType',
      });
    }
  }
}

let loadSeq = 0;

/**
 * Runs the frequency query in ClickHouse and loads its answer into a local DuckDB table;
 * returns the table's name and what was received. The answer streams to a private file of
 * the database's run directory (mode 0600, removed at once) and DuckDB reads it with the
 * types declared, never guessed.
 */
export async function loadRemoteFrequencies(db: Database, table: RemoteTable, query: FrequencyQuery): Promise<{ relation: string; received: Received }> {
  const sql = `${frequencySql(query, 'clickhouse', table.relation)} FORMAT CSVWithNames`;
  const types: Record<string, string> = {};
  for (const c of frequencyColumns(query)) {
    if (c.kind === 'qi' || c.kind === 'sensitive') types[c.name] = table.columns.find((x) => x.name === c.source)?.type ?? 'VARCHAR';
    else types[c.name] = c.kind === 'weight' ? 'DOUBLE' : c.kind === 'count' ? 'INTEGER' : 'BIGINT';
  }
  const file = path.join(db.tempDir, `clickhouse-${process.pid}-${++loadSeq}.csv`);
  const name = `edra_remote_${loadSeq}`;
  try {
    const out = createWriteStream(file, { mode: 0o600 });
    const done = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
    });
    let received: Received;
    try {
      received = await table.client.stream(sql, 'frequency table', out);
    } finally {
      out.end();
    }
    await done;
    // CSVWithNames: every string quoted ("" inside), NULL as an unquoted \N, so a quoted "\N" stays text.
    const read = `read_csv(${quoteString(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '\\N', allow_quoted_nulls = false, columns = ${structLiteral(types)})`;
    try {
      await db.exec(`CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM ${read}`);
    } catch (e) {
      throw new DataError(`${table.display}: the grouped answer of ClickHouse does not read as the declared types [rule: clickhouse.answer]`, { file: table.display, rule: 'clickhouse.answer' }, String((e as Error).message));
    }
    return { relation: name, received };
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * The table's fingerprint, computed in ClickHouse: the record count and the sum (mod 2^64)
 * of a CityHash64 of every record's values. A sum of per-record hashes does not depend on
 * the order of the records or their placement on shards, so it identifies the table's
 * content without reading it (it stands where a file has its SHA-256; docs/scale.md).
 */
export async function tableFingerprint(table: RemoteTable): Promise<{ rows: number; hash: string }> {
  const parts = table.columns.flatMap((c) => {
    const q = quoteIdentIn('clickhouse', c.name);
    return [`isNull(${q})`, `ifNull(toString(${q}), '')`];
  });
  const text = await table.client.text(`SELECT count(), sum(cityHash64(${parts.join(', ')})) FROM ${table.relation} FORMAT TabSeparated`, 'fingerprint');
  const [rows, hash] = text.trim().split('\t');
  return { rows: Number(rows), hash: BigInt(hash).toString(16).padStart(16, '0') };
}
