import { describe, expect, it } from 'vitest';
import {
  assertClassHistograms,
  classCount,
  classHistogramsOf,
  classSizes,
  overallDistribution,
  valueTotals,
} from '../../../src/risk/sensitive/classHistograms.js';

describe('classHistogramsOf', () => {
  it('lays out classes in CSR form', () => {
    const h = classHistogramsOf(3, [[[0, 2]], [[2, 1], [1, 3]]]);
    expect(classCount(h)).toBe(2);
    expect(Array.from(h.offsets)).toEqual([0, 1, 3]);
    expect(Array.from(h.values)).toEqual([0, 2, 1]);
    expect(Array.from(h.counts)).toEqual([2, 1, 3]);
    expect(Array.from(classSizes(h))).toEqual([2, 4]);
  });

  it('computes table totals T_j and shares q_j = T_j / n', () => {
    // T = (2, 3, 1), n = 6 -> q = (1/3, 1/2, 1/6)
    const h = classHistogramsOf(3, [[[0, 2]], [[2, 1], [1, 3]]]);
    expect(Array.from(valueTotals(h))).toEqual([2, 3, 1]);
    const q = overallDistribution(h);
    expect(q[0]).toBeCloseTo(1 / 3, 15);
    expect(q[1]).toBeCloseTo(1 / 2, 15);
    expect(q[2]).toBeCloseTo(1 / 6, 15);
  });

  it('accepts a table without classes', () => {
    const h = classHistogramsOf(2, []);
    expect(classCount(h)).toBe(0);
    expect(Array.from(overallDistribution(h))).toEqual([0, 0]);
  });

  it.each([
    ['a value code out of range', 2, [[[2, 1]]]],
    ['a negative value code', 2, [[[-1, 1]]]],
    ['a duplicated value in a class', 2, [[[0, 1], [0, 2]]]],
    ['a zero count', 2, [[[0, 0]]]],
    ['an empty class', 2, [[]]],
    ['valueCount 0', 0, []],
    ['a non-integer count', 2, [[[0, 1.5]]]],
  ] as const)('rejects %s', (_name, m, classes) => {
    expect(() => classHistogramsOf(m, classes as unknown as [number, number][][])).toThrow(RangeError);
  });

  it('rejects inconsistent raw arrays', () => {
    const ok = { valueCount: 2, offsets: Int32Array.of(0, 1), values: Int32Array.of(0), counts: Int32Array.of(1) };
    expect(() => assertClassHistograms(ok)).not.toThrow();
    expect(() => assertClassHistograms({ ...ok, offsets: Int32Array.of(1, 1) })).toThrow(RangeError);
    expect(() => assertClassHistograms({ ...ok, offsets: Int32Array.of(0, 2) })).toThrow(RangeError);
    expect(() => assertClassHistograms({ ...ok, counts: Int32Array.of(1, 1) })).toThrow(RangeError);
  });
});
