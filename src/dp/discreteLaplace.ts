/**
 * The discrete Laplace (two-sided geometric) distribution and its exact sampler.
 *
 * Distribution: Lap_Z(t/s) over the integers, P[Z = z] = (1 - p) / (1 + p) * p^|z| with
 * p = exp(-s/t); its scale is b = t/s.
 *
 * Privacy (Ghosh, Roughgarden & Sundararajan 2009, "Universally utility-maximizing privacy
 * mechanisms"; CKS 2020 §1): for an integer-valued query f with l1-sensitivity Delta, releasing
 * f(x) + Z with Z ~ Lap_Z(Delta/epsilon) per coordinate is epsilon-DP (pure), because
 * P[Z = z] / P[Z = z + Delta'] <= exp(epsilon Delta'/Delta) for every |Delta'| <= Delta.
 *
 * Sampler: Canonne, Kamath & Steinke 2020 (arXiv:2004.00010), Algorithm 2, for integers
 * s, t >= 1. Draw U uniform in {0..t-1} and accept it with probability exp(-U/t); draw
 * V ~ Geometric(1 - exp(-1)) by repeated Bernoulli(exp(-1)); X = U + tV is then geometric
 * with P[X = x] proportional to exp(-x/t); Y = floor(X/s) is geometric with parameter
 * exp(-s/t); a fair sign B, rejecting (B = 1, Y = 0) so that 0 is not counted twice,
 * gives Z = (1 - 2B) Y. Every step is an exact integer or Bernoulli draw.
 */
import type { RandomSource } from './randomSource.js';
import { bernoulliExpMinusOne, bernoulliExpUnit } from './bernoulli.js';
import { uniformBelow, uniformBelowSmall } from './uniform.js';

/**
 * One exact draw of Lap_Z(t/s): P[Z = z] proportional to exp(-|z| s / t).
 * CKS 2020 Algorithm 2; s, t integers >= 1.
 */
export function sampleDiscreteLaplace(s: bigint, t: bigint, src: RandomSource): bigint {
  if (s < 1n || t < 1n) throw new RangeError('sampleDiscreteLaplace: s and t must be integers >= 1');
  for (;;) {
    const u = uniformBelow(t, src);
    if (!bernoulliExpUnit(u, t, src)) continue;
    let v = 0n;
    while (bernoulliExpMinusOne(src)) v++;
    const y = (u + t * v) / s;
    const negative = uniformBelowSmall(2, src) === 1;
    if (negative && y === 0n) continue;
    return negative ? -y : y;
  }
}

/** p = exp(-1/scale): the ratio P[Z = z + 1] / P[Z = z] for z >= 0 (reporting only). */
function ratio(scale: number): number {
  return Math.exp(-1 / scale);
}

/** 1 - p, without cancellation for large scales. */
function oneMinusRatio(scale: number): number {
  return -Math.expm1(-1 / scale);
}

/** P[Z = z] of Lap_Z(scale) (floating point: for tests and reporting, never for sampling). */
export function discreteLaplacePmf(z: number, scale: number): number {
  const p = ratio(scale);
  return (oneMinusRatio(scale) / (1 + p)) * Math.pow(p, Math.abs(z));
}

/** Var Z = 2p / (1 - p)^2. */
export function discreteLaplaceVariance(scale: number): number {
  const q = oneMinusRatio(scale);
  return (2 * ratio(scale)) / (q * q);
}

/** E|Z| = 2p / (1 - p^2). */
export function discreteLaplaceMeanAbs(scale: number): number {
  const p = ratio(scale);
  return (2 * p) / (oneMinusRatio(scale) * (1 + p));
}

/**
 * The smallest integer q with P[|Z| <= q] >= level: from P[|Z| > q] = 2 p^(q+1) / (1 + p),
 * q = ceil(ln((1 - level)(1 + p) / 2) / ln p) - 1, checked against the closed form.
 */
export function discreteLaplaceQuantile(scale: number, level = 0.95): number {
  const p = ratio(scale);
  if (p === 0) return 0;
  const tail = (q: number) => (2 * Math.pow(p, q + 1)) / (1 + p);
  let q = Math.max(0, Math.ceil(Math.log(((1 - level) * (1 + p)) / 2) / Math.log(p)) - 1);
  while (q > 0 && tail(q - 1) <= 1 - level) q--;
  while (tail(q) > 1 - level) q++;
  return q;
}
