import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExactSum, exactSumOf } from '../../src/risk/exactSum.js';

describe('ExactSum', () => {
  it('is exact where naive summation is not', () => {
    const s = new ExactSum();
    for (const x of [1e16, 1, -1e16]) s.add(x);
    expect(s.value()).toBe(1); // naive left-to-right gives 0
    expect(exactSumOf(10, () => 0.1)).toBe(1); // naive gives 0.9999999999999999
  });

  it('does not depend on the order of the terms', () => {
    const terms = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(terms.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))), ([xs, ys]) => {
        expect(exactSumOf(ys.length, (i) => ys[i])).toBe(exactSumOf(xs.length, (i) => xs[i]));
      }),
    );
  });

  it('agrees with naive summation on exactly representable sums', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 })), (xs) => {
        expect(exactSumOf(xs.length, (i) => xs[i])).toBe(xs.reduce((a, b) => a + b, 0));
      }),
    );
  });
});
