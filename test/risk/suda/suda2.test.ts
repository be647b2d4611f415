import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frequencyTableOf } from '../../../src/model/frequencyTable.js';
import { suda2, suda2Chunked, type Suda2Tuning } from '../../../src/risk/suda/suda2/api.js';
import { bruteMsuCounts, smallTable, tableOfRecords, fiveRecordTable } from './helpers.js';

/** Per-group MSU counts as arrays [size1, size2, ...]. */
function perGroup(counts: Int32Array, K: number): number[][] {
  const out: number[][] = [];
  for (let g = 0; g < counts.length / K; g++) out.push(Array.from(counts.subarray(g * K, g * K + K)));
  return out;
}

describe('suda2: hand-computed fixtures', () => {
  it('sdcMicro test example a=(2,1,1) b=(0,3,0) c=(0,6,0)', () => {
    // r0 = (2,0,0): {a=2}. r1 = (1,3,6): {b=3}, {c=6}. r2 = (1,0,0): {a=1,b=0}, {a=1,c=0}
    // ({b=0,c=0} is shared with r0).
    const t = tableOfRecords([
      [2, 0, 0],
      [1, 3, 6],
      [1, 0, 0],
    ]);
    const r = suda2(t);
    expect(perGroup(r.msuCounts, 3)).toEqual([
      [1, 0, 0],
      [2, 0, 0],
      [0, 2, 0],
    ]);
    expect(r.msuBySize).toEqual([3, 2, 0]);
    expect(r.groupsWithMsu).toBe(3);
  });

  it('Manning et al. 2008 example (6 records x 5 QIs), enumerated by hand', () => {
    // Items A..E = QIs 0..4. Row 5 (1,2,1,0,2): every pair of {A1,B2,C1,D0} plus {C1,E2},
    // {D0,E2} -> 8 two-MSUs. Rows 1-4: 4 two-MSUs each. Row 0 (0,3,0,1,1) has none of size 2;
    // {C0,D1,E1} is its only 3-MSU and {A0,B3,C0,D1} its only 4-MSU.
    const t = tableOfRecords([
      [0, 3, 0, 1, 1],
      [0, 3, 0, 0, 1],
      [0, 3, 1, 1, 1],
      [1, 3, 0, 1, 2],
      [0, 2, 0, 1, 2],
      [1, 2, 1, 0, 2],
    ]);
    const r = suda2(t);
    expect(perGroup(r.msuCounts, 5)).toEqual([
      [0, 0, 1, 1, 0],
      [0, 4, 0, 0, 0],
      [0, 4, 0, 0, 0],
      [0, 4, 0, 0, 0],
      [0, 4, 0, 0, 0],
      [0, 8, 0, 0, 0],
    ]);
    expect(r.msuBySize).toEqual([0, 24, 1, 1, 0]);
    // maxMsuSize cuts the search
    const r3 = suda2(t, { maxMsuSize: 3 });
    expect(perGroup(r3.msuCounts, 3)[0]).toEqual([0, 0, 1]);
    expect(r3.msuBySize).toEqual([0, 24, 1]);
  });

  it('5-record table with a missing value and a duplicate pair', () => {
    // QIs (sex, age band, zip); code 9 of zip is missing.
    //   r0 = (0, 0, 1)  r1 = (0, 0, 1)  (duplicate pair: no MSU)
    //   r2 = (1, 0, 9)  zip missing: items {sex=1, age=0}; sex=1 is held by r2, r3 -> not unique;
    //                   {sex=1, age=0}: r2 only; sex=1 (r2,r3) and age=0 (r0,r1,r2) non-unique -> MSU
    //   r3 = (1, 1, 2)  {age=1}: r3, r4 -> no; {zip=2}: r3 only -> 1-MSU; {sex=1, age=1}: r3 only,
    //                   sex=1 (2), age=1 (2) -> MSU
    //   r4 = (0, 1, 9)  {sex=0, age=1}: r4 only; sex=0 (r0,r1,r4), age=1 (r3,r4) -> MSU
    const t = fiveRecordTable();
    const r = suda2(t);
    expect(t.counts).toEqual(Int32Array.from([2, 1, 1, 1]));
    expect(perGroup(r.msuCounts, 3)).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
      [0, 1, 0],
    ]);
    expect(Array.from(bruteMsuCounts(t))).toEqual(Array.from(r.msuCounts));
  });

  it('a single record has no MSU (the empty set is unique); one QI works', () => {
    expect(suda2(tableOfRecords([[1, 2, 3]])).groupsWithMsu).toBe(0);
    const one = suda2(tableOfRecords([[0], [1], [1], [2]]));
    expect(perGroup(one.msuCounts, 1)).toEqual([[1], [0], [1]]);
  });

  it('more than 31 QIs (no bit masks of QI sets): constant QIs change nothing', () => {
    // QIs 4..33 are constant (in every record: never in an MSU); the MSUs are those of QIs 0..3
    fc.assert(
      fc.property(smallTable, (t0) => {
        if (t0.codes.length < 2) return;
        const rows: number[][] = [];
        for (let g = 0; g < t0.counts.length; g++) {
          rows.push([...t0.codes.map((c) => c[g]), ...Array.from({ length: 34 - t0.codes.length }, () => 0)]);
        }
        const names = Array.from({ length: 34 }, (_, q) => `q${q}`);
        const nulls = [...Array.from(t0.nullCodes), ...Array.from({ length: 34 - t0.codes.length }, () => -1)];
        const wide = frequencyTableOf(names, rows, Array.from(t0.counts), nulls);
        const K = t0.codes.length;
        const a = perGroup(suda2(wide).msuCounts, 34).map((c) => c.slice(0, K));
        expect(a).toEqual(perGroup(bruteMsuCounts(t0), K));
      }),
      { numRuns: 40 },
    );
  });

  it('empty table; maxMsuSize 1 and 2', () => {
    const empty = frequencyTableOf(['a', 'b'], [], []);
    expect(suda2(empty).msuBySize).toEqual([0, 0]);
    fc.assert(
      fc.property(smallTable, fc.integer({ min: 1, max: 2 }), (t, k) => {
        const K = Math.min(k, t.codes.length);
        expect(Array.from(suda2(t, { maxMsuSize: K }).msuCounts)).toEqual(Array.from(bruteMsuCounts(t, K)));
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a bad maxMsuSize', () => {
    const t = tableOfRecords([[0, 1], [1, 0]]);
    expect(() => suda2(t, { maxMsuSize: 3 })).toThrow(RangeError);
    expect(() => suda2(t, { maxMsuSize: 0 })).toThrow(RangeError);
  });
});

/** Tunings that force each code path of the search (results must not change). */
const TUNINGS: [string, Suda2Tuning][] = [
  ['default', {}],
  ['no bit-parallel tables', { smallRows: 0 }],
  ['special-row scans in sub-tables', { smallRows: 0, knownMinRows: 1e9 }],
  ['memoized scans at the full table', { knownBudgetBytes: 0 }],
  ['one item per top batch, small bit tables', { batchItems: 1, smallRows: 4, knownMinRows: 8 }],
];

/** Tables of up to 150 records over 3..7 QIs, skewed so that sub-tables stay large. */
const mediumTable = fc
  .record({
    m: fc.integer({ min: 3, max: 7 }),
    n: fc.integer({ min: 20, max: 150 }),
    seed: fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 101, maxLength: 101 }),
    withNull: fc.boolean(),
  })
  .map(({ m, n, seed, withNull }) => {
    const records: number[][] = [];
    for (let i = 0; i < n; i++) {
      const r: number[] = [];
      for (let q = 0; q < m; q++) {
        const x = seed[(i * 31 + q * 17 + ((i * q) % 7)) % seed.length] ^ (i * 2654435761 % 997);
        const u = (x % 1000) / 1000;
        // QI q has 2 + 3q values, skewed towards 0
        r.push(Math.floor(Math.pow(u, 1.5 + q / 2) * (2 + 3 * q)));
      }
      records.push(r);
    }
    const nullCodes = Array.from({ length: m }, (_, q) => (withNull && q === 1 ? 0 : -1));
    return tableOfRecords(records, nullCodes);
  });

