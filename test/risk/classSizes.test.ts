import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { excludeMissing, partitionSizes, wildcardSizes } from '../../src/risk/classSizes.js';
import { frequencyTableOf } from '../../src/model/frequencyTable.js';
import { tableFromRecords } from './fixtures.js';

// Codes 0,1 are values and 2 is missing in both QIs.
const N = 2;
const table = frequencyTableOf(
  ['a', 'b'],
  [
    [0, 0],
    [0, N],
    [1, N],
    [1, 1],
    [N, N],
  ],
  [1, 1, 1, 1, 1],
  [N, N],
);

describe('missing-value policies', () => {
  it('wildcard: a record sees every record compatible with it (hand-computed)', () => {
    // (0,0) ~ (0,0),(0,NA),(NA,NA) = 3; (0,NA) ~ (0,0),(0,NA),(NA,NA) = 3;
    // (1,NA) ~ (1,NA),(1,1),(NA,NA) = 3; (1,1) ~ (1,NA),(1,1),(NA,NA) = 3; (NA,NA) ~ all 5
    const cs = wildcardSizes(table);
    expect([...cs.sizes]).toEqual([3, 3, 3, 3, 5]);
    expect(cs.partition).toBe(false);
  });

  it('exclude: drops records with any missing QI and counts them', () => {
    const { table: kept, excluded, kept: idx } = excludeMissing(table);
    expect(excluded).toBe(3);
    expect(kept.records).toBe(2);
    expect([...idx]).toEqual([0, 3]);
    expect([...partitionSizes(kept).sizes]).toEqual([1, 1]);
  });

  const recs = fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 50 });

  it('wildcard equals brute-force compatibility counting (code 3 = missing)', () => {
    fc.assert(
      fc.property(recs, (rs) => {
        const t = tableFromRecords(rs, 3, 3);
        const cs = wildcardSizes(t);
        for (let g = 0; g < t.counts.length; g++) {
          const row = t.codes.map((c) => c[g]);
          const brute = rs.filter((r) => r.every((v, q) => v === row[q] || v === 3 || row[q] === 3)).length;
          expect(cs.sizes[g]).toBe(brute);
        }
      }),
    );
  });

  it('wildcard without missing values equals the partition', () => {
    fc.assert(
      fc.property(recs, (rs) => {
        const t = tableFromRecords(rs, 3); // no null codes
        expect([...wildcardSizes(t).sizes]).toEqual([...partitionSizes(t).sizes]);
      }),
    );
  });
});
