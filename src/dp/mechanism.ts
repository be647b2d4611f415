/**
 * Noise mechanisms calibrated to a sensitivity and a privacy parameter, with the utility
 * figures of their noise.
 *
 * - Discrete Laplace, pure epsilon-DP: Z ~ Lap_Z(Delta_1 / epsilon) per cell (Ghosh,
 *   Roughgarden & Sundararajan 2009; sampler CKS 2020 Algorithm 2). With epsilon = a/b, the
 *   scale is Delta_1 b / a, i.e. Algorithm 2 with s = a, t = Delta_1 b: exact.
 * - Discrete Gaussian, rho-zCDP: Z ~ N_Z(0, sigma^2) per cell with
 *   sigma^2 = Delta_2^2 / (2 rho) (CKS 2020 §2; sampler Algorithm 3). With rho = a/b,
 *   sigma^2 = Delta_2^2 b / (2a), an exact rational.
 *
 * Both add integer noise to an integer statistic (a count, or a sum in grid steps), so the
 * released value is an exact integer and no floating-point artefact can leak the input
 * (Mironov 2012, "On Significance of the Least Significant Bits for Differential Privacy").
 */
import type { ReleaseMechanism } from '../config/releaseSpec.js';
import type { RandomSource } from './randomSource.js';
import { sampleDiscreteLaplace, discreteLaplaceMeanAbs, discreteLaplaceQuantile, discreteLaplaceVariance } from './discreteLaplace.js';
import { sampleDiscreteGaussian, discreteGaussianSummary } from './discreteGaussian.js';
import { formatRational, rational, toNumber, type Rational } from './rational.js';

/** A calibrated noise distribution over the integers. */
export interface NoiseMechanism {
  readonly kind: ReleaseMechanism;
  /** Laplace: the scale b = t/s; Gaussian: sigma^2. Exact. */
  readonly parameter: Rational;
  /** Laplace b or Gaussian sigma, in integer units (reporting). */
  readonly scale: number;
  /** Var Z, E|Z| and the smallest q with P[|Z| <= q] >= 0.95, in integer units. */
  readonly variance: number;
  readonly meanAbs: number;
  readonly quantile95: number;
  /** The smallest integer q with P[|Z| <= q] >= level. */
  quantile(level: number): number;
  /** One exact noise draw. */
  sample(src: RandomSource): bigint;
  /** "Lap_Z(b)" / "N_Z(0, sigma^2)" with the exact rational, for the report. */
  readonly describe: string;
}

/**
 * The largest noise scale accepted, in integer units: Laplace b or Gaussian sigma. Beyond it a
 * released value is noise alone (its 95% interval spans more than 10^12 units), its figures
 * lose integer precision in a double, and the utility figures (the Laplace quantile's search
 * from p = exp(-1/b), which rounds to 1 from b of about 10^16) would not terminate. With the
 * scale bounded, one draw costs an expected constant number of exact Bernoulli trials.
 */
export const MAX_NOISE_SCALE = 1e12;
const MAX_SCALE_N = 10n ** 12n;

/**
 * True when the noise of `kind` for this sensitivity (l1, or l2 squared) at this share of the
 * budget (epsilon, or rho) has a scale of at most MAX_NOISE_SCALE (exact, on the rationals).
 */
export function noiseScaleWithinLimit(kind: ReleaseMechanism, sensitivity: bigint, share: Rational): boolean {
  if (share.n <= 0n) return false;
  // Laplace: b = l1 d / n <= M; Gaussian: sigma^2 = l2^2 d / (2 n) <= M^2.
  return kind === 'discreteLaplace' ? sensitivity * share.d <= MAX_SCALE_N * share.n : sensitivity * share.d <= 2n * share.n * MAX_SCALE_N * MAX_SCALE_N;
}

/** The noise scale (Laplace b, Gaussian sigma) as a double, for messages. */
export function noiseScaleOf(kind: ReleaseMechanism, sensitivity: bigint, share: Rational): number {
  const x = toNumber(rational(sensitivity * share.d, (kind === 'discreteLaplace' ? 1n : 2n) * share.n));
  return kind === 'discreteLaplace' ? x : Math.sqrt(x);
}

/** Discrete Laplace noise for l1-sensitivity `l1` (integer units) at `epsilon`: epsilon-DP. */
export function discreteLaplaceMechanism(l1: bigint, epsilon: Rational): NoiseMechanism {
  if (l1 < 1n) throw new RangeError('discreteLaplaceMechanism: sensitivity must be >= 1');
  if (epsilon.n <= 0n) throw new RangeError('discreteLaplaceMechanism: epsilon must be > 0');
  if (!noiseScaleWithinLimit('discreteLaplace', l1, epsilon)) throw new RangeError(`discreteLaplaceMechanism: the scale exceeds ${MAX_NOISE_SCALE}`);
  // scale = l1 / epsilon = l1 * d / n = t / s.
  const scale = rational(l1 * epsilon.d, epsilon.n);
  const s = scale.d;
  const t = scale.n;
  const b = toNumber(scale);
  return {
    kind: 'discreteLaplace',
    parameter: scale,
    scale: b,
    variance: discreteLaplaceVariance(b),
    meanAbs: discreteLaplaceMeanAbs(b),
    quantile95: discreteLaplaceQuantile(b, 0.95),
    quantile: (level) => discreteLaplaceQuantile(b, level),
    sample: (src) => sampleDiscreteLaplace(s, t, src),
    describe: `Lap_Z(${formatRational(scale)})`,
  };
}

/** Discrete Gaussian noise for squared l2-sensitivity `l2Squared` at `rho`: rho-zCDP. */
export function discreteGaussianMechanism(l2Squared: bigint, rho: Rational): NoiseMechanism {
  if (l2Squared < 1n) throw new RangeError('discreteGaussianMechanism: sensitivity must be >= 1');
  if (rho.n <= 0n) throw new RangeError('discreteGaussianMechanism: rho must be > 0');
  if (!noiseScaleWithinLimit('discreteGaussian', l2Squared, rho)) throw new RangeError(`discreteGaussianMechanism: sigma exceeds ${MAX_NOISE_SCALE}`);
  // sigma^2 = l2^2 / (2 rho) = l2^2 * d / (2 n).
  const sigma2 = rational(l2Squared * rho.d, 2n * rho.n);
  const s2 = toNumber(sigma2);
  const summary = discreteGaussianSummary(s2, 0.95);
  return {
    kind: 'discreteGaussian',
    parameter: sigma2,
    scale: Math.sqrt(s2),
    variance: summary.variance,
    meanAbs: summary.meanAbs,
    quantile95: summary.quantile,
    quantile: (level) => discreteGaussianSummary(s2, level).quantile,
    sample: (src) => sampleDiscreteGaussian(sigma2.n, sigma2.d, src),
    describe: `N_Z(0, ${formatRational(sigma2)})`,
  };
}
