import {
  type FrequencyOfFrequencies,
  type UniquenessEstimate,
  classCountOfSize,
  estimateOf,
  invalidEstimate,
  preconditions,
} from './frequencyOfFrequencies.js';
import { ascentDirection2, backtrackAscent2, downwardRoots, harmonicSum, harmonicSum2, logGammaRatio, negativeDefinite2, rootAbove } from './numeric.js';

/** Pitman's estimate with the fitted parameters and how they were found. */
export interface PitmanEstimate extends UniquenessEstimate {
  /** ML estimate of theta (> -alpha), null when none was found. */
  readonly theta: number | null;
  /** ML estimate of alpha (in (0, 1)), null when none was found. */
  readonly alpha: number | null;
  /** 'newton': damped Newton-Raphson converged; 'profile': the profile-likelihood fallback did. */
  readonly solver: 'newton' | 'profile' | null;
  /** Newton iterations used (0 when Newton was not run). */
  readonly iterations: number;
}

export interface PitmanOptions {
  /** Newton-Raphson iterations before the fallback takes over (default 200). */
  readonly maxIterations?: number;
  /**
   * Convergence: each score component, relative to the magnitude of the sums it is the
   * difference of, must be below this (default 1e-10).
   */
  readonly tolerance?: number;
}

/**
 * Pitman's sampling formula, fitted by maximum likelihood (Hoshino 2001, "Applying
 * Pitman's sampling formula to microdata disclosure risk assessment", J. Official
 * Statistics 17(4)), as definitions.md states it.
 *
 * For a sample of n records in K classes with c_j classes of size j, the log-likelihood
 * of (theta, alpha), 0 < alpha < 1, theta > -alpha, is (up to a constant)
 *
 *   l = sum_{i=1}^{K-1} ln(theta + i alpha) - sum_{i=1}^{n-1} ln(theta + i)
 *       + sum_j c_j sum_{l=1}^{j-1} ln(l - alpha)
 *
 * with the score equations
 *   dl/dtheta = sum_{i=1}^{K-1} 1/(theta + i alpha) - [psi(theta + n) - psi(theta + 1)] = 0
 *   dl/dalpha = sum_{i=1}^{K-1} i/(theta + i alpha) - sum_j c_j [psi(j - alpha) - psi(1 - alpha)] = 0
 * (psi = digamma; the Hessian uses trigamma). Population uniques (Hoshino's asymptotic
 * expected number of singletons in a population of N, as in definitions.md):
 *
 *   U = Gamma(theta + 1) / Gamma(theta + alpha) * N^alpha,
 *
 * evaluated as exp(lnGamma(theta+1) - lnGamma(theta+alpha) + alpha ln N). (The exact
 * finite-N expectation is N (theta+alpha)_{N-1} / (theta+1)_{N-1}; it differs from U by
 * a factor 1 + O(theta/N), negligible unless theta is comparable to N.)
 *
 * Solver: damped Newton-Raphson on the score from the starting values of Hoshino/ARX
 * (from c_1, c_2, K, n; when they fall outside the domain, alpha_0 = c_1/K, the limit
 * of E[c_1]/E[K], and theta_0 solving the theta-score at alpha_0), with a Levenberg shift
 * when the Hessian is not negative definite, steps cut to stay 99% inside the domain
 * (alpha in (0, 1), theta > -alpha) and backtracking until the log-likelihood rises.
 * If Newton does not converge, the fallback maximises the profile likelihood: for each
 * alpha, theta(alpha) solves the theta-score by bracketing (it tends to +infinity at
 * theta -> -alpha and is negative for large theta since K < n), and by the envelope
 * theorem d/dalpha l(theta(alpha), alpha) is the alpha-score, whose sign changes over a
 * grid in (0, 1) are refined by bracketing; the highest local maximum wins.
 *
 * Undefined (valid = false, with the reason) when:
 * - every record is a sample unique (c_1 = n): dl/dalpha > 0 everywhere, the likelihood
 *   rises to alpha = 1 and has no interior maximum;
 * - the likelihood is maximised on the boundary alpha -> 0 (the Ewens limit);
 * - neither solver converges, or U is not in [0, N];
 * - plus the shared cases (pi >= 1, n = 0; c_1 = 0 gives 0), see preconditions.
 *
 * Differences from ARX (ModelPitman): ARX runs Newton-Raphson from the same starting
 * values on closed forms that divide by alpha and use psi(theta/alpha + ...), falling back
 * to term-by-term sums; it constrains only theta >= 0 (not alpha in (0, 1), nor
 * theta > -alpha) and returns NaN when Newton fails, with no further fallback. Here the
 * sums are computed without cancellation for any alpha (term by term up to 65536 terms,
 * else differenced asymptotic series), the domain is enforced, and the profile fallback
 * makes non-convergence rare. On data whose likelihood is maximised at alpha -> 0 (few
 * sample uniques relative to pairs, or n barely above K) ARX's iterates may leave
 * 0 < alpha < 1 and it then reports Gamma(theta+1)/Gamma(theta+alpha) N^alpha of that
 * point; here the estimate is undefined and the note gives the Ewens-limit theta (U -> theta).
 * ARX also treats an estimate of exactly 0 as "invalid"; here validity means a finite
 * number in [0, N].
 */
