/**
 * The one data pass of a differentially private release: per combination of the group-by
 * columns' raw values (as text), the number of records and, for sums and means, the sum of
 * the clamped, discretised values and the number of non-missing values. Also the number of
 * records clamped, a custodian-only diagnostic (it is not differentially private and is
 * shown only with --show-values).
 *
 * Person-level contribution bound: with a privacy unit (e.g. mrn) at most `maxRecords`
 * records per person are kept, the first ones in the order of a keyed hash of the record's
 * used fields. The choice depends on that person's own records only (not on row positions,
 * which another person's presence would shift), so removing one person changes no one
 * else's kept records: the sensitivity argument of src/dp/sensitivity.ts holds. Records
 * without a person identifier are left out.
 */
import type { Database } from './database.js';
import type { DataSource } from './source.js';
import { readerError } from './readerErrors.js';
import { quoteIdent } from './sql.js';

/** Clamping and discretisation of a summed column (grid step = granularityN / granularityD). */
export interface AggregateValue {
  column: string;
  /** Declared bounds: a value outside them counts as clamped. */
  lower: number;
  upper: number;
  granularityN: bigint;
  granularityD: bigint;
  /** The clamping range in grid steps. */
  lowerUnits: bigint;
  upperUnits: bigint;
}

/** At most maxRecords records per distinct value of `column`, chosen by hash(key, record). */
export interface ContributionCap {
  column: string;
  maxRecords: number;
  /** Secret 64-bit key of the hash order (fresh per release). */
  key: bigint;
}

/** One combination of group-by values present in the data (kept in memory, never written). */
export interface AggregateRow {
  keys: (string | null)[];
  records: bigint;
  /** Non-missing values (sum/mean). */
  valueCount: bigint;
  /** Sum of the clamped values in grid steps (sum/mean). */
  sumUnits: bigint;
  /** Records whose value lay outside the declared bounds (custodian-only diagnostic). */
  clamped: bigint;
}

/**
 * Groups the source by `groupBy` (raw values as text). `value` adds the clamped sum;
 * `cap` bounds each person's records. Reader failures become DataError (no values shown).
 */
export async function aggregateForRelease(
  db: Database,
  source: DataSource,
  groupBy: readonly string[],
  value?: AggregateValue,
  cap?: ContributionCap,
): Promise<AggregateRow[]> {
  const text = [...groupBy, ...(cap ? [cap.column] : [])];
  const cols = groupBy.map((c, j) => `CAST(${quoteIdent(c)} AS VARCHAR) AS k${j}`);
  if (value) cols.push(`CASE WHEN isfinite(CAST(${quoteIdent(value.column)} AS DOUBLE)) THEN CAST(${quoteIdent(value.column)} AS DOUBLE) END AS v`);
  if (cap) cols.push(`CAST(${quoteIdent(cap.column)} AS VARCHAR) AS u`);
  if (cols.length === 0) cols.push('1 AS one');
  const base = `SELECT ${cols.join(', ')} FROM ${source.relation(text)}`;
  const kept = cap
    ? `SELECT * EXCLUDE (rn) FROM (SELECT b.*, row_number() OVER (PARTITION BY b.u ORDER BY hash(CAST('${cap.key}' AS UBIGINT), b)) AS rn FROM (${base}) b WHERE b.u IS NOT NULL) WHERE rn <= ${cap.maxRecords}`
    : base;
  const keys = groupBy.map((_, j) => `k${j}`);
  const measures = ['count(*) AS records'];
  let from = `(${kept})`;
  if (value) {
    const units = `CAST(least(${value.upperUnits}, greatest(${value.lowerUnits}, round(v * ${value.granularityD} / ${value.granularityN}))) AS BIGINT)`;
    from = `(SELECT *, ${units} AS units FROM ${from})`;
    measures.push('count(v) AS value_count', 'CAST(coalesce(sum(units), 0) AS HUGEINT) AS sum_units', `count(*) FILTER (WHERE v < ${value.lower} OR v > ${value.upper}) AS clamped`);
  }
  const sql = `SELECT ${[...keys, ...measures].join(', ')} FROM ${from}${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}`;
  let rows: Record<string, unknown>[];
  try {
    rows = await db.rows(sql);
  } catch (e) {
    throw readerError(e, source.display, source.format, source);
  }
  return rows.map((r) => ({
    keys: keys.map((k) => (r[k] === null || r[k] === undefined ? null : String(r[k]))),
    records: BigInt(r.records as bigint),
    valueCount: value ? BigInt(r.value_count as bigint) : 0n,
    sumUnits: value ? BigInt(r.sum_units as bigint) : 0n,
    clamped: value ? BigInt(r.clamped as bigint) : 0n,
  }));
}
