/**
 * Numeric helpers for the population-risk estimators: log-gamma, digamma, trigamma,
 * their differences computed without cancellation, log binomial coefficients, the log
 * hypergeometric pmf, a bracketing root finder with two bracket searches, and the pieces of
 * a damped Newton maximiser in two variables (eigenvalues of a symmetric 2x2 matrix, the
 * Levenberg-shifted Newton direction, a backtracking line search). Pure functions over
 * numbers; no dependencies. Accuracy targets are ~1e-14 relative for the special functions on the
 * positive reals, which is what the estimators need (they never use these functions at
 * poles).
 *
 * Series used (Abramowitz & Stegun 6.1.40, 6.3.18, 6.4.12; Bernoulli numbers B_2k):
 *   ln Gamma(x) ~ (x - 1/2) ln x - x + ln(2 pi)/2 + sum_k B_2k / (2k (2k-1) x^(2k-1))
 *   psi(x)      ~ ln x - 1/(2x) - sum_k B_2k / (2k x^(2k))
 *   psi'(x)     ~ 1/x + 1/(2x^2) + sum_k B_2k / x^(2k+1)
 * applied for x >= ASYMPTOTIC_MIN after the recurrences Gamma(x+1) = x Gamma(x),
 * psi(x+1) = psi(x) + 1/x, psi'(x+1) = psi'(x) - 1/x^2 move small arguments up.
 */

/** Below this the asymptotic series are not used: the recurrence shifts x up first. */
const ASYMPTOTIC_MIN = 10;

/** B_2k for k = 1..7: 1/6, -1/30, 1/42, -1/30, 5/66, -691/2730, 7/6. */
const BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6] as const;

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** sum_k B_2k / (2k (2k-1) x^(2k-1)): the Stirling correction of ln Gamma, x >= 10. */
function stirlingCorrection(x: number): number {
  const x2 = 1 / (x * x);
  let p = 1 / x;
  let s = 0;
  for (let k = 1; k <= BERNOULLI.length; k++) {
    s += (BERNOULLI[k - 1] / (2 * k * (2 * k - 1))) * p;
    p *= x2;
  }
  return s;
}

/**
 * ln |Gamma(x)|. Stirling's series for x >= 10, the recurrence below, and the
 * reflection formula Gamma(x) Gamma(1-x) = pi / sin(pi x) for x < 0.5.
 * Returns +Infinity at the poles x = 0, -1, -2, ...
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: ln|Gamma(x)| = ln(pi / |sin(pi x)|) - ln Gamma(1 - x).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  if (x >= ASYMPTOTIC_MIN) {
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + stirlingCorrection(x);
  }
  // Shift up: ln Gamma(x) = ln Gamma(x + m) - ln(x (x+1) ... (x+m-1)).
  let prod = 1;
  let y = x;
  while (y < ASYMPTOTIC_MIN) {
    prod *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_2PI + stirlingCorrection(y) - Math.log(prod);
}

/**
 * ln Gamma(a + b) - ln Gamma(a), for a > 0 and a + b > 0, without the cancellation of
 * subtracting two large log-gammas: with both arguments >= 10 it is
 *   (a - 1/2) log1p(b/a) + b ln(a + b) - b + [S(a + b) - S(a)],
 * S the Stirling correction. This is ln of the rising factorial (a)_b when b is an
 * integer, e.g. ln( N! / (N-k)! ) = logGammaRatio(N - k + 1, k) for N up to 1e15.
 */
export function logGammaRatio(a: number, b: number): number {
  if (b === 0) return 0;
  const c = a + b;
  if (a >= ASYMPTOTIC_MIN && c >= ASYMPTOTIC_MIN) {
    return (a - 0.5) * Math.log1p(b / a) + b * Math.log(c) - b + (stirlingCorrection(c) - stirlingCorrection(a));
  }
  return logGamma(c) - logGamma(a);
}

/**
 * Digamma psi(x) = d/dx ln Gamma(x). Asymptotic series for x >= 10 after the
 * recurrence; reflection psi(1 - x) - psi(x) = pi cot(pi x) for x < 0.
 * NaN at the poles x = 0, -1, -2, ...
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0 && Number.isInteger(x)) return NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let acc = 0;
  let y = x;
  while (y < ASYMPTOTIC_MIN) {
    acc -= 1 / y;
    y += 1;
  }
  return acc + digammaAsymptotic(y);
}

function digammaAsymptotic(y: number): number {
  return Math.log(y) - 0.5 / y - digammaTail(y);
}

/** sum_k B_2k / (2k y^(2k)). */
function digammaTail(y: number): number {
  const y2 = 1 / (y * y);
  let p = y2;
  let s = 0;
  for (let k = 1; k <= BERNOULLI.length; k++) {
    s += (BERNOULLI[k - 1] / (2 * k)) * p;
    p *= y2;
  }
  return s;
}