export function pitman(
  fof: FrequencyOfFrequencies,
  populationSize: number,
  options: PitmanOptions = {},
): PitmanEstimate {
  const none = { theta: null, alpha: null, solver: null, iterations: 0 } as const;
  const early = preconditions(fof, populationSize, 'Pitman');
  if (early) return { ...early, ...none };
  const n = fof.records;
  const K = fof.classes;
  const c1 = classCountOfSize(fof, 1);
  if (K === n) {
    return {
      ...invalidEstimate(
        'Pitman: every record is a sample unique (c_1 = n); the likelihood increases up to alpha = 1 and has no maximum with 0 < alpha < 1',
      ),
      ...none,
    };
  }
  const maxIterations = options.maxIterations ?? 200;
  const tol = options.tolerance ?? 1e-10;
  const model = new PitmanLikelihood(fof);

  let fit: Fit | null = null;
  let iterations = 0;
  for (const start of startingValues(model, c1, classCountOfSize(fof, 2), K, n)) {
    const r = newton(model, start.theta, start.alpha, maxIterations, tol);
    iterations += r.iterations;
    if (r.converged) {
      fit = { theta: r.theta, alpha: r.alpha, solver: 'newton' };
      break;
    }
  }
  if (fit === null) {
    const p = profileMaximum(model, tol);
    if (!p.ok) return { ...invalidEstimate(`Pitman: ${p.reason}`), ...none, iterations };
    fit = { theta: p.theta, alpha: p.alpha, solver: 'profile' };
  }
  const { theta, alpha } = fit;
  const logU = logGammaRatio(theta + alpha, 1 - alpha) + alpha * Math.log(populationSize);
  const result = estimateOf(Math.exp(logU), populationSize, 'Pitman');
  if (!result.valid) {
    return {
      ...result,
      note: `${result.note} (theta = ${theta}, alpha = ${alpha})`,
      theta,
      alpha,
      solver: fit.solver,
      iterations,
    };
  }
  return { ...result, theta, alpha, solver: fit.solver, iterations };
}

interface Fit {
  theta: number;
  alpha: number;
  solver: 'newton' | 'profile';
}

/** Up to this many terms, the sums over i = 1..K-1 are added term by term. */
const DIRECT_CLASS_TERMS = 65536;

/** Log-likelihood, score and Hessian of the Pitman sampling formula for fixed c_j. */
class PitmanLikelihood {
  readonly K: number;
  readonly n: number;
  private readonly sizes: Int32Array;
  private readonly counts: Float64Array;

