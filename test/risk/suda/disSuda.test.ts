import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frequencyTableOf } from '../../../src/model/frequencyTable.js';
import {
  computeSuda,
  DIS_HISTOGRAM_BOUNDS,
  disSudaScores,
  sudaScores,
} from '../../../src/risk/suda/disSuda.js';
import { suda2 } from '../../../src/risk/suda/suda2/api.js';
import { smallTable, tableOfRecords, fiveRecordTable } from './helpers.js';

describe('SUDA scores: hand-computed', () => {
  it('Manning et al. example: s = sum of (M - k)!, M = 5', () => {
    const t = tableOfRecords([
      [0, 3, 0, 1, 1],
      [0, 3, 0, 0, 1],
      [0, 3, 1, 1, 1],
      [1, 3, 0, 1, 2],
      [0, 2, 0, 1, 2],
      [1, 2, 1, 0, 2],
    ]);
    // row 0: one 3-MSU (2!) + one 4-MSU (1!); rows 1-4: four 2-MSUs (3! each); row 5: eight.
    expect(Array.from(sudaScores(suda2(t)))).toEqual([3, 24, 24, 24, 24, 48]);
    const s = computeSuda(t);
    // no class of size 2 (P = 0): every scored record has DIS = 1
    expect(Array.from(s.disScore)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(s.summary.maxSudaScore).toBe(48);
    expect(s.summary.meanSudaScore).toBeCloseTo(147 / 6, 12);
    expect(s.summary.recordsWithMsu).toBe(6);
  });

  it('5-record table: DIS-SUDA from the formula and from sdcMicro U/Dis form', () => {
    // groups: (0,0,1) x2 | (1,0,miss) | (1,1,2) | (0,1,miss); M = 3
    // MSU sizes per group: [], [2], [1, 2], [2] -> s = 0, 1!, 2! + 1!, 1! = 0, 1, 3, 1
    const t = fiveRecordTable();
    const r = computeSuda(t, { disFraction: 0.01 });
    expect(Array.from(r.sudaScore)).toEqual([0, 1, 3, 1]);
    const Q = 1 + (8 - 3) / 20; // 1.25
    const A = 1 + Math.pow(3, -Q) + 1;
    const P = 2; // one class of size exactly 2
    const f = 0.01;
    const dis = (s: number) => (Math.pow(s, Q) * A) / (Math.pow(s, Q) * A + (P * (1 - f)) / f);
    expect(r.disScore[0]).toBe(0);
    expect(r.disScore[1]).toBeCloseTo(dis(1), 14);
    expect(r.disScore[2]).toBeCloseTo(dis(3), 14);
    expect(r.disScore[1]).toBeCloseTo(0.0112521, 6); // 2.2532752 / 200.2532752
    // sdcMicro (Suda2.h): U = 3 sample uniques, Dis = U f / (U f + P (1 - f)),
    // DIS = 1 / (1 + (U / Dis - U) / (s^Q A))
    const U = 3;
    const Dis = (U * f) / (U * f + P * (1 - f));
    const sdc = (s: number) => 1 / (1 + (U / Dis - U) / (Math.pow(s, Q) * A));
    expect(r.disScore[2]).toBeCloseTo(sdc(3), 12);
    // summary: record-weighted (group 0 counts twice)
    expect(r.summary.recordsWithMsu).toBe(3);
    expect(r.summary.meanSudaScore).toBeCloseTo(5 / 5, 12);
    expect(r.summary.meanDisScore).toBeCloseTo((2 * dis(1) + dis(3)) / 5, 14);
    expect(r.summary.disScoreHistogram).toEqual([
      [0, 2],
      [0.001, 0],
      [0.01, 0],
      [0.05, 3],
      [0.1, 0],
      [0.2, 0],
      [0.5, 0],
      [1, 0],
    ]);
    expect(r.summary.msuBySize).toEqual([1, 3, 0]);
    expect(r.summary.disFraction).toBe(0.01);
    expect(r.summary.maxMsuSize).toBe(3);
  });

  it('sdcMicro test example a=(2,1,1) b=(0,3,0) c=(0,6,0): scores 2, 4, 2', () => {
    const t = tableOfRecords([
      [2, 0, 0],
      [1, 3, 6],
      [1, 0, 0],
    ]);
    expect(Array.from(computeSuda(t).sudaScore)).toEqual([2, 4, 2]);
  });

  it('rejects a disFraction outside (0, 1]', () => {
    const t = tableOfRecords([[0], [1]]);
    expect(() => computeSuda(t, { disFraction: 0 })).toThrow(RangeError);
    expect(() => computeSuda(t, { disFraction: 1.5 })).toThrow(RangeError);
    expect(() => disSudaScores(t, new Float64Array(2), Number.NaN)).toThrow(RangeError);
  });
});

describe('SUDA scores: properties', () => {
  it('DIS in [0, 1], 0 exactly when s = 0, monotone in s; histogram counts every record', () => {
    fc.assert(
      fc.property(smallTable, fc.double({ min: 0.001, max: 1, noNaN: true }), (t, f) => {
        const r = computeSuda(t, { disFraction: f });
        let total = 0;
        for (const [, c] of r.summary.disScoreHistogram) total += c;
        expect(total).toBe(t.records);
        expect(r.summary.disScoreHistogram.map(([b]) => b)).toEqual(DIS_HISTOGRAM_BOUNDS);
        const order = Array.from(r.sudaScore.keys()).sort((a, b) => r.sudaScore[a] - r.sudaScore[b]);
        for (let g = 0; g < t.counts.length; g++) {
          const d = r.disScore[g];
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(1);
          expect(d === 0).toBe(r.sudaScore[g] === 0);
          if (r.sudaScore[g] > 0) expect(t.counts[g]).toBe(1);
        }
        for (let k = 1; k < order.length; k++) {
          // Q > 0 for M < 28: DIS grows with s
          expect(r.disScore[order[k]]).toBeGreaterThanOrEqual(r.disScore[order[k - 1]] - 1e-15);
        }
        expect(r.summary.maxDisScore).toBeLessThanOrEqual(1);
        expect(r.summary.meanDisScore).toBeLessThanOrEqual(r.summary.maxDisScore + 1e-15);
      }),
      { numRuns: 200 },
    );
  });

  it('scores are invariant under group permutation', () => {
    fc.assert(
      fc.property(smallTable, fc.nat(), (t, s) => {
        const G = t.counts.length;
        const perm = Array.from({ length: G }, (_, g) => g);
        let x = s + 7;
        for (let g = G - 1; g > 0; g--) {
          x = (x * 1103515245 + 12345) % 2147483648;
          const h = x % (g + 1);
          [perm[g], perm[h]] = [perm[h], perm[g]];
        }
        const rows = perm.map((g) => t.codes.map((col) => col[g]));
        const p = frequencyTableOf(t.qiNames, rows, perm.map((g) => t.counts[g]), Array.from(t.nullCodes));
        const a = computeSuda(t);
        const b = computeSuda(p);
        perm.forEach((g, i) => {
          expect(b.sudaScore[i]).toBe(a.sudaScore[g]);
          expect(b.disScore[i]).toBeCloseTo(a.disScore[g], 12);
        });
        expect(b.summary.disScoreHistogram).toEqual(a.summary.disScoreHistogram);
        expect(b.summary.meanSudaScore).toBeCloseTo(a.summary.meanSudaScore, 9);
      }),
      { numRuns: 150 },
    );
  });
});
