/**
 * The budget accountant: exact composition, refusal over budget, the zCDP conversions, and
 * exact decimal parameters.
 */
import { describe, expect, it } from 'vitest';
import { composeBudget, type PrivacyBudget } from '../../src/dp/accountant.js';
import { compare, fromDecimal, isqrt, rational } from '../../src/dp/rational.js';
import { pureToZcdp, zcdpToEpsilon } from '../../src/dp/zcdp.js';
import { SpecError } from '../../src/errors.js';
import { gammaQ } from './stats.js';

const r = (x: number) => fromDecimal(x);

describe('exact decimals', () => {
  it('reads numbers as written, not as binary doubles', () => {
    expect(fromDecimal(0.1)).toEqual({ n: 1n, d: 10n });
    expect(fromDecimal(2.5e-7)).toEqual({ n: 1n, d: 4000000n });
    expect(fromDecimal(1200)).toEqual({ n: 1200n, d: 1n });
    expect(fromDecimal(1e21)).toEqual({ n: 10n ** 21n, d: 1n });
    expect(() => fromDecimal(Number.NaN)).toThrow(SpecError);
  });
  it('isqrt is the exact floor square root', () => {
    for (const n of [0n, 1n, 2n, 3n, 4n, 99n, 100n, 101n, (10n ** 40n) - 1n, 10n ** 40n]) {
      const s = isqrt(n);
      expect(s * s <= n && (s + 1n) * (s + 1n) > n).toBe(true);
    }
  });
});

describe('composeBudget', () => {
  it('pure budget: epsilons add up exactly (0.1 + 0.2 fits a budget of 0.3)', () => {
    const s = composeBudget({ kind: 'pure', epsilon: r(0.3) }, [
      { name: 'a', epsilon: r(0.1) },
      { name: 'b', epsilon: r(0.2) },
    ]);
    expect(s.unit).toBe('epsilon');
    expect(s.exact).toEqual({ spent: '3/10', total: '3/10' });
    expect(s.spent).toBeCloseTo(0.3, 15);
  });

  it('refuses a release over budget, naming each table, with rule release.overBudget', () => {
    const budget: PrivacyBudget = { kind: 'pure', epsilon: r(1) };
    let err: unknown;
    try {
      composeBudget(budget, [
        { name: 'visits', epsilon: r(0.6) },
        { name: 'stays', epsilon: r(0.5) },
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    expect((err as SpecError).exitCode).toBe(2);
    expect((err as SpecError).message).toMatch(/epsilon 1\.1, over its budget of 1 \(visits: epsilon 0\.6, stays: epsilon 0\.5\).*\[rule: release\.overBudget\]$/);
  });

  it('a Gaussian table under a pure budget is refused (release.mechanismBudget)', () => {
    expect(() => composeBudget({ kind: 'pure', epsilon: r(1) }, [{ name: 'g', rho: r(0.01) }])).toThrow(/release\.mechanismBudget/);
  });

  it('zCDP budget: rhos add up, an epsilon-DP table counts epsilon^2/2', () => {
    const s = composeBudget({ kind: 'zcdp', rho: r(0.5), delta: 1e-6 }, [
      { name: 'g', rho: r(0.125) },
      { name: 'l', epsilon: r(0.5) },
    ]);
    expect(s.exact).toEqual({ spent: '1/4', total: '1/2' });
    expect(s.epsilonEquivalent).toBeCloseTo(zcdpToEpsilon(0.25, 1e-6), 12);
    expect(() => composeBudget({ kind: 'zcdp', rho: r(0.25) }, [{ name: 'l', epsilon: r(0.8) }])).toThrow(/release\.overBudget/);
    expect(compare(pureToZcdp(r(0.8)), rational(8n, 25n))).toBe(0);
  });

  it('(epsilon, delta) budget: pure tables add, Gaussian tables are converted, the better rule is used', () => {
    const onlyPure = composeBudget({ kind: 'approx', epsilon: r(1), delta: 1e-6 }, [{ name: 'l', epsilon: r(1) }]);
    expect(onlyPure.spent).toBe(1);
    const mixed = composeBudget({ kind: 'approx', epsilon: r(3), delta: 1e-6 }, [
      { name: 'l', epsilon: r(0.5) },
      { name: 'g', rho: r(0.05) },
    ]);
    const a = 0.5 + zcdpToEpsilon(0.05, 1e-6);
    const b = zcdpToEpsilon(0.05 + 0.125, 1e-6);
    expect(mixed.spent).toBeCloseTo(Math.min(a, b), 12);
    expect(mixed.delta).toBe(1e-6);
    expect(() =>
      composeBudget({ kind: 'approx', epsilon: r(1), delta: 1e-6 }, [
        { name: 'g', rho: r(0.05) },
        { name: 'h', rho: r(0.05) },
      ]),
    ).toThrow(/release\.overBudget/);
  });
});

/** Standard normal CDF from the regularized gamma function (erfc(x) = Q(1/2, x^2)). */
function Phi(x: number): number {
  const half = 0.5 * gammaQ(0.5, (x * x) / 2);
  return x < 0 ? half : 1 - half;
}

/** Exact delta(epsilon) of the continuous Gaussian mechanism (Balle & Wang 2018, Theorem 8). */
function gaussianDelta(epsilon: number, sigmaOverDelta: number): number {
  const s = sigmaOverDelta;
  return Phi(1 / (2 * s) - epsilon * s) - Math.exp(epsilon) * Phi(-1 / (2 * s) - epsilon * s);
}

describe('zCDP to (epsilon, delta)', () => {
  it.each([
    [0.01, 1e-6],
    [0.125, 1e-3],
    [0.5, 1e-5],
    [2, 1e-9],
  ])('rho=%f, delta=%f: valid for the Gaussian mechanism that is exactly rho-zCDP, and not loose', (rho, delta) => {
    const eps = zcdpToEpsilon(rho, delta);
    // sigma / Delta of a Gaussian mechanism with rho = Delta^2 / (2 sigma^2)
    const s = Math.sqrt(1 / (2 * rho));
    expect(gaussianDelta(eps, s)).toBeLessThanOrEqual(delta);
    // better than the simple Bun-Steinke bound, and within 40% of the exact epsilon
    expect(eps).toBeLessThan(rho + 2 * Math.sqrt(rho * Math.log(1 / delta)));
    let lo = 0;
    let hi = eps;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (gaussianDelta(mid, s) > delta) lo = mid;
      else hi = mid;
    }
    expect(eps).toBeLessThan(1.4 * hi);
  });
});
