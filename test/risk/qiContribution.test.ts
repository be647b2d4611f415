import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frequencyTableOf, recodeTable, type FrequencyTable } from '../../src/model/frequencyTable.js';
import { classFiguresUnder, qiContribution } from '../../src/risk/qiContribution.js';
import type { ResolvedHierarchy } from '../../src/model/hierarchy.js';
import { tableFromRecords, tenRecords } from './fixtures.js';

/** A hierarchy stub over codes 0..n-1 whose level 1 is `level1` and level 2 suppresses everything. */
function hierarchy(attribute: string, level1: number[]): ResolvedHierarchy {
  const n = level1.length;
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const maps = [identity, Int32Array.from(level1), new Int32Array(n)];
  const groups1 = new Set(level1).size;
  return {
    attribute,
    height: 2,
    maps,
    labels: [Array.from({ length: n }, (_, i) => `v${i}`), Array.from({ length: groups1 }, (_, i) => `g${i}`), ['*']],
    shares: [new Float64Array(n).fill(1 / n), new Float64Array(groups1).fill(1 / groups1), Float64Array.of(1)],
    leaves: n,
    domain: () => undefined,
    kind: 'groups',
    sizes: [n, groups1, 1],
  };
}

/** Reference: k and sample uniques from recodeTable (the table's reference implementation). */
function reference(table: FrequencyTable, maps: Int32Array[]): { k: number; sampleUniques: number } {
  const t = recodeTable(table, maps);
  let k = Infinity;
  let u = 0;
  for (const c of t.counts) {
    k = Math.min(k, c);
    if (c === 1) u++;
  }
  return { k: t.counts.length ? k : 0, sampleUniques: u };
}

describe('qiContribution', () => {
  it('hand-computed: dropping each QI of the ten-record fixture', () => {
    // classes (0,0) x3, (0,1) x1, (1,0) x2, (1,1) x4: k = 1, one sample unique.
    // drop a: (*,0) = 3 + 2 = 5, (*,1) = 1 + 4 = 5 -> k 5, no unique
    // drop b: (0,*) = 4, (1,*) = 6 -> k 4
    expect(qiContribution(tenRecords)).toEqual([
      { attribute: 'a', dropped: { k: 5, sampleUniques: 0 } },
      { attribute: 'b', dropped: { k: 4, sampleUniques: 0 } },
    ]);
  });

  it('hand-computed: generalizing one level with a hierarchy, and no entry without one', () => {
    // 6 records over (age code 0..3, sex 0..1): (0,0) (1,0) (2,1) (3,1) (3,1) (0,1)
    const table = tableFromRecords([[0, 0], [1, 0], [2, 1], [3, 1], [3, 1], [0, 1]], 2);
    // age level 1: {0,1} -> 0, {2,3} -> 1  => (0,0) x2, (1,1) x3, (0,1) x1  -> k 1, 1 unique
    const result = qiContribution(table, [hierarchy('q0', [0, 0, 1, 1]), undefined]);
    expect(result[0]).toEqual({
      attribute: 'q0',
      dropped: { k: 2, sampleUniques: 0 }, // (*,0) x2, (*,1) x4
      generalized: { level: 1, k: 1, sampleUniques: 1 },
    });
    // drop sex: (0) x2, (1) x1, (2) x1, (3) x2 -> k 1, 2 uniques
    expect(result[1]).toEqual({ attribute: 'q1', dropped: { k: 1, sampleUniques: 2 } });
  });

  it('a hierarchy of height 0 gives no generalized entry; a hierarchy too short for the codes is an error', () => {
    const flat: ResolvedHierarchy = { ...hierarchy('a', [0, 0]), height: 0, maps: [Int32Array.of(0, 1)] };
    expect(qiContribution(tenRecords, [flat, undefined])[0].generalized).toBeUndefined();
    expect(() => qiContribution(tenRecords, [hierarchy('a', [0]), undefined])).toThrow(RangeError);
  });

  it('an empty table has k 0 and no uniques', () => {
    const empty = frequencyTableOf(['a'], [], []);
    expect(qiContribution(empty)).toEqual([{ attribute: 'a', dropped: { k: 0, sampleUniques: 0 } }]);
  });

  it('agrees with recodeTable on random tables and coarsenings; dropping never lowers k nor raises the uniques', () => {
    const recs = fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 120 });
    const level1 = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(recs, level1, (rs, l1) => {
        const table = tableFromRecords(rs, 3);
        // the table's cardinalities are max code + 1 per QI; the hierarchy covers codes 0..5
        const result = qiContribution(table, [hierarchy('q0', l1), undefined, undefined]);
        const base = reference(
          table,
          table.codes.map((_, q) => Int32Array.from({ length: table.cardinalities[q] }, (_, i) => i)),
        );
        result.forEach((entry, q) => {
          const maps = table.codes.map((_, p) => Int32Array.from({ length: table.cardinalities[p] }, (_, i) => (p === q ? 0 : i)));
          expect(entry.dropped).toEqual(reference(table, maps));
          expect(entry.dropped.k).toBeGreaterThanOrEqual(base.k);
          expect(entry.dropped.sampleUniques).toBeLessThanOrEqual(base.sampleUniques);
        });
        const genMaps = table.codes.map((_, p) =>
          p === 0 ? Int32Array.from(l1) : Int32Array.from({ length: table.cardinalities[p] }, (_, i) => i),
        );
        expect(result[0].generalized).toEqual({ level: 1, ...reference(table, genMaps) });
        expect(result[1].generalized).toBeUndefined();
      }),
    );
  });

  it('the string-key path (key space above 2^53) gives the same classes as the numeric one', () => {
    // 4 QIs with 2^14 codes each: the key space 2^56 exceeds 2^53.
    const card = 1 << 14;
    const rows = [
      [0, 1, 2, 3],
      [0, 1, 2, 3],
      [card - 1, 1, 2, 3],
      [card - 1, card - 1, card - 1, card - 1],
    ];
    const table = frequencyTableOf(['a', 'b', 'c', 'd'], rows, [1, 1, 1, 1]);
    const identity = Array.from({ length: 4 }, () => Int32Array.from({ length: card }, (_, i) => i));
    expect(classFiguresUnder(table, identity)).toEqual(reference(table, identity));
    expect(classFiguresUnder(table, identity)).toEqual({ k: 1, sampleUniques: 2 });
    const dropA = identity.slice();
    dropA[0] = new Int32Array(card);
    expect(classFiguresUnder(table, dropA)).toEqual({ k: 1, sampleUniques: 1 });
  });
});