/**
 * Trigamma psi'(x) = d^2/dx^2 ln Gamma(x). Asymptotic series for x >= 10 after the
 * recurrence; reflection psi'(1 - x) + psi'(x) = pi^2 / sin^2(pi x) for x < 0.
 */
export function trigamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0 && Number.isInteger(x)) return NaN;
  if (x < 0) {
    const s = Math.sin(Math.PI * x);
    return (Math.PI * Math.PI) / (s * s) - trigamma(1 - x);
  }
  let acc = 0;
  let y = x;
  while (y < ASYMPTOTIC_MIN) {
    acc += 1 / (y * y);
    y += 1;
  }
  return acc + 1 / y + 0.5 / (y * y) + trigammaTail(y);
}

/** sum_k B_2k / y^(2k+1). */
function trigammaTail(y: number): number {
  const y2 = 1 / (y * y);
  let p = y2 / y;
  let s = 0;
  for (let k = 1; k <= BERNOULLI.length; k++) {
    s += BERNOULLI[k - 1] * p;
    p *= y2;
  }
  return s;
}

/** Up to this many terms the shifted harmonic sums are added term by term. */
const DIRECT_TERMS = 64;

/**
 * sum_{i=0}^{m-1} 1 / (x + i) = psi(x + m) - psi(x), for x > 0 and integer m >= 0.
 * Added directly for small m; otherwise x is shifted to >= 10 and the asymptotic
 * series is differenced term by term (log1p(m/x) for the logarithms), so the result
 * keeps full relative accuracy even when x >> m, where psi(x + m) - psi(x) would cancel.
 */
export function harmonicSum(x: number, m: number): number {
  if (m <= 0) return 0;
  if (m <= DIRECT_TERMS) {
    let s = 0;
    for (let i = m - 1; i >= 0; i--) s += 1 / (x + i);
    return s;
  }
  let s = 0;
  let y = x;
  let k = m;
  while (y < ASYMPTOTIC_MIN && k > 0) {
    s += 1 / y;
    y += 1;
    k--;
  }
  if (k === 0) return s;
  const z = y + k;
  // psi(z) - psi(y) = ln(z/y) - (1/(2z) - 1/(2y)) - (tail(z) - tail(y)).
  return s + Math.log1p(k / y) + k / (2 * y * z) - (digammaTail(z) - digammaTail(y));
}

/**
 * sum_{i=0}^{m-1} 1 / (x + i)^2 = psi'(x) - psi'(x + m), for x > 0 and integer m >= 0,
 * computed like {@link harmonicSum}.
 */
export function harmonicSum2(x: number, m: number): number {
  if (m <= 0) return 0;
  if (m <= DIRECT_TERMS) {
    let s = 0;
    for (let i = m - 1; i >= 0; i--) {
      const t = x + i;
      s += 1 / (t * t);
    }
    return s;
  }
  let s = 0;
  let y = x;
  let k = m;
  while (y < ASYMPTOTIC_MIN && k > 0) {
    s += 1 / (y * y);
    y += 1;
    k--;
  }
  if (k === 0) return s;
  const z = y + k;
  // psi'(y) - psi'(z) = (1/y - 1/z) + (1/(2y^2) - 1/(2z^2)) + (tail(y) - tail(z)).
  return s + k / (y * z) + (k * (y + z)) / (2 * y * y * z * z) + (trigammaTail(y) - trigammaTail(z));
}

/** ln C(n, k) = ln Gamma(n+1) - ln Gamma(k+1) - ln Gamma(n-k+1); -Infinity outside 0 <= k <= n. */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n || n < 0) return -Infinity;
  if (k === 0 || k === n) return 0;
  const j = Math.min(k, n - k);
  return logGammaRatio(n - j + 1, j) - logGamma(j + 1);
}

/**
 * ln of the hypergeometric pmf H(k; N, K, n) = C(K, k) C(N-K, n-k) / C(N, n): the
 * probability of k successes in a sample of n drawn without replacement from N items of
 * which K are successes. -Infinity outside the support max(0, n-(N-K)) <= k <= min(n, K).
 * N may exceed 2^31: every term is a log-gamma ratio, never a factorial.
 */
export function logHypergeometricPmf(k: number, N: number, K: number, n: number): number {
  if (!(N >= 0) || K < 0 || K > N || n < 0 || n > N) return NaN;
  if (k < Math.max(0, n - (N - K)) || k > Math.min(n, K)) return -Infinity;
  return logChoose(K, k) + logChoose(N - K, n - k) - logChoose(N, n);
}

/** ln(exp(a) + exp(b)) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * A root of a continuous f on [lo, hi] where f(lo) and f(hi) have opposite signs
 * (or one is 0): bisection safeguarded regula falsi (Illinois variant), to relative
 * width `tol` or `maxIter` steps. Returns NaN if the bracket is not a sign change.
 */
