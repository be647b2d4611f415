/** Test helpers of the SUDA tests: brute-force MSU reference, table builders. */
import fc from 'fast-check';
import { frequencyTableOf, type FrequencyTable } from '../../../src/model/frequencyTable.js';

/**
 * Brute-force MSU reference: for every group of count 1, every non-empty subset X of its
 * non-missing QIs (|X| <= maxK) is tested directly: supp(X) = 1 and supp(X \ {x}) >= 2 for
 * every x (supp(empty set) = n).
 */
export function bruteMsuCounts(t: FrequencyTable, maxK = t.codes.length): Int32Array {
  const m = t.codes.length;
  const G = t.counts.length;
  const out = new Int32Array(G * maxK);
  const supp = (g: number, mask: number): number => {
    let s = 0;
    for (let h = 0; h < G; h++) {
      let ok = true;
      for (let q = 0; q < m && ok; q++) {
        if (mask & (1 << q) && t.codes[q][h] !== t.codes[q][g]) ok = false;
      }
      if (ok) s += t.counts[h];
    }
    return s;
  };
  for (let g = 0; g < G; g++) {
    if (t.counts[g] !== 1) continue;
    let avail = 0;
    for (let q = 0; q < m; q++) if (t.codes[q][g] !== t.nullCodes[q]) avail |= 1 << q;
    for (let mask = 1; mask < 1 << m; mask++) {
      if ((mask & avail) !== mask) continue;
      const size = popcount(mask);
      if (size > maxK || supp(g, mask) !== 1) continue;
      let minimal = true;
      for (let q = 0; q < m && minimal; q++) {
        if (mask & (1 << q) && supp(g, mask & ~(1 << q)) < 2) minimal = false;
      }
      if (minimal) out[g * maxK + size - 1]++;
    }
  }
  return out;
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** Table from raw records (duplicates collapsed into counts). */
export function tableOfRecords(records: number[][], nullCodes?: number[]): FrequencyTable {
  const m = records[0]?.length ?? 0;
  const index = new Map<string, number>();
  const rows: number[][] = [];
  const counts: number[] = [];
  for (const r of records) {
    const k = r.join(',');
    const g = index.get(k);
    if (g === undefined) {
      index.set(k, rows.length);
      rows.push(r);
      counts.push(1);
    } else counts[g]++;
  }
  const names = Array.from({ length: m }, (_, q) => `q${q}`);
  return frequencyTableOf(names, rows, counts, nullCodes);
}

/** Arbitrary small table: records over m QIs with small cardinalities, optional missing. */
export const smallTable = fc
  .record({
    m: fc.integer({ min: 1, max: 6 }),
    n: fc.integer({ min: 1, max: 40 }),
    card: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(fc.nat(), { minLength: 240, maxLength: 240 }),
    withNull: fc.boolean(),
  })
  .map(({ m, n, card, seed, withNull }) => {
    const records: number[][] = [];
    for (let i = 0; i < n; i++) {
      const r: number[] = [];
      for (let q = 0; q < m; q++) r.push(seed[(i * m + q) % seed.length] % (card + q % 2));
      records.push(r);
    }
    const nullCodes = Array.from({ length: m }, (_, q) => (withNull && q % 2 === 0 ? 0 : -1));
    return tableOfRecords(records, nullCodes);
  });


/**
 * Hand-worked fixture shared by the SUDA2 and DIS-SUDA tests: QIs (sex, age band, zip),
 * zip code 9 is missing; r0 = r1 = (0,0,1) a duplicate pair, r2 = (1,0,miss),
 * r3 = (1,1,2), r4 = (0,1,miss).
 */
export function fiveRecordTable(): FrequencyTable {
  return tableOfRecords(
    [
      [0, 0, 1],
      [0, 0, 1],
      [1, 0, 9],
      [1, 1, 2],
      [0, 1, 9],
    ],
    [-1, -1, 9],
  );
}
