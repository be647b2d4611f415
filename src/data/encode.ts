import type { FrequencyTable } from '../model/frequencyTable.js';
import type { ClassHistograms } from '../model/classHistograms.js';
import { DataError, EdraError } from '../errors.js';
import type { Database } from './database.js';
import type { DataSource } from './source.js';
import { readerError } from './readerErrors.js';
import { quoteIdent } from './sql.js';
import { frequencySql, invalidWeight, type FrequencyQuery } from './frequencyQuery.js';
import { loadRemoteFrequencies, type RemoteTable } from './clickhouse/remoteTable.js';
import { forEachTypedChunk, readTypedColumns, type ColumnKind } from './transfer.js';
import { FineRowGrouper, type FineGroups } from './fineGroups.js';
import type { QuasiIdentifierStats } from '../contracts/measures.js';


/** One sensitive attribute: its histogram per group (CSR), aligned with the table's groups. */
export interface SensitiveData {
  name: string;
  /** DuckDB type of the column (codes follow the type's order: numeric order for numbers). */
  type: string;
  histograms: ClassHistograms;
  /** Code of the missing value, or -1. */
  nullCode: number;
  /** Records with the value missing. */
  missing: number;
}

/** The result of the one pass over the data. */
export interface EncodedData {
  /** Groups over all records read; missing values are codes of their own here. */
  table: FrequencyTable;
  /** Data rows read. */
  rows: number;
  qiStats: QuasiIdentifierStats[];
  /**
   * Population class size per group, from a population table (-1 where the table has no
   * row for the group). Absent when no population table was given.
   */
  populationSizes?: Float64Array;
  /** Per sensitive attribute, in the order asked. */
  sensitive: SensitiveData[];
  /** Sum of the weight column per group (when a weight column was asked for). */
  weightSums?: Float64Array;
}

/** What the one pass computes besides the QI groups. */
export interface EncodeOptions {
  population?: PopulationRelation;
  sensitive?: readonly string[];
  /** Column of sampling weights, summed per group. */
  weight?: string;
  /** Number the groups (gid) in the order of the arrays, for joining per-group results back. */
  numbered?: boolean;
}

/** A population table to join: its relation and the column counting individuals. */
export interface PopulationRelation {
  relation: string;
  count?: string;
  /** The table's file as the spec names it, and its format (for messages). */
  display: string;
  format: string;
}

/**
 * The largest sampling weight, and the largest count of a population-table row, accepted:
 * more than the people alive, so any larger value is an error in the data, and sums over
 * 2^31 records stay finite and exact to well below a person.
 */
export const MAX_WEIGHT = 1e10;
const MAX_WEIGHT_TEXT = '1e10';

/** SQL: true when a value (cast to DOUBLE) is missing, not a number, infinite, not positive (`positive`) or negative, or above MAX_WEIGHT. */
function invalidNumber(expr: string, positive: boolean): string {
  return `coalesce(NOT isfinite(${expr}) OR ${expr} ${positive ? '<=' : '<'} 0 OR ${expr} > ${MAX_WEIGHT}, true)`;
}

/** The 1-based position, in file order, of the first record where `predicate` holds. */
async function firstRecordWhere(db: Database, relation: string, predicate: string): Promise<number | undefined> {
  await db.exec('SET preserve_insertion_order = true');
  try {
    const rows = await db.rows(`SELECT min(r)::BIGINT AS r FROM (SELECT row_number() OVER () AS r, ${predicate} AS bad FROM ${relation}) WHERE bad`);
    return rows[0].r === null ? undefined : Number(rows[0].r);
  } finally {
    await db.exec('SET preserve_insertion_order = false');
  }
}

/**
 * One pass over the file: DuckDB groups the records by their QI tuple
 * (`SELECT qis, count(*) ... GROUP BY qis`), then encodes each QI of the (much smaller)
 * grouped table to dense integer codes through a sorted dictionary (NULL last), and
 * the codes and counts move to typed arrays. The dictionaries stay in DuckDB
 * (temp tables edra_dict_<q>); no value reaches JS.
 */