export function findRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  tol = 1e-13,
  maxIter = 400,
): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(Number.isFinite(fa) || Number.isFinite(fb)) || Number.isNaN(fa) || Number.isNaN(fb)) return NaN;
  if (Math.sign(fa) === Math.sign(fb)) return NaN;
  let side = 0;
  for (let i = 0; i < maxIter; i++) {
    if (Math.abs(b - a) <= tol * Math.max(Math.abs(a), Math.abs(b), 1e-300)) break;
    // Illinois step, falling back to bisection when it leaves the bracket or values are infinite.
    let c = Number.isFinite(fa) && Number.isFinite(fb) ? (a * fb - b * fa) / (fb - fa) : NaN;
    if (!(c > Math.min(a, b) && c < Math.max(a, b)) || i % 4 === 3) c = 0.5 * (a + b);
    const fc = f(c);
    if (fc === 0) return c;
    if (Number.isNaN(fc)) return NaN;
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return 0.5 * (a + b);
}

/**
 * A root of f in (lo, infinity) when f(lo) > 0 and f < 0 far enough above: the bracket's
 * upper end grows geometrically from `start` (x4 per step, up to 1e300) until f < 0, then
 * {@link findRoot} refines [lo, hi] to relative width `tol`. NaN when no bracket is found.
 */
export function rootAbove(f: (x: number) => number, lo: number, start: number, tol: number): number {
  let hi = start;
  let fhi = f(hi);
  while (!(fhi < 0) && hi < 1e300) {
    hi *= 4;
    fhi = f(hi);
  }
  if (!(fhi < 0)) return NaN;
  if (!(f(lo) > 0)) return NaN;
  return findRoot(f, lo, hi, tol);
}

/**
 * The roots of f at its downward sign changes over a grid, f(grid[i]) > 0 >= f(grid[i+1]),
 * refined by {@link findRoot} to relative width `tol`: the local maxima of a function whose
 * derivative is f. values[i] = f(grid[i]); roots that are not finite are left out.
 */
export function downwardRoots(
  f: (x: number) => number,
  grid: readonly number[],
  values: readonly number[],
  tol: number,
): number[] {
  const roots: number[] = [];
  for (let i = 0; i + 1 < grid.length; i++) {
    const a = values[i];
    const b = values[i + 1];
    if (!(a > 0 && b <= 0)) continue;
    const x = b === 0 ? grid[i + 1] : findRoot(f, grid[i], grid[i + 1], tol);
    if (Number.isFinite(x)) roots.push(x);
  }
  return roots;
}

/** Eigenvalues of the symmetric 2x2 matrix [[a, b], [b, d]], largest first. */
export function eigen2(a: number, b: number, d: number): [number, number] {
  const m = 0.5 * (a + d);
  const r = Math.hypot(0.5 * (a - d), b);
  return [m + r, m - r];
}

/** True when the symmetric 2x2 matrix [[a, b], [b, d]] is negative definite (at a maximum). */
export function negativeDefinite2(a: number, b: number, d: number): boolean {
  return eigen2(a, b, d)[0] < 0;
}

/**
 * Newton direction towards a maximum of a function of two variables with gradient
 * (gx, gy) and Hessian H = [[hxx, hxy], [hxy, hyy]]: the solution s of (H - mu I) s = -g,
 * with mu = 0 when H is negative definite, else the Levenberg shift that makes H - mu I
 * so (its largest eigenvalue + 1e-6 (|hxx| + |hyy|) + 1e-12). Returns [sx, sy], not
 * finite when the system is singular.
 */
export function ascentDirection2(gx: number, gy: number, hxx: number, hxy: number, hyy: number): [number, number] {
  let a = hxx;
  let d = hyy;
  const [top] = eigen2(a, hxy, d);
  if (!(top < 0)) {
    const mu = top + 1e-6 * (Math.abs(a) + Math.abs(d)) + 1e-12;
    a -= mu;
    d -= mu;
  }
  const det = a * d - hxy * hxy;
  return [-(d * gx - hxy * gy) / det, -(-hxy * gx + a * gy) / det];
}

/**
 * Backtracking (Armijo) line search towards a maximum of f(x, y) from (x, y) along (sx, sy):
 * the first t of 1, 1/2, 1/4, ... (at most `maxHalvings` tries) with f(x + t sx, y + t sy)
 * >= f0 + c t slope - 1e-14 |f0|, where f0 = f(x, y) and slope > 0 is the directional
 * derivative (the last term: rounding of f0 allows no finer test). Returns the point and its
 * value, or null when no t passes.
 */
export function backtrackAscent2(
  f: (x: number, y: number) => number,
  x: number,
  y: number,
  sx: number,
  sy: number,
  f0: number,
  slope: number,
  c = 1e-4,
  maxHalvings = 60,
): { x: number; y: number; value: number } | null {
  let t = 1;
  for (let k = 0; k < maxHalvings; k++) {
    const nx = x + t * sx;
    const ny = y + t * sy;
    const value = f(nx, ny);
    if (value >= f0 + c * t * slope - 1e-14 * Math.abs(f0)) return { x: nx, y: ny, value };
    t *= 0.5;
  }
  return null;
}
