/**
 * Distribution tests of the exact samplers against their exact distributions: uniform
 * integers, Bernoulli(n/d), Bernoulli(exp(-gamma)) (CKS 2020 Alg. 1), discrete Laplace
 * (Alg. 2) and discrete Gaussian (Alg. 3). Pearson chi-square at a fixed, generous
 * significance (p > 1e-4), variance checks, all on a seeded (unsafe, test-only) source so
 * that every run draws the same samples.
 */
import { describe, expect, it } from 'vitest';
import { unsafeSeededSource, cryptoRandomSource } from '../../src/dp/randomSource.js';
import { uniformBelow, uniformBelowSmall } from '../../src/dp/uniform.js';
import { bernoulliExp, bernoulliFraction } from '../../src/dp/bernoulli.js';
import {
  discreteLaplaceMeanAbs,
  discreteLaplacePmf,
  discreteLaplaceQuantile,
  discreteLaplaceVariance,
  sampleDiscreteLaplace,
} from '../../src/dp/discreteLaplace.js';
import { discreteGaussianPmf, discreteGaussianSummary, sampleDiscreteGaussian } from '../../src/dp/discreteGaussian.js';
import { chiSquareAgainst, moments } from './stats.js';

const ALPHA = 1e-4;
const N = 200_000;

function draw(n: number, f: () => bigint): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Number(f());
  return out;
}

/** |binomial frequency - p| in standard errors. */
function zScore(hits: number, n: number, p: number): number {
  return Math.abs(hits - n * p) / Math.sqrt(n * p * (1 - p));
}

describe('random sources', () => {
  it('the seeded source is reproducible and labelled unsafe; the crypto source is not', () => {
    const a = unsafeSeededSource(42);
    const b = unsafeSeededSource(42);
    const c = unsafeSeededSource(43);
    const xs = Array.from({ length: 20000 }, () => a.uint32());
    expect(Array.from({ length: 20000 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 20000 }, () => c.uint32())).not.toEqual(xs);
    expect(a.unsafe).toBe(true);
    expect(a.label).toMatch(/UNSAFE/);
    const s = cryptoRandomSource();
    expect(s.unsafe).toBe(false);
    const ys = new Set(Array.from({ length: 1000 }, () => s.uint32()));
    expect(ys.size).toBeGreaterThan(990);
  });
});

describe('uniform integers (rejection sampling, no modulo bias)', () => {
  it.each([2, 3, 7, 10, 1000, 2 ** 31 + 1])('uniformBelowSmall(%i) is uniform', (m) => {
    const src = unsafeSeededSource(`u${m}`);
    if (m <= 1000) {
      const xs = Int32Array.from({ length: N }, () => uniformBelowSmall(m, src));
      const r = chiSquareAgainst(xs, (z) => (z >= 0 && z < m ? 1 / m : 0), 0, m - 1);
      expect(r.df).toBe(m - 1);
      expect(r.pValue).toBeGreaterThan(ALPHA);
    } else {
      // 2^31 + 1: a value range where a modulo draw would be biased by a factor of 2 for
      // half the range. Test the lower-half frequency (exactly (2^30 + 1) / (2^31 + 1)).
      let low = 0;
      for (let i = 0; i < N; i++) if (uniformBelowSmall(m, src) <= 2 ** 30) low++;
      expect(zScore(low, N, (2 ** 30 + 1) / m)).toBeLessThan(4.5);
    }
  });

  it('uniformBelow(n) for n beyond 2^32 stays below n and is uniform over residues', () => {
    const src = unsafeSeededSource('big');
    const n = (1n << 70n) + 12345n;
    const xs = new Int32Array(50_000);
    for (let i = 0; i < xs.length; i++) {
      const x = uniformBelow(n, src);
      expect(x >= 0n && x < n).toBe(true);
      xs[i] = Number(x % 11n);
    }
    const r = chiSquareAgainst(xs, (z) => (z >= 0 && z < 11 ? 1 / 11 : 0), 0, 10);
    expect(r.pValue).toBeGreaterThan(ALPHA);
    // the top bit is set with probability (n - 2^69) / n, about 1/2
    let top = 0;
    for (let i = 0; i < 20000; i++) if (uniformBelow(n, src) >= 1n << 69n) top++;
    expect(zScore(top, 20000, Number(n - (1n << 69n)) / Number(n))).toBeLessThan(4.5);
  });
});

describe('Bernoulli samplers', () => {
  it.each([
    [1n, 3n],
    [5n, 7n],
    [1n, 1000n],
    [(1n << 40n) + 1n, (1n << 41n) + 3n],
  ])('Bernoulli(%i/%i) hits with its exact probability', (n, d) => {
    const src = unsafeSeededSource(`b${n}/${d}`);
    let hits = 0;
    for (let i = 0; i < N; i++) if (bernoulliFraction(n, d, src)) hits++;
    expect(zScore(hits, N, Number(n) / Number(d))).toBeLessThan(4.5);
  });

  it.each([
    [0n, 1n],
    [1n, 3n],
    [1n, 1n],
    [5n, 2n],
    [7n, 1n],
    [123456789n, 100000000n],
  ])('Bernoulli(exp(-%i/%i)) (CKS Algorithm 1)', (n, d) => {
    const src = unsafeSeededSource(`be${n}/${d}`);
    let hits = 0;
    for (let i = 0; i < N; i++) if (bernoulliExp(n, d, src)) hits++;
    const p = Math.exp(-Number(n) / Number(d));
    if (p === 1) expect(hits).toBe(N);
    else expect(zScore(hits, N, p)).toBeLessThan(4.5);
  });
});

