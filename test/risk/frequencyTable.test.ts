import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recodeTable } from '../../src/model/frequencyTable.js';
import { summarizeClasses } from '../../src/risk/classes.js';
import { partitionSizes } from '../../src/risk/classSizes.js';
import { prosecutorRisk } from '../../src/risk/adversary/prosecutor.js';
import { tableFromRecords, tenRecords } from './fixtures.js';

describe('recodeTable (generalization on the frequency table)', () => {
  it('merges the groups that become equal (hand-computed)', () => {
    // suppress b: (0,*) = 3 + 1, (1,*) = 2 + 4
    const t = recodeTable(tenRecords, [Int32Array.from([0, 1]), Int32Array.from([0, 0])]);
    expect([...t.counts].sort()).toEqual([4, 6]);
    expect(t.records).toBe(10);
    expect(summarizeClasses(partitionSizes(t)).k).toBe(4);
  });

  it('equals generalizing the records first (and so never lowers k or raises the highest risk)', () => {
    const recs = fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 80 });
    // a random coarsening of each QI's domain 0..5
    const map = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(recs, fc.tuple(map, map, map), (rs, maps) => {
        const m = maps.map((x) => Int32Array.from(x));
        const table = tableFromRecords(rs, 3);
        const recoded = recodeTable(table, m);
        const direct = tableFromRecords(
          rs.map((r) => r.map((v, q) => m[q][v])),
          3,
        );
        const a = summarizeClasses(partitionSizes(recoded));
        expect(a).toEqual(summarizeClasses(partitionSizes(direct)));
        const before = summarizeClasses(partitionSizes(table));
        expect(a.k).toBeGreaterThanOrEqual(before.k);
        expect(prosecutorRisk(partitionSizes(recoded), []).highest).toBeLessThanOrEqual(prosecutorRisk(partitionSizes(table), []).highest);
      }),
    );
  });
});