  constructor(fof: FrequencyOfFrequencies) {
    this.K = fof.classes;
    this.n = fof.records;
    this.sizes = fof.sizes;
    this.counts = fof.classCounts;
  }

  /** True inside the parameter space 0 < alpha < 1, theta > -alpha. */
  inDomain(theta: number, alpha: number): boolean {
    return alpha > 0 && alpha < 1 && theta + alpha > 0 && Number.isFinite(theta);
  }

  /**
   * Sums over i = 1..K-1 of ln(theta + i alpha), 1/(.), i/(.), 1/(.)^2, i/(.)^2, i^2/(.)^2.
   * With x = theta/alpha and H1, H2 the shifted harmonic sums from x + 1:
   *   sum ln = (K-1) ln alpha + lnGamma(x+K) - lnGamma(x+1),  sum 1/(.) = H1/alpha,
   *   sum i/(.) = (K-1 - x H1)/alpha,  sum 1/(.)^2 = H2/alpha^2,
   *   sum i/(.)^2 = (H1 - x H2)/alpha^2,  sum i^2/(.)^2 = (K-1 - 2x H1 + x^2 H2)/alpha^2.
   * The last three cancel when x >> K, so then (and for K - 1 <= 65536) they are summed.
   */
  private classSums(theta: number, alpha: number, withLog: boolean, withHessian: boolean) {
    const m = this.K - 1;
    const x = theta / alpha;
    if (m <= DIRECT_CLASS_TERMS || x > 1e6 * m) {
      let s0 = 0;
      let s1 = 0;
      let si = 0;
      let s11 = 0;
      let s1i = 0;
      let sii = 0;
      for (let i = m; i >= 1; i--) {
        const d = theta + i * alpha;
        const r = 1 / d;
        if (withLog) s0 += Math.log(d);
        s1 += r;
        si += i * r;
        if (withHessian) {
          const r2 = r * r;
          s11 += r2;
          s1i += i * r2;
          sii += i * i * r2;
        }
      }
      return { log: s0, inv: s1, iInv: si, inv2: s11, iInv2: s1i, i2Inv2: sii };
    }
    const y = x + 1;
    const H1 = harmonicSum(y, m);
    const H2 = withHessian ? harmonicSum2(y, m) : 0;
    const a2 = alpha * alpha;
    return {
      log: withLog ? m * Math.log(alpha) + logGammaRatio(y, m) : 0,
      inv: H1 / alpha,
      iInv: (m - x * H1) / alpha,
      inv2: H2 / a2,
      iInv2: (H1 - x * H2) / a2,
      i2Inv2: (m - 2 * x * H1 + x * x * H2) / a2,
    };
  }

  /** Log-likelihood (up to a constant), -Infinity outside the domain. */
  logLikelihood(theta: number, alpha: number): number {
    if (!this.inDomain(theta, alpha)) return -Infinity;
    const k = this.classSums(theta, alpha, true, false);
    let c = 0;
    for (let i = 0; i < this.sizes.length; i++) {
      const j = this.sizes[i];
      if (j > 1) c += this.counts[i] * logGammaRatio(1 - alpha, j - 1);
    }
    return k.log - logGammaRatio(theta + 1, this.n - 1) + c;
  }

  /** The theta-score and the magnitude of its negative part (for a relative test). */
  thetaScore(theta: number, alpha: number): { g: number; scale: number } {
    const k = this.classSums(theta, alpha, false, false);
    const nSum = harmonicSum(theta + 1, this.n - 1);
    return { g: k.inv - nSum, scale: nSum };
  }

