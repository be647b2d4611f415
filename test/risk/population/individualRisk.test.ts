import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { individualRisk, recordRisk } from '../../../src/risk/population/individualRisk.js';
import { rng } from './helpers.js';

describe('individualRisk: sdcMicro fixture', () => {
  // sdcMicro tests/testthat/test_indivRisk.R, "data frame with weight, method = approx":
  // keys (2,3,1) x3 weights 18+39+51, (3,3,3) 45.5, (2,3,2) 17, (3,3,1) x2 92+8, (1,4,1) 123.5.
  const f = Int32Array.from([3, 1, 1, 2, 1]);
  const F = Float64Array.from([108, 45.5, 17, 100, 123.5]);
  const expected = [0.01369863, 0.08579129, 0.17707583, 0.01877883, 0.03931625];

  it('matches indivRisk(method = "approx") to the published 8 decimals', () => {
    const res = individualRisk(f, F);
    expected.forEach((e, k) => expect(res.risks[k]).toBeCloseTo(e, 8));
    const er = 3 * expected[0] + expected[1] + expected[2] + 2 * expected[3] + expected[4];
    expect(res.expectedReidentifications).toBeCloseTo(er, 7);
    expect(res.global).toBeCloseTo(er / 8, 8);
    expect(res.max).toBeCloseTo(0.17707583, 8);
    expect(res.records).toBe(8);
    expect(res.classesAtSampleSize).toBe(0);
  });

  it('without weights (survey = FALSE) every record has risk 1/f_k', () => {
    const res = individualRisk(f);
    expect(Array.from(res.risks)).toEqual([1 / 3, 1, 1, 0.5, 1]);
    expect(res.expectedReidentifications).toBeCloseTo(5, 14); // = K
    expect(res.global).toBeCloseTo(5 / 8, 14);
  });
});

describe('individualRisk: hand-computed values and edge cases', () => {
  it('p = 1/2 for f = 1, 2, 3', () => {
    const res = individualRisk(Int32Array.from([1, 2, 3]), Float64Array.from([2, 4, 6]));
    expect(res.risks[0]).toBeCloseTo(Math.LN2, 15); // (1/1) ln 2
    expect(res.risks[1]).toBeCloseTo(1 - Math.LN2, 15); // 1 - 1^2 ln 2
    expect(res.risks[2]).toBeCloseTo(0.5 / 2.5, 15);
  });

  it('F_k = f_k gives 1/f_k; F_k < f_k (weights below 1) is counted and also gives 1/f_k', () => {
    const res = individualRisk(Int32Array.from([4, 1, 2]), Float64Array.from([4, 0.5, 1.5]));
    expect(Array.from(res.risks)).toEqual([0.25, 1, 0.5]);
    expect(res.classesAtSampleSize).toBe(3);
    expect(res.classesBelowSampleSize).toBe(2);
  });

  it('tends continuously to 1/f as F_k -> f_k', () => {
    for (const e of [1e-3, 1e-8, 1e-13]) {
      const res = individualRisk(Int32Array.from([1, 2, 3]), Float64Array.from([1 + e, 2 * (1 + e), 3 * (1 + e)]));
      expect(res.risks[0]).toBeLessThanOrEqual(1);
      expect(Math.abs(res.risks[0] - 1)).toBeLessThan(e);
      expect(Math.abs(res.risks[1] - 0.5)).toBeLessThan(e);
      expect(Math.abs(res.risks[2] - 1 / 3)).toBeLessThan(e);
    }
    // The series branch of f = 2 (e < 0.1) meets the direct branch.
    const below = recordRisk(2, 0.9000000001, 0.0999999999);
    const above = recordRisk(2, 0.8999999999, 0.1000000001);
    expect(Math.abs(below - above)).toBeLessThan(1e-9);
  });

  it('records above thresholds (strictly above)', () => {
    const res = individualRisk(Int32Array.from([1, 2, 3, 5]));
    // risks 1, 0.5, 1/3, 0.2 with 1, 2, 3, 5 records.
    expect(res.recordsAbove([0.5, 0.2, 0.99, 1, 0])).toEqual([1, 6, 1, 0, 11]);
    expect(individualRisk(new Int32Array(0)).recordsAbove([0.1])).toEqual([0]);
  });

  it('empty input and invalid arguments', () => {
    const empty = individualRisk(new Int32Array(0), new Float64Array(0));
    expect(empty).toMatchObject({ expectedReidentifications: 0, global: 0, max: 0, records: 0 });
    expect(() => individualRisk(Int32Array.from([1]), Float64Array.from([0]))).toThrow(RangeError);
    expect(() => individualRisk(Int32Array.from([1]), Float64Array.from([NaN]))).toThrow(RangeError);
    expect(() => individualRisk(Int32Array.from([1]), Float64Array.from([Infinity]))).toThrow(RangeError);
    expect(() => individualRisk(Int32Array.from([1, 2]), Float64Array.from([3]))).toThrow(RangeError);
    expect(() => individualRisk(Int32Array.from([0]))).toThrow(RangeError);
  });
});

