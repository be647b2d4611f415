import type { FrequencyTable } from '../model/frequencyTable.js';
import type { ClassSizes } from '../model/classSizes.js';
import { gather } from './gather.js';


/** Class sizes of a frequency table whose groups are its classes. */
export function partitionSizes(table: FrequencyTable): ClassSizes {
  return { records: table.counts, sizes: table.counts, n: table.records, partition: true };
}

/**
 * Missing-value policy "exclude": records with a missing value in any QI are left out of
 * the classes. Returns the table of the remaining groups, how many records left, and
 * the indices of the kept groups in the input table.
 */
export function excludeMissing(table: FrequencyTable): { table: FrequencyTable; excluded: number; kept: Int32Array } {
  const m = table.codes.length;
  const keep: number[] = [];
  let excluded = 0;
  for (let g = 0; g < table.counts.length; g++) {
    let missing = false;
    for (let q = 0; q < m; q++) if (table.codes[q][g] === table.nullCodes[q]) missing = true;
    if (missing) excluded += table.counts[g];
    else keep.push(g);
  }
  const pick = (a: Int32Array) => gather(a, keep);
  return {
    table: {
      ...table,
      codes: table.codes.map(pick),
      counts: pick(table.counts),
      records: table.records - excluded,
      nullCodes: new Int32Array(m).fill(-1),
    },
    excluded,
    kept: Int32Array.from(keep),
  };
}

/**
 * Missing-value policy "wildcard" (sdcMicro freqCalc with alpha = 1; Templ, Kowarik &
 * Meindl 2015): a missing value matches any value, so the class size of a record is
 *   f(r) = #{ s : for every QI q, r_q = s_q or r_q missing or s_q missing }.
 * Computed per pair of missing-patterns (P, Q): two groups are compatible exactly when
 * they agree on the QIs missing in neither, so groups of pattern Q are summed by that
 * projection and looked up by each group of pattern P. Cost O(patterns^2 x groups).
 */
export function wildcardSizes(table: FrequencyTable): ClassSizes {
  const sums = wildcardSums(table, table.counts);
  return { records: table.counts, sizes: Int32Array.from(sums), n: table.records, partition: false };
}

/**
 * Under the wildcard policy, per group g: the sum of `values[h]` over every group h
 * compatible with g (equal on each QI where neither is missing). With the record counts this
 * is the class size a record sees; with per-group weight sums it is F of a record, the
 * weights of the records that match it (sdcMicro freqCalc's Fk).
 */
export function wildcardSums(table: FrequencyTable, values: ArrayLike<number>): Float64Array {
  const m = table.codes.length;
  const G = table.counts.length;
  const byPattern = new Map<number, number[]>();
  for (let g = 0; g < G; g++) {
    let p = 0;
    for (let q = 0; q < m; q++) if (table.codes[q][g] === table.nullCodes[q]) p |= 1 << q;
    let list = byPattern.get(p);
    if (!list) byPattern.set(p, (list = []));
    list.push(g);
  }
  const sums = new Float64Array(G);
  const key = (g: number, union: number): string => {
    let s = '';
    for (let q = 0; q < m; q++) if (!(union & (1 << q))) s += table.codes[q][g] + ',';
    return s;
  };
  for (const [p1, groups1] of byPattern) {
    for (const [p2, groups2] of byPattern) {
      const union = p1 | p2;
      const partial = new Map<string, number>();
      for (const h of groups2) {
        const k = key(h, union);
        partial.set(k, (partial.get(k) ?? 0) + values[h]);
      }
      for (const g of groups1) sums[g] += partial.get(key(g, union)) ?? 0;
    }
  }
  return sums;
}
