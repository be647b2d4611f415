import {
  type FrequencyOfFrequencies,
  type UniquenessEstimate,
  classCountOfSize,
  estimateOf,
  invalidEstimate,
  preconditions,
} from './frequencyOfFrequencies.js';
import { findRoot } from './numeric.js';

/** The SNB estimate with its fitted parameters. */
export interface SnbEstimate extends UniquenessEstimate {
  /** K_hat: estimated number of non-empty population classes (Shlosser/Haas), or null. */
  readonly nonEmptyClasses: number | null;
  /** Fitted alpha (> 0), or null. */
  readonly alpha: number | null;
  /** Fitted beta (in (0, 1)), or null. */
  readonly beta: number | null;
}

/**
 * Slide negative binomial (SNB) model of Chen & Keller-McNulty (1998), "Estimation of
 * identification disclosure risk in microdata", J. Official Statistics 14(1), as
 * definitions.md states it (and as Dankar et al. 2012, appendix A, use it).
 *
 * Model: each of the K non-empty population classes has size F = 1 + X with
 * X ~ NegBin(alpha, beta), P(X = x) = Gamma(x+alpha)/(Gamma(alpha) x!) beta^alpha (1-beta)^x,
 * alpha > 0, 0 < beta < 1; the sample takes each individual independently with
 * probability pi (Bernoulli sampling), so f | F ~ Bin(F, pi). With d = (1-pi)(1-beta),
 * the probability generating function of f gives
 *
 *   E[c_1] = K pi (beta/(1-d))^alpha (1 + alpha d/(1-d))
 *   E[c_2] = K pi^2 alpha (1-beta) beta^alpha (2 - (1-alpha) d) / (2 (1-d)^(alpha+2))
 *
 * and the number of population uniques is K P(F = 1) = K beta^alpha.
 *
 * K is estimated by Haas et al.'s (1995) modification of Shlosser's estimator (the one ARX
 * cites as "Haas, 1998 and Shlosser"), q = pi:
 *
 *   K_hat = K_s + c_1 * [sum_j j q^2 (1-q^2)^(j-1) c_j] / [sum_j (1-q)^j ((1+q)^j - 1) c_j]
 *                     * ( [sum_j (1-q)^j c_j] / [sum_j j q (1-q)^(j-1) c_j] )^2
 *
 * (K_s = sample classes). Then (alpha, beta) solve E[c_1] = c_1, E[c_2] = c_2 with K = K_hat.
 *
 * Solver (instead of a 2-D Newton): write b = 1 - beta, d = (1-pi) b. The ratio
 *   E[c_2]/E[c_1] = pi alpha d (2 - (1-alpha) d) / (2 (1-pi)(1-d)(1 - (1-alpha) d))
 * does not depend on K and increases strictly in alpha (for fixed b) and in b (for fixed
 * alpha), so matching it to c_2/c_1 gives, for every b in (0, 1), exactly one alpha(b):
 * the positive root of the quadratic d alpha^2 + (2 - d - T d) alpha - T (1-d) = 0,
 * T = 2 (c_2/c_1)(1-pi)(1-d) / (pi d). What is left is one equation in b,
 *   h(b) = ln E[c_1](alpha(b), b) - ln c_1 = 0,
 * with h -> -infinity as b -> 1 (beta -> 0) and a finite limit as b -> 0 (alpha -> infinity,
 * the Poisson limit, E[c_1] -> K_hat pi e^(-2r)(1 + 2r(1-pi)/pi), r = c_2/c_1). Its sign
 * changes over a logit-spaced grid of b are refined by bracketing. Every step stays inside
 * alpha > 0, 0 < beta < 1: no divergence and no NaN; either a root exists or the estimate
 * is undefined, for a stated reason.
 *
 * Undefined (valid = false) when:
 * - c_2 = 0: the c_2 equation forces beta = 1 (no population class larger than 1), and then
 *   E[c_1] = K_hat pi, which matches c_1 only by accident;
 * - K_hat is not finite or exceeds N;
 * - no (alpha > 0, 0 < beta < 1) reproduces c_1 and c_2: the largest E[c_1] the model can
 *   produce while matching c_2/c_1 is below the observed c_1 (K_hat too small for the
 *   number of sample uniques). The note gives that largest value;
 * - the estimate K_hat beta^alpha is outside [0, N];
 * - plus the shared cases (pi >= 1, n = 0; c_1 = 0 gives 0), see preconditions.
 * When h has more than one root (several fits), the one with the smallest alpha is taken
 * and the note says so.
 *
 * Why ARX (ModelSNB) returns NaN on common data such as Adult, as read from its source:
 * 1. Its Shlosser step accumulates `(1-q)^j c_j (1+q)^j - 1` per size instead of
 *    `(1-q)^j ((1+q)^j - 1) c_j`: it subtracts 1 per distinct size, not (1-q)^j c_j. For
 *    small pi that denominator is ~ K_s - (#sizes) instead of ~ n pi, so its K_hat is
 *    ~ K_s (1 + c_1/n), barely above the sample's K_s. But under any model of class sizes
 *    E[c_1] <= K max_F F pi (1-pi)^(F-1) ~ K/e for small pi, so as soon as the sample
 *    uniques are more than about a third of the sample classes (as on Adult) the moment
 *    equations have no solution. On simulated Pitman populations (pi = 0.001 .. 0.3)
 *    ARX's K_hat left no solution in 11 of 12 cases; Haas et al.'s K_hat in none. The same
 *    line also yields NaN for a large class at larger pi: (1-q)^j underflows to 0 while
 *    (1+q)^j overflows, 0 * Infinity = NaN.
 * 2. Its c_2 equation multiplies by (1-d)^(alpha+2) where the model divides (the older
 *    AlgorithmNewtonSNB divided).
 * 3. It runs an unconstrained 2-D Newton-Raphson (alpha and beta may leave alpha > 0,
 *    0 < beta < 1, where beta^alpha is NaN), and returns K beta^alpha of whatever it ends at.
 * Here K_hat follows Haas et al. (computed without overflow), the c_2 equation is the
 * model's, and the solve is constrained and one-dimensional, so the estimate exists
 * exactly when the model can fit, and otherwise the note says which equation fails.
 */