export async function encodeQuasiIdentifiers(db: Database, source: DataSource | RemoteTable, qis: readonly string[], options: EncodeOptions = {}): Promise<EncodedData> {
  const { population, sensitive = [], weight } = options;
  const numbered = options.numbered ?? false;
  const m = qis.length;
  const q = (i: number) => `q${i}`;
  const s = (j: number) => `s${j}`;
  const qList = qis.map((_, i) => q(i)).join(', ');
  const query: FrequencyQuery = { quasiIdentifiers: qis, sensitive, weight };
  try {
    // The one pass over the records: the frequency query, grouped by this DuckDB over the
    // file, or by the remote engine and its (grouped) answer loaded here.
    const grouped = source.kind === 'remote' ? (await loadRemoteFrequencies(db, source, query)).relation : `(${frequencySql(query, 'duckdb', source.relation(qis))})`;
    if (sensitive.length === 0) {
      const gid = numbered ? ', (row_number() OVER () - 1)::INTEGER AS gid' : '';
      await db.exec(`CREATE OR REPLACE TEMP TABLE edra_groups AS SELECT *${gid} FROM ${grouped}`);
    } else {
      // Still one pass over the records: grouped by QIs and sensitive values together (the
      // fine groups); the QI groups and their histograms come from one ordered read of them.
      await db.exec(`CREATE OR REPLACE TEMP TABLE edra_fine AS SELECT * FROM ${grouped}`);
    }
    if (source.kind === 'remote') await db.exec(`DROP TABLE ${grouped}`);
  } catch (e) {
    if (e instanceof EdraError) throw e;
    throw source.kind === 'remote' ? e : readerError(e, source.display, source.format, source);
  }
  // The dictionaries: sorted, NULL last (numbers in numeric order).
  const base = sensitive.length > 0 ? 'edra_fine' : 'edra_groups';
  const dictionary = (table: string, column: string) =>
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT v, (row_number() OVER (ORDER BY v NULLS LAST) - 1)::INTEGER AS code FROM (SELECT DISTINCT ${column} AS v FROM ${base})`;
  for (let i = 0; i < m; i++) await db.exec(dictionary(`edra_dict_${i}`, q(i)));
  for (let j = 0; j < sensitive.length; j++) await db.exec(dictionary(`edra_sdict_${j}`, s(j)));
  const sizeOf = (table: string, key: string) => `(SELECT count(*) FROM ${table})::BIGINT AS d${key}, (SELECT count(*) - count(v) FROM ${table})::BIGINT AS n${key}`;
  const dictSizes = (
    await db.rows(
      `SELECT (SELECT count(*) FROM ${base})::BIGINT AS groups, ${[...qis.map((_, i) => sizeOf(`edra_dict_${i}`, String(i))), ...sensitive.map((_, j) => sizeOf(`edra_sdict_${j}`, `s${j}`))].join(', ')}`,
    )
  )[0];
  const cardinalities = Int32Array.from(qis, (_, i) => Number(dictSizes[`d${i}`]));
  if (sensitive.length > 0 && (numbered || population || weight)) {
    // The per-group outputs (and the per-record writers' join) need the QI groups as a table:
    // numbered in the order of their codes, the order the histograms are read in.
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE edra_groups AS SELECT g.*, (row_number() OVER (ORDER BY ${codeOrder(cardinalities, 'd')}) - 1)::INTEGER AS gid FROM (SELECT ${qList}, sum(f)::INTEGER AS f${weight ? ', sum(w) AS w, sum(wbad) AS wbad' : ''} FROM edra_fine GROUP BY ALL) g ${qis.map((_, i) => `JOIN edra_dict_${i} d${i} ON g.${q(i)} IS NOT DISTINCT FROM d${i}.v`).join(' ')}`,
    );
  }
  // The groups as a table: always without sensitive attributes; with them, when per-group
  // outputs or the per-record writers need one (edra_groups, made above).
  const groupTable = sensitive.length === 0 || numbered || population !== undefined || weight !== undefined;
  let groups = 0;
  let codes: Int32Array[] = [];
  let counts: Int32Array = new Int32Array(0);
  let arrays: (Int32Array | Float64Array)[] = [];
  if (groupTable) {
    groups = sensitive.length === 0 ? Number(dictSizes.groups) : Number((await db.rows('SELECT count(*)::BIGINT AS g FROM edra_groups'))[0].g);
    const joins = qis.map((_, i) => `JOIN edra_dict_${i} d${i} ON g.${q(i)} IS NOT DISTINCT FROM d${i}.v`).join(' ');
    const columns = qis.map((_, i) => `d${i}.code`);
    let popJoin = '';
    if (population) {
      const c = population.count ? `TRY_CAST(${quoteIdent(population.count)} AS DOUBLE)` : '';
      const countExpr = population.count ? `sum(${c})::DOUBLE` : 'count(*)::DOUBLE';
      const popSelect = qis.map((name, i) => `${quoteIdent(name)}::VARCHAR AS ${q(i)}`).join(', ');
      try {
        if (population.count) await checkPopulationCounts(db, population, c);
        await db.exec(`CREATE OR REPLACE TEMP TABLE edra_population AS SELECT ${popSelect}, ${countExpr} AS pf FROM ${population.relation} GROUP BY ALL`);
      } catch (e) {
        throw e instanceof DataError ? e : readerError(e, population.display, population.format);
      }
      popJoin = ` LEFT JOIN edra_population p ON ${qis.map((_, i) => `g.${q(i)}::VARCHAR IS NOT DISTINCT FROM p.${q(i)}`).join(' AND ')}`;
      columns.push('coalesce(p.pf, -1)::DOUBLE');
    }
    if (weight) {
      const bad = Number((await db.rows('SELECT coalesce(sum(wbad), 0)::BIGINT AS b FROM edra_groups'))[0].b);
      if (bad > 0) {
        // A remote table has no record order to point into.
        const first = source.kind === 'remote' ? undefined : await firstRecordWhere(db, source.relation(qis), invalidWeight('duckdb', weight));
        throw new DataError(`${source.display}: weight column "${weight}" has ${bad} value(s) that are missing, not numbers, infinite, not positive or above ${MAX_WEIGHT_TEXT}${source.kind === 'remote' ? '' : ` (the first in record ${first ?? '?'})`} [rule: weight.invalid]`, {
          file: source.display,
          column: weight,
          rule: 'weight.invalid',
        });
      }
      columns.push('g.w::DOUBLE');
    }
    const order = numbered || sensitive.length > 0 ? ' ORDER BY g.gid' : '';
    const sql = `SELECT ${columns.join(', ')}, g.f FROM edra_groups g ${joins}${popJoin}${order}`;
    const kinds = [...qis.map(() => 'int32' as const), ...(population ? ['float64' as const] : []), ...(weight ? ['float64' as const] : []), 'int32' as const];
    arrays = await readTypedColumns(db, sql, kinds, groups);
    codes = arrays.slice(0, m) as Int32Array[];
    counts = arrays[arrays.length - 1] as Int32Array;
  }
  const sensitiveData: SensitiveData[] = [];
  if (sensitive.length > 0) {
    const valueCounts = sensitive.map((_, j) => Number(dictSizes[`ds${j}`]));
    const fine = await readFineGroups(db, cardinalities, valueCounts, Number(dictSizes.groups));
    await db.exec('DROP TABLE edra_fine');
    if (groupTable) {
      // Both reads are in code order: the same groups, the same counts.
      const same = fine.counts.length === groups && fine.counts.every((c, g) => c === counts[g]);
      if (!same) throw new Error('internal: the QI groups read from edra_groups and from the fine groups differ');
    } else {
      codes = fine.codes;
      counts = fine.counts;
      groups = counts.length;
    }
    sensitive.forEach((name, j) => {
      const h = fine.histograms[j];
      const nullCode = Number(dictSizes[`ns${j}`]) > 0 ? valueCounts[j] - 1 : -1;
      let missing = 0;
      if (nullCode >= 0) for (let e = 0; e < h.values.length; e++) if (h.values[e] === nullCode) missing += h.counts[e];
      const type = source.columns.find((c) => c.name === name)?.type ?? 'VARCHAR';
      sensitiveData.push({ name, type, histograms: h, nullCode, missing });
    });
  }
  // NULL sorts last, so when present it is the last code of its dictionary.
  const nullCodes = Int32Array.from(qis, (_, i) => (Number(dictSizes[`n${i}`]) > 0 ? cardinalities[i] - 1 : -1));
  let rows = 0;
  for (let g = 0; g < groups; g++) rows += counts[g];
  if (rows === 0) {
    throw new DataError(`${source.display}: no data rows (header only) [rule: data.noRows]`, { file: source.display, rule: 'data.noRows' });
  }
  const qiStats: QuasiIdentifierStats[] = qis.map((name, i) => {
    let missing = 0;
    const nc = nullCodes[i];
    if (nc >= 0) for (let g = 0; g < groups; g++) if (codes[i][g] === nc) missing += counts[g];
    return { name, distinct: cardinalities[i], missing };
  });
  return {
    table: { qiNames: [...qis], codes, cardinalities, nullCodes, counts, records: rows },
    rows,
    qiStats,
    populationSizes: population ? (arrays[m] as Float64Array) : undefined,
    weightSums: weight ? (arrays[m + (population ? 1 : 0)] as Float64Array) : undefined,
    sensitive: sensitiveData,
  };
}

