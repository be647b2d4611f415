/**
 * The discrete Gaussian distribution and its exact sampler.
 *
 * Distribution: N_Z(0, sigma^2) over the integers, P[Z = z] proportional to
 * exp(-z^2 / (2 sigma^2)). (sigma^2 is a parameter, not exactly the variance, which is
 * slightly smaller: CKS 2020 §2.)
 *
 * Privacy (Canonne, Kamath & Steinke 2020, "The Discrete Gaussian for Differential Privacy",
 * NeurIPS 2020, arXiv:2004.00010, §2): adding independent N_Z(0, sigma^2) noise to each
 * coordinate of an integer-valued query with l2-sensitivity Delta_2 satisfies
 * rho-zero-concentrated DP (Bun & Steinke 2016) with rho = Delta_2^2 / (2 sigma^2), exactly
 * the guarantee of the continuous Gaussian. It is not pure DP; converted to (epsilon, delta)
 * by the accountant (zcdp.ts).
 *
 * Sampler: CKS 2020 Algorithm 3, for rational sigma^2 = n/d. With t = floor(sigma) + 1,
 * draw Y ~ Lap_Z(t) (Algorithm 2 with s = 1) and accept it with probability
 * exp(-(|Y| - sigma^2/t)^2 / (2 sigma^2)) (Algorithm 1); the accepted Y is exactly
 * N_Z(0, sigma^2). The acceptance exponent is the rational
 * (|Y| d t - n)^2 / (2 n d t^2), so nothing is rounded. Expected trials are below ~1.6.
 */
import type { RandomSource } from './randomSource.js';
import { bernoulliExp } from './bernoulli.js';
import { sampleDiscreteLaplace } from './discreteLaplace.js';
import { isqrt } from './rational.js';

/** One exact draw of N_Z(0, n/d) (CKS 2020 Algorithm 3); n, d integers >= 1. */
export function sampleDiscreteGaussian(n: bigint, d: bigint, src: RandomSource): bigint {
  if (n < 1n || d < 1n) throw new RangeError('sampleDiscreteGaussian: sigma^2 must be a positive rational');
  // floor(sigma) = floor(sqrt(floor(n/d))), exactly.
  const t = isqrt(n / d) + 1n;
  const den = 2n * n * d * t * t;
  for (;;) {
    const y = sampleDiscreteLaplace(1n, t, src);
    const a = y < 0n ? -y : y;
    const diff = a * d * t - n;
    if (bernoulliExp(diff * diff, den, src)) return y;
  }
}

/** Utility figures of N_Z(0, sigma^2) (floating point: for reporting and tests only). */
export interface DiscreteGaussianSummary {
  variance: number;
  /** E|Z|. */
  meanAbs: number;
  /** The smallest integer q with P[|Z| <= q] >= level. */
  quantile: number;
}

/** Above this sigma the exact sums are replaced by the continuous normal's figures. */
const EXACT_SUM_SIGMA = 20000;

/**
 * Variance, E|Z| and the central quantile of N_Z(0, sigma^2), by summing the probability
 * mass out to 14 sigma (the remaining mass is below 1e-40). For sigma above 20000 the
 * continuous normal's figures are used: by Poisson summation the discrete Gaussian's
 * normaliser differs from sigma sqrt(2 pi) by a relative exp(-2 pi^2 sigma^2), and its
 * quantile is taken one unit wider than the normal's to stay conservative.
 */
export function discreteGaussianSummary(sigma2: number, level = 0.95): DiscreteGaussianSummary {
  const sigma = Math.sqrt(sigma2);
  if (sigma > EXACT_SUM_SIGMA) {
    return { variance: sigma2, meanAbs: sigma * Math.sqrt(2 / Math.PI), quantile: Math.ceil(normalQuantile((1 + level) / 2) * sigma) + 1 };
  }
  const K = Math.ceil(14 * sigma) + 2;
  const w = new Float64Array(K + 1);
  let mass = 1;
  let second = 0;
  let first = 0;
  for (let z = 1; z <= K; z++) {
    w[z] = Math.exp(-(z * z) / (2 * sigma2));
    mass += 2 * w[z];
    second += 2 * z * z * w[z];
    first += 2 * z * w[z];
  }
  let cumulative = 1;
  let q = 0;
  while (cumulative / mass < level && q < K) {
    q++;
    cumulative += 2 * w[q];
  }
  return { variance: second / mass, meanAbs: first / mass, quantile: q };
}

/** P[Z = z] of N_Z(0, sigma^2) (floating point: for tests). */
export function discreteGaussianPmf(z: number, sigma2: number): number {
  const sigma = Math.sqrt(sigma2);
  const K = Math.ceil(14 * sigma) + 2;
  let mass = 1;
  for (let k = 1; k <= K; k++) mass += 2 * Math.exp(-(k * k) / (2 * sigma2));
  return Math.exp(-(z * z) / (2 * sigma2)) / mass;
}

/**
 * The standard normal quantile (P. J. Acklam's rational approximation, relative error
 * below 1.2e-9). For reporting intervals only.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('normalQuantile: p must be in (0, 1)');
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p <= 1 - pl) {
    const q = p - 0.5;
    const r = q * q;
    return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
}