describe('suda2: properties', () => {
  for (const [name, tuning] of TUNINGS) {
    it(`equals the brute-force enumeration on random tables (${name})`, () => {
      fc.assert(
        fc.property(smallTable, fc.integer({ min: 1, max: 6 }), (t, k) => {
          const K = Math.min(k, t.codes.length);
          const fast = suda2(t, { maxMsuSize: K }, tuning);
          expect(Array.from(fast.msuCounts)).toEqual(Array.from(bruteMsuCounts(t, K)));
        }),
        { numRuns: 150 },
      );
      fc.assert(
        fc.property(mediumTable, (t) => {
          expect(Array.from(suda2(t, {}, tuning).msuCounts)).toEqual(Array.from(bruteMsuCounts(t)));
        }),
        { numRuns: 25 },
      );
    });
  }

  it('equals brute force on 8-QI tables with rare values', () => {
    const wide = fc
      .record({
        n: fc.integer({ min: 2, max: 60 }),
        seed: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 97, maxLength: 97 }),
      })
      .map(({ n, seed }) => {
        const m = 8;
        const records: number[][] = [];
        for (let i = 0; i < n; i++) {
          const r: number[] = [];
          for (let q = 0; q < m; q++) {
            const x = seed[(i * 7 + q * 13) % seed.length];
            r.push(x < 60 ? 0 : x < 85 ? 1 : x % (q + 2)); // mostly 0/1, some rare values
          }
          records.push(r);
        }
        return tableOfRecords(records);
      });
    fc.assert(
      fc.property(wide, (t) => {
        expect(Array.from(suda2(t).msuCounts)).toEqual(Array.from(bruteMsuCounts(t)));
      }),
      { numRuns: 100 },
    );
  });

  it('the chunked decomposition of suda2Parallel (deferred checks) equals brute force', () => {
    fc.assert(
      fc.property(
        fc.oneof(smallTable, mediumTable),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 3, max: 7 }),
        (t, chunks, k) => {
          const K = Math.min(k, t.codes.length);
          if (K < 3) return;
          const r = suda2Chunked(t, { maxMsuSize: K }, chunks, { smallRows: chunks % 2 ? 32 : 0 });
          expect(Array.from(r.msuCounts)).toEqual(Array.from(bruteMsuCounts(t, K)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a table where every group has count >= 2 has no MSU', () => {
    fc.assert(
      fc.property(smallTable, fc.integer({ min: 2, max: 5 }), (t, c) => {
        const dup = { ...t, counts: t.counts.map((x) => Math.max(x, c)) };
        const r = suda2(dup);
        expect(r.groupsWithMsu).toBe(0);
        expect(r.msuBySize.every((x) => x === 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('MSU counts are invariant under group permutation', () => {
    fc.assert(
      fc.property(fc.oneof(smallTable, mediumTable), fc.nat(), (t, s) => {
        const G = t.counts.length;
        const perm = Array.from({ length: G }, (_, g) => g);
        let x = s + 1;
        for (let g = G - 1; g > 0; g--) {
          x = (x * 1103515245 + 12345) % 2147483648;
          const h = x % (g + 1);
          [perm[g], perm[h]] = [perm[h], perm[g]];
        }
        const rows = perm.map((g) => t.codes.map((col) => col[g]));
        const p = frequencyTableOf(t.qiNames, rows, perm.map((g) => t.counts[g]), Array.from(t.nullCodes));
        const K = t.codes.length;
        const a = perGroup(suda2(t).msuCounts, K);
        const b = perGroup(suda2(p).msuCounts, K);
        perm.forEach((g, i) => expect(b[i]).toEqual(a[g]));
      }),
      { numRuns: 150 },
    );
  });
});