/** Every count of the population table is a number from 0 to MAX_WEIGHT (DataError [rule: population.invalidCount]). */
async function checkPopulationCounts(db: Database, population: PopulationRelation, c: string): Promise<void> {
  const bad = Number((await db.rows(`SELECT count(*) FILTER (WHERE ${invalidNumber(c, false)})::BIGINT AS b FROM ${population.relation}`))[0].b);
  if (bad === 0) return;
  const first = await firstRecordWhere(db, population.relation, invalidNumber(c, false));
  throw new DataError(
    `${population.display}: count column "${population.count}" has ${bad} value(s) that are missing, not numbers, infinite, negative or above ${MAX_WEIGHT_TEXT} (the first in record ${first ?? '?'}) [rule: population.invalidCount]`,
    { file: population.display, column: population.count, rule: 'population.invalidCount' },
  );
}

/**
 * ORDER BY of the QI codes (aliases d0..d(m-1)) in lexicographic order: one mixed-radix
 * BIGINT key when the product of the cardinalities fits in it (a single sort key sorts
 * several times faster than m), else the m codes.
 */
function codeOrder(cardinalities: Int32Array, alias: string): string {
  return codeKey(cardinalities, alias) ?? Array.from(cardinalities, (_, i) => `${alias}${i}.code`).join(', ');
}