export function snb(fof: FrequencyOfFrequencies, populationSize: number): SnbEstimate {
  const none = { nonEmptyClasses: null, alpha: null, beta: null } as const;
  const early = preconditions(fof, populationSize, 'SNB');
  if (early) return { ...early, ...none };
  const N = populationSize;
  const pi = fof.records / N;
  const c1 = classCountOfSize(fof, 1);
  const c2 = classCountOfSize(fof, 2);
  const kRaw = shlosserHaas(fof, pi);
  // All-unique samples give K_hat = n/pi = N up to rounding: allow that, clamp at N.
  const kHat = kRaw > N && kRaw <= N * (1 + 1e-9) ? N : kRaw;
  const withK = { ...none, nonEmptyClasses: Number.isFinite(kHat) ? kHat : null };
  if (!Number.isFinite(kHat) || kHat <= 0) {
    return { ...invalidEstimate(`SNB: the Shlosser/Haas estimate of the non-empty population classes is not a positive number (${kHat})`), ...withK };
  }
  if (kHat > N) {
    return { ...invalidEstimate(`SNB: the Shlosser/Haas estimate K_hat = ${kHat} of the non-empty population classes exceeds N = ${N}`), ...withK };
  }
  const fit = fitSnb(kHat, pi, c1, c2);
  if (!fit.ok) return { ...invalidEstimate(`SNB: ${fit.reason}`), ...withK };
  const { alpha, beta } = fit;
  const count = kHat * Math.exp(alpha * Math.log1p(-(1 - beta)));
  const result = estimateOf(count, N, 'SNB');
  const multiple =
    fit.solutions > 1
      ? `SNB: ${fit.solutions} solutions of the moment equations; the one with the smallest alpha is reported`
      : undefined;
  const note = [result.note, multiple].filter((x) => x !== undefined).join('; ');
  return { ...result, ...(note ? { note } : {}), nonEmptyClasses: kHat, alpha, beta };
}

/**
 * E[c_1] and E[c_2] under the SNB model with K non-empty population classes, shape alpha,
 * probability beta and Bernoulli sampling fraction pi (formulas in {@link snb}).
 */
export function snbExpectedSampleCounts(
  K: number,
  pi: number,
  alpha: number,
  beta: number,
): { c1: number; c2: number } {
  const d = (1 - pi) * (1 - beta);
  const s = 1 - d;
  const c1 = K * pi * Math.pow(beta / s, alpha) * (1 + (alpha * d) / s);
  const c2 = (K * pi * pi * alpha * (1 - beta) * Math.pow(beta, alpha) * (2 - (1 - alpha) * d)) / (2 * Math.pow(s, alpha + 2));
  return { c1, c2 };
}

