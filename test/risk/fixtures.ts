import { frequencyTableOf, type FrequencyTable } from '../../src/model/frequencyTable.js';

/**
 * Hand-computed fixture: 10 records over QIs (a, b) in four classes
 *   (0,0) x3, (0,1) x1, (1,0) x2, (1,1) x4.
 */
export const tenRecords: FrequencyTable = frequencyTableOf(
  ['a', 'b'],
  [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  [3, 1, 2, 4],
);

/** Builds a frequency table from raw records (arrays of codes), as the data layer would. */
export function tableFromRecords(records: readonly (readonly number[])[], m: number, nullCode?: number): FrequencyTable {
  const groups = new Map<string, { row: number[]; count: number }>();
  for (const r of records) {
    const key = r.join(',');
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { row: [...r], count: 1 });
  }
  const rows = [...groups.values()];
  return frequencyTableOf(
    Array.from({ length: m }, (_, i) => `q${i}`),
    rows.map((g) => g.row),
    rows.map((g) => g.count),
    nullCode === undefined ? undefined : Array.from({ length: m }, () => nullCode),
  );
}
