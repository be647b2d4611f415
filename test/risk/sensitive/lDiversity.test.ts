import { describe, expect, it } from 'vitest';
import { classHistogramsOf } from '../../../src/risk/sensitive/classHistograms.js';
import { distinctL, distinctValueCounts } from '../../../src/risk/sensitive/distinctL.js';
import { classEntropies, entropyL, satisfiesEntropyL } from '../../../src/risk/sensitive/entropyL.js';
import { recursiveCL, satisfiesRecursiveCL } from '../../../src/risk/sensitive/recursiveCL.js';
import { main, withoutSingle } from './fixtures.js';

describe('distinctL', () => {
  it('is the smallest number of distinct values in a class', () => {
    // single: 1, pair: 2, mirror: 3 -> min 1
    expect(Array.from(distinctValueCounts(main()))).toEqual([1, 2, 3]);
    expect(distinctL(main())).toBe(1);
    expect(distinctL(withoutSingle())).toBe(2);
  });

  it('is Infinity without classes', () => {
    expect(distinctL(classHistogramsOf(2, []))).toBe(Infinity);
  });
});

describe('entropyL', () => {
  it('is min exp(H) over classes', () => {
    // single: H = -1 ln 1 = 0 -> exp 1; pair: H = ln 2 -> 2; mirror: H = ln 3 -> 3
    const H = classEntropies(main());
    expect(H[0]).toBe(0);
    expect(H[1]).toBeCloseTo(Math.LN2, 14);
    expect(H[2]).toBeCloseTo(Math.log(3), 14);
    expect(entropyL(main())).toBe(1);
    expect(entropyL(withoutSingle())).toBeCloseTo(2, 12);
  });

  it('is not truncated to an integer', () => {
    // counts (1, 3): H = -(1/4 ln 1/4 + 3/4 ln 3/4) = 0.25 * 1.3862944 + 0.75 * 0.2876821
    //             = 0.3465736 + 0.2157616 = 0.5623351 -> exp(H) = 1.7547654
    const h = classHistogramsOf(2, [[[0, 1], [1, 3]]]);
    expect(entropyL(h)).toBeCloseTo(1.7547654, 6);
    expect(satisfiesEntropyL(h, 1.75)).toBe(true);
    expect(satisfiesEntropyL(h, 1.76)).toBe(false);
    expect(satisfiesEntropyL(h, 2)).toBe(false);
  });

  it('lets a class at exactly ln l pass', () => {
    // uniform classes over d values have H = ln d exactly in real arithmetic
    for (const d of [2, 3, 5, 6, 7, 10, 11, 49, 97]) {
      const h = classHistogramsOf(d, [Array.from({ length: d }, (_, v) => [v, 7] as [number, number])]);
      expect(satisfiesEntropyL(h, d)).toBe(true);
      expect(entropyL(h)).toBeLessThanOrEqual(d);
      expect(entropyL(h)).toBeCloseTo(d, 9);
    }
  });

  it('validates l', () => {
    expect(() => satisfiesEntropyL(main(), 0.5)).toThrow(RangeError);
    expect(() => satisfiesEntropyL(main(), Number.NaN)).toThrow(RangeError);
  });

  it('is Infinity without classes and vacuously satisfied', () => {
    const h = classHistogramsOf(2, []);
    expect(entropyL(h)).toBe(Infinity);
    expect(satisfiesEntropyL(h, 5)).toBe(true);
  });
});

describe('recursiveCL', () => {
  it('sorts counts descending', () => {
    // counts (1, 5, 3) sorted descending: r1 = 5, r2 = 3, r3 = 1
    // l = 2: tail = r2 + r3 = 4 -> c = 5/4 (an ascending sort would give 1/8)
    // l = 3: tail = r3 = 1     -> c = 5
    const h = classHistogramsOf(3, [[[0, 1], [1, 5], [2, 3]]]);
    expect(recursiveCL(h, 2)).toEqual({ cMin: 1.25, worstClass: 0 });
    expect(recursiveCL(h, 3)).toEqual({ cMin: 5, worstClass: 0 });
    // l = 1: tail = 9 -> 5/9
    expect(recursiveCL(h, 1).cMin).toBeCloseTo(5 / 9, 15);
  });

  it('reports the supremum over classes; any c above it passes, c = cMin fails (strict)', () => {
    // pair (2, 2), l = 2: 2 / 2 = 1; mirror (2, 2, 2): 2 / (2 + 2) = 0.5 -> cMin = 1 (pair)
    const h = withoutSingle();
    expect(recursiveCL(h, 2)).toEqual({ cMin: 1, worstClass: 0 });
    expect(satisfiesRecursiveCL(h, 1, 2)).toBe(false); // 2 < 1 * 2 is false
    expect(satisfiesRecursiveCL(h, 1.0001, 2)).toBe(true);
  });

  it('is Infinity when a class has fewer than l distinct values', () => {
    // the single class has one value: tail r2 + ... = 0
    expect(recursiveCL(main(), 2)).toEqual({ cMin: Infinity, worstClass: 0 });
    expect(satisfiesRecursiveCL(main(), 1e300, 2)).toBe(false);
    expect(satisfiesRecursiveCL(main(), Infinity, 2)).toBe(false);
    // pair has 2 < 3 values
    expect(recursiveCL(withoutSingle(), 3).cMin).toBe(Infinity);
  });

  it('validates l and c', () => {
    expect(() => recursiveCL(main(), 0)).toThrow(RangeError);
    expect(() => recursiveCL(main(), 1.5)).toThrow(RangeError);
    expect(() => satisfiesRecursiveCL(main(), Number.NaN, 2)).toThrow(RangeError);
  });

  it('gives cMin = 0 without classes', () => {
    expect(recursiveCL(classHistogramsOf(2, []), 2)).toEqual({ cMin: 0, worstClass: -1 });
  });
});
