import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  digamma,
  findRoot,
  harmonicSum,
  harmonicSum2,
  logAddExp,
  logChoose,
  logGamma,
  logGammaRatio,
  logHypergeometricPmf,
  trigamma,
} from '../../../src/risk/population/numeric.js';

const EULER = 0.5772156649015329;

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('logGamma', () => {
  it('matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(rel(logGamma(10), Math.log(362880))).toBeLessThan(1e-14);
    expect(rel(logGamma(100), 359.1342053695754)).toBeLessThan(1e-14);
    expect(rel(logGamma(171), 706.5730622457874)).toBeLessThan(1e-14); // ln(170!)
    // Reflection: |Gamma(-0.5)| = 2 sqrt(pi).
    expect(logGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
  });

  it('satisfies the recurrence ln Gamma(x+1) = ln Gamma(x) + ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (x) => {
        expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(1e-12 * Math.max(1, Math.abs(logGamma(x + 1))));
      }),
    );
  });
});

describe('logGammaRatio', () => {
  it('is ln((a)_b) for integer b, even for a near 2^40', () => {
    expect(rel(logGammaRatio(5, 3), Math.log(5 * 6 * 7))).toBeLessThan(1e-14);
    const a = 2 ** 40;
    expect(rel(logGammaRatio(a, 2), Math.log(a) + Math.log(a + 1))).toBeLessThan(1e-15);
    expect(rel(logGammaRatio(1e12, 3), Math.log(1e12) + Math.log(1e12 + 1) + Math.log(1e12 + 2))).toBeLessThan(1e-15);
  });

  it('agrees with the difference of log-gammas for moderate arguments', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 500, noNaN: true }), fc.double({ min: -0.009, max: 500, noNaN: true }), (a, b) => {
        expect(Math.abs(logGammaRatio(a, b) - (logGamma(a + b) - logGamma(a)))).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('digamma and trigamma', () => {
  it('match known values', () => {
    expect(digamma(1)).toBeCloseTo(-EULER, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER - 2 * Math.log(2), 14);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 14);
    expect(digamma(-0.5)).toBeCloseTo(0.03648997397857652, 13);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 14);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 13);
    expect(trigamma(2)).toBeCloseTo(Math.PI ** 2 / 6 - 1, 14);
    expect(Number.isNaN(digamma(0))).toBe(true);
  });

  it('are the derivatives of logGamma (central differences)', () => {
    for (const x of [0.3, 1.7, 9.5, 12, 250, 1e5]) {
      const h = 1e-4 * Math.max(1, x);
      const d1 = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(Math.abs(d1 - digamma(x))).toBeLessThan(1e-6 * Math.max(1, Math.abs(digamma(x))));
      const d2 = (digamma(x + h) - digamma(x - h)) / (2 * h);
      expect(rel(d2, trigamma(x))).toBeLessThan(1e-6);
    }
  });
});

describe('harmonic sums', () => {
  it('equal the term-by-term sums, with full relative accuracy for x >> m', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 3000 }), (x, m) => {
        let s1 = 0;
        let s2 = 0;
        for (let i = m - 1; i >= 0; i--) {
          s1 += 1 / (x + i);
          s2 += 1 / ((x + i) * (x + i));
        }
        if (m === 0) {
          expect(harmonicSum(x, m)).toBe(0);
          expect(harmonicSum2(x, m)).toBe(0);
        } else {
          expect(rel(harmonicSum(x, m), s1)).toBeLessThan(1e-12);
          expect(rel(harmonicSum2(x, m), s2)).toBeLessThan(1e-12);
        }
      }),
    );
  });

  it('are digamma and trigamma differences', () => {
    expect(harmonicSum(1, 1e6)).toBeCloseTo(digamma(1e6 + 1) - digamma(1), 12);
    expect(harmonicSum2(0.25, 1e6)).toBeCloseTo(trigamma(0.25) - trigamma(1e6 + 0.25), 11);
  });
});

describe('logChoose and logHypergeometricPmf', () => {
  it('match exact binomial coefficients', () => {
    expect(rel(logChoose(50, 25), Math.log(126410606437752))).toBeLessThan(1e-14);
    expect(logChoose(7, 0)).toBe(0);
    expect(logChoose(7, 8)).toBe(-Infinity);
  });

  it('gives the hypergeometric pmf (hand-computed) and sums to 1', () => {
    // H(1; 10, 2, 3) = C(2,1) C(8,2) / C(10,3) = 2 * 28 / 120.
    expect(Math.exp(logHypergeometricPmf(1, 10, 2, 3))).toBeCloseTo(56 / 120, 14);
    expect(logHypergeometricPmf(3, 10, 2, 3)).toBe(-Infinity);
    let total = 0;
    for (let k = 0; k <= 40; k++) total += Math.exp(logHypergeometricPmf(k, 1000, 40, 300));
    expect(total).toBeCloseTo(1, 12);
  });

  it('works for N beyond 2^31', () => {
    const N = 5e9;
    const n = 1000;
    // H(1; N, 1, n) = n / N exactly.
    expect(rel(Math.exp(logHypergeometricPmf(1, N, 1, n)), n / N)).toBeLessThan(1e-9);
    // H(1; N, 2, n) = 2 n (N - n) / (N (N - 1)).
    expect(rel(Math.exp(logHypergeometricPmf(1, N, 2, n)), (2 * n * (N - n)) / (N * (N - 1)))).toBeLessThan(1e-9);
  });
});

describe('logAddExp and findRoot', () => {
  it('logAddExp is ln(e^a + e^b) without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
  });

  it('findRoot brackets and converges; NaN without a sign change', () => {
    expect(findRoot((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 13);
    expect(findRoot((x) => x * x * x - 1e-9, 0, 1)).toBeCloseTo(1e-3, 13);
    expect(Number.isNaN(findRoot((x) => x * x + 1, -1, 1))).toBe(true);
  });
});
