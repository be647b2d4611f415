/**
 * Exact Bernoulli samplers: Bernoulli(p) for a rational p, and Bernoulli(exp(-gamma)) for a
 * rational gamma >= 0 without ever evaluating exp.
 *
 * Source: C. Canonne, G. Kamath, T. Steinke, "The Discrete Gaussian for Differential
 * Privacy", NeurIPS 2020 (arXiv:2004.00010), Algorithm 1, after von Neumann (1951) and
 * Forsythe (1972). For gamma in [0, 1]: draw A_k ~ Bernoulli(gamma / k) for k = 1, 2, ...
 * until the first A_k = 0, at index K; then P[K > k] = gamma^k / k!, so
 * P[K odd] = sum_j (-1)^j gamma^j / j! = exp(-gamma) exactly. For gamma > 1, exp(-gamma) is
 * the product of floor(gamma) draws of Bernoulli(exp(-1)) and one of
 * Bernoulli(exp(-(gamma - floor(gamma)))), stopping at the first 0.
 *
 * Each Bernoulli(n / d) is one exact uniform draw D in {0..d-1} compared with n, so the
 * sampled probabilities are exactly the rational ones: nothing is rounded.
 */
import type { RandomSource } from './randomSource.js';
import type { Rational } from './rational.js';
import { uniformBelow, uniformBelowSmall } from './uniform.js';

const TWO32 = 4294967296;
const TWO32N = 1n << 32n;

/** Bernoulli(n / d) for integers 0 <= n <= d, d >= 1: true with probability exactly n / d. */
export function bernoulliFraction(n: bigint, d: bigint, src: RandomSource): boolean {
  if (n <= 0n) return false;
  if (n >= d) return true;
  if (d <= TWO32N) return uniformBelowSmall(Number(d), src) < Number(n);
  return uniformBelow(d, src) < n;
}

/** Bernoulli(p) for a rational p in [0, 1]. */
export function bernoulli(p: Rational, src: RandomSource): boolean {
  return bernoulliFraction(p.n, p.d, src);
}

/**
 * Bernoulli(exp(-n/d)) for 0 <= n <= d (CKS 2020, Algorithm 1, the gamma in [0, 1] case).
 * The loop runs on exact integers: Numbers while d * K stays below 2^32, BigInt beyond.
 */
export function bernoulliExpUnit(n: bigint, d: bigint, src: RandomSource): boolean {
  if (n === 0n) return true;
  let k = 1;
  if (d < TWO32N) {
    const nn = Number(n);
    const dd = Number(d);
    // A_k ~ Bernoulli(gamma / k) = Bernoulli(n / (d k)): uniform in {0..dk-1} below n.
    while (dd * k <= TWO32) {
      if (uniformBelowSmall(dd * k, src) >= nn) return k % 2 === 1;
      k++;
    }
  }
  for (;;) {
    if (uniformBelow(d * BigInt(k), src) >= n) return k % 2 === 1;
    k++;
  }
}

/** Bernoulli(exp(-1)): Algorithm 1 with gamma = 1. */
export function bernoulliExpMinusOne(src: RandomSource): boolean {
  // gamma = 1: A_k ~ Bernoulli(1 / k), i.e. a uniform draw in {0..k-1} equal to 0.
  let k = 1;
  while (uniformBelowSmall(k, src) === 0) k++;
  return k % 2 === 1;
}

/**
 * Bernoulli(exp(-gamma)) for a rational gamma = n / d >= 0 (CKS 2020, Algorithm 1 with its
 * gamma > 1 extension): floor(gamma) draws of Bernoulli(exp(-1)), then one draw of
 * Bernoulli(exp(-(gamma - floor(gamma)))); the result is 1 only if every draw is 1.
 */
export function bernoulliExp(n: bigint, d: bigint, src: RandomSource): boolean {
  if (n < 0n || d <= 0n) throw new RangeError('bernoulliExp: gamma must be >= 0');
  const whole = n / d;
  for (let i = 0n; i < whole; i++) if (!bernoulliExpMinusOne(src)) return false;
  return bernoulliExpUnit(n - whole * d, d, src);
}
