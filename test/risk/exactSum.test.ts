import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExactSum, addTimes, exactSumOf } from '../../src/risk/exactSum.js';

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

  it('adds x times c exactly: the same sum as adding x c times', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 5000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x, c, y) => {
        const once = new ExactSum();
        once.add(y);
        addTimes(once, x, c);
        const each = new ExactSum();
        each.add(y);
        for (let i = 0; i < c; i++) each.add(x);
        expect(once.value()).toBe(each.value());
      }),
    );
    // 0.1 is not representable: 0.1 x 3 rounds differently from the exact sum of three 0.1s only if the error is dropped.
    const s = new ExactSum();
    addTimes(s, 0.1, 3);
    s.add(-0.30000000000000004);
    const t = new ExactSum();
    for (const x of [0.1, 0.1, 0.1, -0.30000000000000004]) t.add(x);
    expect(s.value()).toBe(t.value());
    expect(s.value()).not.toBe(0);
  });

  it('runs of equal terms (added at once) give the sum of every term added one by one', () => {
    const runs = fc.array(fc.tuple(fc.constantFrom(1, 0.5, 1 / 3, 0.05, 1 / 7, 20, 1e-300), fc.integer({ min: 1, max: 300 })), { maxLength: 30 });
    fc.assert(
      fc.property(runs, (rs) => {
        const xs = rs.flatMap(([x, c]) => Array<number>(c).fill(x));
        const each = new ExactSum();
        for (const x of xs) each.add(x);
        expect(exactSumOf(xs.length, (i) => xs[i])).toBe(each.value());
      }),
    );
  });
});
