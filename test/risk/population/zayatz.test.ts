import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classCountOfSize,
  frequencyOfFrequencies,
} from '../../../src/risk/population/frequencyOfFrequencies.js';
import { zayatz } from '../../../src/risk/population/zayatz.js';
import { rng, shuffled } from './helpers.js';

const fofOf = (sizes: number[]) => frequencyOfFrequencies(Int32Array.from(sizes));

describe('frequencyOfFrequencies', () => {
  it('counts classes per size, ascending', () => {
    const f = fofOf([3, 1, 2, 1, 3, 3, 7]);
    expect(Array.from(f.sizes)).toEqual([1, 2, 3, 7]);
    expect(Array.from(f.classCounts)).toEqual([2, 1, 3, 1]);
    expect(f.classes).toBe(7);
    expect(f.records).toBe(20);
    expect(classCountOfSize(f, 3)).toBe(3);
    expect(classCountOfSize(f, 4)).toBe(0);
  });

  it('handles the empty input and rejects empty classes', () => {
    const f = fofOf([]);
    expect(f.sizes.length).toBe(0);
    expect(f.records).toBe(0);
    expect(() => fofOf([2, 0])).toThrow(RangeError);
    expect(() => fofOf([-1])).toThrow(RangeError);
  });

  it('is invariant under permutation and consistent with the sizes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 300 }), fc.integer(), (sizes, seed) => {
        const a = fofOf(sizes);
        const b = frequencyOfFrequencies(shuffled(Int32Array.from(sizes), rng(seed)));
        expect(Array.from(b.sizes)).toEqual(Array.from(a.sizes));
        expect(Array.from(b.classCounts)).toEqual(Array.from(a.classCounts));
        let n = 0;
        let K = 0;
        for (let i = 0; i < a.sizes.length; i++) {
          n += a.sizes[i] * a.classCounts[i];
          K += a.classCounts[i];
          if (i > 0) expect(a.sizes[i]).toBeGreaterThan(a.sizes[i - 1]);
        }
        expect(n).toBe(sizes.reduce((x, y) => x + y, 0));
        expect(K).toBe(sizes.length);
      }),
    );
  });
});

describe('zayatz: hand-computed fixtures', () => {
  it('mixed table {1, 1, 2}, N = 8', () => {
    // H(1;8,1,4) = C(7,3)/C(8,4) = 35/70; H(1;8,2,4) = 2 C(6,3)/C(8,4) = 40/70.
    // P = (2/3 * 35/70) / (2/3 * 35/70 + 1/3 * 40/70) = 70/110 = 7/11; uniques = 2 * 7/11 / (4/8) = 28/11.
    const z = zayatz(fofOf([1, 1, 2]), 8);
    expect(z.valid).toBe(true);
    expect(z.probabilityUniqueGivenSampleUnique).toBeCloseTo(7 / 11, 13);
    expect(z.count).toBeCloseTo(28 / 11, 12);
    expect(z.fraction).toBeCloseTo(28 / 88, 12);
  });

  it('mixed table {1, 2, 3}, N = 12', () => {
    // C(12,6) = 924; H_1 = C(11,5) = 462, H_2 = 2 C(10,5) = 504, H_3 = 3 C(9,5) = 378 (over 924).
    // P = 462 / 1344 = 11/32; uniques = 11/32 / (6/12) = 11/16.
    const z = zayatz(fofOf([1, 2, 3]), 12);
    expect(z.probabilityUniqueGivenSampleUnique).toBeCloseTo(11 / 32, 13);
    expect(z.count).toBeCloseTo(11 / 16, 12);
  });

  it('a class too large to leave one member in the sample has H = 0', () => {
    // N = 7, n = 6: a population class of 5 cannot contribute exactly 1 sampled member.
    const z = zayatz(fofOf([1, 5]), 7);
    expect(z.probabilityUniqueGivenSampleUnique).toBe(1);
    expect(z.count).toBeCloseTo(7 / 6, 13);
  });

  it('all-unique: every sample unique is a population unique, count = n/pi = N', () => {
    const z = zayatz(fofOf([1, 1, 1]), 30);
    expect(z.probabilityUniqueGivenSampleUnique).toBe(1);
    expect(z.count).toBeCloseTo(30, 12);
    expect(z.fraction).toBeCloseTo(1, 14);
  });

  it('no-unique: 0 by convention, with a note', () => {
    const z = zayatz(fofOf([2, 3, 3]), 1000);
    expect(z).toMatchObject({ count: 0, fraction: 0, valid: true });
    expect(z.note).toMatch(/c_1 = 0/);
  });

  it('pi >= 1, N < n, empty samples are invalid with a note; a bad N throws', () => {
    const eq = zayatz(fofOf([1, 1, 2]), 4);
    expect(eq).toMatchObject({ count: null, fraction: null, valid: false });
    expect(eq.note).toMatch(/pi = n\/N = 1.*c_1 = 2/);
    expect(zayatz(fofOf([1, 1, 2]), 3).note).toMatch(/smaller than the sample size/);
    expect(zayatz(fofOf([]), 100).note).toMatch(/empty/);
    expect(() => zayatz(fofOf([1]), NaN)).toThrow(RangeError);
    expect(() => zayatz(fofOf([1]), 0)).toThrow(RangeError);
  });
});

describe('zayatz: N beyond 2^31', () => {
  it('matches the product form of the pmf ratio', () => {
    const sizes = [...Array(500).fill(1), ...Array(200).fill(2), ...Array(50).fill(3), ...Array(5).fill(10)];
    const fof = fofOf(sizes);
    const n = fof.records;
    const N = 6e9;
    // H(1;N,j,n)/H(1;N,1,n) = j prod_{i=1}^{j-1} (N-n-i+1)/(N-i).
    let denom = 0;
    for (let k = 0; k < fof.sizes.length; k++) {
      const j = fof.sizes[k];
      let r = j;
      for (let i = 1; i < j; i++) r *= (N - n - i + 1) / (N - i);
      denom += fof.classCounts[k] * r;
    }
    const p = 500 / denom;
    const expected = (500 * p * N) / n;
    const z = zayatz(fof, N);
    expect(z.valid).toBe(true);
    expect(Math.abs((z.count as number) - expected) / expected).toBeLessThan(1e-9);
    // Roughly c_1 / pi with P slightly below 1/(1 + 2 c_2/c_1 + ...).
    expect(z.count as number).toBeLessThan(500 * (N / n));
  });
});