  /** Score, Hessian and the scales of both score components. */
  derivatives(theta: number, alpha: number) {
    const k = this.classSums(theta, alpha, false, true);
    const n1 = harmonicSum(theta + 1, this.n - 1);
    const n2 = harmonicSum2(theta + 1, this.n - 1);
    let c1 = 0;
    let c2 = 0;
    for (let i = 0; i < this.sizes.length; i++) {
      const j = this.sizes[i];
      if (j > 1) {
        c1 += this.counts[i] * harmonicSum(1 - alpha, j - 1);
        c2 += this.counts[i] * harmonicSum2(1 - alpha, j - 1);
      }
    }
    return {
      gTheta: k.inv - n1,
      gAlpha: k.iInv - c1,
      hTT: n2 - k.inv2,
      hTA: -k.iInv2,
      hAA: -k.i2Inv2 - c2,
      scaleTheta: Math.max(n1, k.inv),
      scaleAlpha: Math.max(c1, k.iInv),
    };
  }
}

/** Starting points: Hoshino's/ARX's closed-form guess when in the domain, then the moment guess. */
function startingValues(
  model: PitmanLikelihood,
  c1: number,
  c2raw: number,
  K: number,
  n: number,
): { theta: number; alpha: number }[] {
  const starts: { theta: number; alpha: number }[] = [];
  // Closed-form guess from c_1, c_2, K, n as in ARX's ModelPitman (c_2 = 0 replaced by 1).
  const c2 = c2raw !== 0 ? c2raw : 1;
  const c = (c1 * (c1 - 1)) / c2;
  const t = (n * K * c - c1 * (n - 1) * (2 * K + c)) / (2 * c1 * K + c1 * c - n * c);
  const a = (t * (c1 - n) + (n - 1) * c1) / (n * K);
  if (model.inDomain(t, a) && a > 1e-6 && a < 1 - 1e-6) starts.push({ theta: t, alpha: a });
  // Moment guess: alpha_0 = c_1/K (E[c_1]/E[K] -> alpha), theta_0 from the theta-score.
  const a0 = Math.min(Math.max(c1 / K, 0.02), 0.98);
  const t0 = thetaHat(model, a0);
  if (Number.isFinite(t0)) starts.push({ theta: t0, alpha: a0 });
  return starts;
}

/**
 * theta(alpha): the root of the theta-score in (-alpha, infinity), or NaN. The score
 * tends to +infinity as theta -> -alpha and is negative for large theta when K < n.
 */
function thetaHat(model: PitmanLikelihood, alpha: number): number {
  // f(lo) > 0 for any alpha > 0: there the i = 1 term of the score is ~1e12 / alpha.
  return rootAbove((t) => model.thetaScore(t, alpha).g, -alpha * (1 - 1e-12), 1, 1e-15);
}

/**
 * Damped Newton-Raphson for the maximum of l, staying inside the domain.
 * Converged when both score components are below tol relative to their scales.
 */