describe('individualRisk: properties', () => {
  const classes = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.2, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 200 })
    .map((pairs) => ({
      f: Int32Array.from(pairs, ([f]) => f),
      // F as f times a weight factor (factors below 1 exercise the F < f rule).
      F: Float64Array.from(pairs, ([f, w]) => f * w),
    }));

  it('risks are in [0, 1], ER and global are consistent, max is the largest risk', () => {
    fc.assert(
      fc.property(classes, ({ f, F }) => {
        const res = individualRisk(f, F);
        let er = 0;
        let n = 0;
        let max = 0;
        res.risks.forEach((r, k) => {
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(1);
          expect(r).toBeLessThanOrEqual(1 / f[k] + 1e-15); // never above the prosecutor risk 1/f
          er += f[k] * r;
          n += f[k];
          max = Math.max(max, r);
        });
        expect(res.expectedReidentifications).toBeCloseTo(er, 9);
        expect(res.global).toBeCloseTo(er / n, 12);
        expect(res.max).toBe(max);
      }),
    );
  });

  it('risk decreases in the class size for a fixed p = f/F', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (p) => {
        let prev = Infinity;
        for (let f = 1; f <= 30; f++) {
          const r = individualRisk(Int32Array.from([f]), Float64Array.from([f / p])).risks[0];
          expect(r).toBeLessThan(prev);
          prev = r;
        }
      }),
    );
  });

  it('is invariant under a permutation of the classes', () => {
    fc.assert(
      fc.property(classes, fc.integer(), ({ f, F }, seed) => {
        const r = rng(seed);
        const perm = Array.from({ length: f.length }, (_, i) => i);
        for (let i = perm.length - 1; i > 0; i--) {
          const j = Math.floor(r() * (i + 1));
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const a = individualRisk(f, F);
        const b = individualRisk(Int32Array.from(perm, (k) => f[k]), Float64Array.from(perm, (k) => F[k]));
        perm.forEach((k, i) => expect(b.risks[i]).toBe(a.risks[k]));
        expect(b.expectedReidentifications).toBeCloseTo(a.expectedReidentifications, 9);
        expect(b.max).toBe(a.max);
        expect(b.recordsAbove([0.01, 0.1, 0.5])).toEqual(a.recordsAbove([0.01, 0.1, 0.5]));
      }),
    );
  });

  it('recordsAbove equals a brute-force count', () => {
    fc.assert(
      fc.property(classes, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), ({ f, F }, ts) => {
        const res = individualRisk(f, F);
        const brute = ts.map((t) => {
          let c = 0;
          res.risks.forEach((r, k) => {
            if (r > t) c += f[k];
          });
          return c;
        });
        expect(res.recordsAbove(ts)).toEqual(brute);
      }),
    );
  });

  it('recordsAbove equals a brute-force count at thresholds equal to risks, with tied risks and entries carrying fewer records', () => {
    // few distinct (f, F) pairs, so risks tie; thresholds taken from the risks themselves
    const tied = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0.5, 1, 3, 100), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 120 })
      .map((rows) => ({
        f: Int32Array.from(rows, ([f]) => f),
        F: Float64Array.from(rows, ([f, w]) => f * w),
        records: Int32Array.from(rows, ([f, , r]) => Math.min(f, r)),
      }));
    fc.assert(
      fc.property(tied, fc.array(fc.nat(), { maxLength: 6 }), ({ f, F, records }, picks) => {
        const res = individualRisk(f, F, records);
        const ts = [...picks.map((p) => res.risks[p % res.risks.length]), 0, 1];
        const brute = ts.map((t) => {
          let c = 0;
          res.risks.forEach((r, k) => {
            if (r > t) c += records[k];
          });
          return c;
        });
        expect(res.recordsAbove(ts)).toEqual(brute);
      }),
    );
  });
});
