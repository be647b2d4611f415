import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarizeClasses } from '../../src/risk/classes.js';
import { partitionSizes } from '../../src/risk/classSizes.js';
import { tableFromRecords, tenRecords } from './fixtures.js';

describe('summarizeClasses', () => {
  it('matches the hand-computed ten-record fixture', () => {
    // sizes 3,1,2,4: K = 4, n = 10, mean 10/4, one unique, classes below k=3: sizes 1 and 2 -> 3 records
    const s = summarizeClasses(partitionSizes(tenRecords), 3);
    expect(s).toEqual({
      count: 4,
      minSize: 1,
      maxSize: 4,
      meanSize: 2.5,
      uniques: 1,
      uniqueFraction: 0.1,
      sizeHistogram: [
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 1],
      ],
      recordsBelowK: 3,
      k: 1,
    });
  });

  it('counts several classes of one size in the histogram', () => {
    const t = tableFromRecords([[0], [0], [1], [1], [2], [3]], 1);
    const s = summarizeClasses(partitionSizes(t));
    expect(s.sizeHistogram).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(s.uniques).toBe(2);
    expect(s.recordsBelowK).toBeUndefined();
  });

  const records = fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 60 });

  it('k is the smallest class: every record has at least k-1 twins, and some record exactly k-1', () => {
    fc.assert(
      fc.property(records, (recs) => {
        const s = summarizeClasses(partitionSizes(tableFromRecords(recs, 3)));
        const twins = recs.map((r) => recs.filter((o) => o.join() === r.join()).length);
        expect(s.k).toBe(Math.min(...twins));
        expect(s.uniques).toBe(twins.filter((t) => t === 1).length);
        expect(s.sizeHistogram.reduce((a, [size, c]) => a + size * c, 0)).toBe(recs.length);
      }),
    );
  });

  it('does not depend on row order', () => {
    const withPermutation = records.chain((recs) => fc.tuple(fc.constant(recs), fc.shuffledSubarray(recs, { minLength: recs.length })));
    fc.assert(
      fc.property(withPermutation, ([recs, shuffled]) => {
        const a = summarizeClasses(partitionSizes(tableFromRecords(recs, 3)), 2);
        const b = summarizeClasses(partitionSizes(tableFromRecords(shuffled, 3)), 2);
        expect(b).toEqual(a);
      }),
    );
  });
});