function newton(
  model: PitmanLikelihood,
  theta0: number,
  alpha0: number,
  maxIterations: number,
  tol: number,
): { theta: number; alpha: number; converged: boolean; iterations: number } {
  let theta = theta0;
  let alpha = alpha0;
  let l = model.logLikelihood(theta, alpha);
  if (!Number.isFinite(l)) return { theta, alpha, converged: false, iterations: 0 };
  let it = 0;
  while (++it <= maxIterations) {
    const d = model.derivatives(theta, alpha);
    if (!(Number.isFinite(d.gTheta) && Number.isFinite(d.gAlpha))) break;
    if (Math.abs(d.gTheta) <= tol * d.scaleTheta && Math.abs(d.gAlpha) <= tol * d.scaleAlpha) {
      // A maximum needs a negative definite Hessian.
      return { theta, alpha, converged: negativeDefinite2(d.hTT, d.hTA, d.hAA), iterations: it };
    }
    // Newton direction for the maximum: solve (H - mu I) s = -g with H - mu I negative definite.
    let [sT, sA] = ascentDirection2(d.gTheta, d.gAlpha, d.hTT, d.hTA, d.hAA);
    if (!(Number.isFinite(sT) && Number.isFinite(sA))) break;
    // Fraction to the boundary: alpha in (0, 1), theta + alpha > 0.
    let step = 1;
    if (sA < 0) step = Math.min(step, (0.99 * alpha) / -sA);
    if (sA > 0) step = Math.min(step, (0.99 * (1 - alpha)) / sA);
    if (sT + sA < 0) step = Math.min(step, (0.99 * (theta + alpha)) / -(sT + sA));
    sT *= step;
    sA *= step;
    // Backtracking (Armijo) on the log-likelihood.
    const slope = d.gTheta * sT + d.gAlpha * sA; // > 0: an ascent direction
    const next = backtrackAscent2((t, a) => model.logLikelihood(t, a), theta, alpha, sT, sA, l, slope);
    const stuck = next === null || (next.x === theta && next.y === alpha);
    if (next !== null) {
      theta = next.x;
      alpha = next.y;
      l = Math.max(l, next.value);
    }
    if (stuck) {
      // No progress possible: converged only if the score is small in a looser sense.
      const e = model.derivatives(theta, alpha);
      const ok =
        Math.abs(e.gTheta) <= 1e3 * tol * e.scaleTheta &&
        Math.abs(e.gAlpha) <= 1e3 * tol * e.scaleAlpha &&
        negativeDefinite2(e.hTT, e.hTA, e.hAA);
      return { theta, alpha, converged: ok, iterations: it };
    }
    if (alpha < 1e-9 || alpha > 1 - 1e-12) break; // heading for the boundary: let the fallback decide
  }
  return { theta, alpha, converged: false, iterations: Math.min(it, maxIterations) };
}

/**
 * Fallback: maximise the profile likelihood p(alpha) = l(theta(alpha), alpha) over
 * (0, 1). Its derivative is the alpha-score at (theta(alpha), alpha); local maxima are
 * its +/- sign changes over a grid, refined by bracketing.
 */
function profileMaximum(
  model: PitmanLikelihood,
  tol: number,
): { ok: true; theta: number; alpha: number } | { ok: false; reason: string } {
  const phi = (a: number): number => {
    const t = thetaHat(model, a);
    if (!Number.isFinite(t)) return NaN;
    return model.derivatives(t, a).gAlpha;
  };
  const grid: number[] = [1e-8, 1e-6, 1e-4, 1e-3, 0.005];
  for (let k = 1; k < 100; k++) grid.push(k / 100);
  grid.push(0.995, 0.999, 1 - 1e-4, 1 - 1e-6);
  const values = grid.map(phi);
  let best: { theta: number; alpha: number; l: number } | null = null;
  for (const alpha of downwardRoots(phi, grid, values, 1e-14)) {
    const theta = thetaHat(model, alpha);
    if (!Number.isFinite(theta)) continue;
    const l = model.logLikelihood(theta, alpha);
    if (best === null || l > best.l) best = { theta, alpha, l };
  }
  if (best !== null) {
    // Polish with Newton from the profile maximum; keep it if Newton agrees.
    const polished = newton(model, best.theta, best.alpha, 50, tol);
    if (polished.converged && model.logLikelihood(polished.theta, polished.alpha) >= best.l) {
      return { ok: true, theta: polished.theta, alpha: polished.alpha };
    }
    return { ok: true, theta: best.theta, alpha: best.alpha };
  }
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) {
    return { ok: false, reason: 'the theta-score has no root for any alpha in (0, 1); no ML estimate' };
  }
  if (values.every((v) => !(v > 0))) {
    // The Ewens limit alpha -> 0, where U -> theta, reported for information only.
    const ewens = thetaHat(model, 1e-12);
    const limit = Number.isFinite(ewens) ? `; there theta = ${ewens}, and U -> theta` : '';
    return {
      ok: false,
      reason: `the profile likelihood decreases in alpha over all of (0, 1): the ML estimate is on the boundary alpha = 0 (the Ewens limit${limit}), outside Pitman's 0 < alpha < 1`,
    };
  }
  return { ok: false, reason: 'Newton-Raphson and the profile-likelihood fallback found no interior maximum' };
}
