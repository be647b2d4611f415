import { describe, expect, it } from 'vitest';
import { classCountOfSize, frequencyOfFrequencies } from '../../../src/risk/population/frequencyOfFrequencies.js';
import { logGamma } from '../../../src/risk/population/numeric.js';
import { fitSnb, shlosserHaas, snb, snbExpectedSampleCounts } from '../../../src/risk/population/snb.js';
import { bernoulliSample, pitmanPopulation, rng } from './helpers.js';

const fofOf = (sizes: ArrayLike<number>) => frequencyOfFrequencies(Int32Array.from(sizes));

describe('shlosserHaas', () => {
  it('hand-computed: {1, 1, 2} at q = 1/2', () => {
    // num1 = 2(1/4) + 2(1/4)(3/4) = 7/8, den1 = 2(1/2)(1/2) + (1/4)(5/4) = 13/16,
    // num2 = 2(1/2) + 1/4 = 5/4, den2 = 2(1/2) + 2(1/2)(1/2) = 3/2:
    // K = 3 + 2 (14/13) (25/36) = 526/117.
    expect(shlosserHaas(fofOf([1, 1, 2]), 0.5)).toBeCloseTo(526 / 117, 13);
  });

  it('all-unique samples give n/q = N', () => {
    expect(shlosserHaas(fofOf([1, 1, 1, 1]), 0.01)).toBeCloseTo(400, 9);
  });

  it('stays finite with a huge class at a large sampling fraction (ARX gets 0 * Infinity)', () => {
    const k = shlosserHaas(fofOf([1, 1, 2, 3, 5000]), 0.4);
    expect(Number.isFinite(k)).toBe(true);
    expect(k).toBeGreaterThan(5);
  });
});

describe('snbExpectedSampleCounts', () => {
  it('equals the brute-force mixture of binomials over the slide negative binomial', () => {
    for (const [alpha, beta, pi] of [
      [0.7, 0.3, 0.2],
      [2.5, 0.05, 0.01],
      [0.05, 0.6, 0.5],
    ] as const) {
      let c1 = 0;
      let c2 = 0;
      for (let x = 0; x < 20000; x++) {
        // P(F = 1 + x) = Gamma(x + alpha) / (Gamma(alpha) x!) beta^alpha (1 - beta)^x.
        const lp = logGamma(x + alpha) - logGamma(alpha) - logGamma(x + 1) + alpha * Math.log(beta) + x * Math.log1p(-beta);
        const F = 1 + x;
        c1 += Math.exp(lp + Math.log(F * pi) + (F - 1) * Math.log1p(-pi));
        if (F >= 2) c2 += Math.exp(lp + Math.log((F * (F - 1)) / 2) + 2 * Math.log(pi) + (F - 2) * Math.log1p(-pi));
      }
      const e = snbExpectedSampleCounts(1, pi, alpha, beta);
      expect(e.c1).toBeCloseTo(c1, 12);
      expect(e.c2).toBeCloseTo(c2, 12);
    }
  });
});

describe('fitSnb', () => {
  it('recovers (alpha, beta) from exact moments', () => {
    for (const [K, pi, alpha, beta] of [
      [10000, 0.2, 0.7, 0.3],
      [50000, 0.01, 5, 0.2],
      [2000, 0.5, 0.1, 0.05],
      [1e6, 0.001, 0.3, 0.002],
    ] as const) {
      const { c1, c2 } = snbExpectedSampleCounts(K, pi, alpha, beta);
      const fit = fitSnb(K, pi, c1, c2);
      expect(fit.ok).toBe(true);
      if (fit.ok) {
        expect(fit.alpha).toBeCloseTo(alpha, 6);
        expect(fit.beta).toBeCloseTo(beta, 8);
        expect(fit.solutions).toBe(1);
      }
    }
  });

  it('says why there is no solution', () => {
    const f = fitSnb(100, 0.01, 90, 10);
    expect(f.ok).toBe(false);
    if (!f.ok) expect(f.reason).toMatch(/E\[c_1\] is at most .* below the observed c_1/);
    const g = fitSnb(100, 0.01, 90, 0);
    expect(g.ok).toBe(false);
    if (!g.ok) expect(g.reason).toMatch(/c_2 = 0/);
  });
});

describe('snb', () => {
  it('c_1 = 0 gives 0; c_2 = 0 is undefined with the reason; pi >= 1 is undefined', () => {
    expect(snb(fofOf([2, 3, 3]), 100)).toMatchObject({ count: 0, valid: true });
    const s = snb(fofOf([1, 1, 1, 3]), 60);
    expect(s).toMatchObject({ count: null, fraction: null, valid: false, alpha: null, beta: null });
    expect(s.note).toMatch(/c_2 = 0, so the c_2 equation forces beta = 1/);
    expect(s.nonEmptyClasses).not.toBeNull();
    expect(snb(fofOf([1, 2]), 3).valid).toBe(false);
  });

  it('estimates population uniques of a simulated population at pi = 0.3', () => {
    const r = rng(11);
    const N = 300_000;
    const pop = pitmanPopulation(N, 300, 0.5, r);
    let truth = 0;
    for (const F of pop) if (F === 1) truth++;
    const s = snb(fofOf(bernoulliSample(pop, 0.3, r)), N);
    expect(s.valid).toBe(true);
    expect(Math.abs((s.count as number) - truth) / truth).toBeLessThan(0.25);
    expect(s.alpha as number).toBeGreaterThan(0);
    expect(s.beta as number).toBeGreaterThan(0);
    expect(s.beta as number).toBeLessThan(1);
  });

  it("ARX's K_hat (~ K_s) leaves the moment equations without solution where Haas's does not", () => {
    const r = rng(3);
    const N = 1_000_000;
    const pop = pitmanPopulation(N, 100, 0.5, r);
    const pi = 0.01;
    const fof = fofOf(bernoulliSample(pop, pi, r));
    const c1 = classCountOfSize(fof, 1);
    const c2 = classCountOfSize(fof, 2);
    const arxLike = fof.classes * (1 + c1 / fof.records);
    const bad = fitSnb(arxLike, pi, c1, c2);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/below the observed c_1/);
    expect(fitSnb(shlosserHaas(fof, pi), pi, c1, c2).ok).toBe(true);
  });
});