/** Result of {@link fitSnb}. */
export type SnbFit =
  | { readonly ok: true; readonly alpha: number; readonly beta: number; readonly solutions: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Solves E[c_1] = c1, E[c_2] = c2 of the SNB model for alpha > 0, 0 < beta < 1, given K
 * (= K_hat) and pi, by the one-dimensional reduction described in {@link snb}. With more
 * than one solution, the one with the smallest alpha is returned with the count.
 */
export function fitSnb(kHat: number, pi: number, c1: number, c2: number): SnbFit {
  if (!(c1 > 0)) return { ok: false, reason: 'c_1 = 0' };
  if (!(c2 > 0)) {
    return {
      ok: false,
      reason: `c_2 = 0, so the c_2 equation forces beta = 1 (every population class of size 1), where E[c_1] = K_hat pi = ${kHat * pi} cannot be fitted to c_1 = ${c1}; no (alpha > 0, 0 < beta < 1) solves the moment equations`,
    };
  }
  const rho = c2 / c1;
  const q = 1 - pi;
  const logKpi = Math.log(kHat * pi);
  const logC1 = Math.log(c1);

  // alpha(b): for fixed b the ratio E[c_2]/E[c_1] = rho is a quadratic in alpha,
  //   d alpha^2 + (2 - d - T d) alpha - T (1 - d) = 0,  T = 2 rho (1-pi)(1-d) / (pi d),
  // whose positive root is taken in the form that does not cancel.
  const alphaOf = (b: number): number => {
    const d = q * b;
    const T = (2 * rho * q * (1 - d)) / (pi * d);
    const B = 2 - d - T * d;
    const disc = Math.sqrt(B * B + 4 * d * T * (1 - d));
    return B >= 0 ? (2 * T * (1 - d)) / (B + disc) : (disc - B) / (2 * d);
  };
  // h(b) = ln E[c_1](alpha(b), b) - ln c_1.
  const h = (b: number): number => {
    const alpha = alphaOf(b);
    if (!(alpha > 0 && Number.isFinite(alpha))) return NaN;
    const d = q * b;
    const logR = Math.log1p(-b) - Math.log1p(-d); // ln(beta / (1 - d))
    return logKpi + alpha * logR + Math.log1p((alpha * d) / (1 - d)) - logC1;
  };

  // Logit-spaced grid of b over (0, 1): dense near both ends (alpha -> infinity at b -> 0,
  // the smallest admissible alpha at b -> 1).
  const grid: number[] = [];
  const steps = 2000;
  for (let i = 1; i < steps; i++) {
    const t = -36 + (72 * i) / steps;
    grid.push(1 / (1 + Math.exp(-t)));
  }
  const values = grid.map(h);
  const roots: number[] = [];
  let maxH = -Infinity;
  let maxAt = NaN;
  for (let i = 0; i < grid.length; i++) {
    if (values[i] > maxH) {
      maxH = values[i];
      maxAt = grid[i];
    }
    if (i + 1 < grid.length && Number.isFinite(values[i]) && Number.isFinite(values[i + 1])) {
      if (values[i] === 0) roots.push(grid[i]);
      else if (Math.sign(values[i]) !== Math.sign(values[i + 1]) && values[i + 1] !== 0) {
        const r = findRoot(h, grid[i], grid[i + 1], 1e-15);
        if (Number.isFinite(r)) roots.push(r);
      }
    }
  }
  if (roots.length === 0) {
    const best = Number.isFinite(maxH) ? Math.exp(maxH + logC1) : NaN;
    const where = Number.isFinite(maxAt) ? ` (at alpha = ${alphaOf(maxAt)}, beta = ${1 - maxAt})` : '';
    return {
      ok: false,
      reason:
        `no (alpha > 0, 0 < beta < 1) reproduces both c_1 = ${c1} and c_2 = ${c2} with K_hat = ${kHat}: ` +
        `matching c_2/c_1, the model's E[c_1] is at most ${best}${where}, ` +
        (best < c1 ? 'below the observed c_1 (K_hat too small for that many sample uniques)' : 'and never crosses c_1'),
    };
  }
  // Roots are found in increasing b, i.e. decreasing alpha: the last has the smallest alpha.
  const b = roots[roots.length - 1];
  return { ok: true, alpha: alphaOf(b), beta: 1 - b, solutions: roots.length };
}

/**
 * Haas et al.'s (1995) modified Shlosser estimator of the number of non-empty
 * population classes under Bernoulli sampling with rate q = pi (their D_Sh3):
 *   K_s + c_1 [sum j q^2 (1-q^2)^(j-1) c_j] / [sum (1-q)^j ((1+q)^j - 1) c_j]
 *         * ([sum (1-q)^j c_j] / [sum j q (1-q)^(j-1) c_j])^2.
 * Powers are taken in log space; (1-q)^j ((1+q)^j - 1) as (1-q)^j expm1(j log1p(q)) when
 * j log1p(q) is small, else as (1-q^2)^j - (1-q)^j, so nothing overflows or cancels.
 * With all classes unique it returns n/q = N.
 */
export function shlosserHaas(fof: FrequencyOfFrequencies, q: number): number {
  const l1mq = Math.log1p(-q);
  const l1mq2 = Math.log1p(-q * q);
  const l1pq = Math.log1p(q);
  let num1 = 0;
  let den1 = 0;
  let num2 = 0;
  let den2 = 0;
  for (let i = 0; i < fof.sizes.length; i++) {
    const j = fof.sizes[i];
    const c = fof.classCounts[i];
    num1 += j * q * q * Math.exp((j - 1) * l1mq2) * c;
    const x = j * l1pq;
    den1 += (x < 1 ? Math.exp(j * l1mq) * Math.expm1(x) : Math.exp(j * l1mq2) - Math.exp(j * l1mq)) * c;
    num2 += Math.exp(j * l1mq) * c;
    den2 += j * q * Math.exp((j - 1) * l1mq) * c;
  }
  const c1 = classCountOfSize(fof, 1);
  const shape = num2 / den2;
  return fof.classes + c1 * (num1 / den1) * shape * shape;
}
