/**
 * The frequency table: the spine every measure of edra stands on.
 *
 * The input's quasi-identifiers (QIs) are dictionary-encoded once, in DuckDB, to small
 * integer codes; the records are then collapsed to their distinct QI tuples ("groups"),
 * each with the number of records that carry it. Under the default missing-value policy
 * a group is exactly an equivalence class (EC). Nothing here holds a cell value: codes
 * are indices into dictionaries that stay in the data layer.
 *
 * Full-domain generalization of records equals generalization of this table (map each
 * code through the hierarchy, merge equal tuples, add their counts), so the search works
 * on it too, without touching the records again.
 */
export interface FrequencyTable {
  /** QI names, in spec order. */
  readonly qiNames: readonly string[];
  /** codes[q][g] = code of QI q in group g, in 0 .. cardinalities[q]-1. */
  readonly codes: readonly Int32Array[];
  /** Dictionary size of each QI (distinct values, the missing value included when present). */
  readonly cardinalities: Int32Array;
  /** Code of the missing value (NULL) of each QI, or -1 when the QI has none. */
  readonly nullCodes: Int32Array;
  /** counts[g] = number of records in group g (>= 1). */
  readonly counts: Int32Array;
  /** n = sum of counts: records that take part in the classes. */
  readonly records: number;
}

/** Number of groups (distinct QI tuples) of a table. */
export function groupCount(table: FrequencyTable): number {
  return table.counts.length;
}

/**
 * Builds a table from plain arrays (tests, fixtures, workers).
 * `rows[g]` is the QI code tuple of group g and `counts[g]` its record count.
 */
export function frequencyTableOf(
  qiNames: readonly string[],
  rows: readonly (readonly number[])[],
  counts: readonly number[],
  nullCodes?: readonly number[],
): FrequencyTable {
  const m = qiNames.length;
  const codes = qiNames.map(() => new Int32Array(rows.length));
  const cardinalities = new Int32Array(m);
  rows.forEach((row, g) => {
    if (row.length !== m) throw new RangeError(`row ${g} has ${row.length} codes, expected ${m}`);
    row.forEach((code, q) => {
      codes[q][g] = code;
      if (code + 1 > cardinalities[q]) cardinalities[q] = code + 1;
    });
  });
  const c = Int32Array.from(counts);
  let records = 0;
  for (const x of c) {
    if (!(x >= 1)) throw new RangeError('every group count must be >= 1');
    records += x;
  }
  return {
    qiNames,
    codes,
    cardinalities,
    nullCodes: Int32Array.from(nullCodes ?? qiNames.map(() => -1)),
    counts: c,
    records,
  };
}

/**
 * Full-domain recoding of a table: every code of QI q goes through `maps[q]` (e.g. a
 * hierarchy level: value code -> group code), and groups that become equal are merged,
 * their counts added. This is generalization of the records, done on the table. A
 * reference implementation (string keys); the search's kernels must agree with it.
 */
export function recodeTable(table: FrequencyTable, maps: readonly Int32Array[]): FrequencyTable {
  const m = table.codes.length;
  if (maps.length !== m) throw new RangeError(`expected ${m} code maps, got ${maps.length}`);
  const index = new Map<string, number>();
  const rows: number[][] = [];
  const counts: number[] = [];
  for (let g = 0; g < table.counts.length; g++) {
    const row = table.codes.map((c, q) => maps[q][c[g]]);
    const key = row.join(',');
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, rows.length);
      rows.push(row);
      counts.push(table.counts[g]);
    } else counts[at] += table.counts[g];
  }
  const nullCodes = Array.from(table.nullCodes, (nc, q) => (nc >= 0 ? maps[q][nc] : -1));
  return frequencyTableOf(table.qiNames, rows, counts, nullCodes);
}
