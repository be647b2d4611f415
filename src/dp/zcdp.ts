/**
 * Zero-concentrated differential privacy (zCDP) conversions used by the accountant.
 *
 * - Pure to zCDP: an epsilon-DP mechanism is (epsilon^2 / 2)-zCDP (Bun & Steinke 2016,
 *   "Concentrated Differential Privacy: Simplifications, Extensions, and Lower Bounds",
 *   TCC 2016, Proposition 1.4). Exact on rationals.
 * - zCDP to approximate DP: rho-zCDP implies (epsilon, delta)-DP for every delta > 0 with
 *     (a) epsilon = rho + 2 sqrt(rho ln(1/delta))            (Bun & Steinke 2016, Prop. 1.3), and
 *     (b) epsilon = inf over alpha > 1 of
 *           alpha rho + (ln(1/delta) + (alpha - 1) ln(1 - 1/alpha) - ln(alpha)) / (alpha - 1)
 *         (Canonne, Kamath & Steinke 2020, their improved conversion from concentrated to
 *         approximate DP; also Asoodeh et al. 2020). Every alpha > 1 gives a valid bound, so the minimum over a finite grid of
 *         alpha is valid too; edra takes the smaller of (a) and (b).
 *   These are floating-point computations of a bound, not of noise: they are rounded up by a
 *   relative 1e-12 so that the stated epsilon is never below the true bound.
 */
import { mul, rational, type Rational } from './rational.js';

/** epsilon-DP => (epsilon^2 / 2)-zCDP, exactly. */
export function pureToZcdp(epsilon: Rational): Rational {
  return mul(mul(epsilon, epsilon), rational(1n, 2n));
}

/** The epsilon of (epsilon, delta)-DP implied by rho-zCDP (the better of the two conversions). */
export function zcdpToEpsilon(rho: number, delta: number): number {
  if (!(delta > 0 && delta < 1)) throw new RangeError('zcdpToEpsilon: delta must be in (0, 1)');
  if (rho <= 0) return 0;
  const L = Math.log(1 / delta);
  let best = rho + 2 * Math.sqrt(rho * L);
  // alpha = 1 + 10^(k/200), k = -1600 .. 1600: alpha from 1 + 1e-8 to 1 + 1e8.
  for (let k = -1600; k <= 1600; k++) {
    const am1 = Math.pow(10, k / 200);
    const alpha = 1 + am1;
    const eps = alpha * rho + (L + am1 * Math.log1p(-1 / alpha) - Math.log(alpha)) / am1;
    if (eps < best) best = eps;
  }
  return best * (1 + 1e-12);
}
