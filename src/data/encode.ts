import type { FrequencyTable } from '../model/frequencyTable.js';
import type { ClassHistograms } from '../model/classHistograms.js';
import { DataError, EdraError } from '../errors.js';
import type { Database } from './database.js';
import type { DataSource } from './source.js';
import { readerError } from './readerErrors.js';
import { quoteIdent } from './sql.js';
import { frequencySql, invalidWeight, type FrequencyQuery } from './frequencyQuery.js';
import { loadRemoteFrequencies, type RemoteTable } from './clickhouse/remoteTable.js';
import { readTypedColumns } from './transfer.js';
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
  const numbered = options.numbered || sensitive.length > 0;
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
      // Still one pass over the records: grouped by QIs and sensitive values together, the
      // fine groups roll up to QI groups (numbered by gid) inside DuckDB.
      await db.exec(`CREATE OR REPLACE TEMP TABLE edra_fine AS SELECT * FROM ${grouped}`);
      // Each QI group keeps the lists of its fine rows, so unnesting them numbers the fine
      // rows by group id without joining on the QIs again.
      const lists = sensitive.map((_, j) => `list(${s(j)}) AS l${j}`).join(', ');
      await db.exec(
        `CREATE OR REPLACE TEMP TABLE edra_groups AS SELECT ${qList}, sum(f)::INTEGER AS f${weight ? ', sum(w) AS w, sum(wbad) AS wbad' : ''}, (row_number() OVER () - 1)::INTEGER AS gid, ${lists}, list(f) AS lf FROM edra_fine GROUP BY ALL`,
      );
      await db.exec(
        `CREATE OR REPLACE TEMP TABLE edra_fine_g AS SELECT gid, ${sensitive.map((_, j) => `unnest(l${j}) AS ${s(j)}`).join(', ')}, unnest(lf) AS f FROM edra_groups`,
      );
      await db.exec(`DROP TABLE edra_fine`);
    }
    if (source.kind === 'remote') await db.exec(`DROP TABLE ${grouped}`);
  } catch (e) {
    if (e instanceof EdraError) throw e;
    throw source.kind === 'remote' ? e : readerError(e, source.display, source.format, source);
  }
  for (let i = 0; i < m; i++) {
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE edra_dict_${i} AS SELECT v, (row_number() OVER (ORDER BY v NULLS LAST) - 1)::INTEGER AS code FROM (SELECT DISTINCT ${q(i)} AS v FROM edra_groups)`,
    );
  }
  const dictSizes = (
    await db.rows(
      `SELECT (SELECT count(*) FROM edra_groups)::BIGINT AS groups, ${qis
        .map((_, i) => `(SELECT count(*) FROM edra_dict_${i})::BIGINT AS d${i}, (SELECT count(*) - count(v) FROM edra_dict_${i})::BIGINT AS n${i}`)
        .join(', ')}`,
    )
  )[0];
  const groups = Number(dictSizes.groups);
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
  const order = numbered ? ' ORDER BY g.gid' : '';
  const sql = `SELECT ${columns.join(', ')}, g.f FROM edra_groups g ${joins}${popJoin}${order}`;
  const kinds = [...qis.map(() => 'int32' as const), ...(population ? ['float64' as const] : []), ...(weight ? ['float64' as const] : []), 'int32' as const];
  const arrays = await readTypedColumns(db, sql, kinds, groups);
  const codes = arrays.slice(0, m) as Int32Array[];
  const counts = arrays[arrays.length - 1] as Int32Array;
  const cardinalities = Int32Array.from(qis, (_, i) => Number(dictSizes[`d${i}`]));
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
  for (const s of qiStats) {
    if (s.missing === rows) {
      throw new DataError(`${source.display}: quasi-identifier "${s.name}" has only missing values [rule: qi.allMissing]`, {
        file: source.display,
        column: s.name,
        rule: 'qi.allMissing',
      });
    }
  }
  const sensitiveData: SensitiveData[] = [];
  for (let j = 0; j < sensitive.length; j++) {
    sensitiveData.push(await sensitiveHistograms(db, source, sensitive[j], j, groups));
  }
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
 * Histogram of sensitive attribute j per QI group, from the fine groups: the S values
 * are dictionary-encoded (sorted, NULL last; numbers in numeric order), then
 * (gid, code, count) rows sorted by gid give the CSR layout directly.
 */
async function sensitiveHistograms(db: Database, source: DataSource | RemoteTable, name: string, j: number, groups: number): Promise<SensitiveData> {
  const sj = `s${j}`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE edra_sdict_${j} AS SELECT v, (row_number() OVER (ORDER BY v NULLS LAST) - 1)::INTEGER AS code FROM (SELECT DISTINCT ${sj} AS v FROM edra_fine_g)`,
  );
  const info = (await db.rows(`SELECT count(*)::BIGINT AS m, (count(*) - count(v))::BIGINT AS nulls FROM edra_sdict_${j}`))[0];
  const valueCount = Number(info.m);
  const nullCode = Number(info.nulls) > 0 ? valueCount - 1 : -1;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE edra_hist AS SELECT fg.gid, d.code, sum(fg.f)::INTEGER AS c FROM edra_fine_g fg JOIN edra_sdict_${j} d ON fg.${sj} IS NOT DISTINCT FROM d.v GROUP BY fg.gid, d.code`,
  );
  const entries = Number((await db.rows('SELECT count(*)::BIGINT AS e FROM edra_hist'))[0].e);
  const [gids, values, counts] = (await readTypedColumns(db, 'SELECT gid, code, c FROM edra_hist ORDER BY gid, code', ['int32', 'int32', 'int32'], entries)) as Int32Array[];
  const offsets = new Int32Array(groups + 1);
  for (let e = 0; e < entries; e++) offsets[gids[e] + 1]++;
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
  let missing = 0;
  if (nullCode >= 0) for (let e = 0; e < entries; e++) if (values[e] === nullCode) missing += counts[e];
  const type = source.columns.find((c) => c.name === name)?.type ?? 'VARCHAR';
  return { name, type, histograms: { valueCount: Math.max(1, valueCount), offsets, values, counts }, nullCode, missing };
}