/** The mixed-radix BIGINT key of the QI codes, when their cardinalities' product fits in it (and m > 1). */
function codeKey(cardinalities: Int32Array, alias: string): string | undefined {
  let product = 1n;
  for (const c of cardinalities) product *= BigInt(Math.max(1, c));
  if (cardinalities.length <= 1 || product > 2n ** 63n - 1n) return undefined;
  let key = `${alias}0.code::BIGINT`;
  for (let i = 1; i < cardinalities.length; i++) key = `(${key} * ${cardinalities[i]} + ${alias}${i}.code)`;
  return key;
}

/**
 * The QI groups and each sensitive attribute's histogram per group, from one read of the
 * fine groups (edra_fine) as codes, ordered by their QI codes: DuckDB's hash aggregate has
 * grouped the records and its sort brings each QI group's rows together, so JS only walks
 * the stream (src/data/fineGroups.ts); no (group, value) list is built in SQL or JS.
 */
async function readFineGroups(db: Database, cardinalities: Int32Array, valueCounts: readonly number[], fineRows: number): Promise<FineGroups> {
  const m = cardinalities.length;
  const n = valueCounts.length;
  const joins = [
    ...Array.from(cardinalities, (_, i) => `JOIN edra_dict_${i} d${i} ON g.q${i} IS NOT DISTINCT FROM d${i}.v`),
    ...valueCounts.map((_, j) => `JOIN edra_sdict_${j} e${j} ON g.s${j} IS NOT DISTINCT FROM e${j}.v`),
  ].join(' ');
  const columns = [...Array.from(cardinalities, (_, i) => `d${i}.code`), ...valueCounts.map((_, j) => `e${j}.code`), 'g.f'];
  // The sort key comes along when there is one: one comparison per row instead of m.
  const key = codeKey(cardinalities, 'd');
  const sql = `SELECT ${columns.join(', ')}${key ? `, ${key} AS k` : ''} FROM edra_fine g ${joins} ORDER BY ${key ? 'k' : codeOrder(cardinalities, 'd')}`;
  const grouper = new FineRowGrouper(m, valueCounts, fineRows);
  const kinds: ColumnKind[] = [...columns.map(() => 'int32' as const), ...(key ? ['int64' as const] : [])];
  await forEachTypedChunk(db, sql, kinds, (views, rows) => {
    grouper.push(views.slice(0, m) as Int32Array[], views.slice(m, m + n) as Int32Array[], views[m + n] as Int32Array, rows, key ? (views[m + n + 1] as Int32Array) : undefined);
  });
  return grouper.finish();
}