describe('discrete Laplace (CKS Algorithm 2)', () => {
  it.each([
    [1n, 1n],
    [1n, 3n],
    [5n, 2n],
    [37n, 100n],
    [1n, 40n],
  ])('Lap_Z(t/s) with s=%i, t=%i matches its pmf, variance and E|Z|', (s, t) => {
    const scale = Number(t) / Number(s);
    const src = unsafeSeededSource(`lap${s}/${t}`);
    const xs = draw(N, () => sampleDiscreteLaplace(s, t, src));
    const r = chiSquareAgainst(xs, (z) => discreteLaplacePmf(z, scale), -Math.ceil(60 * scale) - 60, Math.ceil(60 * scale) + 60);
    expect(r.df).toBeGreaterThan(2);
    expect(r.pValue).toBeGreaterThan(ALPHA);
    const m = moments(xs);
    const v = discreteLaplaceVariance(scale);
    expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(v / N));
    // the sample variance of a Laplace has relative sd sqrt(kurtosis - 1) / sqrt(N) ~ 5 / sqrt(N)
    expect(Math.abs(m.variance / v - 1)).toBeLessThan(0.05);
    const meanAbs = xs.reduce((acc, x) => acc + Math.abs(x), 0) / N;
    expect(Math.abs(meanAbs / discreteLaplaceMeanAbs(scale) - 1)).toBeLessThan(0.03);
  });

  it('the 95% quantile is the smallest q with P[|Z| <= q] >= 0.95', () => {
    for (const scale of [0.3, 1, 2.5, 6, 15, 600, 1e6]) {
      const q = discreteLaplaceQuantile(scale);
      const p = Math.exp(-1 / scale);
      const tail = (k: number) => (2 * Math.pow(p, k + 1)) / (1 + p);
      expect(tail(q)).toBeLessThanOrEqual(0.05 + 1e-12);
      if (q > 0) expect(tail(q - 1)).toBeGreaterThan(0.05);
    }
  });

  it('a draw never rounds: every sample is an exact integer, also for huge scales', () => {
    const src = unsafeSeededSource('huge');
    const s = 3n;
    const t = 10n ** 30n;
    for (let i = 0; i < 200; i++) {
      const z = sampleDiscreteLaplace(s, t, src);
      expect(typeof z).toBe('bigint');
    }
  });
});

describe('discrete Gaussian (CKS Algorithm 3)', () => {
  it.each([
    [1n, 4n],
    [1n, 1n],
    [25n, 2n],
    [100n, 1n],
    [2500n, 1n],
  ])('N_Z(0, %i/%i) matches its pmf and variance', (n, d) => {
    const sigma2 = Number(n) / Number(d);
    const src = unsafeSeededSource(`gauss${n}/${d}`);
    const xs = draw(N, () => sampleDiscreteGaussian(n, d, src));
    const K = Math.ceil(20 * Math.sqrt(sigma2)) + 20;
    const r = chiSquareAgainst(xs, (z) => discreteGaussianPmf(z, sigma2), -K, K);
    expect(r.pValue).toBeGreaterThan(ALPHA);
    const m = moments(xs);
    const summary = discreteGaussianSummary(sigma2);
    expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(summary.variance / N));
    // sample variance of a Gaussian: relative sd sqrt(2 / N) ~ 0.0032
    expect(Math.abs(m.variance / summary.variance - 1)).toBeLessThan(0.02);
    // variance is at most sigma^2 (CKS 2020), and close to it for sigma >= 1
    expect(summary.variance).toBeLessThanOrEqual(sigma2 * (1 + 1e-12));
    if (sigma2 >= 1) expect(summary.variance).toBeGreaterThan(sigma2 * 0.99);
  });

  it('the summary quantile is the 95% quantile; the normal fallback is close above 20000', () => {
    for (const s2 of [0.25, 1, 12.5, 400, 1e6]) {
      const { quantile } = discreteGaussianSummary(s2);
      const mass = (q: number) => {
        let m = 0;
        for (let z = -q; z <= q; z++) m += discreteGaussianPmf(z, s2);
        return m;
      };
      expect(mass(quantile)).toBeGreaterThanOrEqual(0.95);
      if (quantile > 0) expect(mass(quantile - 1)).toBeLessThan(0.95);
    }
    const big = discreteGaussianSummary(25_000 ** 2);
    expect(big.quantile).toBeGreaterThanOrEqual(Math.ceil(1.959963984540054 * 25_000));
    expect(big.quantile).toBeLessThanOrEqual(Math.ceil(1.959963984540054 * 25_000) + 2);
  });
});
